// Generated from openapi.yaml by `npm run codegen`. Do not edit.

import * as schemas from './schemas.ts';

/** Responses that several operations share (components/responses in openapi.yaml). */
const BadRequestResponse = {
  "description": "The request is malformed or fails validation.",
  "schema": schemas.ErrorSchema,
  "headers": []
} as const;

const CaptureAcceptedResponse = {
  "description": "The capture of `source_url` is still running after `wait` seconds; poll the job.",
  "schema": schemas.CaptureAcceptedSchema,
  "headers": [
    "Location"
  ]
} as const;

const CaptureFailedResponse = {
  "description": "The `source_url` could not be captured (blocked address, DNS, refused, error status, not HTML, limits); nothing was changed.",
  "schema": schemas.ErrorSchema,
  "headers": []
} as const;

const CrossOriginResponse = {
  "description": "A browser session can be started only from the instance's own origin (see the `browserSession` scheme).",
  "schema": schemas.ErrorSchema,
  "headers": []
} as const;

const ForbiddenResponse = {
  "description": "The credential lacks a scope this operation needs, or a browser session's request lacks its `X-CSRF-Token`.",
  "schema": schemas.ErrorSchema,
  "headers": []
} as const;

const InsufficientStorageResponse = {
  "description": "The server's disk is nearly full (below `DISK_FREE_FLOOR_MB`), so it stores no page content for now. Nothing was stored.",
  "schema": schemas.ErrorSchema,
  "headers": []
} as const;

const JobNotFoundResponse = {
  "description": "No job with this id belongs to the caller.",
  "schema": schemas.ErrorSchema,
  "headers": []
} as const;

const NotFoundResponse = {
  "description": "Nothing with that id belongs to the caller.",
  "schema": schemas.ErrorSchema,
  "headers": []
} as const;

const PageFileNotFoundResponse = {
  "description": "No page with this id belongs to the caller, or the page has no file at this path.",
  "schema": schemas.ErrorSchema,
  "headers": []
} as const;

const PageNotFoundResponse = {
  "description": "No page with this id belongs to the caller.",
  "schema": schemas.ErrorSchema,
  "headers": []
} as const;

const TooManyRequestsResponse = {
  "description": "The caller's request budget is spent; retry after `Retry-After` seconds.",
  "schema": schemas.ErrorSchema,
  "headers": [
    "Retry-After"
  ]
} as const;

const UnauthorizedResponse = {
  "description": "The credential is missing, malformed, unknown, revoked or expired.",
  "schema": schemas.ErrorSchema,
  "headers": [
    "WWW-Authenticate"
  ]
} as const;

const UnsupportedMediaTypeResponse = {
  "description": "The request body is not `application/json` (nor `multipart/form-data` where the operation takes uploads).",
  "schema": schemas.ErrorSchema,
  "headers": []
} as const;

const VersionNotFoundResponse = {
  "description": "No page with this id belongs to the caller, or the page keeps no version with this number.",
  "schema": schemas.ErrorSchema,
  "headers": []
} as const;

const WatchNotFoundResponse = {
  "description": "No watch with this id belongs to the caller.",
  "schema": schemas.ErrorSchema,
  "headers": []
} as const;

/** Every REST operation: route, required scopes (null: public) and normalized JSON Schemas. */
export const operations = {
  "approveAuthorizationRequest": {
    "operationId": "approveAuthorizationRequest",
    "method": "POST",
    "path": "/api/oauth/interactions/{uid}/approve",
    "summary": "Approve a pending authorization request with the scopes the person chose",
    "description": "Grants the client the chosen scopes (a subset of those it asked for; the rest are refused) for\nthe signed-in person, remembered per client. The answer's `redirect_to` is where the browser\ngoes next: the authorization server, which sends the code to the client. Signed-in person only.",
    "tags": [
      "oauth"
    ],
    "scopes": [
      "account"
    ],
    "params": {
      "type": "object",
      "properties": {
        "uid": {
          "type": "string",
          "minLength": 1,
          "maxLength": 64,
          "description": "The pending request's id, from the consent screen's URL (`/authorize/<uid>`)."
        }
      },
      "required": [
        "uid"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "scopes"
      ],
      "properties": {
        "scopes": {
          "type": "array",
          "minItems": 1,
          "uniqueItems": true,
          "items": {
            "type": "string",
            "enum": [
              "pages:read",
              "pages:write"
            ]
          }
        }
      }
    },
    "bodyRequired": true,
    "bodyContentTypes": [
      "application/json"
    ],
    "responses": {
      "200": {
        "description": "Approved.",
        "schema": schemas.AuthorizationRedirectSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": NotFoundResponse,
      "415": UnsupportedMediaTypeResponse,
      "429": TooManyRequestsResponse
    }
  },
  "cancelJob": {
    "operationId": "cancelJob",
    "method": "POST",
    "path": "/api/jobs/{job_id}/cancel",
    "summary": "Stop a capture that is still running",
    "description": "The job ends as `cancelled` and the page is left as it was. A job that already ended answers 409.",
    "tags": [
      "jobs"
    ],
    "scopes": [
      "pages:write"
    ],
    "params": {
      "type": "object",
      "properties": {
        "job_id": schemas.JobIdSchema
      },
      "required": [
        "job_id"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The job, cancelled.",
        "schema": schemas.JobSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": JobNotFoundResponse,
      "409": {
        "description": "The job already ended.",
        "schema": schemas.ErrorSchema,
        "headers": []
      },
      "429": TooManyRequestsResponse
    }
  },
  "changePassword": {
    "operationId": "changePassword",
    "method": "POST",
    "path": "/api/me/password",
    "summary": "Change the caller's password",
    "description": "Needs the current password; rate-limited like sign-in (a wrong one counts as a failed\nattempt). Session JWT or browser session only: an API token cannot change it. On success every\nother browser session of the account ends (the one making the request stays signed in);\nAPI tokens stay valid, and session JWTs until they expire.",
    "tags": [
      "account"
    ],
    "scopes": [
      "account"
    ],
    "params": null,
    "query": null,
    "headers": null,
    "body": schemas.PasswordChangeRequestInputSchema,
    "bodyRequired": true,
    "bodyContentTypes": [
      "application/json"
    ],
    "responses": {
      "204": {
        "description": "Changed.",
        "schema": null,
        "headers": []
      },
      "400": {
        "description": "The request fails validation, or `current_password` is wrong (`validation.keys` names it).",
        "schema": schemas.ErrorSchema,
        "headers": []
      },
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "415": UnsupportedMediaTypeResponse,
      "429": TooManyRequestsResponse
    }
  },
  "createBrowserSession": {
    "operationId": "createBrowserSession",
    "method": "POST",
    "path": "/api/session",
    "summary": "Sign in as a browser session (the web app)",
    "description": "Checks the email and password as `POST /api/auth/login` does (the same generic refusal and\nthe same rate limits), then sets the browser session's HttpOnly cookie and answers with its\n`csrf_token`; no bearer credential is returned. Only from the instance's own origin (403\notherwise). See the `browserSession` security scheme for how the cookie is accepted.",
    "tags": [
      "auth"
    ],
    "scopes": null,
    "params": null,
    "query": null,
    "headers": null,
    "body": schemas.LoginRequestInputSchema,
    "bodyRequired": true,
    "bodyContentTypes": [
      "application/json"
    ],
    "responses": {
      "200": {
        "description": "Signed in.",
        "schema": schemas.BrowserSessionOutputSchema,
        "headers": [
          "Set-Cookie"
        ]
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": CrossOriginResponse,
      "415": UnsupportedMediaTypeResponse,
      "429": TooManyRequestsResponse
    }
  },
  "createInvitation": {
    "operationId": "createInvitation",
    "method": "POST",
    "path": "/api/invitations",
    "summary": "Create an invitation code (admins)",
    "description": "The code is in this response only; Outpost keeps just its hash.",
    "tags": [
      "account"
    ],
    "scopes": [
      "account",
      "admin"
    ],
    "params": null,
    "query": null,
    "headers": null,
    "body": schemas.InvitationCreateRequestSchema,
    "bodyRequired": false,
    "bodyContentTypes": [
      "application/json"
    ],
    "responses": {
      "201": {
        "description": "The invitation, with its code.",
        "schema": schemas.InvitationCreatedSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "415": UnsupportedMediaTypeResponse,
      "429": TooManyRequestsResponse
    }
  },
  "createPage": {
    "operationId": "createPage",
    "method": "POST",
    "path": "/api/pages",
    "summary": "Publish a new page",
    "description": "Create a page from inline `html`, inline `files`, or a `source_url` to capture, with its\nvisibility, passcodes and allowed emails in the same call; or upload one `.html` file or a\n`.zip` of the site as `multipart/form-data` (`curl -F \"file=@site.zip\" -F \"visibility=shared\"`).\nThe response is the new page, with the URL it is served at.",
    "tags": [
      "pages"
    ],
    "scopes": [
      "pages:write"
    ],
    "params": null,
    "query": {
      "type": "object",
      "properties": {
        "wait": schemas.CaptureWaitSchema
      },
      "required": [],
      "additionalProperties": false
    },
    "headers": null,
    "body": schemas.PageCreateRequestSchema,
    "bodyRequired": true,
    "bodyContentTypes": [
      "application/json",
      "multipart/form-data"
    ],
    "responses": {
      "201": {
        "description": "The page.",
        "schema": schemas.PageSchema,
        "headers": []
      },
      "202": CaptureAcceptedResponse,
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "413": {
        "description": "The content is larger than this instance accepts for one page (`UPLOAD_LIMIT_MB`), or would\ntake the caller's stored files past their quota (`USER_QUOTA_MB`; the message says how much is\nused and needed). Nothing was stored.\n",
        "schema": schemas.ErrorSchema,
        "headers": []
      },
      "415": UnsupportedMediaTypeResponse,
      "422": CaptureFailedResponse,
      "429": TooManyRequestsResponse,
      "507": InsufficientStorageResponse
    }
  },
  "createToken": {
    "operationId": "createToken",
    "method": "POST",
    "path": "/api/tokens",
    "summary": "Create an API token",
    "description": "Creates an `op_…` token for an AI client or script. The secret is in this response only.\nSession JWT only: an API token cannot create tokens.",
    "tags": [
      "account"
    ],
    "scopes": [
      "account"
    ],
    "params": null,
    "query": null,
    "headers": null,
    "body": schemas.TokenCreateRequestSchema,
    "bodyRequired": true,
    "bodyContentTypes": [
      "application/json"
    ],
    "responses": {
      "201": {
        "description": "The token, with its secret.",
        "schema": schemas.TokenCreatedSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "415": UnsupportedMediaTypeResponse,
      "429": TooManyRequestsResponse
    }
  },
  "createUploadLink": {
    "operationId": "createUploadLink",
    "method": "POST",
    "path": "/api/upload-links",
    "summary": "Get a one-time link to upload a page's content without a token",
    "description": "A URL that takes one upload (`curl -F file=@site.zip '<url>'`, or `-F source_url=…`) with no\nAuthorization header: for a shell that does not hold the caller's credential, such as the\none an AI assistant runs its commands in. Without `page_id` the upload creates a new page\nwith the name and access settings given here; with `page_id` it replaces that page's files.\nThe link works for `UPLOAD_LINK_TTL_SECONDS` (15 minutes), as the caller (their quota and\nrequest budget), until an upload through it succeeds; revoking the API token that asked\nfor it revokes it too.",
    "tags": [
      "pages"
    ],
    "scopes": [
      "pages:write"
    ],
    "params": null,
    "query": null,
    "headers": null,
    "body": schemas.UploadLinkRequestSchema,
    "bodyRequired": true,
    "bodyContentTypes": [
      "application/json"
    ],
    "responses": {
      "201": {
        "description": "The link.",
        "schema": schemas.UploadLinkSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": PageNotFoundResponse,
      "415": UnsupportedMediaTypeResponse,
      "429": TooManyRequestsResponse
    }
  },
  "createWatch": {
    "operationId": "createWatch",
    "method": "POST",
    "path": "/api/watches",
    "summary": "Watch a URL and re-capture it into a page on a schedule",
    "description": "Registers `source_url` (or the URL of the capture `job_id`) to be captured again into its page\non the schedule. Each run is a capture job (action `watch_run`); a new version of the page is\nwritten only when the visible text or the files changed, and each run leaves a signal\n(`GET /api/signals`). The first run is one schedule step after creation. A user has at most\n`WATCHES_PER_USER` watches (400 beyond).",
    "tags": [
      "watches"
    ],
    "scopes": [
      "pages:write"
    ],
    "params": null,
    "query": null,
    "headers": null,
    "body": schemas.WatchCreateRequestSchema,
    "bodyRequired": true,
    "bodyContentTypes": [
      "application/json"
    ],
    "responses": {
      "201": {
        "description": "The watch, with the webhook secret if a webhook was given (shown only now).",
        "schema": schemas.WatchWithSecretSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": NotFoundResponse,
      "415": UnsupportedMediaTypeResponse,
      "429": TooManyRequestsResponse
    }
  },
  "deleteBrowserSession": {
    "operationId": "deleteBrowserSession",
    "method": "DELETE",
    "path": "/api/session",
    "summary": "Sign out the browser session",
    "description": "Ends the session on the server (its cookie stops working everywhere) and clears the cookie.",
    "tags": [
      "auth"
    ],
    "scopes": [],
    "params": null,
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "204": {
        "description": "Signed out.",
        "schema": null,
        "headers": [
          "Set-Cookie"
        ]
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "429": TooManyRequestsResponse
    }
  },
  "deletePage": {
    "operationId": "deletePage",
    "method": "DELETE",
    "path": "/api/pages/{page_id}",
    "summary": "Delete a page and all its files",
    "description": "Delete a page and all its files",
    "tags": [
      "pages"
    ],
    "scopes": [
      "pages:write"
    ],
    "params": {
      "type": "object",
      "properties": {
        "page_id": schemas.PageIdSchema
      },
      "required": [
        "page_id"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "204": {
        "description": "Deleted.",
        "schema": null,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": PageNotFoundResponse,
      "429": TooManyRequestsResponse
    }
  },
  "deleteWatch": {
    "operationId": "deleteWatch",
    "method": "DELETE",
    "path": "/api/watches/{watch_id}",
    "summary": "Delete a watch and its signals (the page stays)",
    "description": "Delete a watch and its signals (the page stays)",
    "tags": [
      "watches"
    ],
    "scopes": [
      "pages:write"
    ],
    "params": {
      "type": "object",
      "properties": {
        "watch_id": schemas.WatchIdSchema
      },
      "required": [
        "watch_id"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "204": {
        "description": "Deleted.",
        "schema": null,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": WatchNotFoundResponse,
      "429": TooManyRequestsResponse
    }
  },
  "denyAuthorizationRequest": {
    "operationId": "denyAuthorizationRequest",
    "method": "POST",
    "path": "/api/oauth/interactions/{uid}/deny",
    "summary": "Deny a pending authorization request",
    "description": "The client gets `error=access_denied` at its redirect URI (through `redirect_to`). Signed-in person only.",
    "tags": [
      "oauth"
    ],
    "scopes": [
      "account"
    ],
    "params": {
      "type": "object",
      "properties": {
        "uid": {
          "type": "string",
          "minLength": 1,
          "maxLength": 64,
          "description": "The pending request's id, from the consent screen's URL (`/authorize/<uid>`)."
        }
      },
      "required": [
        "uid"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "Denied.",
        "schema": schemas.AuthorizationRedirectSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": NotFoundResponse,
      "429": TooManyRequestsResponse
    }
  },
  "exportPage": {
    "operationId": "exportPage",
    "method": "GET",
    "path": "/api/pages/{page_id}/export",
    "summary": "Download a page's files as a ZIP",
    "description": "The page's current files, as a ZIP archive streamed as it is built.",
    "tags": [
      "pages"
    ],
    "scopes": [
      "pages:read"
    ],
    "params": {
      "type": "object",
      "properties": {
        "page_id": schemas.PageIdSchema
      },
      "required": [
        "page_id"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The ZIP archive.",
        "schema": null,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": PageNotFoundResponse,
      "429": TooManyRequestsResponse
    }
  },
  "getAuthorizationRequest": {
    "operationId": "getAuthorizationRequest",
    "method": "GET",
    "path": "/api/oauth/interactions/{uid}",
    "summary": "The pending authorization request an app asks the person to approve",
    "description": "What the consent screen (`/authorize/<uid>` in the web app) shows: the client asking, where its\nauthorization code would be sent (`redirect_host`, so a look-alike name cannot hide it), the\nscopes it asks for and those this person already granted it. A signed-in person only (the\nbrowser session or a session JWT), never an API token or an OAuth access token.",
    "tags": [
      "oauth"
    ],
    "scopes": [
      "account"
    ],
    "params": {
      "type": "object",
      "properties": {
        "uid": {
          "type": "string",
          "minLength": 1,
          "maxLength": 64,
          "description": "The pending request's id, from the consent screen's URL (`/authorize/<uid>`)."
        }
      },
      "required": [
        "uid"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The pending request.",
        "schema": schemas.AuthorizationRequestSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": NotFoundResponse,
      "429": TooManyRequestsResponse
    }
  },
  "getBrowserSession": {
    "operationId": "getBrowserSession",
    "method": "GET",
    "path": "/api/session",
    "summary": "The current browser session and its CSRF token",
    "description": "With the browser session's cookie, the session (so a reloaded app gets its `csrf_token`\nback); without it (or with only a bearer credential), 401.",
    "tags": [
      "auth"
    ],
    "scopes": [],
    "params": null,
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The session.",
        "schema": schemas.BrowserSessionOutputSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "429": TooManyRequestsResponse
    }
  },
  "getHealth": {
    "operationId": "getHealth",
    "method": "GET",
    "path": "/healthz",
    "summary": "Check that the server and its database answer",
    "description": "Check that the server and its database answer",
    "tags": [
      "system"
    ],
    "scopes": null,
    "params": null,
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "Healthy.",
        "schema": schemas.HealthSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "503": {
        "description": "The database does not answer.",
        "schema": schemas.ErrorSchema,
        "headers": []
      }
    }
  },
  "getInstance": {
    "operationId": "getInstance",
    "method": "GET",
    "path": "/api/instance",
    "summary": "Describe this instance to a visitor",
    "description": "The version, URLs, how sign-up works here and the size limits a signed-out visitor may know\n(the web app shows its sign-up form from it). Nothing secret.",
    "tags": [
      "system"
    ],
    "scopes": null,
    "params": null,
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The instance.",
        "schema": schemas.InstanceSchema,
        "headers": []
      },
      "400": BadRequestResponse
    }
  },
  "getJob": {
    "operationId": "getJob",
    "method": "GET",
    "path": "/api/jobs/{job_id}",
    "summary": "Get one capture job, with its progress and problems",
    "description": "Get one capture job, with its progress and problems",
    "tags": [
      "jobs"
    ],
    "scopes": [
      "pages:read"
    ],
    "params": {
      "type": "object",
      "properties": {
        "job_id": schemas.JobIdSchema
      },
      "required": [
        "job_id"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The job.",
        "schema": schemas.JobSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": JobNotFoundResponse,
      "429": TooManyRequestsResponse
    }
  },
  "getMe": {
    "operationId": "getMe",
    "method": "GET",
    "path": "/api/me",
    "summary": "Show the caller's account and credential",
    "description": "Works with a session JWT or any API token.",
    "tags": [
      "account"
    ],
    "scopes": [],
    "params": null,
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The caller.",
        "schema": schemas.MeOutputSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "429": TooManyRequestsResponse
    }
  },
  "getPage": {
    "operationId": "getPage",
    "method": "GET",
    "path": "/api/pages/{page_id}",
    "summary": "Get one page, with its passcodes and allowed emails",
    "description": "Get one page, with its passcodes and allowed emails",
    "tags": [
      "pages"
    ],
    "scopes": [
      "pages:read"
    ],
    "params": {
      "type": "object",
      "properties": {
        "page_id": schemas.PageIdSchema
      },
      "required": [
        "page_id"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The page.",
        "schema": schemas.PageSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": PageNotFoundResponse,
      "429": TooManyRequestsResponse
    }
  },
  "getPageFile": {
    "operationId": "getPageFile",
    "method": "GET",
    "path": "/api/pages/{page_id}/file",
    "summary": "Download one of a page's files",
    "description": "One current file of the page, by its path (as `listPageFiles` names it), whatever the page's visibility: for its owner only. Sent as an attachment, so a browser never renders it as this origin.",
    "tags": [
      "pages"
    ],
    "scopes": [
      "pages:read"
    ],
    "params": {
      "type": "object",
      "properties": {
        "page_id": schemas.PageIdSchema
      },
      "required": [
        "page_id"
      ],
      "additionalProperties": false
    },
    "query": {
      "type": "object",
      "properties": {
        "path": {
          "type": "string",
          "minLength": 1,
          "maxLength": 1024,
          "description": "The file's path in the page, e.g. `index.html` or `assets/app.css`."
        }
      },
      "required": [
        "path"
      ],
      "additionalProperties": false
    },
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The file's bytes, with its content type.",
        "schema": null,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": PageFileNotFoundResponse,
      "429": TooManyRequestsResponse
    }
  },
  "getPageStats": {
    "operationId": "getPageStats",
    "method": "GET",
    "path": "/api/pages/{page_id}/stats",
    "summary": "How often a page was viewed",
    "description": "Views of the page's HTML documents by visitors (not its other files, not the owner's preview link):\nthe total, and per day (UTC) for the last 30 days with an estimate of unique visitors (no address is\nstored: each day keeps a HyperLogLog sketch of keyed hashes of address and user agent). For a page\nwith allowed emails, which address followed its emailed link, and when. Counts reach the database\nevery few seconds, so the latest views may show a little later. Only the page's owner sees them.",
    "tags": [
      "pages"
    ],
    "scopes": [
      "pages:read"
    ],
    "params": {
      "type": "object",
      "properties": {
        "page_id": schemas.PageIdSchema
      },
      "required": [
        "page_id"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The page's view counts.",
        "schema": schemas.PageStatsSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": PageNotFoundResponse,
      "429": TooManyRequestsResponse
    }
  },
  "getPageVersion": {
    "operationId": "getPageVersion",
    "method": "GET",
    "path": "/api/pages/{page_id}/versions/{number}",
    "summary": "Get one version of a page, with its files",
    "description": "One kept version: how it was made, its files, and a read-only preview link to see it in a\nbrowser (valid for 15 minutes; revoked when the page's visibility changes).",
    "tags": [
      "pages"
    ],
    "scopes": [
      "pages:read"
    ],
    "params": {
      "type": "object",
      "properties": {
        "page_id": schemas.PageIdSchema,
        "number": {
          "type": "integer",
          "minimum": 0,
          "maximum": 1000000000,
          "description": "The version's number, as `listPageVersions` shows it."
        }
      },
      "required": [
        "page_id",
        "number"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The version.",
        "schema": schemas.PageVersionDetailSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": VersionNotFoundResponse,
      "429": TooManyRequestsResponse
    }
  },
  "getWatch": {
    "operationId": "getWatch",
    "method": "GET",
    "path": "/api/watches/{watch_id}",
    "summary": "Get one watch, with its last signal and next run",
    "description": "Get one watch, with its last signal and next run",
    "tags": [
      "watches"
    ],
    "scopes": [
      "pages:write"
    ],
    "params": {
      "type": "object",
      "properties": {
        "watch_id": schemas.WatchIdSchema
      },
      "required": [
        "watch_id"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The watch.",
        "schema": schemas.WatchSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": WatchNotFoundResponse,
      "429": TooManyRequestsResponse
    }
  },
  "listConnectedApps": {
    "operationId": "listConnectedApps",
    "method": "GET",
    "path": "/api/connected-apps",
    "summary": "The apps this person authorised through OAuth",
    "description": "One entry per client, with the scopes granted and when it was first and last used. Signed-in person only.",
    "tags": [
      "oauth"
    ],
    "scopes": [
      "account"
    ],
    "params": null,
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The connected apps, most recently used first.",
        "schema": schemas.ConnectedAppListSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "429": TooManyRequestsResponse
    }
  },
  "listInvitations": {
    "operationId": "listInvitations",
    "method": "GET",
    "path": "/api/invitations",
    "summary": "List invitation codes (admins)",
    "description": "List invitation codes (admins)",
    "tags": [
      "account"
    ],
    "scopes": [
      "account",
      "admin"
    ],
    "params": null,
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The invitations, newest first, without their codes.",
        "schema": schemas.InvitationListSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "429": TooManyRequestsResponse
    }
  },
  "listJobs": {
    "operationId": "listJobs",
    "method": "GET",
    "path": "/api/jobs",
    "summary": "List your capture jobs, newest first",
    "description": "List your capture jobs, newest first",
    "tags": [
      "jobs"
    ],
    "scopes": [
      "pages:read"
    ],
    "params": null,
    "query": {
      "type": "object",
      "properties": {
        "status": schemas.JobStatusSchema,
        "limit": {
          "type": "integer",
          "minimum": 1,
          "maximum": 100,
          "default": 20,
          "description": "How many jobs to return (default 20)."
        },
        "cursor": {
          "type": "string",
          "maxLength": 200,
          "description": "The `next_cursor` of the previous response."
        }
      },
      "required": [],
      "additionalProperties": false
    },
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The jobs.",
        "schema": schemas.JobListSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "429": TooManyRequestsResponse
    }
  },
  "listPageFiles": {
    "operationId": "listPageFiles",
    "method": "GET",
    "path": "/api/pages/{page_id}/files",
    "summary": "List a page's files",
    "description": "The page's current files, sorted by path, with their sizes and content types.",
    "tags": [
      "pages"
    ],
    "scopes": [
      "pages:read"
    ],
    "params": {
      "type": "object",
      "properties": {
        "page_id": schemas.PageIdSchema
      },
      "required": [
        "page_id"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The files.",
        "schema": schemas.PageFileListSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": PageNotFoundResponse,
      "429": TooManyRequestsResponse
    }
  },
  "listPageVersions": {
    "operationId": "listPageVersions",
    "method": "GET",
    "path": "/api/pages/{page_id}/versions",
    "summary": "List a page's versions",
    "description": "The page's live version and the earlier versions kept (`PAGE_VERSIONS_KEPT` in all, so there is\nno cursor), newest first: how each was made, its size and what changed from the one before.",
    "tags": [
      "pages"
    ],
    "scopes": [
      "pages:read"
    ],
    "params": {
      "type": "object",
      "properties": {
        "page_id": schemas.PageIdSchema
      },
      "required": [
        "page_id"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The versions.",
        "schema": schemas.PageVersionListSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": PageNotFoundResponse,
      "429": TooManyRequestsResponse
    }
  },
  "listPages": {
    "operationId": "listPages",
    "method": "GET",
    "path": "/api/pages",
    "summary": "List your pages, newest first",
    "description": "List the pages owned by the caller, newest first, a page of results at a time.",
    "tags": [
      "pages"
    ],
    "scopes": [
      "pages:read"
    ],
    "params": null,
    "query": {
      "type": "object",
      "properties": {
        "limit": {
          "type": "integer",
          "minimum": 1,
          "maximum": 100,
          "default": 50,
          "description": "How many pages to return (default 50)."
        },
        "cursor": {
          "type": "string",
          "maxLength": 200,
          "description": "The `next_cursor` of the previous response."
        }
      },
      "required": [],
      "additionalProperties": false
    },
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The pages.",
        "schema": schemas.PageListSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "429": TooManyRequestsResponse
    }
  },
  "listSignals": {
    "operationId": "listSignals",
    "method": "GET",
    "path": "/api/signals",
    "summary": "The latest signals of one watch or of all your watches, newest first",
    "description": "The latest signals of one watch or of all your watches, newest first",
    "tags": [
      "watches"
    ],
    "scopes": [
      "pages:write"
    ],
    "params": null,
    "query": {
      "type": "object",
      "properties": {
        "watch_id": schemas.WatchIdSchema,
        "limit": {
          "type": "integer",
          "minimum": 1,
          "maximum": 100,
          "default": 20,
          "description": "How many signals to return (default 20)."
        },
        "cursor": {
          "type": "string",
          "maxLength": 200,
          "description": "The `next_cursor` of the previous response."
        }
      },
      "required": [],
      "additionalProperties": false
    },
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The signals.",
        "schema": schemas.SignalListSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": WatchNotFoundResponse,
      "429": TooManyRequestsResponse
    }
  },
  "listTokens": {
    "operationId": "listTokens",
    "method": "GET",
    "path": "/api/tokens",
    "summary": "List the caller's API tokens",
    "description": "Secrets are never shown again after creation. Session JWT only.",
    "tags": [
      "account"
    ],
    "scopes": [
      "account"
    ],
    "params": null,
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The tokens, newest first.",
        "schema": schemas.TokenListSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "429": TooManyRequestsResponse
    }
  },
  "listWatches": {
    "operationId": "listWatches",
    "method": "GET",
    "path": "/api/watches",
    "summary": "List your watches, newest first",
    "description": "List your watches, newest first",
    "tags": [
      "watches"
    ],
    "scopes": [
      "pages:write"
    ],
    "params": null,
    "query": {
      "type": "object",
      "properties": {
        "limit": {
          "type": "integer",
          "minimum": 1,
          "maximum": 100,
          "default": 20,
          "description": "How many watches to return (default 20)."
        },
        "cursor": {
          "type": "string",
          "maxLength": 200,
          "description": "The `next_cursor` of the previous response."
        }
      },
      "required": [],
      "additionalProperties": false
    },
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The watches.",
        "schema": schemas.WatchListSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "429": TooManyRequestsResponse
    }
  },
  "login": {
    "operationId": "login",
    "method": "POST",
    "path": "/api/auth/login",
    "summary": "Sign in and get a session JWT",
    "description": "Returns a short-lived session JWT. Wrong email and wrong password get the same answer.\nRepeated failures for one email and client are slowed down with 429 responses.",
    "tags": [
      "auth"
    ],
    "scopes": null,
    "params": null,
    "query": null,
    "headers": null,
    "body": schemas.LoginRequestInputSchema,
    "bodyRequired": true,
    "bodyContentTypes": [
      "application/json"
    ],
    "responses": {
      "200": {
        "description": "Signed in.",
        "schema": schemas.SessionOutputSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "415": UnsupportedMediaTypeResponse,
      "429": TooManyRequestsResponse
    }
  },
  "replacePageFiles": {
    "operationId": "replacePageFiles",
    "method": "POST",
    "path": "/api/pages/{page_id}/files",
    "summary": "Replace a page's files",
    "description": "Replace all of a page's files with new content (`html`, `files` or `source_url`, or a\n`multipart/form-data` upload of one `.html` file or a `.zip`). The page's id, URL, visibility and access settings stay the same. Visitors\nsee the old site or the new one, never a mix.",
    "tags": [
      "pages"
    ],
    "scopes": [
      "pages:write"
    ],
    "params": {
      "type": "object",
      "properties": {
        "page_id": schemas.PageIdSchema
      },
      "required": [
        "page_id"
      ],
      "additionalProperties": false
    },
    "query": {
      "type": "object",
      "properties": {
        "wait": schemas.CaptureWaitSchema
      },
      "required": [],
      "additionalProperties": false
    },
    "headers": null,
    "body": schemas.PageFilesRequestSchema,
    "bodyRequired": true,
    "bodyContentTypes": [
      "application/json",
      "multipart/form-data"
    ],
    "responses": {
      "200": {
        "description": "The page, with its new files.",
        "schema": schemas.PageSchema,
        "headers": []
      },
      "202": CaptureAcceptedResponse,
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": PageNotFoundResponse,
      "413": {
        "description": "The content is larger than this instance accepts for one page (`UPLOAD_LIMIT_MB`), or would\ntake the caller's stored files past their quota (`USER_QUOTA_MB`; the message says how much is\nused and needed). Nothing was stored.\n",
        "schema": schemas.ErrorSchema,
        "headers": []
      },
      "415": UnsupportedMediaTypeResponse,
      "422": CaptureFailedResponse,
      "429": TooManyRequestsResponse,
      "507": InsufficientStorageResponse
    }
  },
  "revokeConnectedApp": {
    "operationId": "revokeConnectedApp",
    "method": "DELETE",
    "path": "/api/connected-apps/{app_id}",
    "summary": "Revoke an app's access",
    "description": "Deletes the grant and every token issued under it: the app's next request is refused (on\nother instances within the few seconds a resolved credential is cached). Signed-in person only.",
    "tags": [
      "oauth"
    ],
    "scopes": [
      "account"
    ],
    "params": {
      "type": "object",
      "properties": {
        "app_id": {
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "description": "The connected app's id, as listed by `GET /api/connected-apps`."
        }
      },
      "required": [
        "app_id"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "204": {
        "description": "Revoked.",
        "schema": null,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": NotFoundResponse,
      "429": TooManyRequestsResponse
    }
  },
  "revokeToken": {
    "operationId": "revokeToken",
    "method": "DELETE",
    "path": "/api/tokens/{token_id}",
    "summary": "Revoke an API token",
    "description": "The token stops working at once. Session JWT only.",
    "tags": [
      "account"
    ],
    "scopes": [
      "account"
    ],
    "params": {
      "type": "object",
      "properties": {
        "token_id": {
          "type": "string",
          "minLength": 1,
          "maxLength": 64,
          "description": "The token's id (`tok_…`), as listed by `GET /api/tokens`."
        }
      },
      "required": [
        "token_id"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "204": {
        "description": "Revoked.",
        "schema": null,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": NotFoundResponse,
      "429": TooManyRequestsResponse
    }
  },
  "rollbackPage": {
    "operationId": "rollbackPage",
    "method": "POST",
    "path": "/api/pages/{page_id}/versions/{number}/rollback",
    "summary": "Roll a page back to one of its versions",
    "description": "Makes a new version equal to version `number` and shows it: history is never rewritten, so the\nrollback is itself a version (made by `rollback`). Its files are shared with that version, so it\ntakes no storage of its own.",
    "tags": [
      "pages"
    ],
    "scopes": [
      "pages:write"
    ],
    "params": {
      "type": "object",
      "properties": {
        "page_id": schemas.PageIdSchema,
        "number": {
          "type": "integer",
          "minimum": 0,
          "maximum": 1000000000,
          "description": "The version's number, as `listPageVersions` shows it."
        }
      },
      "required": [
        "page_id",
        "number"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": null,
    "bodyRequired": false,
    "bodyContentTypes": [],
    "responses": {
      "200": {
        "description": "The page, showing the new version.",
        "schema": schemas.PageSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": VersionNotFoundResponse,
      "409": {
        "description": "The version was removed (evicted from the history) while it was being restored.",
        "schema": schemas.ErrorSchema,
        "headers": []
      },
      "429": TooManyRequestsResponse
    }
  },
  "signup": {
    "operationId": "signup",
    "method": "POST",
    "path": "/api/auth/signup",
    "summary": "Create an account",
    "description": "The first account of an empty instance may sign up without an invitation code and becomes\nan administrator. After that an invitation code is required, unless the instance runs with\n`SIGNUP_MODE=open`. Any refusal (taken email, unknown or used code) gets the same generic\nmessage, so the response never reveals whether an account exists.\n\nWith `browser_session: true` (the web app) the new account is signed in as a browser session,\nas `POST /api/session` does, without a second sign-in: the answer is a `BrowserSession` and\nsets its cookie, and the request must come from the instance's own origin (403 otherwise).",
    "tags": [
      "auth"
    ],
    "scopes": null,
    "params": null,
    "query": null,
    "headers": null,
    "body": schemas.SignupRequestInputSchema,
    "bodyRequired": true,
    "bodyContentTypes": [
      "application/json"
    ],
    "responses": {
      "201": {
        "description": "The account was created and signed in: a `Session` (with a session JWT), or with\n`browser_session: true` a `BrowserSession` (and its cookie in `Set-Cookie`).\n",
        "schema": {
          "oneOf": [
            schemas.SessionOutputSchema,
            schemas.BrowserSessionOutputSchema
          ]
        },
        "headers": [
          "Set-Cookie"
        ]
      },
      "400": BadRequestResponse,
      "403": CrossOriginResponse,
      "415": UnsupportedMediaTypeResponse,
      "429": TooManyRequestsResponse
    }
  },
  "updatePage": {
    "operationId": "updatePage",
    "method": "PATCH",
    "path": "/api/pages/{page_id}",
    "summary": "Change a page's name, visibility, passcodes, allowed emails, expiry or view limit",
    "description": "Update any subset of name, visibility, passcodes, allowed_emails, expires_at and max_views; an\nempty array clears a list, null clears expires_at or max_views. Files are not touched: replace\nthem with `POST /api/pages/{page_id}/files`.",
    "tags": [
      "pages"
    ],
    "scopes": [
      "pages:write"
    ],
    "params": {
      "type": "object",
      "properties": {
        "page_id": schemas.PageIdSchema
      },
      "required": [
        "page_id"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": schemas.PageUpdateRequestSchema,
    "bodyRequired": true,
    "bodyContentTypes": [
      "application/json"
    ],
    "responses": {
      "200": {
        "description": "The updated page.",
        "schema": schemas.PageSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": PageNotFoundResponse,
      "415": UnsupportedMediaTypeResponse,
      "429": TooManyRequestsResponse
    }
  },
  "updatePageSettings": {
    "operationId": "updatePageSettings",
    "method": "PUT",
    "path": "/api/pages/{page_id}",
    "summary": "Change a page's settings with form fields (an alias of PATCH)",
    "description": "The same change as `PATCH /api/pages/{page_id}`, also taking the fields as a form\n(`curl -X PUT … -F passcodes=one,two -F allowed_emails=a@example.com,b@example.com`), as\n`multipart/form-data` or `application/x-www-form-urlencoded`; lists are comma-separated or\nrepeated. Fields left out are not changed; files are never touched.",
    "tags": [
      "pages"
    ],
    "scopes": [
      "pages:write"
    ],
    "params": {
      "type": "object",
      "properties": {
        "page_id": schemas.PageIdSchema
      },
      "required": [
        "page_id"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": schemas.PageUpdateRequestSchema,
    "bodyRequired": true,
    "bodyContentTypes": [
      "application/json",
      "multipart/form-data",
      "application/x-www-form-urlencoded"
    ],
    "responses": {
      "200": {
        "description": "The updated page.",
        "schema": schemas.PageSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": PageNotFoundResponse,
      "415": UnsupportedMediaTypeResponse,
      "429": TooManyRequestsResponse
    }
  },
  "updateWatch": {
    "operationId": "updateWatch",
    "method": "PATCH",
    "path": "/api/watches/{watch_id}",
    "summary": "Pause or resume a watch, or change its schedule, webhook or e-mail",
    "description": "Pause or resume a watch, or change its schedule, webhook or e-mail",
    "tags": [
      "watches"
    ],
    "scopes": [
      "pages:write"
    ],
    "params": {
      "type": "object",
      "properties": {
        "watch_id": schemas.WatchIdSchema
      },
      "required": [
        "watch_id"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": schemas.WatchUpdateRequestSchema,
    "bodyRequired": true,
    "bodyContentTypes": [
      "application/json"
    ],
    "responses": {
      "200": {
        "description": "The watch, with the new webhook secret if a webhook was set (shown only now).",
        "schema": schemas.WatchWithSecretSchema,
        "headers": []
      },
      "400": BadRequestResponse,
      "401": UnauthorizedResponse,
      "403": ForbiddenResponse,
      "404": WatchNotFoundResponse,
      "415": UnsupportedMediaTypeResponse,
      "429": TooManyRequestsResponse
    }
  },
  "uploadWithLink": {
    "operationId": "uploadWithLink",
    "method": "POST",
    "path": "/api/uploads/{upload_token}",
    "summary": "Upload through a one-time link",
    "description": "Creates the page, or replaces the page's files, that the link (`POST /api/upload-links`) was\nmade for, exactly as `POST /api/pages` or `POST /api/pages/{page_id}/files` would for its\nowner: the same size limits, quota and request budget. The link is the credential: send no\nAuthorization header. The first successful upload (a `source_url` capture answered with\n202 included) uses it up; a refused one leaves it usable.",
    "tags": [
      "pages"
    ],
    "scopes": null,
    "params": {
      "type": "object",
      "properties": {
        "upload_token": {
          "type": "string",
          "pattern": "^[0-9a-z]{1,10}\\.[A-Za-z0-9_-]{1,100}\\.[A-Za-z0-9_-]{22}$",
          "x-error-message": "Unknown upload link",
          "description": "The token of a one-time upload link, as `POST /api/upload-links` returns it in `url`."
        }
      },
      "required": [
        "upload_token"
      ],
      "additionalProperties": false
    },
    "query": {
      "type": "object",
      "properties": {
        "wait": schemas.CaptureWaitSchema
      },
      "required": [],
      "additionalProperties": false
    },
    "headers": null,
    "body": schemas.UploadLinkFormSchema,
    "bodyRequired": true,
    "bodyContentTypes": [
      "multipart/form-data"
    ],
    "responses": {
      "200": {
        "description": "The page, with its new files (a link to replace a page's files).",
        "schema": schemas.PageSchema,
        "headers": []
      },
      "201": {
        "description": "The new page (a link to create a page).",
        "schema": schemas.PageSchema,
        "headers": []
      },
      "202": CaptureAcceptedResponse,
      "400": BadRequestResponse,
      "404": {
        "description": "No such upload link (mistyped or forged), or the page it replaces no longer exists.\n",
        "schema": schemas.ErrorSchema,
        "headers": []
      },
      "409": {
        "description": "Another upload through this link is in progress.",
        "schema": schemas.ErrorSchema,
        "headers": []
      },
      "410": {
        "description": "The link was already used, expired, or was revoked with the API token that asked for it;\nask for a new one.\n",
        "schema": schemas.ErrorSchema,
        "headers": []
      },
      "413": {
        "description": "The content is larger than this instance accepts for one page (`UPLOAD_LIMIT_MB`), or would\ntake the link owner's stored files past their quota (`USER_QUOTA_MB`). Nothing was stored.\n",
        "schema": schemas.ErrorSchema,
        "headers": []
      },
      "415": UnsupportedMediaTypeResponse,
      "422": CaptureFailedResponse,
      "429": TooManyRequestsResponse,
      "507": InsufficientStorageResponse
    }
  }
} as const;

export type Operations = typeof operations;
export type OperationId = keyof Operations;

/** The JSON Schema formats the schemas use; each must be known to the validator. */
export const formats = [
  "date",
  "date-time",
  "email",
  "uri"
] as const;
