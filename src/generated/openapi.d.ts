// Generated from openapi.yaml by `npm run codegen`. Do not edit.
export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Check that the server and its database answer */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account
         * @description The first account of an empty instance may sign up without an invitation code and becomes
         *     an administrator. After that an invitation code is required, unless the instance runs with
         *     `SIGNUP_MODE=open`. Any refusal (taken email, unknown or used code) gets the same generic
         *     message, so the response never reveals whether an account exists.
         *
         *     With `browser_session: true` (the web app) the new account is signed in as a browser session,
         *     as `POST /api/session` does, without a second sign-in: the answer is a `BrowserSession` and
         *     sets its cookie, and the request must come from the instance's own origin (403 otherwise).
         */
        post: operations["signup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in and get a session JWT
         * @description Returns a short-lived session JWT. Wrong email and wrong password get the same answer.
         *     Repeated failures for one email and client are slowed down with 429 responses.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/instance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Describe this instance to a visitor
         * @description The version, URLs, how sign-up works here and the size limits a signed-out visitor may know
         *     (the web app shows its sign-up form from it). Nothing secret.
         */
        get: operations["getInstance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The current browser session and its CSRF token
         * @description With the browser session's cookie, the session (so a reloaded app gets its `csrf_token`
         *     back); without it (or with only a bearer credential), 401.
         */
        get: operations["getBrowserSession"];
        put?: never;
        /**
         * Sign in as a browser session (the web app)
         * @description Checks the email and password as `POST /api/auth/login` does (the same generic refusal and
         *     the same rate limits), then sets the browser session's HttpOnly cookie and answers with its
         *     `csrf_token`; no bearer credential is returned. Only from the instance's own origin (403
         *     otherwise). See the `browserSession` security scheme for how the cookie is accepted.
         */
        post: operations["createBrowserSession"];
        /**
         * Sign out the browser session
         * @description Ends the session on the server (its cookie stops working everywhere) and clears the cookie.
         */
        delete: operations["deleteBrowserSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the caller's password
         * @description Needs the current password; rate-limited like sign-in (a wrong one counts as a failed
         *     attempt). Session JWT or browser session only: an API token cannot change it. On success every
         *     other browser session of the account ends (the one making the request stays signed in);
         *     API tokens stay valid, and session JWTs until they expire.
         */
        post: operations["changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Show the caller's account and credential
         * @description Works with a session JWT or any API token.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the caller's API tokens
         * @description Secrets are never shown again after creation. Session JWT only.
         */
        get: operations["listTokens"];
        put?: never;
        /**
         * Create an API token
         * @description Creates an `op_…` token for an AI client or script. The secret is in this response only.
         *     Session JWT only: an API token cannot create tokens.
         */
        post: operations["createToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens/{token_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API token
         * @description The token stops working at once. Session JWT only.
         */
        delete: operations["revokeToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/oauth/interactions/{uid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The pending authorization request an app asks the person to approve
         * @description What the consent screen (`/authorize/<uid>` in the web app) shows: the client asking, where its
         *     authorization code would be sent (`redirect_host`, so a look-alike name cannot hide it), the
         *     scopes it asks for and those this person already granted it. A signed-in person only (the
         *     browser session or a session JWT), never an API token or an OAuth access token.
         */
        get: operations["getAuthorizationRequest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/oauth/interactions/{uid}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a pending authorization request with the scopes the person chose
         * @description Grants the client the chosen scopes (a subset of those it asked for; the rest are refused) for
         *     the signed-in person, remembered per client. The answer's `redirect_to` is where the browser
         *     goes next: the authorization server, which sends the code to the client. Signed-in person only.
         */
        post: operations["approveAuthorizationRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/oauth/interactions/{uid}/deny": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deny a pending authorization request
         * @description The client gets `error=access_denied` at its redirect URI (through `redirect_to`). Signed-in person only.
         */
        post: operations["denyAuthorizationRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connected-apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The apps this person authorised through OAuth
         * @description One entry per client, with the scopes granted and when it was first and last used. Signed-in person only.
         */
        get: operations["listConnectedApps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/connected-apps/{app_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an app's access
         * @description Deletes the grant and every token issued under it: the app's next request is refused (on
         *     other instances within the few seconds a resolved credential is cached). Signed-in person only.
         */
        delete: operations["revokeConnectedApp"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List invitation codes (admins) */
        get: operations["listInvitations"];
        put?: never;
        /**
         * Create an invitation code (admins)
         * @description The code is in this response only; Outpost keeps just its hash.
         */
        post: operations["createInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List your pages, newest first
         * @description List the pages owned by the caller, newest first, a page of results at a time.
         */
        get: operations["listPages"];
        put?: never;
        /**
         * Publish a new page
         * @description Create a page from inline `html`, inline `files`, or a `source_url` to capture, with its
         *     visibility, passcodes and allowed emails in the same call; or upload one `.html` file or a
         *     `.zip` of the site as `multipart/form-data` (`curl -F "file=@site.zip" -F "visibility=shared"`).
         *     The response is the new page, with the URL it is served at.
         */
        post: operations["createPage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pages/{page_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
                page_id: components["parameters"]["PageIdPath"];
            };
            cookie?: never;
        };
        /** Get one page, with its passcodes and allowed emails */
        get: operations["getPage"];
        /**
         * Change a page's settings with form fields (an alias of PATCH)
         * @description The same change as `PATCH /api/pages/{page_id}`, also taking the fields as a form
         *     (`curl -X PUT … -F passcodes=one,two -F allowed_emails=a@example.com,b@example.com`), as
         *     `multipart/form-data` or `application/x-www-form-urlencoded`; lists are comma-separated or
         *     repeated. Fields left out are not changed; files are never touched.
         */
        put: operations["updatePageSettings"];
        post?: never;
        /** Delete a page and all its files */
        delete: operations["deletePage"];
        options?: never;
        head?: never;
        /**
         * Change a page's name, visibility, passcodes, allowed emails, expiry or view limit
         * @description Update any subset of name, visibility, passcodes, allowed_emails, expires_at and max_views; an
         *     empty array clears a list, null clears expires_at or max_views. Files are not touched: replace
         *     them with `POST /api/pages/{page_id}/files`.
         */
        patch: operations["updatePage"];
        trace?: never;
    };
    "/api/pages/{page_id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
                page_id: components["parameters"]["PageIdPath"];
            };
            cookie?: never;
        };
        /**
         * List a page's files
         * @description The page's current files, sorted by path, with their sizes and content types.
         */
        get: operations["listPageFiles"];
        put?: never;
        /**
         * Replace a page's files
         * @description Replace all of a page's files with new content (`html`, `files` or `source_url`, or a
         *     `multipart/form-data` upload of one `.html` file or a `.zip`). The page's id, URL, visibility and access settings stay the same. Visitors
         *     see the old site or the new one, never a mix.
         */
        post: operations["replacePageFiles"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pages/{page_id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
                page_id: components["parameters"]["PageIdPath"];
            };
            cookie?: never;
        };
        /**
         * How often a page was viewed
         * @description Views of the page's HTML documents by visitors (not its other files, not the owner's preview link):
         *     the total, and per day (UTC) for the last 30 days with an estimate of unique visitors (no address is
         *     stored: each day keeps a HyperLogLog sketch of keyed hashes of address and user agent). For a page
         *     with allowed emails, which address followed its emailed link, and when. Counts reach the database
         *     every few seconds, so the latest views may show a little later. Only the page's owner sees them.
         */
        get: operations["getPageStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pages/{page_id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
                page_id: components["parameters"]["PageIdPath"];
            };
            cookie?: never;
        };
        /**
         * Download a page's files as a ZIP
         * @description The page's current files, as a ZIP archive streamed as it is built.
         */
        get: operations["exportPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pages/{page_id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
                page_id: components["parameters"]["PageIdPath"];
            };
            cookie?: never;
        };
        /**
         * Download one of a page's files
         * @description One current file of the page, by its path (as `listPageFiles` names it), whatever the page's visibility: for its owner only. Sent as an attachment, so a browser never renders it as this origin.
         */
        get: operations["getPageFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pages/{page_id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
                page_id: components["parameters"]["PageIdPath"];
            };
            cookie?: never;
        };
        /**
         * List a page's versions
         * @description The page's live version and the earlier versions kept (`PAGE_VERSIONS_KEPT` in all, so there is
         *     no cursor), newest first: how each was made, its size and what changed from the one before.
         */
        get: operations["listPageVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pages/{page_id}/versions/{number}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
                page_id: components["parameters"]["PageIdPath"];
                /** @description The version's number, as `listPageVersions` shows it. */
                number: components["parameters"]["VersionNumberPath"];
            };
            cookie?: never;
        };
        /**
         * Get one version of a page, with its files
         * @description One kept version: how it was made, its files, and a read-only preview link to see it in a
         *     browser (valid for 15 minutes; revoked when the page's visibility changes).
         */
        get: operations["getPageVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/pages/{page_id}/versions/{number}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
                page_id: components["parameters"]["PageIdPath"];
                /** @description The version's number, as `listPageVersions` shows it. */
                number: components["parameters"]["VersionNumberPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roll a page back to one of its versions
         * @description Makes a new version equal to version `number` and shows it: history is never rewritten, so the
         *     rollback is itself a version (made by `rollback`). Its files are shared with that version, so it
         *     takes no storage of its own.
         */
        post: operations["rollbackPage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/upload-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get a one-time link to upload a page's content without a token
         * @description A URL that takes one upload (`curl -F file=@site.zip '<url>'`, or `-F source_url=…`) with no
         *     Authorization header: for a shell that does not hold the caller's credential, such as the
         *     one an AI assistant runs its commands in. Without `page_id` the upload creates a new page
         *     with the name and access settings given here; with `page_id` it replaces that page's files.
         *     The link works for `UPLOAD_LINK_TTL_SECONDS` (15 minutes), as the caller (their quota and
         *     request budget), until an upload through it succeeds; revoking the API token that asked
         *     for it revokes it too.
         */
        post: operations["createUploadLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/uploads/{upload_token}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The token of a one-time upload link, as `POST /api/upload-links` returns it in `url`. */
                upload_token: components["parameters"]["UploadTokenPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload through a one-time link
         * @description Creates the page, or replaces the page's files, that the link (`POST /api/upload-links`) was
         *     made for, exactly as `POST /api/pages` or `POST /api/pages/{page_id}/files` would for its
         *     owner: the same size limits, quota and request budget. The link is the credential: send no
         *     Authorization header. The first successful upload (a `source_url` capture answered with
         *     202 included) uses it up; a refused one leaves it usable.
         */
        post: operations["uploadWithLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List your capture jobs, newest first */
        get: operations["listJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The job's id, as a capture's response or `GET /api/jobs` shows it. */
                job_id: components["parameters"]["JobIdPath"];
            };
            cookie?: never;
        };
        /** Get one capture job, with its progress and problems */
        get: operations["getJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs/{job_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The job's id, as a capture's response or `GET /api/jobs` shows it. */
                job_id: components["parameters"]["JobIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop a capture that is still running
         * @description The job ends as `cancelled` and the page is left as it was. A job that already ended answers 409.
         */
        post: operations["cancelJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/watches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List your watches, newest first */
        get: operations["listWatches"];
        put?: never;
        /**
         * Watch a URL and re-capture it into a page on a schedule
         * @description Registers `source_url` (or the URL of the capture `job_id`) to be captured again into its page
         *     on the schedule. Each run is a capture job (action `watch_run`); a new version of the page is
         *     written only when the visible text or the files changed, and each run leaves a signal
         *     (`GET /api/signals`). The first run is one schedule step after creation. A user has at most
         *     `WATCHES_PER_USER` watches (400 beyond).
         */
        post: operations["createWatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/watches/{watch_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The watch's id, as `outpost_list_watches` or `GET /api/watches` shows it. */
                watch_id: components["parameters"]["WatchIdPath"];
            };
            cookie?: never;
        };
        /** Get one watch, with its last signal and next run */
        get: operations["getWatch"];
        put?: never;
        post?: never;
        /** Delete a watch and its signals (the page stays) */
        delete: operations["deleteWatch"];
        options?: never;
        head?: never;
        /** Pause or resume a watch, or change its schedule, webhook or e-mail */
        patch: operations["updateWatch"];
        trace?: never;
    };
    "/api/signals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest signals of one watch or of all your watches, newest first */
        get: operations["listSignals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description An error, as every failing request returns it. */
        Error: {
            /**
             * @description The HTTP status code.
             * @example 404
             */
            statusCode: number;
            /**
             * @description The HTTP status text.
             * @example Not Found
             */
            error: string;
            /** @description What went wrong and, where possible, what to do about it. */
            message: string;
            /** @description Present on 400 validation errors. */
            validation?: {
                /**
                 * @description Which part of the request was invalid.
                 * @enum {string}
                 */
                source: "params" | "query" | "payload" | "headers";
                /** @description The invalid fields, as dotted paths. */
                keys: string[];
            };
        };
        Health: {
            /**
             * @description Always `ok` when the server and its database answer.
             * @enum {string}
             */
            status: "ok";
        };
        /**
         * Format: email
         * @description An email address; compared case-insensitively.
         * @example alice@example.com
         */
        Email: string;
        /**
         * Format: date-time
         * @description An RFC 3339 timestamp in UTC.
         * @example 2026-05-03T17:42:11Z
         */
        Timestamp: string;
        /**
         * @description `pages:read` lists and reads pages; `pages:write` creates, changes and deletes them.
         * @enum {string}
         */
        Scope: "pages:read" | "pages:write";
        /** @description An Outpost account. */
        User: {
            /**
             * @description The account's id.
             * @example usr_4bV0dQeT1kR8sZ2m
             */
            readonly id: string;
            email: components["schemas"]["Email"];
            /** @description Administrators can create invitation codes. */
            admin: boolean;
            created_at: components["schemas"]["Timestamp"];
        };
        SignupRequest: {
            email: components["schemas"]["Email"];
            /** @description At least 8 characters. */
            password: string;
            /**
             * @description Required unless this is the first account of the instance or the instance allows open
             *     sign-up.
             */
            invitation_code?: string;
            /**
             * @description Sign the new account in as a browser session (the web app) instead of returning a session
             *     JWT: the answer is a `BrowserSession` and sets its cookie. Default false.
             */
            browser_session?: boolean;
        };
        LoginRequest: {
            email: components["schemas"]["Email"];
            password: string;
        };
        /** @description A signed-in session. */
        Session: {
            /** @description A session JWT; send it as `Authorization: Bearer <token>`. */
            token: string;
            /** @enum {string} */
            token_type: "Bearer";
            expires_at: components["schemas"]["Timestamp"];
            user: components["schemas"]["User"];
        };
        /**
         * @description A browser session: its cookie is HttpOnly, so the app knows the session only by this. Send
         *     `csrf_token` as the `X-CSRF-Token` header on every request that is not GET or HEAD.
         */
        BrowserSession: {
            user: components["schemas"]["User"];
            /** @description The session's CSRF token; the same for the session's whole life. */
            csrf_token: string;
            /** @description When the session ends unless it is used again (each use extends it, up to 30 days after sign-in). */
            expires_at: components["schemas"]["Timestamp"];
        };
        PasswordChangeRequest: {
            current_password: string;
            /** @description At least 8 characters. */
            new_password: string;
        };
        /** @description What a signed-out visitor of this instance may know about it. */
        Instance: {
            /**
             * @description The Outpost version the instance runs.
             * @example 0.1.0
             */
            version: string;
            /**
             * Format: uri
             * @description The instance's base URL (`PUBLIC_URL`).
             */
            public_url: string;
            /**
             * Format: uri
             * @description The MCP endpoint to point AI clients at.
             */
            mcp_url: string;
            /**
             * Format: uri
             * @description The API reference.
             */
            docs_url: string;
            /**
             * @description How a new account signs up: `first_account` (the instance has no account yet; the first
             *     sign-up needs no code and becomes the administrator), `open` (anyone may sign up) or
             *     `invitation` (an invitation code from an administrator is needed).
             * @enum {string}
             */
            signup: "first_account" | "open" | "invitation";
            /** @description Whether sign-up needs `invitation_code` (true exactly when `signup` is `invitation`). */
            invitation_required: boolean;
            limits: {
                /** @description The largest total size of one page's files (`UPLOAD_LIMIT_MB`). */
                max_upload_bytes: number;
                /** @description Bytes of page files each account may store (`USER_QUOTA_MB`). */
                user_quota_bytes: number;
            };
        };
        /** @description The caller's account and how the request was authenticated. */
        Me: {
            user: components["schemas"]["User"];
            /**
             * @description The caller's page storage: the bytes of every page's files (and of uploads in progress), and the
             *     quota (`USER_QUOTA_MB`). A new page or new files that would pass it are refused with 413.
             */
            storage: {
                used_bytes: number;
                limit_bytes: number;
            };
            auth: {
                /**
                 * @description A session JWT (or the browser session), an API token, or an OAuth access token.
                 * @enum {string}
                 */
                kind: "session" | "api_token" | "oauth";
                /** @description The scopes the credential carries. */
                scopes: string[];
                /** @description The API token's id, when the request used one. */
                token_id?: string;
            };
        };
        TokenCreateRequest: {
            /**
             * @description A label to recognise the token by, such as the client that uses it.
             * @example Claude Code on my laptop
             */
            name: string;
            /** @description What the token may do. Defaults to both scopes. */
            scopes?: components["schemas"]["Scope"][];
        };
        AuthorizationRequest: {
            uid: string;
            client: {
                client_id: string;
                /** @description The name the client gave itself (its client_id when it gave none); not verified. */
                name: string;
                client_uri?: string;
                logo_uri?: string;
                redirect_uri: string;
                /** @description Where the authorization code goes (the redirect URI's host), to show next to the name. */
                redirect_host: string;
                /**
                 * @description How the client is known here (a Client ID Metadata Document URL, dynamic registration, configuration).
                 * @enum {string}
                 */
                registration: "metadata_document" | "dynamic" | "preregistered";
            };
            /** @description The scopes asked for, in plain words. */
            scopes: {
                /** @enum {string} */
                scope: "pages:read" | "pages:write";
                description: string;
            }[];
            /** @description Scopes this person granted this client before (remembered per client). */
            previously_granted: string[];
        };
        AuthorizationRedirect: {
            /** @description Where the browser goes next. */
            redirect_to: string;
        };
        ConnectedAppList: {
            apps: components["schemas"]["ConnectedApp"][];
        };
        ConnectedApp: {
            id: string;
            client_id: string;
            name: string;
            scopes: string[];
            /**
             * Format: date-time
             * @description When the person authorised it.
             */
            first_used_at: string;
            /**
             * Format: date-time
             * @description When one of its tokens was last used (to within a few seconds); null before the first use.
             */
            last_used_at: string | null;
        };
        /** @description An API token, without its secret. */
        Token: {
            /** @example tok_Hc9s1LqP0aZ3xY7w */
            id: string;
            name: string;
            scopes: components["schemas"]["Scope"][];
            created_at: components["schemas"]["Timestamp"];
            /** @description When the token last authenticated a request (to the minute), or null. */
            last_used_at: components["schemas"]["Timestamp"] | null;
        };
        /** @description A new API token. `token` is shown only this once; Outpost keeps just its hash. */
        TokenCreated: components["schemas"]["Token"] & {
            /** @description The secret; send it as `Authorization: Bearer op_…`. */
            token: string;
        };
        TokenList: {
            tokens: components["schemas"]["Token"][];
        };
        InvitationCreateRequest: {
            /**
             * @description How long the code stays valid.
             * @default 7
             */
            expires_in_days: number;
            /** @description A reminder of whom the code is for. */
            note?: string;
        };
        /** @description An invitation code's record. The code itself is shown only when it is created. */
        Invitation: {
            id: string;
            note?: string;
            created_at: components["schemas"]["Timestamp"];
            expires_at: components["schemas"]["Timestamp"];
            used_at: components["schemas"]["Timestamp"] | null;
        };
        InvitationCreated: components["schemas"]["Invitation"] & {
            /** @description The invitation code to hand to the new user (shown only this once). */
            code: string;
        };
        InvitationList: {
            invitations: components["schemas"]["Invitation"][];
        };
        /**
         * @description The page's 8-character id, as in its URL.
         * @example Ab12Cd34
         */
        PageId: string;
        /**
         * @description `public`: anyone with the URL. `shared`: visitors who enter one of the passcodes or an allowed
         *     email. `private`: only the owner, through the preview link `GET /api/pages/{page_id}` returns.
         * @enum {string}
         */
        Visibility: "public" | "shared" | "private";
        /** @description Passcodes that open a shared page. Stored encrypted; an empty array removes them all. */
        Passcodes: string[];
        /** @description Emails that may open a shared page through a one-time link. An empty array removes them all. */
        AllowedEmails: string[];
        /**
         * Format: date-time
         * @description When the page stops being served: after it, its address answers 410 Gone. At create it must be in
         *     the future; on update, null removes it (a time already past ends the page now).
         */
        PageExpiresAt: string | null;
        /**
         * @description How many times the page's HTML documents may be opened by visitors (the owner's preview link and the
         *     page's other files don't count); after that its address answers 410 Gone. null removes the limit.
         */
        PageMaxViews: number | null;
        PageFile: {
            /** @description The file's path in the site, e.g. `index.html` or `assets/app.css`. */
            path: string;
            /** @description The file's content, as text or base64 (see `encoding`). */
            content: string;
            /**
             * @default utf8
             * @enum {string}
             */
            encoding: "utf8" | "base64";
        };
        /**
         * @description A page's files, given in exactly one way: `html` (a single HTML page), `files` (a small site
         *     written inline, e.g. by an AI client) or `source_url` (a page to capture with its same-domain
         *     assets).
         */
        PageContent: {
            /** @description The page as one HTML document; stored as `index.html`. */
            html?: string;
            /** @description The site's files. `index.html` (or the only `.html` file) becomes the default file. */
            files?: components["schemas"]["PageFile"][];
            /**
             * Format: uri
             * @description A public http(s) page to capture with its same-domain assets.
             */
            source_url?: string;
            render?: components["schemas"]["CaptureRender"];
        } & ({
            html: unknown;
            files?: never;
            source_url?: never;
        } | {
            html?: never;
            files: unknown;
            source_url?: never;
        } | {
            html?: never;
            files?: never;
            source_url: unknown;
        });
        /**
         * @description Serve the page's HTML documents with a small script at the top of `<head>` that gives scripts
         *     in-memory stand-ins for `document.cookie`, `localStorage` and `sessionStorage` (they throw in the
         *     sandbox pages run in; nothing is kept after the page is closed, nothing reaches the server) and
         *     starts `new Worker()` on the page's own scripts. The stored files and the export are not changed.
         *     Off by default for uploaded files; a `source_url` capture (creating the page or replacing its
         *     files) turns it on. It can be turned on or off at any time.
         */
        ScriptShims: boolean;
        PageCreateRequest: components["schemas"]["PageContent"] & {
            /** @description A name to recognise the page by. Defaults to the page's HTML title or "Untitled page". */
            name?: string;
            visibility?: components["schemas"]["Visibility"];
            passcodes?: components["schemas"]["Passcodes"];
            allowed_emails?: components["schemas"]["AllowedEmails"];
            script_shims?: components["schemas"]["ScriptShims"];
            expires_at?: components["schemas"]["PageExpiresAt"];
            max_views?: components["schemas"]["PageMaxViews"];
        };
        /** @description Any subset of these fields; the page's files are not touched. */
        PageUpdateRequest: {
            name?: string;
            visibility?: components["schemas"]["Visibility"];
            passcodes?: components["schemas"]["Passcodes"];
            allowed_emails?: components["schemas"]["AllowedEmails"];
            script_shims?: components["schemas"]["ScriptShims"];
            expires_at?: components["schemas"]["PageExpiresAt"];
            max_views?: components["schemas"]["PageMaxViews"];
        };
        PageFilesRequest: components["schemas"]["PageContent"];
        /**
         * @description The job's 12-character id.
         * @example Qw3Er5Ty7Ui9
         */
        JobId: string;
        /**
         * @description `pending`: accepted, not started. `running`: fetching. `done`: the page holds the capture.
         *     `failed`: the source page could not be captured (see `error`); the page was not changed.
         *     `cancelled`: stopped before it finished; the page was not changed.
         * @enum {string}
         */
        JobStatus: "pending" | "running" | "done" | "failed" | "cancelled";
        JobProblem: {
            url: string;
            /** @description A short code, e.g. `status`, `timeout`, `too-large`, `blocked-address`, `asset-limit`. */
            reason: string;
            message: string;
        };
        JobCounts: {
            /** @description Same-origin assets the page references (the page itself not included). */
            assets_found: number;
            assets_fetched: number;
            /** @description Assets left out because a limit was reached (count, size, time). */
            assets_skipped: number;
            /** @description Assets that could not be fetched (status, timeout, blocked address…). */
            assets_failed: number;
            /** @description References to other sites, kept as absolute URLs. */
            assets_external: number;
            /** @description Decoded bytes fetched, the page included. */
            bytes: number;
        };
        /** @description A capture of a `source_url` into a page. */
        Job: {
            id: components["schemas"]["JobId"];
            /**
             * @description `create`: a new page. `replace`: new files for `page_id`. `watch_run`: a run of watch `watch_id` (files replaced only when they changed).
             * @enum {string}
             */
            action: "create" | "replace" | "watch_run";
            /** @description The watch a `watch_run` belongs to. */
            watch_id?: string | null;
            status: components["schemas"]["JobStatus"];
            source_url: string;
            /** @description The page the capture writes (for `create`, known once it is done). */
            page_id: string | null;
            counts: components["schemas"]["JobCounts"];
            /** @description The first assets that were skipped or failed, with the reason. */
            problems: components["schemas"]["JobProblem"][];
            problem_count: number;
            /** @description Why the job failed or was cancelled; null otherwise. */
            error: null | {
                reason: string;
                message: string;
                /** @description The source page's HTTP status, when it answered with an error (reason `status`). */
                http_status?: number;
            };
            created_at: components["schemas"]["Timestamp"];
            /** Format: date-time */
            started_at: string | null;
            /** Format: date-time */
            finished_at: string | null;
            duration_ms: number | null;
        };
        JobList: {
            jobs: components["schemas"]["Job"][];
            count: number;
            /** @description Pass as `cursor` for the next, older jobs; null when there are no more. */
            next_cursor: string | null;
        };
        /** @description The capture is still running after `wait` seconds; poll the job. */
        CaptureAccepted: {
            job: components["schemas"]["Job"];
            message: string;
        };
        /** @description The page with a `message` once its capture finished; while it still runs, the job to poll. */
        CaptureResult: components["schemas"]["Page"] | components["schemas"]["CaptureAccepted"];
        JobIdRequest: {
            job_id: components["schemas"]["JobId"];
        };
        UpdateFromUrlRequest: {
            page_id: components["schemas"]["PageId"];
            /**
             * Format: uri
             * @description The public http(s) page to capture; its files replace the page's files.
             */
            source_url: string;
            render?: components["schemas"]["CaptureRender"];
            wait?: components["schemas"]["CaptureWait"];
        };
        /**
         * @description With a `source_url`: also load the page in a headless browser (every request it makes goes through
         *     the capture's address checks) and store the same-site files its scripts fetch while loading, such as
         *     a spec a Swagger UI loads. Defaults to true when the server has the browser pass (`CAPTURE_BROWSER`);
         *     `true` on a server without it is a 400. What the page tried and was refused is in the job's problems
         *     (e.g. `blocked-address`, `render-websocket`, `render-service-worker`, `render-method`).
         */
        CaptureRender: boolean;
        /**
         * @description For a `source_url`, how many seconds to wait for the capture before answering with the job to poll.
         * @default 60
         */
        CaptureWait: number;
        /** @description A page as listed. */
        PageSummary: {
            id: components["schemas"]["PageId"];
            name: string;
            visibility: components["schemas"]["Visibility"];
            /** @description The file the page opens on. Uploaded content: served at the page's root. A capture from a `source_url`: the captured document at its own path in the mirrored layout (`docs/guide/index.html` for `https://site/docs/guide/`), and the page's root answers 302 to it, so addresses its scripts build relative to it resolve as on the original. */
            default_file: string;
            /**
             * Format: uri
             * @description Where the page is served.
             */
            url: string;
            has_passcode: boolean;
            allowed_emails: string[];
            /** @description Total bytes of the page's files. */
            size: number;
            file_count: number;
            /** @description Whether the page's HTML documents are served with the script shims (see `ScriptShims`). */
            script_shims: boolean;
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
            status: components["schemas"]["PageStatus"];
            /**
             * Format: date-time
             * @description When the page stops being served (410 Gone after it); null when it doesn't.
             */
            expires_at: string | null;
            /** @description How many visitor views of its HTML documents the page allows; null when unlimited. */
            max_views: number | null;
        };
        /**
         * @description `live`: served at its URL. `expired`: its `expires_at` has passed or its `max_views` are used up; its
         *     URL answers 410 Gone (change or clear them to serve it again).
         * @enum {string}
         */
        PageStatus: "live" | "expired";
        /** @description A page, with its passcodes (decrypted) and allowed emails. */
        Page: components["schemas"]["PageSummary"] & {
            passcodes: string[];
            /**
             * Format: uri
             * @description A private preview link for the page's owner: opens the page in a browser whatever its visibility and access settings, for 15 minutes from this response. Anyone holding the link can use it until then; ask for the page again for a fresh one.
             */
            preview_url?: string;
            /** @description Present when the page's files were just captured from a `source_url`. */
            job?: components["schemas"]["Job"];
        };
        PageStats: {
            page_id: components["schemas"]["PageId"];
            status: components["schemas"]["PageStatus"];
            /** @description Visitor views of the page's HTML documents since it was created. */
            total_views: number;
            views_last_30_days: number;
            /** @description Estimated distinct visitors (address and user agent) over the last 30 days (about 3 % error). */
            unique_visitors_last_30_days: number;
            /** @description The last 30 days (UTC), oldest first, days without views included. */
            days: components["schemas"]["PageDayViews"][];
            /** @description For a page with allowed emails, each address that followed its emailed link, latest first. */
            email_opens: components["schemas"]["PageEmailOpen"][];
            max_views: number | null;
            /** @description Views left before the page answers 410 Gone; null without max_views. */
            views_left: number | null;
            /** Format: date-time */
            expires_at: string | null;
        };
        PageDayViews: {
            /**
             * Format: date
             * @description The day (UTC), as YYYY-MM-DD.
             */
            date: string;
            views: number;
            /** @description Estimated distinct visitors that day. */
            unique_visitors: number;
        };
        PageEmailOpen: {
            email: string;
            /** @description How many of its emailed links this address followed. */
            opens: number;
            first_opened_at: components["schemas"]["Timestamp"];
            last_opened_at: components["schemas"]["Timestamp"];
        };
        PageVersionList: {
            versions: components["schemas"]["PageVersion"][];
            count: number;
        };
        PageVersion: {
            /** @description 1, 2, 3… in the order the page's versions went live (0 for one stored before versions were numbered). */
            number: number;
            /** @description Whether this is the version the page shows now. */
            live: boolean;
            /**
             * Format: date-time
             * @description When it went live.
             */
            created_at: string;
            origin: components["schemas"]["VersionOrigin"];
            file_count: number;
            /** @description Bytes of its files (files shared with other versions are stored once; see `stored_bytes`). */
            size: number;
            /** @description Bytes this version stored itself, counted in the quota (content shared with an older version costs nothing). */
            stored_bytes?: number;
            changes: components["schemas"]["VersionChanges"];
        };
        PageVersionDetail: components["schemas"]["PageVersion"] & {
            files: components["schemas"]["VersionFile"][];
            /**
             * Format: uri
             * @description A read-only link to this version for 15 minutes (for the owner; anyone holding it can use it until then).
             */
            preview_url: string;
        };
        VersionFile: {
            path: string;
            size: number;
            content_type: string;
            /** @description Hex SHA-256 of the content. */
            sha256: string;
        };
        /**
         * @description How the version was made: `upload` (a file or ZIP), `inline` (`html` or `files`), `capture` of
         *     `source_url` (by `job_id`; a watch's run also names `watch_id`), or `rollback` to `from_version`.
         */
        VersionOrigin: {
            /** @enum {string} */
            kind: "upload" | "inline" | "capture" | "rollback" | "unknown";
            source_url?: string;
            job_id?: string;
            watch_id?: string;
            from_version?: number;
        };
        /** @description What changed from the version before, by path and SHA-256 (up to 50 paths of each kind are listed). */
        VersionChanges: {
            added: number;
            removed: number;
            changed: number;
            added_paths: string[];
            removed_paths: string[];
            changed_paths: string[];
        };
        PageFileList: {
            files: components["schemas"]["StoredPageFile"][];
            count: number;
        };
        StoredPageFile: {
            /** @description The file's path in the page ("/"-separated, no leading slash). */
            path: string;
            /** @description Bytes. */
            size: number;
            content_type: string;
        };
        PageList: {
            pages: components["schemas"]["PageSummary"][];
            /** @description How many pages this response holds. */
            count: number;
            /** @description Pass as `cursor` for the next, older pages; null when there are no more. */
            next_cursor: string | null;
        };
        /** @description What the new page should be; the recipe's upload link carries these into the upload. */
        UploadRecipeRequest: {
            name?: string;
            visibility?: components["schemas"]["Visibility"];
            passcodes?: components["schemas"]["Passcodes"];
            allowed_emails?: components["schemas"]["AllowedEmails"];
        };
        UpdateFilesRequest: {
            page_id: components["schemas"]["PageId"];
            /** @description New content as one HTML document (replaces every file). */
            html?: string;
            /** @description New content as a small site (replaces every file). */
            files?: components["schemas"]["PageFile"][];
        };
        /**
         * @description With inline content: the page with its new files and a `message`. Without: curl recipes to
         *     replace the files from a local file (`replace_with_file`) or a URL (`replace_from_url`), each
         *     with its own one-time upload link, and a `hint`.
         */
        UpdateFilesResult: {
            message?: string;
            note?: string;
            replace_with_file?: components["schemas"]["CurlRecipe"];
            replace_from_url?: components["schemas"]["CurlRecipe"];
            /**
             * Format: date-time
             * @description With recipes, when their upload links expire; with inline content, the page's `expires_at`.
             */
            expires_at?: string | null;
            hint?: string;
        };
        CurlRecipe: {
            /** @description The method and URL, e.g. `POST https://outpost.example.com/api/uploads/…`. */
            endpoint: string;
            /**
             * @description A curl command that runs as given in a shell, from the folder holding the file it names
             *     (`./my_site.zip`: change the path to upload another file). Its one-time upload link
             *     stands in for a token.
             */
            example: string;
        };
        UploadRecipe: {
            note: string;
            upload_file: components["schemas"]["CurlRecipe"];
            /**
             * @description Commands still needed once the upload is done; empty, since the upload link carries the
             *     name and access settings (so the page is never public in between).
             */
            after_upload: components["schemas"]["CurlRecipe"][];
            expires_at?: components["schemas"]["Timestamp"];
        };
        /**
         * @description Without `page_id`: a link that creates a new page with these settings. With `page_id`: a link
         *     that replaces that page's files (its settings stay; change them with `PATCH /api/pages/{page_id}`).
         */
        UploadLinkRequest: {
            page_id?: components["schemas"]["PageId"];
            name?: string;
            visibility?: components["schemas"]["Visibility"];
            passcodes?: components["schemas"]["Passcodes"];
            allowed_emails?: components["schemas"]["AllowedEmails"];
        };
        UploadLink: {
            /**
             * @description Where to `POST` the upload (`multipart/form-data`), with no Authorization header.
             * @example https://outpost.example.com/api/uploads/mzq1x2.c2VjcmV0.bWFj
             */
            url: string;
            /** @enum {string} */
            action: "create" | "replace";
            page_id?: components["schemas"]["PageId"];
            expires_at: components["schemas"]["Timestamp"];
        };
        /**
         * @description An upload, as `curl -F` sends it. Give exactly one of `file` and `source_url`; the page's
         *     name and access settings come from the link.
         */
        UploadLinkForm: {
            /**
             * @description One `.html` file (stored as `index.html`) or a `.zip` of the site (a single top-level
             *     folder is stripped; `index.html`, or the only HTML file, becomes the default file).
             */
            file?: string;
            /**
             * Format: uri
             * @description A public http(s) page to capture with its same-domain assets.
             */
            source_url?: string;
        };
        /** @description The fields of `PageUpdateRequest` as form fields, as `curl -F` or `curl -d` send them. */
        PageUpdateForm: {
            name?: string;
            visibility?: components["schemas"]["Visibility"];
            /** @description Passcodes, comma-separated, or one per repeated field (a passcode with a comma needs the JSON form). */
            passcodes?: string;
            /** @description Allowed emails, comma-separated, or one per repeated field. */
            allowed_emails?: string;
            /**
             * @description `true` or `false` (see `ScriptShims`).
             * @enum {string}
             */
            script_shims?: "true" | "false";
            /** @description An RFC 3339 date-time; an empty value removes it. */
            expires_at?: string;
            /** @description A whole number of at least 1; an empty value removes the limit. */
            max_views?: string;
        };
        /**
         * @description The watch's 12-character id.
         * @example Wa7Tc4Hq2Zp9
         */
        WatchId: string;
        /**
         * @description When the watch runs: every `interval_minutes` (15 or more), or at the times of a 5-field
         *     `cron` expression (runs at least 15 minutes apart; `timezone` an IANA name, default UTC).
         *     Give one of `interval_minutes` and `cron`.
         */
        WatchSchedule: {
            interval_minutes?: number;
            /** @example 0 9 * * 1-5 */
            cron?: string;
            /** @example Europe/Paris */
            timezone?: string;
        };
        /**
         * @description `active`: runs on its schedule. `paused`: does not run until resumed.
         * @enum {string}
         */
        WatchState: "active" | "paused";
        /**
         * @description What to watch: `page_id` and `source_url` (the page the captures go into, and what to capture),
         *     or `job_id` of an earlier capture (its page and URL).
         */
        WatchCreateRequest: {
            page_id?: components["schemas"]["PageId"];
            /** Format: uri */
            source_url?: string;
            job_id?: components["schemas"]["JobId"];
            schedule: components["schemas"]["WatchSchedule"];
            /**
             * Format: uri
             * @description Receives each signal of a change or a failure as a signed POST (see `WatchWebhook`).
             */
            webhook_url?: string;
            email?: components["schemas"]["Email"];
            state?: components["schemas"]["WatchState"];
        };
        /**
         * @description Any subset: `state` pauses or resumes, `schedule` replaces it (the next run moves), `webhook_url`
         *     sets the webhook (re-enabling a disabled one; null removes it), `email` likewise.
         */
        WatchUpdateRequest: {
            state?: components["schemas"]["WatchState"];
            schedule?: components["schemas"]["WatchSchedule"];
            /** Format: uri */
            webhook_url?: string | null;
            /** Format: email */
            email?: string | null;
        };
        /**
         * @description Each signal that is not `unchanged` is POSTed as JSON with `X-Outpost-Signature: sha256=<hex>`, the HMAC-SHA256 of the
         *     body under the watch's webhook secret (shown once, when the webhook is set). A delivery is retried
         *     with backoff; after repeated failed runs the webhook is disabled, with the reason.
         */
        WatchWebhook: {
            url: string;
            /** @enum {string} */
            state: "active" | "disabled";
            /** @description Runs in a row whose delivery failed. */
            failures: number;
            disabled_reason: string | null;
        };
        /** @description A `source_url` re-captured into a page on a schedule; each run gives a signal. */
        Watch: {
            id: components["schemas"]["WatchId"];
            page_id: components["schemas"]["PageId"];
            source_url: string;
            schedule: components["schemas"]["WatchSchedule"];
            state: components["schemas"]["WatchState"];
            /**
             * Format: date-time
             * @description Null while paused.
             */
            next_run_at: string | null;
            /** Format: date-time */
            last_run_at: string | null;
            run_count: number;
            last_signal: null | components["schemas"]["Signal"];
            webhook: null | components["schemas"]["WatchWebhook"];
            email: string | null;
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
        };
        WatchWithSecret: {
            watch: components["schemas"]["Watch"];
            /** @description The webhook's signing secret, shown only in the answer that set the webhook; null otherwise. */
            webhook_secret: string | null;
        };
        WatchList: {
            watches: components["schemas"]["Watch"][];
            count: number;
            /** @description Pass as `cursor` for the next, older watches; null when there are no more. */
            next_cursor: string | null;
        };
        SignalChanges: {
            /** @description The title before and after, when it changed. */
            title: null | {
                before: string | null;
                after: string | null;
            };
            /** @description The first lines of visible text that appeared (each at most 200 characters). */
            text_added: string[];
            text_removed: string[];
            text_added_count: number;
            text_removed_count: number;
            /** @description Paths of files the page did not have (the first 20). */
            assets_added: string[];
            assets_removed: string[];
            assets_changed: string[];
        };
        /**
         * @description What one run of a watch found. `outcome`: `changed` (a new version of the page was made),
         *     `unchanged` (the capture equals the live version; nothing was written), `failed` (see `failure`).
         *     `score` (0–1) measures how much changed: 0.6 × the share of visible-text lines added or removed
         *     plus 0.4 × the share of files added, removed or changed, at least 0.05 when only the title changed;
         *     0 for `unchanged` and `failed`.
         */
        Signal: {
            id: string;
            watch_id: components["schemas"]["WatchId"];
            page_id: components["schemas"]["PageId"];
            /** @description The capture job of the run (null when the run could not start one). */
            job_id: string | null;
            /** @enum {string} */
            outcome: "changed" | "unchanged" | "failed";
            changed: boolean;
            score: number;
            /** @description One line for people, e.g. `Title changed; 3 lines added, 1 removed; 1 file changed`. */
            summary: string;
            changes: null | components["schemas"]["SignalChanges"];
            /** @description Why the run failed (`http_status` for an error answer such as 404). */
            failure: null | {
                /** @description e.g. `status`, `refused`, `dns`, `timeout`, `blocked-address`, `page-gone`. */
                reason: string;
                message: string;
                http_status: number | null;
            };
            created_at: components["schemas"]["Timestamp"];
        };
        SignalList: {
            signals: components["schemas"]["Signal"][];
            count: number;
            /** @description Pass as `cursor` for the next, older signals; null when there are no more. */
            next_cursor: string | null;
        };
    };
    responses: {
        /** @description The capture of `source_url` is still running after `wait` seconds; poll the job. */
        CaptureAccepted: {
            headers: {
                /** @description The job's URL. */
                Location?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["CaptureAccepted"];
            };
        };
        /** @description The `source_url` could not be captured (blocked address, DNS, refused, error status, not HTML, limits); nothing was changed. */
        CaptureFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The server's disk is nearly full (below `DISK_FREE_FLOOR_MB`), so it stores no page content for now. Nothing was stored. */
        InsufficientStorage: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The request is malformed or fails validation. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The credential is missing, malformed, unknown, revoked or expired. */
        Unauthorized: {
            headers: {
                "WWW-Authenticate"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The credential lacks a scope this operation needs, or a browser session's request lacks its `X-CSRF-Token`. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Nothing with that id belongs to the caller. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The request body is not `application/json` (nor `multipart/form-data` where the operation takes uploads). */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No page with this id belongs to the caller, or the page keeps no version with this number. */
        VersionNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No page with this id belongs to the caller. */
        PageNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No page with this id belongs to the caller, or the page has no file at this path. */
        PageFileNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No job with this id belongs to the caller. */
        JobNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description A browser session can be started only from the instance's own origin (see the `browserSession` scheme). */
        CrossOrigin: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The caller's request budget is spent; retry after `Retry-After` seconds. */
        TooManyRequests: {
            headers: {
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No watch with this id belongs to the caller. */
        WatchNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /** @description The pending request's id, from the consent screen's URL (`/authorize/<uid>`). */
        InteractionUid: string;
        /** @description The token of a one-time upload link, as `POST /api/upload-links` returns it in `url`. */
        UploadTokenPath: string;
        /** @description The version's number, as `listPageVersions` shows it. */
        VersionNumberPath: number;
        /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
        PageIdPath: components["schemas"]["PageId"];
        /** @description For a `source_url`, how many seconds to wait for the capture before answering 202 with the job to poll. */
        CaptureWaitQuery: components["schemas"]["CaptureWait"];
        /** @description The job's id, as a capture's response or `GET /api/jobs` shows it. */
        JobIdPath: components["schemas"]["JobId"];
        /** @description The watch's id, as `outpost_list_watches` or `GET /api/watches` shows it. */
        WatchIdPath: components["schemas"]["WatchId"];
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Healthy. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description The database does not answer. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    signup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignupRequest"];
            };
        };
        responses: {
            /**
             * @description The account was created and signed in: a `Session` (with a session JWT), or with
             *     `browser_session: true` a `BrowserSession` (and its cookie in `Set-Cookie`).
             */
            201: {
                headers: {
                    /** @description With `browser_session: true`, the browser session's cookie. */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"] | components["schemas"]["BrowserSession"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["CrossOrigin"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Signed in. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getInstance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The instance. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Instance"];
                };
            };
            400: components["responses"]["BadRequest"];
        };
    };
    getBrowserSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrowserSession"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createBrowserSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Signed in. */
            200: {
                headers: {
                    /** @description The browser session's cookie. */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrowserSession"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["CrossOrigin"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    deleteBrowserSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out. */
            204: {
                headers: {
                    /** @description Clears the cookie. */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordChangeRequest"];
            };
        };
        responses: {
            /** @description Changed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request fails validation, or `current_password` is wrong (`validation.keys` names it). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tokens, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenCreateRequest"];
            };
        };
        responses: {
            /** @description The token, with its secret. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenCreated"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    revokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The token's id (`tok_…`), as listed by `GET /api/tokens`. */
                token_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getAuthorizationRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The pending request's id, from the consent screen's URL (`/authorize/<uid>`). */
                uid: components["parameters"]["InteractionUid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The pending request. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthorizationRequest"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    approveAuthorizationRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The pending request's id, from the consent screen's URL (`/authorize/<uid>`). */
                uid: components["parameters"]["InteractionUid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    scopes: ("pages:read" | "pages:write")[];
                };
            };
        };
        responses: {
            /** @description Approved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthorizationRedirect"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    denyAuthorizationRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The pending request's id, from the consent screen's URL (`/authorize/<uid>`). */
                uid: components["parameters"]["InteractionUid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Denied. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthorizationRedirect"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listConnectedApps: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The connected apps, most recently used first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectedAppList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    revokeConnectedApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The connected app's id, as listed by `GET /api/connected-apps`. */
                app_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listInvitations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The invitations, newest first, without their codes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["InvitationCreateRequest"];
            };
        };
        responses: {
            /** @description The invitation, with its code. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationCreated"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listPages: {
        parameters: {
            query?: {
                /** @description How many pages to return (default 50). */
                limit?: number;
                /** @description The `next_cursor` of the previous response. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The pages. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createPage: {
        parameters: {
            query?: {
                /** @description For a `source_url`, how many seconds to wait for the capture before answering 202 with the job to poll. */
                wait?: components["parameters"]["CaptureWaitQuery"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PageCreateRequest"];
                "multipart/form-data": {
                    /** @description A name to recognise the page by. */
                    name?: string;
                    visibility?: components["schemas"]["Visibility"];
                    /** @description Passcodes, comma-separated, or one per repeated field. */
                    passcodes?: string;
                    /** @description Allowed emails, comma-separated, or one per repeated field. */
                    allowed_emails?: string;
                    /**
                     * @description `true` or `false` (see `ScriptShims`).
                     * @enum {string}
                     */
                    script_shims?: "true" | "false";
                    /** @description When the page stops being served, an RFC 3339 date-time in the future. */
                    expires_at?: string;
                    /** @description How many visitor views the page allows (a whole number of at least 1). */
                    max_views?: string;
                    /**
                     * Format: binary
                     * @description One `.html` file (stored as `index.html`) or a `.zip` of the site (a single
                     *     top-level folder is stripped; `index.html`, or the only HTML file, becomes the
                     *     default file).
                     */
                    file?: string;
                    /**
                     * Format: uri
                     * @description A public http(s) page to capture with its same-domain assets.
                     */
                    source_url?: string;
                } & ({
                    file: unknown;
                    source_url?: never;
                } | {
                    file?: never;
                    source_url: unknown;
                });
            };
        };
        responses: {
            /** @description The page. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page"];
                };
            };
            202: components["responses"]["CaptureAccepted"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /**
             * @description The content is larger than this instance accepts for one page (`UPLOAD_LIMIT_MB`), or would
             *     take the caller's stored files past their quota (`USER_QUOTA_MB`; the message says how much is
             *     used and needed). Nothing was stored.
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["CaptureFailed"];
            429: components["responses"]["TooManyRequests"];
            507: components["responses"]["InsufficientStorage"];
        };
    };
    getPage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
                page_id: components["parameters"]["PageIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["PageNotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updatePageSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
                page_id: components["parameters"]["PageIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PageUpdateRequest"];
                "multipart/form-data": components["schemas"]["PageUpdateForm"];
                "application/x-www-form-urlencoded": components["schemas"]["PageUpdateForm"];
            };
        };
        responses: {
            /** @description The updated page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["PageNotFound"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    deletePage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
                page_id: components["parameters"]["PageIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["PageNotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updatePage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
                page_id: components["parameters"]["PageIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PageUpdateRequest"];
            };
        };
        responses: {
            /** @description The updated page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["PageNotFound"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listPageFiles: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
                page_id: components["parameters"]["PageIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The files. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageFileList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["PageNotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    replacePageFiles: {
        parameters: {
            query?: {
                /** @description For a `source_url`, how many seconds to wait for the capture before answering 202 with the job to poll. */
                wait?: components["parameters"]["CaptureWaitQuery"];
            };
            header?: never;
            path: {
                /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
                page_id: components["parameters"]["PageIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PageFilesRequest"];
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description One `.html` file (stored as `index.html`) or a `.zip` of the site (a single
                     *     top-level folder is stripped; `index.html`, or the only HTML file, becomes the
                     *     default file).
                     */
                    file?: string;
                    /**
                     * Format: uri
                     * @description A public http(s) page to capture with its same-domain assets.
                     */
                    source_url?: string;
                } & ({
                    file: unknown;
                    source_url?: never;
                } | {
                    file?: never;
                    source_url: unknown;
                });
            };
        };
        responses: {
            /** @description The page, with its new files. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page"];
                };
            };
            202: components["responses"]["CaptureAccepted"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["PageNotFound"];
            /**
             * @description The content is larger than this instance accepts for one page (`UPLOAD_LIMIT_MB`), or would
             *     take the caller's stored files past their quota (`USER_QUOTA_MB`; the message says how much is
             *     used and needed). Nothing was stored.
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["CaptureFailed"];
            429: components["responses"]["TooManyRequests"];
            507: components["responses"]["InsufficientStorage"];
        };
    };
    getPageStats: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
                page_id: components["parameters"]["PageIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page's view counts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageStats"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["PageNotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    exportPage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
                page_id: components["parameters"]["PageIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ZIP archive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["PageNotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getPageFile: {
        parameters: {
            query: {
                /** @description The file's path in the page, e.g. `index.html` or `assets/app.css`. */
                path: string;
            };
            header?: never;
            path: {
                /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
                page_id: components["parameters"]["PageIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file's bytes, with its content type. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["PageFileNotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listPageVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
                page_id: components["parameters"]["PageIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The versions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageVersionList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["PageNotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getPageVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
                page_id: components["parameters"]["PageIdPath"];
                /** @description The version's number, as `listPageVersions` shows it. */
                number: components["parameters"]["VersionNumberPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PageVersionDetail"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["VersionNotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    rollbackPage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The page's id, as `outpost_list` or `GET /api/pages` shows it. */
                page_id: components["parameters"]["PageIdPath"];
                /** @description The version's number, as `listPageVersions` shows it. */
                number: components["parameters"]["VersionNumberPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page, showing the new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["VersionNotFound"];
            /** @description The version was removed (evicted from the history) while it was being restored. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    createUploadLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UploadLinkRequest"];
            };
        };
        responses: {
            /** @description The link. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadLink"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["PageNotFound"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    uploadWithLink: {
        parameters: {
            query?: {
                /** @description For a `source_url`, how many seconds to wait for the capture before answering 202 with the job to poll. */
                wait?: components["parameters"]["CaptureWaitQuery"];
            };
            header?: never;
            path: {
                /** @description The token of a one-time upload link, as `POST /api/upload-links` returns it in `url`. */
                upload_token: components["parameters"]["UploadTokenPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["UploadLinkForm"];
            };
        };
        responses: {
            /** @description The page, with its new files (a link to replace a page's files). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page"];
                };
            };
            /** @description The new page (a link to create a page). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page"];
                };
            };
            202: components["responses"]["CaptureAccepted"];
            400: components["responses"]["BadRequest"];
            /** @description No such upload link (mistyped or forged), or the page it replaces no longer exists. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Another upload through this link is in progress. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description The link was already used, expired, or was revoked with the API token that asked for it;
             *     ask for a new one.
             */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /**
             * @description The content is larger than this instance accepts for one page (`UPLOAD_LIMIT_MB`), or would
             *     take the link owner's stored files past their quota (`USER_QUOTA_MB`). Nothing was stored.
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["CaptureFailed"];
            429: components["responses"]["TooManyRequests"];
            507: components["responses"]["InsufficientStorage"];
        };
    };
    listJobs: {
        parameters: {
            query?: {
                /** @description Only jobs with this status. */
                status?: components["schemas"]["JobStatus"];
                /** @description How many jobs to return (default 20). */
                limit?: number;
                /** @description The `next_cursor` of the previous response. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The jobs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The job's id, as a capture's response or `GET /api/jobs` shows it. */
                job_id: components["parameters"]["JobIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["JobNotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    cancelJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The job's id, as a capture's response or `GET /api/jobs` shows it. */
                job_id: components["parameters"]["JobIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job, cancelled. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["JobNotFound"];
            /** @description The job already ended. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    listWatches: {
        parameters: {
            query?: {
                /** @description How many watches to return (default 20). */
                limit?: number;
                /** @description The `next_cursor` of the previous response. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The watches. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WatchList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    createWatch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WatchCreateRequest"];
            };
        };
        responses: {
            /** @description The watch, with the webhook secret if a webhook was given (shown only now). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WatchWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getWatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The watch's id, as `outpost_list_watches` or `GET /api/watches` shows it. */
                watch_id: components["parameters"]["WatchIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The watch. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Watch"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["WatchNotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    deleteWatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The watch's id, as `outpost_list_watches` or `GET /api/watches` shows it. */
                watch_id: components["parameters"]["WatchIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["WatchNotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    updateWatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The watch's id, as `outpost_list_watches` or `GET /api/watches` shows it. */
                watch_id: components["parameters"]["WatchIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WatchUpdateRequest"];
            };
        };
        responses: {
            /** @description The watch, with the new webhook secret if a webhook was set (shown only now). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WatchWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["WatchNotFound"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    listSignals: {
        parameters: {
            query?: {
                /** @description Only this watch's signals. */
                watch_id?: components["schemas"]["WatchId"];
                /** @description How many signals to return (default 20). */
                limit?: number;
                /** @description The `next_cursor` of the previous response. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The signals. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignalList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["WatchNotFound"];
            429: components["responses"]["TooManyRequests"];
        };
    };
}
