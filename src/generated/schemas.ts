// Generated from openapi.yaml by `npm run codegen`. Do not edit.

// One constant per component schema. A component whose readOnly or writeOnly properties make its
// request and response forms differ has two: …InputSchema (readOnly properties removed) and
// …OutputSchema (writeOnly properties removed).

export const ErrorSchema = {
  "type": "object",
  "description": "An error, as every failing request returns it.",
  "required": [
    "statusCode",
    "error",
    "message"
  ],
  "properties": {
    "statusCode": {
      "type": "integer",
      "description": "The HTTP status code.",
      "examples": [
        404
      ]
    },
    "error": {
      "type": "string",
      "description": "The HTTP status text.",
      "examples": [
        "Not Found"
      ]
    },
    "message": {
      "type": "string",
      "description": "What went wrong and, where possible, what to do about it."
    },
    "validation": {
      "type": "object",
      "description": "Present on 400 validation errors.",
      "required": [
        "source",
        "keys"
      ],
      "properties": {
        "source": {
          "type": "string",
          "enum": [
            "params",
            "query",
            "payload",
            "headers"
          ],
          "description": "Which part of the request was invalid."
        },
        "keys": {
          "type": "array",
          "items": {
            "type": "string"
          },
          "description": "The invalid fields, as dotted paths."
        }
      }
    }
  }
} as const;

export const HealthSchema = {
  "type": "object",
  "required": [
    "status"
  ],
  "properties": {
    "status": {
      "type": "string",
      "enum": [
        "ok"
      ],
      "description": "Always `ok` when the server and its database answer."
    }
  }
} as const;

export const EmailSchema = {
  "type": "string",
  "format": "email",
  "maxLength": 254,
  "description": "An email address; compared case-insensitively.",
  "examples": [
    "alice@example.com"
  ]
} as const;

export const TimestampSchema = {
  "type": "string",
  "format": "date-time",
  "description": "An RFC 3339 timestamp in UTC.",
  "examples": [
    "2026-05-03T17:42:11Z"
  ]
} as const;

export const ScopeSchema = {
  "type": "string",
  "enum": [
    "pages:read",
    "pages:write"
  ],
  "description": "`pages:read` lists and reads pages; `pages:write` creates, changes and deletes them.\n"
} as const;

export const UserInputSchema = {
  "type": "object",
  "description": "An Outpost account.",
  "required": [
    "email",
    "admin",
    "created_at"
  ],
  "properties": {
    "email": EmailSchema,
    "admin": {
      "type": "boolean",
      "description": "Administrators can create invitation codes."
    },
    "created_at": TimestampSchema
  }
} as const;

export const UserOutputSchema = {
  "type": "object",
  "description": "An Outpost account.",
  "required": [
    "id",
    "email",
    "admin",
    "created_at"
  ],
  "properties": {
    "id": {
      "type": "string",
      "description": "The account's id.",
      "readOnly": true,
      "examples": [
        "usr_4bV0dQeT1kR8sZ2m"
      ]
    },
    "email": EmailSchema,
    "admin": {
      "type": "boolean",
      "description": "Administrators can create invitation codes."
    },
    "created_at": TimestampSchema
  }
} as const;

export const SignupRequestInputSchema = {
  "type": "object",
  "additionalProperties": false,
  "required": [
    "email",
    "password"
  ],
  "properties": {
    "email": EmailSchema,
    "password": {
      "type": "string",
      "minLength": 8,
      "maxLength": 256,
      "writeOnly": true,
      "description": "At least 8 characters."
    },
    "invitation_code": {
      "type": "string",
      "minLength": 1,
      "maxLength": 200,
      "description": "Required unless this is the first account of the instance or the instance allows open\nsign-up.\n"
    },
    "browser_session": {
      "type": "boolean",
      "description": "Sign the new account in as a browser session (the web app) instead of returning a session\nJWT: the answer is a `BrowserSession` and sets its cookie. Default false.\n"
    }
  }
} as const;

export const SignupRequestOutputSchema = {
  "type": "object",
  "additionalProperties": false,
  "required": [
    "email"
  ],
  "properties": {
    "email": EmailSchema,
    "invitation_code": {
      "type": "string",
      "minLength": 1,
      "maxLength": 200,
      "description": "Required unless this is the first account of the instance or the instance allows open\nsign-up.\n"
    },
    "browser_session": {
      "type": "boolean",
      "description": "Sign the new account in as a browser session (the web app) instead of returning a session\nJWT: the answer is a `BrowserSession` and sets its cookie. Default false.\n"
    }
  }
} as const;

export const LoginRequestInputSchema = {
  "type": "object",
  "additionalProperties": false,
  "required": [
    "email",
    "password"
  ],
  "properties": {
    "email": EmailSchema,
    "password": {
      "type": "string",
      "minLength": 1,
      "maxLength": 256,
      "writeOnly": true
    }
  }
} as const;

export const LoginRequestOutputSchema = {
  "type": "object",
  "additionalProperties": false,
  "required": [
    "email"
  ],
  "properties": {
    "email": EmailSchema
  }
} as const;

export const SessionInputSchema = {
  "type": "object",
  "description": "A signed-in session.",
  "required": [
    "token",
    "token_type",
    "expires_at",
    "user"
  ],
  "properties": {
    "token": {
      "type": "string",
      "description": "A session JWT; send it as `Authorization: Bearer <token>`."
    },
    "token_type": {
      "type": "string",
      "enum": [
        "Bearer"
      ]
    },
    "expires_at": TimestampSchema,
    "user": UserInputSchema
  }
} as const;

export const SessionOutputSchema = {
  "type": "object",
  "description": "A signed-in session.",
  "required": [
    "token",
    "token_type",
    "expires_at",
    "user"
  ],
  "properties": {
    "token": {
      "type": "string",
      "description": "A session JWT; send it as `Authorization: Bearer <token>`."
    },
    "token_type": {
      "type": "string",
      "enum": [
        "Bearer"
      ]
    },
    "expires_at": TimestampSchema,
    "user": UserOutputSchema
  }
} as const;

export const BrowserSessionInputSchema = {
  "type": "object",
  "description": "A browser session: its cookie is HttpOnly, so the app knows the session only by this. Send\n`csrf_token` as the `X-CSRF-Token` header on every request that is not GET or HEAD.\n",
  "required": [
    "user",
    "csrf_token",
    "expires_at"
  ],
  "properties": {
    "user": UserInputSchema,
    "csrf_token": {
      "type": "string",
      "description": "The session's CSRF token; the same for the session's whole life."
    },
    "expires_at": {
      ...TimestampSchema,
      "description": "When the session ends unless it is used again (each use extends it, up to 30 days after sign-in)."
    }
  }
} as const;

export const BrowserSessionOutputSchema = {
  "type": "object",
  "description": "A browser session: its cookie is HttpOnly, so the app knows the session only by this. Send\n`csrf_token` as the `X-CSRF-Token` header on every request that is not GET or HEAD.\n",
  "required": [
    "user",
    "csrf_token",
    "expires_at"
  ],
  "properties": {
    "user": UserOutputSchema,
    "csrf_token": {
      "type": "string",
      "description": "The session's CSRF token; the same for the session's whole life."
    },
    "expires_at": {
      ...TimestampSchema,
      "description": "When the session ends unless it is used again (each use extends it, up to 30 days after sign-in)."
    }
  }
} as const;

export const PasswordChangeRequestInputSchema = {
  "type": "object",
  "additionalProperties": false,
  "required": [
    "current_password",
    "new_password"
  ],
  "properties": {
    "current_password": {
      "type": "string",
      "minLength": 1,
      "maxLength": 256,
      "writeOnly": true
    },
    "new_password": {
      "type": "string",
      "minLength": 8,
      "maxLength": 256,
      "writeOnly": true,
      "description": "At least 8 characters."
    }
  }
} as const;

export const PasswordChangeRequestOutputSchema = {
  "type": "object",
  "additionalProperties": false,
  "required": [],
  "properties": {}
} as const;

export const InstanceSchema = {
  "type": "object",
  "description": "What a signed-out visitor of this instance may know about it.",
  "required": [
    "version",
    "public_url",
    "mcp_url",
    "docs_url",
    "signup",
    "invitation_required",
    "limits"
  ],
  "properties": {
    "version": {
      "type": "string",
      "description": "The Outpost version the instance runs.",
      "examples": [
        "0.1.0"
      ]
    },
    "public_url": {
      "type": "string",
      "format": "uri",
      "description": "The instance's base URL (`PUBLIC_URL`)."
    },
    "mcp_url": {
      "type": "string",
      "format": "uri",
      "description": "The MCP endpoint to point AI clients at."
    },
    "docs_url": {
      "type": "string",
      "format": "uri",
      "description": "The API reference."
    },
    "signup": {
      "type": "string",
      "enum": [
        "first_account",
        "open",
        "invitation"
      ],
      "description": "How a new account signs up: `first_account` (the instance has no account yet; the first\nsign-up needs no code and becomes the administrator), `open` (anyone may sign up) or\n`invitation` (an invitation code from an administrator is needed).\n"
    },
    "invitation_required": {
      "type": "boolean",
      "description": "Whether sign-up needs `invitation_code` (true exactly when `signup` is `invitation`)."
    },
    "limits": {
      "type": "object",
      "required": [
        "max_upload_bytes",
        "user_quota_bytes"
      ],
      "properties": {
        "max_upload_bytes": {
          "type": "integer",
          "minimum": 0,
          "description": "The largest total size of one page's files (`UPLOAD_LIMIT_MB`)."
        },
        "user_quota_bytes": {
          "type": "integer",
          "minimum": 0,
          "description": "Bytes of page files each account may store (`USER_QUOTA_MB`)."
        }
      }
    }
  }
} as const;

export const MeInputSchema = {
  "type": "object",
  "description": "The caller's account and how the request was authenticated.",
  "required": [
    "user",
    "auth",
    "storage"
  ],
  "properties": {
    "user": UserInputSchema,
    "storage": {
      "type": "object",
      "description": "The caller's page storage: the bytes of every page's files (and of uploads in progress), and the\nquota (`USER_QUOTA_MB`). A new page or new files that would pass it are refused with 413.\n",
      "required": [
        "used_bytes",
        "limit_bytes"
      ],
      "properties": {
        "used_bytes": {
          "type": "integer",
          "minimum": 0
        },
        "limit_bytes": {
          "type": "integer",
          "minimum": 0
        }
      }
    },
    "auth": {
      "type": "object",
      "required": [
        "kind",
        "scopes"
      ],
      "properties": {
        "kind": {
          "type": "string",
          "enum": [
            "session",
            "api_token",
            "oauth"
          ],
          "description": "A session JWT (or the browser session), an API token, or an OAuth access token."
        },
        "scopes": {
          "type": "array",
          "items": {
            "type": "string"
          },
          "description": "The scopes the credential carries."
        },
        "token_id": {
          "type": "string",
          "description": "The API token's id, when the request used one."
        }
      }
    }
  }
} as const;

export const MeOutputSchema = {
  "type": "object",
  "description": "The caller's account and how the request was authenticated.",
  "required": [
    "user",
    "auth",
    "storage"
  ],
  "properties": {
    "user": UserOutputSchema,
    "storage": {
      "type": "object",
      "description": "The caller's page storage: the bytes of every page's files (and of uploads in progress), and the\nquota (`USER_QUOTA_MB`). A new page or new files that would pass it are refused with 413.\n",
      "required": [
        "used_bytes",
        "limit_bytes"
      ],
      "properties": {
        "used_bytes": {
          "type": "integer",
          "minimum": 0
        },
        "limit_bytes": {
          "type": "integer",
          "minimum": 0
        }
      }
    },
    "auth": {
      "type": "object",
      "required": [
        "kind",
        "scopes"
      ],
      "properties": {
        "kind": {
          "type": "string",
          "enum": [
            "session",
            "api_token",
            "oauth"
          ],
          "description": "A session JWT (or the browser session), an API token, or an OAuth access token."
        },
        "scopes": {
          "type": "array",
          "items": {
            "type": "string"
          },
          "description": "The scopes the credential carries."
        },
        "token_id": {
          "type": "string",
          "description": "The API token's id, when the request used one."
        }
      }
    }
  }
} as const;

export const TokenCreateRequestSchema = {
  "type": "object",
  "additionalProperties": false,
  "required": [
    "name"
  ],
  "properties": {
    "name": {
      "type": "string",
      "minLength": 1,
      "maxLength": 100,
      "description": "A label to recognise the token by, such as the client that uses it.",
      "examples": [
        "Claude Code on my laptop"
      ]
    },
    "scopes": {
      "type": "array",
      "items": ScopeSchema,
      "minItems": 1,
      "uniqueItems": true,
      "description": "What the token may do. Defaults to both scopes."
    }
  }
} as const;

export const AuthorizationRequestSchema = {
  "type": "object",
  "required": [
    "uid",
    "client",
    "scopes",
    "previously_granted"
  ],
  "properties": {
    "uid": {
      "type": "string"
    },
    "client": {
      "type": "object",
      "required": [
        "client_id",
        "name",
        "redirect_uri",
        "redirect_host",
        "registration"
      ],
      "properties": {
        "client_id": {
          "type": "string"
        },
        "name": {
          "type": "string",
          "description": "The name the client gave itself (its client_id when it gave none); not verified."
        },
        "client_uri": {
          "type": "string"
        },
        "logo_uri": {
          "type": "string"
        },
        "redirect_uri": {
          "type": "string"
        },
        "redirect_host": {
          "type": "string",
          "description": "Where the authorization code goes (the redirect URI's host), to show next to the name."
        },
        "registration": {
          "type": "string",
          "enum": [
            "metadata_document",
            "dynamic",
            "preregistered"
          ],
          "description": "How the client is known here (a Client ID Metadata Document URL, dynamic registration, configuration)."
        }
      }
    },
    "scopes": {
      "type": "array",
      "description": "The scopes asked for, in plain words.",
      "items": {
        "type": "object",
        "required": [
          "scope",
          "description"
        ],
        "properties": {
          "scope": {
            "type": "string",
            "enum": [
              "pages:read",
              "pages:write"
            ]
          },
          "description": {
            "type": "string"
          }
        }
      }
    },
    "previously_granted": {
      "type": "array",
      "description": "Scopes this person granted this client before (remembered per client).",
      "items": {
        "type": "string"
      }
    }
  }
} as const;

export const AuthorizationRedirectSchema = {
  "type": "object",
  "required": [
    "redirect_to"
  ],
  "properties": {
    "redirect_to": {
      "type": "string",
      "description": "Where the browser goes next."
    }
  }
} as const;

export const ConnectedAppSchema = {
  "type": "object",
  "required": [
    "id",
    "client_id",
    "name",
    "scopes",
    "first_used_at",
    "last_used_at"
  ],
  "properties": {
    "id": {
      "type": "string"
    },
    "client_id": {
      "type": "string"
    },
    "name": {
      "type": "string"
    },
    "scopes": {
      "type": "array",
      "items": {
        "type": "string"
      }
    },
    "first_used_at": {
      "type": "string",
      "format": "date-time",
      "description": "When the person authorised it."
    },
    "last_used_at": {
      "type": [
        "string",
        "null"
      ],
      "format": "date-time",
      "description": "When one of its tokens was last used (to within a few seconds); null before the first use."
    }
  }
} as const;

export const ConnectedAppListSchema = {
  "type": "object",
  "required": [
    "apps"
  ],
  "properties": {
    "apps": {
      "type": "array",
      "items": ConnectedAppSchema
    }
  }
} as const;

export const TokenSchema = {
  "type": "object",
  "description": "An API token, without its secret.",
  "required": [
    "id",
    "name",
    "scopes",
    "created_at",
    "last_used_at"
  ],
  "properties": {
    "id": {
      "type": "string",
      "examples": [
        "tok_Hc9s1LqP0aZ3xY7w"
      ]
    },
    "name": {
      "type": "string"
    },
    "scopes": {
      "type": "array",
      "items": ScopeSchema
    },
    "created_at": TimestampSchema,
    "last_used_at": {
      "oneOf": [
        TimestampSchema,
        {
          "type": "null"
        }
      ],
      "description": "When the token last authenticated a request (to the minute), or null."
    }
  }
} as const;

export const TokenCreatedSchema = {
  "description": "A new API token. `token` is shown only this once; Outpost keeps just its hash.",
  "type": "object",
  "properties": {
    ...TokenSchema.properties,
    "token": {
      "type": "string",
      "pattern": "^op_[A-Za-z0-9_-]{43,}$",
      "description": "The secret; send it as `Authorization: Bearer op_…`."
    }
  },
  "required": [
    "id",
    "name",
    "scopes",
    "created_at",
    "last_used_at",
    "token"
  ]
} as const;

export const TokenListSchema = {
  "type": "object",
  "required": [
    "tokens"
  ],
  "properties": {
    "tokens": {
      "type": "array",
      "items": TokenSchema
    }
  }
} as const;

export const InvitationCreateRequestSchema = {
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "expires_in_days": {
      "type": "integer",
      "minimum": 1,
      "maximum": 90,
      "default": 7,
      "description": "How long the code stays valid."
    },
    "note": {
      "type": "string",
      "maxLength": 200,
      "description": "A reminder of whom the code is for."
    }
  }
} as const;

export const InvitationSchema = {
  "type": "object",
  "description": "An invitation code's record. The code itself is shown only when it is created.",
  "required": [
    "id",
    "created_at",
    "expires_at",
    "used_at"
  ],
  "properties": {
    "id": {
      "type": "string"
    },
    "note": {
      "type": "string"
    },
    "created_at": TimestampSchema,
    "expires_at": TimestampSchema,
    "used_at": {
      "oneOf": [
        TimestampSchema,
        {
          "type": "null"
        }
      ]
    }
  }
} as const;

export const InvitationCreatedSchema = {
  "type": "object",
  "description": "An invitation code's record. The code itself is shown only when it is created.",
  "properties": {
    ...InvitationSchema.properties,
    "code": {
      "type": "string",
      "description": "The invitation code to hand to the new user (shown only this once)."
    }
  },
  "required": [
    "id",
    "created_at",
    "expires_at",
    "used_at",
    "code"
  ]
} as const;

export const InvitationListSchema = {
  "type": "object",
  "required": [
    "invitations"
  ],
  "properties": {
    "invitations": {
      "type": "array",
      "items": InvitationSchema
    }
  }
} as const;

export const PageIdSchema = {
  "type": "string",
  "pattern": "^[0-9A-Za-z]{8}$",
  "description": "The page's 8-character id, as in its URL.",
  "examples": [
    "Ab12Cd34"
  ]
} as const;

export const VisibilitySchema = {
  "type": "string",
  "enum": [
    "public",
    "shared",
    "private"
  ],
  "x-error-message": "Invalid visibility",
  "description": "`public`: anyone with the URL. `shared`: visitors who enter one of the passcodes or an allowed\nemail. `private`: only the owner, through the preview link `GET /api/pages/{page_id}` returns.\n"
} as const;

export const PasscodesSchema = {
  "type": "array",
  "maxItems": 20,
  "items": {
    "type": "string",
    "minLength": 1,
    "maxLength": 128
  },
  "description": "Passcodes that open a shared page. Stored encrypted; an empty array removes them all."
} as const;

export const AllowedEmailsSchema = {
  "type": "array",
  "maxItems": 500,
  "items": {
    "type": "string",
    "format": "email",
    "maxLength": 254
  },
  "description": "Emails that may open a shared page through a one-time link. An empty array removes them all."
} as const;

export const PageExpiresAtSchema = {
  "type": [
    "string",
    "null"
  ],
  "format": "date-time",
  "x-error-message": "expires_at must be an RFC 3339 date-time (e.g. 2026-05-03T17:42:11Z) or null",
  "description": "When the page stops being served: after it, its address answers 410 Gone. At create it must be in\nthe future; on update, null removes it (a time already past ends the page now).\n"
} as const;

export const PageMaxViewsSchema = {
  "type": [
    "integer",
    "null"
  ],
  "minimum": 1,
  "maximum": 1000000000,
  "x-error-message": "max_views must be a whole number of at least 1, or null",
  "description": "How many times the page's HTML documents may be opened by visitors (the owner's preview link and the\npage's other files don't count); after that its address answers 410 Gone. null removes the limit.\n"
} as const;

export const PageFileSchema = {
  "type": "object",
  "additionalProperties": false,
  "required": [
    "path",
    "content"
  ],
  "properties": {
    "path": {
      "type": "string",
      "minLength": 1,
      "maxLength": 1024,
      "description": "The file's path in the site, e.g. `index.html` or `assets/app.css`."
    },
    "content": {
      "type": "string",
      "description": "The file's content, as text or base64 (see `encoding`)."
    },
    "encoding": {
      "type": "string",
      "enum": [
        "utf8",
        "base64"
      ],
      "default": "utf8"
    }
  }
} as const;

export const CaptureRenderSchema = {
  "type": "boolean",
  "description": "With a `source_url`: also load the page in a headless browser (every request it makes goes through\nthe capture's address checks) and store the same-site files its scripts fetch while loading, such as\na spec a Swagger UI loads. Defaults to true when the server has the browser pass (`CAPTURE_BROWSER`);\n`true` on a server without it is a 400. What the page tried and was refused is in the job's problems\n(e.g. `blocked-address`, `render-websocket`, `render-service-worker`, `render-method`).\n"
} as const;

export const PageContentSchema = {
  "type": "object",
  "description": "A page's files, given in exactly one way: `html` (a single HTML page), `files` (a small site\nwritten inline, e.g. by an AI client) or `source_url` (a page to capture with its same-domain\nassets).\n",
  "properties": {
    "html": {
      "type": "string",
      "minLength": 1,
      "description": "The page as one HTML document; stored as `index.html`."
    },
    "files": {
      "type": "array",
      "minItems": 1,
      "maxItems": 500,
      "items": PageFileSchema,
      "description": "The site's files. `index.html` (or the only `.html` file) becomes the default file."
    },
    "source_url": {
      "type": "string",
      "format": "uri",
      "maxLength": 2048,
      "description": "A public http(s) page to capture with its same-domain assets."
    },
    "render": CaptureRenderSchema
  },
  "oneOf": [
    {
      "required": [
        "html"
      ]
    },
    {
      "required": [
        "files"
      ]
    },
    {
      "required": [
        "source_url"
      ]
    }
  ],
  "x-one-of-message": "Give the page's content in exactly one of html, files, source_url or (uploading) file"
} as const;

export const ScriptShimsSchema = {
  "type": "boolean",
  "description": "Serve the page's HTML documents with a small script at the top of `<head>` that gives scripts\nin-memory stand-ins for `document.cookie`, `localStorage` and `sessionStorage` (they throw in the\nsandbox pages run in; nothing is kept after the page is closed, nothing reaches the server) and\nstarts `new Worker()` on the page's own scripts. The stored files and the export are not changed.\nOff by default for uploaded files; a `source_url` capture (creating the page or replacing its\nfiles) turns it on. It can be turned on or off at any time.\n"
} as const;

export const PageCreateRequestSchema = {
  "type": "object",
  "description": "A page's files, given in exactly one way: `html` (a single HTML page), `files` (a small site\nwritten inline, e.g. by an AI client) or `source_url` (a page to capture with its same-domain\nassets).\n",
  "properties": {
    ...PageContentSchema.properties,
    "name": {
      "type": "string",
      "minLength": 1,
      "maxLength": 200,
      "description": "A name to recognise the page by. Defaults to the page's HTML title or \"Untitled page\"."
    },
    "visibility": VisibilitySchema,
    "passcodes": PasscodesSchema,
    "allowed_emails": AllowedEmailsSchema,
    "script_shims": ScriptShimsSchema,
    "expires_at": PageExpiresAtSchema,
    "max_views": PageMaxViewsSchema
  },
  "additionalProperties": false,
  "oneOf": [
    {
      "required": [
        "html"
      ]
    },
    {
      "required": [
        "files"
      ]
    },
    {
      "required": [
        "source_url"
      ]
    }
  ],
  "x-one-of-message": "Give the page's content in exactly one of html, files, source_url or (uploading) file"
} as const;

export const PageUpdateRequestSchema = {
  "type": "object",
  "additionalProperties": false,
  "minProperties": 1,
  "description": "Any subset of these fields; the page's files are not touched.",
  "properties": {
    "name": {
      "type": "string",
      "minLength": 1,
      "maxLength": 200
    },
    "visibility": VisibilitySchema,
    "passcodes": PasscodesSchema,
    "allowed_emails": AllowedEmailsSchema,
    "script_shims": ScriptShimsSchema,
    "expires_at": PageExpiresAtSchema,
    "max_views": PageMaxViewsSchema
  }
} as const;

export const PageFilesRequestSchema = {
  "type": "object",
  "description": "A page's files, given in exactly one way: `html` (a single HTML page), `files` (a small site\nwritten inline, e.g. by an AI client) or `source_url` (a page to capture with its same-domain\nassets).\n",
  "properties": {
    ...PageContentSchema.properties
  },
  "additionalProperties": false,
  "oneOf": [
    {
      "required": [
        "html"
      ]
    },
    {
      "required": [
        "files"
      ]
    },
    {
      "required": [
        "source_url"
      ]
    }
  ],
  "x-one-of-message": "Give the page's content in exactly one of html, files, source_url or (uploading) file"
} as const;

export const JobIdSchema = {
  "type": "string",
  "pattern": "^[0-9A-Za-z]{12}$",
  "description": "The job's 12-character id.",
  "examples": [
    "Qw3Er5Ty7Ui9"
  ]
} as const;

export const JobStatusSchema = {
  "type": "string",
  "enum": [
    "pending",
    "running",
    "done",
    "failed",
    "cancelled"
  ],
  "description": "`pending`: accepted, not started. `running`: fetching. `done`: the page holds the capture.\n`failed`: the source page could not be captured (see `error`); the page was not changed.\n`cancelled`: stopped before it finished; the page was not changed.\n"
} as const;

export const JobProblemSchema = {
  "type": "object",
  "required": [
    "url",
    "reason",
    "message"
  ],
  "properties": {
    "url": {
      "type": "string"
    },
    "reason": {
      "type": "string",
      "description": "A short code, e.g. `status`, `timeout`, `too-large`, `blocked-address`, `asset-limit`."
    },
    "message": {
      "type": "string"
    }
  }
} as const;

export const JobCountsSchema = {
  "type": "object",
  "required": [
    "assets_found",
    "assets_fetched",
    "assets_skipped",
    "assets_failed",
    "assets_external",
    "bytes"
  ],
  "properties": {
    "assets_found": {
      "type": "integer",
      "description": "Same-origin assets the page references (the page itself not included)."
    },
    "assets_fetched": {
      "type": "integer"
    },
    "assets_skipped": {
      "type": "integer",
      "description": "Assets left out because a limit was reached (count, size, time)."
    },
    "assets_failed": {
      "type": "integer",
      "description": "Assets that could not be fetched (status, timeout, blocked address…)."
    },
    "assets_external": {
      "type": "integer",
      "description": "References to other sites, kept as absolute URLs."
    },
    "bytes": {
      "type": "integer",
      "description": "Decoded bytes fetched, the page included."
    }
  }
} as const;

export const JobSchema = {
  "type": "object",
  "description": "A capture of a `source_url` into a page.",
  "required": [
    "id",
    "action",
    "status",
    "source_url",
    "page_id",
    "counts",
    "problems",
    "problem_count",
    "error",
    "created_at",
    "started_at",
    "finished_at",
    "duration_ms"
  ],
  "properties": {
    "id": JobIdSchema,
    "action": {
      "type": "string",
      "enum": [
        "create",
        "replace",
        "watch_run"
      ],
      "description": "`create`: a new page. `replace`: new files for `page_id`. `watch_run`: a run of watch `watch_id` (files replaced only when they changed)."
    },
    "watch_id": {
      "type": [
        "string",
        "null"
      ],
      "description": "The watch a `watch_run` belongs to."
    },
    "status": JobStatusSchema,
    "source_url": {
      "type": "string"
    },
    "page_id": {
      "type": [
        "string",
        "null"
      ],
      "description": "The page the capture writes (for `create`, known once it is done)."
    },
    "counts": JobCountsSchema,
    "problems": {
      "type": "array",
      "maxItems": 20,
      "items": JobProblemSchema,
      "description": "The first assets that were skipped or failed, with the reason."
    },
    "problem_count": {
      "type": "integer"
    },
    "error": {
      "description": "Why the job failed or was cancelled; null otherwise.",
      "oneOf": [
        {
          "type": "null"
        },
        {
          "type": "object",
          "required": [
            "reason",
            "message"
          ],
          "properties": {
            "reason": {
              "type": "string"
            },
            "message": {
              "type": "string"
            },
            "http_status": {
              "type": "integer",
              "description": "The source page's HTTP status, when it answered with an error (reason `status`)."
            }
          }
        }
      ]
    },
    "created_at": TimestampSchema,
    "started_at": {
      "type": [
        "string",
        "null"
      ],
      "format": "date-time"
    },
    "finished_at": {
      "type": [
        "string",
        "null"
      ],
      "format": "date-time"
    },
    "duration_ms": {
      "type": [
        "integer",
        "null"
      ]
    }
  }
} as const;

export const JobListSchema = {
  "type": "object",
  "required": [
    "jobs",
    "count",
    "next_cursor"
  ],
  "properties": {
    "jobs": {
      "type": "array",
      "items": JobSchema
    },
    "count": {
      "type": "integer"
    },
    "next_cursor": {
      "type": [
        "string",
        "null"
      ],
      "description": "Pass as `cursor` for the next, older jobs; null when there are no more."
    }
  }
} as const;

export const CaptureAcceptedSchema = {
  "type": "object",
  "description": "The capture is still running after `wait` seconds; poll the job.",
  "required": [
    "job",
    "message"
  ],
  "properties": {
    "job": JobSchema,
    "message": {
      "type": "string"
    }
  }
} as const;

export const PageStatusSchema = {
  "type": "string",
  "enum": [
    "live",
    "expired"
  ],
  "description": "`live`: served at its URL. `expired`: its `expires_at` has passed or its `max_views` are used up; its\nURL answers 410 Gone (change or clear them to serve it again).\n"
} as const;

export const PageSummarySchema = {
  "type": "object",
  "description": "A page as listed.",
  "required": [
    "id",
    "name",
    "visibility",
    "default_file",
    "url",
    "has_passcode",
    "allowed_emails",
    "size",
    "file_count",
    "script_shims",
    "created_at",
    "updated_at",
    "status",
    "expires_at",
    "max_views"
  ],
  "properties": {
    "id": PageIdSchema,
    "name": {
      "type": "string"
    },
    "visibility": VisibilitySchema,
    "default_file": {
      "type": "string",
      "description": "The file the page opens on. Uploaded content: served at the page's root. A capture from a `source_url`: the captured document at its own path in the mirrored layout (`docs/guide/index.html` for `https://site/docs/guide/`), and the page's root answers 302 to it, so addresses its scripts build relative to it resolve as on the original."
    },
    "url": {
      "type": "string",
      "format": "uri",
      "description": "Where the page is served."
    },
    "has_passcode": {
      "type": "boolean"
    },
    "allowed_emails": {
      "type": "array",
      "items": {
        "type": "string"
      }
    },
    "size": {
      "type": "integer",
      "description": "Total bytes of the page's files."
    },
    "file_count": {
      "type": "integer"
    },
    "script_shims": {
      "type": "boolean",
      "description": "Whether the page's HTML documents are served with the script shims (see `ScriptShims`)."
    },
    "created_at": TimestampSchema,
    "updated_at": TimestampSchema,
    "status": PageStatusSchema,
    "expires_at": {
      "type": [
        "string",
        "null"
      ],
      "format": "date-time",
      "description": "When the page stops being served (410 Gone after it); null when it doesn't."
    },
    "max_views": {
      "type": [
        "integer",
        "null"
      ],
      "description": "How many visitor views of its HTML documents the page allows; null when unlimited."
    }
  }
} as const;

export const PageSchema = {
  "description": "A page, with its passcodes (decrypted) and allowed emails.",
  "type": "object",
  "properties": {
    ...PageSummarySchema.properties,
    "passcodes": {
      "type": "array",
      "items": {
        "type": "string"
      }
    },
    "preview_url": {
      "type": "string",
      "format": "uri",
      "description": "A private preview link for the page's owner: opens the page in a browser whatever its visibility and access settings, for 15 minutes from this response. Anyone holding the link can use it until then; ask for the page again for a fresh one."
    },
    "job": {
      ...JobSchema,
      "description": "Present when the page's files were just captured from a `source_url`."
    }
  },
  "required": [
    "id",
    "name",
    "visibility",
    "default_file",
    "url",
    "has_passcode",
    "allowed_emails",
    "size",
    "file_count",
    "script_shims",
    "created_at",
    "updated_at",
    "status",
    "expires_at",
    "max_views",
    "passcodes"
  ]
} as const;

export const CaptureResultSchema = {
  "type": "object",
  "description": "The page with a `message` once its capture finished; while it still runs, the job to poll.",
  "anyOf": [
    PageSchema,
    CaptureAcceptedSchema
  ]
} as const;

export const JobIdRequestSchema = {
  "type": "object",
  "additionalProperties": false,
  "required": [
    "job_id"
  ],
  "properties": {
    "job_id": JobIdSchema
  }
} as const;

export const CaptureWaitSchema = {
  "type": "integer",
  "minimum": 0,
  "maximum": 60,
  "default": 60,
  "description": "For a `source_url`, how many seconds to wait for the capture before answering with the job to poll."
} as const;

export const UpdateFromUrlRequestSchema = {
  "type": "object",
  "additionalProperties": false,
  "required": [
    "page_id",
    "source_url"
  ],
  "properties": {
    "page_id": PageIdSchema,
    "source_url": {
      "type": "string",
      "format": "uri",
      "maxLength": 2048,
      "description": "The public http(s) page to capture; its files replace the page's files."
    },
    "render": CaptureRenderSchema,
    "wait": CaptureWaitSchema
  }
} as const;

export const PageDayViewsSchema = {
  "type": "object",
  "required": [
    "date",
    "views",
    "unique_visitors"
  ],
  "properties": {
    "date": {
      "type": "string",
      "format": "date",
      "description": "The day (UTC), as YYYY-MM-DD."
    },
    "views": {
      "type": "integer"
    },
    "unique_visitors": {
      "type": "integer",
      "description": "Estimated distinct visitors that day."
    }
  }
} as const;

export const PageEmailOpenSchema = {
  "type": "object",
  "required": [
    "email",
    "opens",
    "first_opened_at",
    "last_opened_at"
  ],
  "properties": {
    "email": {
      "type": "string"
    },
    "opens": {
      "type": "integer",
      "description": "How many of its emailed links this address followed."
    },
    "first_opened_at": TimestampSchema,
    "last_opened_at": TimestampSchema
  }
} as const;

export const PageStatsSchema = {
  "type": "object",
  "required": [
    "page_id",
    "status",
    "total_views",
    "views_last_30_days",
    "unique_visitors_last_30_days",
    "days",
    "email_opens",
    "max_views",
    "views_left",
    "expires_at"
  ],
  "properties": {
    "page_id": PageIdSchema,
    "status": PageStatusSchema,
    "total_views": {
      "type": "integer",
      "description": "Visitor views of the page's HTML documents since it was created."
    },
    "views_last_30_days": {
      "type": "integer"
    },
    "unique_visitors_last_30_days": {
      "type": "integer",
      "description": "Estimated distinct visitors (address and user agent) over the last 30 days (about 3 % error)."
    },
    "days": {
      "type": "array",
      "description": "The last 30 days (UTC), oldest first, days without views included.",
      "items": PageDayViewsSchema
    },
    "email_opens": {
      "type": "array",
      "description": "For a page with allowed emails, each address that followed its emailed link, latest first.",
      "items": PageEmailOpenSchema
    },
    "max_views": {
      "type": [
        "integer",
        "null"
      ]
    },
    "views_left": {
      "type": [
        "integer",
        "null"
      ],
      "description": "Views left before the page answers 410 Gone; null without max_views."
    },
    "expires_at": {
      "type": [
        "string",
        "null"
      ],
      "format": "date-time"
    }
  }
} as const;

export const VersionOriginSchema = {
  "type": "object",
  "description": "How the version was made: `upload` (a file or ZIP), `inline` (`html` or `files`), `capture` of\n`source_url` (by `job_id`; a watch's run also names `watch_id`), or `rollback` to `from_version`.\n",
  "required": [
    "kind"
  ],
  "properties": {
    "kind": {
      "type": "string",
      "enum": [
        "upload",
        "inline",
        "capture",
        "rollback",
        "unknown"
      ]
    },
    "source_url": {
      "type": "string"
    },
    "job_id": {
      "type": "string"
    },
    "watch_id": {
      "type": "string"
    },
    "from_version": {
      "type": "integer"
    }
  }
} as const;

export const VersionChangesSchema = {
  "type": "object",
  "description": "What changed from the version before, by path and SHA-256 (up to 50 paths of each kind are listed).",
  "required": [
    "added",
    "removed",
    "changed",
    "added_paths",
    "removed_paths",
    "changed_paths"
  ],
  "properties": {
    "added": {
      "type": "integer"
    },
    "removed": {
      "type": "integer"
    },
    "changed": {
      "type": "integer"
    },
    "added_paths": {
      "type": "array",
      "items": {
        "type": "string"
      }
    },
    "removed_paths": {
      "type": "array",
      "items": {
        "type": "string"
      }
    },
    "changed_paths": {
      "type": "array",
      "items": {
        "type": "string"
      }
    }
  }
} as const;

export const PageVersionSchema = {
  "type": "object",
  "required": [
    "number",
    "live",
    "created_at",
    "origin",
    "file_count",
    "size",
    "changes"
  ],
  "properties": {
    "number": {
      "type": "integer",
      "description": "1, 2, 3… in the order the page's versions went live (0 for one stored before versions were numbered)."
    },
    "live": {
      "type": "boolean",
      "description": "Whether this is the version the page shows now."
    },
    "created_at": {
      "type": "string",
      "format": "date-time",
      "description": "When it went live."
    },
    "origin": VersionOriginSchema,
    "file_count": {
      "type": "integer"
    },
    "size": {
      "type": "integer",
      "description": "Bytes of its files (files shared with other versions are stored once; see `stored_bytes`)."
    },
    "stored_bytes": {
      "type": "integer",
      "description": "Bytes this version stored itself, counted in the quota (content shared with an older version costs nothing)."
    },
    "changes": VersionChangesSchema
  }
} as const;

export const PageVersionListSchema = {
  "type": "object",
  "required": [
    "versions",
    "count"
  ],
  "properties": {
    "versions": {
      "type": "array",
      "items": PageVersionSchema
    },
    "count": {
      "type": "integer"
    }
  }
} as const;

export const VersionFileSchema = {
  "type": "object",
  "required": [
    "path",
    "size",
    "content_type",
    "sha256"
  ],
  "properties": {
    "path": {
      "type": "string"
    },
    "size": {
      "type": "integer"
    },
    "content_type": {
      "type": "string"
    },
    "sha256": {
      "type": "string",
      "description": "Hex SHA-256 of the content."
    }
  }
} as const;

export const PageVersionDetailSchema = {
  "type": "object",
  "properties": {
    ...PageVersionSchema.properties,
    "files": {
      "type": "array",
      "items": VersionFileSchema
    },
    "preview_url": {
      "type": "string",
      "format": "uri",
      "description": "A read-only link to this version for 15 minutes (for the owner; anyone holding it can use it until then)."
    }
  },
  "required": [
    "number",
    "live",
    "created_at",
    "origin",
    "file_count",
    "size",
    "changes",
    "files",
    "preview_url"
  ]
} as const;

export const StoredPageFileSchema = {
  "type": "object",
  "required": [
    "path",
    "size",
    "content_type"
  ],
  "properties": {
    "path": {
      "type": "string",
      "description": "The file's path in the page (\"/\"-separated, no leading slash)."
    },
    "size": {
      "type": "integer",
      "description": "Bytes."
    },
    "content_type": {
      "type": "string"
    }
  }
} as const;

export const PageFileListSchema = {
  "type": "object",
  "required": [
    "files",
    "count"
  ],
  "properties": {
    "files": {
      "type": "array",
      "items": StoredPageFileSchema
    },
    "count": {
      "type": "integer"
    }
  }
} as const;

export const PageListSchema = {
  "type": "object",
  "required": [
    "pages",
    "count",
    "next_cursor"
  ],
  "properties": {
    "pages": {
      "type": "array",
      "items": PageSummarySchema
    },
    "count": {
      "type": "integer",
      "description": "How many pages this response holds."
    },
    "next_cursor": {
      "type": [
        "string",
        "null"
      ],
      "description": "Pass as `cursor` for the next, older pages; null when there are no more."
    }
  }
} as const;

export const UploadRecipeRequestSchema = {
  "type": "object",
  "additionalProperties": false,
  "description": "What the new page should be; the recipe's upload link carries these into the upload.",
  "properties": {
    "name": {
      "type": "string",
      "minLength": 1,
      "maxLength": 200
    },
    "visibility": VisibilitySchema,
    "passcodes": PasscodesSchema,
    "allowed_emails": AllowedEmailsSchema
  }
} as const;

export const UpdateFilesRequestSchema = {
  "type": "object",
  "additionalProperties": false,
  "required": [
    "page_id"
  ],
  "properties": {
    "page_id": PageIdSchema,
    "html": {
      "type": "string",
      "minLength": 1,
      "description": "New content as one HTML document (replaces every file)."
    },
    "files": {
      "type": "array",
      "minItems": 1,
      "maxItems": 500,
      "items": PageFileSchema,
      "description": "New content as a small site (replaces every file)."
    }
  }
} as const;

export const CurlRecipeSchema = {
  "type": "object",
  "required": [
    "endpoint",
    "example"
  ],
  "properties": {
    "endpoint": {
      "type": "string",
      "description": "The method and URL, e.g. `POST https://outpost.example.com/api/uploads/…`."
    },
    "example": {
      "type": "string",
      "description": "A curl command that runs as given in a shell, from the folder holding the file it names\n(`./my_site.zip`: change the path to upload another file). Its one-time upload link\nstands in for a token.\n"
    }
  }
} as const;

export const UpdateFilesResultSchema = {
  "type": "object",
  "description": "With inline content: the page with its new files and a `message`. Without: curl recipes to\nreplace the files from a local file (`replace_with_file`) or a URL (`replace_from_url`), each\nwith its own one-time upload link, and a `hint`.\n",
  "properties": {
    "message": {
      "type": "string"
    },
    "note": {
      "type": "string"
    },
    "replace_with_file": CurlRecipeSchema,
    "replace_from_url": CurlRecipeSchema,
    "expires_at": {
      "type": [
        "string",
        "null"
      ],
      "format": "date-time",
      "description": "With recipes, when their upload links expire; with inline content, the page's `expires_at`."
    },
    "hint": {
      "type": "string"
    }
  }
} as const;

export const UploadRecipeSchema = {
  "type": "object",
  "required": [
    "note",
    "upload_file",
    "after_upload"
  ],
  "properties": {
    "note": {
      "type": "string"
    },
    "upload_file": CurlRecipeSchema,
    "after_upload": {
      "type": "array",
      "items": CurlRecipeSchema,
      "description": "Commands still needed once the upload is done; empty, since the upload link carries the\nname and access settings (so the page is never public in between).\n"
    },
    "expires_at": TimestampSchema
  }
} as const;

export const UploadLinkRequestSchema = {
  "type": "object",
  "additionalProperties": false,
  "description": "Without `page_id`: a link that creates a new page with these settings. With `page_id`: a link\nthat replaces that page's files (its settings stay; change them with `PATCH /api/pages/{page_id}`).\n",
  "properties": {
    "page_id": PageIdSchema,
    "name": {
      "type": "string",
      "minLength": 1,
      "maxLength": 200
    },
    "visibility": VisibilitySchema,
    "passcodes": PasscodesSchema,
    "allowed_emails": AllowedEmailsSchema
  }
} as const;

export const UploadLinkSchema = {
  "type": "object",
  "required": [
    "url",
    "action",
    "expires_at"
  ],
  "properties": {
    "url": {
      "type": "string",
      "description": "Where to `POST` the upload (`multipart/form-data`), with no Authorization header.",
      "examples": [
        "https://outpost.example.com/api/uploads/mzq1x2.c2VjcmV0.bWFj"
      ]
    },
    "action": {
      "type": "string",
      "enum": [
        "create",
        "replace"
      ]
    },
    "page_id": PageIdSchema,
    "expires_at": TimestampSchema
  }
} as const;

export const UploadLinkFormSchema = {
  "type": "object",
  "additionalProperties": false,
  "description": "An upload, as `curl -F` sends it. Give exactly one of `file` and `source_url`; the page's\nname and access settings come from the link.\n",
  "properties": {
    "file": {
      "type": "string",
      "contentMediaType": "application/octet-stream",
      "description": "One `.html` file (stored as `index.html`) or a `.zip` of the site (a single top-level\nfolder is stripped; `index.html`, or the only HTML file, becomes the default file).\n"
    },
    "source_url": {
      "type": "string",
      "format": "uri",
      "maxLength": 2048,
      "description": "A public http(s) page to capture with its same-domain assets."
    }
  }
} as const;

export const PageUpdateFormSchema = {
  "type": "object",
  "description": "The fields of `PageUpdateRequest` as form fields, as `curl -F` or `curl -d` send them.",
  "properties": {
    "name": {
      "type": "string"
    },
    "visibility": VisibilitySchema,
    "passcodes": {
      "type": "string",
      "description": "Passcodes, comma-separated, or one per repeated field (a passcode with a comma needs the JSON form)."
    },
    "allowed_emails": {
      "type": "string",
      "description": "Allowed emails, comma-separated, or one per repeated field."
    },
    "script_shims": {
      "type": "string",
      "enum": [
        "true",
        "false"
      ],
      "description": "`true` or `false` (see `ScriptShims`)."
    },
    "expires_at": {
      "type": "string",
      "description": "An RFC 3339 date-time; an empty value removes it."
    },
    "max_views": {
      "type": "string",
      "description": "A whole number of at least 1; an empty value removes the limit."
    }
  }
} as const;

export const WatchIdSchema = {
  "type": "string",
  "pattern": "^[0-9A-Za-z]{12}$",
  "description": "The watch's 12-character id.",
  "examples": [
    "Wa7Tc4Hq2Zp9"
  ]
} as const;

export const WatchScheduleSchema = {
  "type": "object",
  "additionalProperties": false,
  "description": "When the watch runs: every `interval_minutes` (15 or more), or at the times of a 5-field\n`cron` expression (runs at least 15 minutes apart; `timezone` an IANA name, default UTC).\nGive one of `interval_minutes` and `cron`.\n",
  "properties": {
    "interval_minutes": {
      "type": "integer",
      "minimum": 15,
      "maximum": 44640
    },
    "cron": {
      "type": "string",
      "minLength": 1,
      "maxLength": 120,
      "examples": [
        "0 9 * * 1-5"
      ]
    },
    "timezone": {
      "type": "string",
      "maxLength": 64,
      "examples": [
        "Europe/Paris"
      ]
    }
  }
} as const;

export const WatchStateSchema = {
  "type": "string",
  "enum": [
    "active",
    "paused"
  ],
  "description": "`active`: runs on its schedule. `paused`: does not run until resumed."
} as const;

export const WatchCreateRequestSchema = {
  "type": "object",
  "additionalProperties": false,
  "required": [
    "schedule"
  ],
  "description": "What to watch: `page_id` and `source_url` (the page the captures go into, and what to capture),\nor `job_id` of an earlier capture (its page and URL).\n",
  "properties": {
    "page_id": PageIdSchema,
    "source_url": {
      "type": "string",
      "format": "uri",
      "maxLength": 2048
    },
    "job_id": JobIdSchema,
    "schedule": WatchScheduleSchema,
    "webhook_url": {
      "type": "string",
      "format": "uri",
      "maxLength": 2048,
      "description": "Receives each signal of a change or a failure as a signed POST (see `WatchWebhook`)."
    },
    "email": EmailSchema,
    "state": WatchStateSchema
  }
} as const;

export const WatchUpdateRequestSchema = {
  "type": "object",
  "additionalProperties": false,
  "description": "Any subset: `state` pauses or resumes, `schedule` replaces it (the next run moves), `webhook_url`\nsets the webhook (re-enabling a disabled one; null removes it), `email` likewise.\n",
  "properties": {
    "state": WatchStateSchema,
    "schedule": WatchScheduleSchema,
    "webhook_url": {
      "type": [
        "string",
        "null"
      ],
      "format": "uri",
      "maxLength": 2048
    },
    "email": {
      "type": [
        "string",
        "null"
      ],
      "format": "email",
      "maxLength": 254
    }
  }
} as const;

export const WatchWebhookSchema = {
  "type": "object",
  "required": [
    "url",
    "state",
    "failures",
    "disabled_reason"
  ],
  "description": "Each signal that is not `unchanged` is POSTed as JSON with `X-Outpost-Signature: sha256=<hex>`, the HMAC-SHA256 of the\nbody under the watch's webhook secret (shown once, when the webhook is set). A delivery is retried\nwith backoff; after repeated failed runs the webhook is disabled, with the reason.\n",
  "properties": {
    "url": {
      "type": "string"
    },
    "state": {
      "type": "string",
      "enum": [
        "active",
        "disabled"
      ]
    },
    "failures": {
      "type": "integer",
      "description": "Runs in a row whose delivery failed."
    },
    "disabled_reason": {
      "type": [
        "string",
        "null"
      ]
    }
  }
} as const;

export const SignalChangesSchema = {
  "type": "object",
  "required": [
    "title",
    "text_added",
    "text_removed",
    "text_added_count",
    "text_removed_count",
    "assets_added",
    "assets_removed",
    "assets_changed"
  ],
  "properties": {
    "title": {
      "description": "The title before and after, when it changed.",
      "oneOf": [
        {
          "type": "null"
        },
        {
          "type": "object",
          "required": [
            "before",
            "after"
          ],
          "properties": {
            "before": {
              "type": [
                "string",
                "null"
              ]
            },
            "after": {
              "type": [
                "string",
                "null"
              ]
            }
          }
        }
      ]
    },
    "text_added": {
      "type": "array",
      "maxItems": 5,
      "items": {
        "type": "string"
      },
      "description": "The first lines of visible text that appeared (each at most 200 characters)."
    },
    "text_removed": {
      "type": "array",
      "maxItems": 5,
      "items": {
        "type": "string"
      }
    },
    "text_added_count": {
      "type": "integer"
    },
    "text_removed_count": {
      "type": "integer"
    },
    "assets_added": {
      "type": "array",
      "maxItems": 20,
      "items": {
        "type": "string"
      },
      "description": "Paths of files the page did not have (the first 20)."
    },
    "assets_removed": {
      "type": "array",
      "maxItems": 20,
      "items": {
        "type": "string"
      }
    },
    "assets_changed": {
      "type": "array",
      "maxItems": 20,
      "items": {
        "type": "string"
      }
    }
  }
} as const;

export const SignalSchema = {
  "type": "object",
  "description": "What one run of a watch found. `outcome`: `changed` (a new version of the page was made),\n`unchanged` (the capture equals the live version; nothing was written), `failed` (see `failure`).\n`score` (0–1) measures how much changed: 0.6 × the share of visible-text lines added or removed\nplus 0.4 × the share of files added, removed or changed, at least 0.05 when only the title changed;\n0 for `unchanged` and `failed`.\n",
  "required": [
    "id",
    "watch_id",
    "page_id",
    "job_id",
    "outcome",
    "changed",
    "score",
    "summary",
    "changes",
    "failure",
    "created_at"
  ],
  "properties": {
    "id": {
      "type": "string"
    },
    "watch_id": WatchIdSchema,
    "page_id": PageIdSchema,
    "job_id": {
      "type": [
        "string",
        "null"
      ],
      "description": "The capture job of the run (null when the run could not start one)."
    },
    "outcome": {
      "type": "string",
      "enum": [
        "changed",
        "unchanged",
        "failed"
      ]
    },
    "changed": {
      "type": "boolean"
    },
    "score": {
      "type": "number",
      "minimum": 0,
      "maximum": 1
    },
    "summary": {
      "type": "string",
      "description": "One line for people, e.g. `Title changed; 3 lines added, 1 removed; 1 file changed`."
    },
    "changes": {
      "oneOf": [
        {
          "type": "null"
        },
        SignalChangesSchema
      ]
    },
    "failure": {
      "description": "Why the run failed (`http_status` for an error answer such as 404).",
      "oneOf": [
        {
          "type": "null"
        },
        {
          "type": "object",
          "required": [
            "reason",
            "message",
            "http_status"
          ],
          "properties": {
            "reason": {
              "type": "string",
              "description": "e.g. `status`, `refused`, `dns`, `timeout`, `blocked-address`, `page-gone`."
            },
            "message": {
              "type": "string"
            },
            "http_status": {
              "type": [
                "integer",
                "null"
              ]
            }
          }
        }
      ]
    },
    "created_at": TimestampSchema
  }
} as const;

export const WatchSchema = {
  "type": "object",
  "description": "A `source_url` re-captured into a page on a schedule; each run gives a signal.",
  "required": [
    "id",
    "page_id",
    "source_url",
    "schedule",
    "state",
    "next_run_at",
    "last_run_at",
    "run_count",
    "last_signal",
    "webhook",
    "email",
    "created_at",
    "updated_at"
  ],
  "properties": {
    "id": WatchIdSchema,
    "page_id": PageIdSchema,
    "source_url": {
      "type": "string"
    },
    "schedule": WatchScheduleSchema,
    "state": WatchStateSchema,
    "next_run_at": {
      "type": [
        "string",
        "null"
      ],
      "format": "date-time",
      "description": "Null while paused."
    },
    "last_run_at": {
      "type": [
        "string",
        "null"
      ],
      "format": "date-time"
    },
    "run_count": {
      "type": "integer"
    },
    "last_signal": {
      "oneOf": [
        {
          "type": "null"
        },
        SignalSchema
      ]
    },
    "webhook": {
      "oneOf": [
        {
          "type": "null"
        },
        WatchWebhookSchema
      ]
    },
    "email": {
      "type": [
        "string",
        "null"
      ]
    },
    "created_at": TimestampSchema,
    "updated_at": TimestampSchema
  }
} as const;

export const WatchWithSecretSchema = {
  "type": "object",
  "required": [
    "watch",
    "webhook_secret"
  ],
  "properties": {
    "watch": WatchSchema,
    "webhook_secret": {
      "type": [
        "string",
        "null"
      ],
      "description": "The webhook's signing secret, shown only in the answer that set the webhook; null otherwise."
    }
  }
} as const;

export const WatchListSchema = {
  "type": "object",
  "required": [
    "watches",
    "count",
    "next_cursor"
  ],
  "properties": {
    "watches": {
      "type": "array",
      "items": WatchSchema
    },
    "count": {
      "type": "integer"
    },
    "next_cursor": {
      "type": [
        "string",
        "null"
      ],
      "description": "Pass as `cursor` for the next, older watches; null when there are no more."
    }
  }
} as const;

export const SignalListSchema = {
  "type": "object",
  "required": [
    "signals",
    "count",
    "next_cursor"
  ],
  "properties": {
    "signals": {
      "type": "array",
      "items": SignalSchema
    },
    "count": {
      "type": "integer"
    },
    "next_cursor": {
      "type": [
        "string",
        "null"
      ],
      "description": "Pass as `cursor` for the next, older signals; null when there are no more."
    }
  }
} as const;

/** Component schemas as request input (readOnly fields removed). */
export const inputSchemas = {
  "Error": ErrorSchema,
  "Health": HealthSchema,
  "Email": EmailSchema,
  "Timestamp": TimestampSchema,
  "Scope": ScopeSchema,
  "User": UserInputSchema,
  "SignupRequest": SignupRequestInputSchema,
  "LoginRequest": LoginRequestInputSchema,
  "Session": SessionInputSchema,
  "BrowserSession": BrowserSessionInputSchema,
  "PasswordChangeRequest": PasswordChangeRequestInputSchema,
  "Instance": InstanceSchema,
  "Me": MeInputSchema,
  "TokenCreateRequest": TokenCreateRequestSchema,
  "AuthorizationRequest": AuthorizationRequestSchema,
  "AuthorizationRedirect": AuthorizationRedirectSchema,
  "ConnectedAppList": ConnectedAppListSchema,
  "ConnectedApp": ConnectedAppSchema,
  "Token": TokenSchema,
  "TokenCreated": TokenCreatedSchema,
  "TokenList": TokenListSchema,
  "InvitationCreateRequest": InvitationCreateRequestSchema,
  "Invitation": InvitationSchema,
  "InvitationCreated": InvitationCreatedSchema,
  "InvitationList": InvitationListSchema,
  "PageId": PageIdSchema,
  "Visibility": VisibilitySchema,
  "Passcodes": PasscodesSchema,
  "AllowedEmails": AllowedEmailsSchema,
  "PageExpiresAt": PageExpiresAtSchema,
  "PageMaxViews": PageMaxViewsSchema,
  "PageFile": PageFileSchema,
  "PageContent": PageContentSchema,
  "ScriptShims": ScriptShimsSchema,
  "PageCreateRequest": PageCreateRequestSchema,
  "PageUpdateRequest": PageUpdateRequestSchema,
  "PageFilesRequest": PageFilesRequestSchema,
  "JobId": JobIdSchema,
  "JobStatus": JobStatusSchema,
  "JobProblem": JobProblemSchema,
  "JobCounts": JobCountsSchema,
  "Job": JobSchema,
  "JobList": JobListSchema,
  "CaptureAccepted": CaptureAcceptedSchema,
  "CaptureResult": CaptureResultSchema,
  "JobIdRequest": JobIdRequestSchema,
  "UpdateFromUrlRequest": UpdateFromUrlRequestSchema,
  "CaptureRender": CaptureRenderSchema,
  "CaptureWait": CaptureWaitSchema,
  "PageSummary": PageSummarySchema,
  "PageStatus": PageStatusSchema,
  "Page": PageSchema,
  "PageStats": PageStatsSchema,
  "PageDayViews": PageDayViewsSchema,
  "PageEmailOpen": PageEmailOpenSchema,
  "PageVersionList": PageVersionListSchema,
  "PageVersion": PageVersionSchema,
  "PageVersionDetail": PageVersionDetailSchema,
  "VersionFile": VersionFileSchema,
  "VersionOrigin": VersionOriginSchema,
  "VersionChanges": VersionChangesSchema,
  "PageFileList": PageFileListSchema,
  "StoredPageFile": StoredPageFileSchema,
  "PageList": PageListSchema,
  "UploadRecipeRequest": UploadRecipeRequestSchema,
  "UpdateFilesRequest": UpdateFilesRequestSchema,
  "UpdateFilesResult": UpdateFilesResultSchema,
  "CurlRecipe": CurlRecipeSchema,
  "UploadRecipe": UploadRecipeSchema,
  "UploadLinkRequest": UploadLinkRequestSchema,
  "UploadLink": UploadLinkSchema,
  "UploadLinkForm": UploadLinkFormSchema,
  "PageUpdateForm": PageUpdateFormSchema,
  "WatchId": WatchIdSchema,
  "WatchSchedule": WatchScheduleSchema,
  "WatchState": WatchStateSchema,
  "WatchCreateRequest": WatchCreateRequestSchema,
  "WatchUpdateRequest": WatchUpdateRequestSchema,
  "WatchWebhook": WatchWebhookSchema,
  "Watch": WatchSchema,
  "WatchWithSecret": WatchWithSecretSchema,
  "WatchList": WatchListSchema,
  "SignalChanges": SignalChangesSchema,
  "Signal": SignalSchema,
  "SignalList": SignalListSchema
} as const;

/** Component schemas as response output (writeOnly fields removed). */
export const outputSchemas = {
  "Error": ErrorSchema,
  "Health": HealthSchema,
  "Email": EmailSchema,
  "Timestamp": TimestampSchema,
  "Scope": ScopeSchema,
  "User": UserOutputSchema,
  "SignupRequest": SignupRequestOutputSchema,
  "LoginRequest": LoginRequestOutputSchema,
  "Session": SessionOutputSchema,
  "BrowserSession": BrowserSessionOutputSchema,
  "PasswordChangeRequest": PasswordChangeRequestOutputSchema,
  "Instance": InstanceSchema,
  "Me": MeOutputSchema,
  "TokenCreateRequest": TokenCreateRequestSchema,
  "AuthorizationRequest": AuthorizationRequestSchema,
  "AuthorizationRedirect": AuthorizationRedirectSchema,
  "ConnectedAppList": ConnectedAppListSchema,
  "ConnectedApp": ConnectedAppSchema,
  "Token": TokenSchema,
  "TokenCreated": TokenCreatedSchema,
  "TokenList": TokenListSchema,
  "InvitationCreateRequest": InvitationCreateRequestSchema,
  "Invitation": InvitationSchema,
  "InvitationCreated": InvitationCreatedSchema,
  "InvitationList": InvitationListSchema,
  "PageId": PageIdSchema,
  "Visibility": VisibilitySchema,
  "Passcodes": PasscodesSchema,
  "AllowedEmails": AllowedEmailsSchema,
  "PageExpiresAt": PageExpiresAtSchema,
  "PageMaxViews": PageMaxViewsSchema,
  "PageFile": PageFileSchema,
  "PageContent": PageContentSchema,
  "ScriptShims": ScriptShimsSchema,
  "PageCreateRequest": PageCreateRequestSchema,
  "PageUpdateRequest": PageUpdateRequestSchema,
  "PageFilesRequest": PageFilesRequestSchema,
  "JobId": JobIdSchema,
  "JobStatus": JobStatusSchema,
  "JobProblem": JobProblemSchema,
  "JobCounts": JobCountsSchema,
  "Job": JobSchema,
  "JobList": JobListSchema,
  "CaptureAccepted": CaptureAcceptedSchema,
  "CaptureResult": CaptureResultSchema,
  "JobIdRequest": JobIdRequestSchema,
  "UpdateFromUrlRequest": UpdateFromUrlRequestSchema,
  "CaptureRender": CaptureRenderSchema,
  "CaptureWait": CaptureWaitSchema,
  "PageSummary": PageSummarySchema,
  "PageStatus": PageStatusSchema,
  "Page": PageSchema,
  "PageStats": PageStatsSchema,
  "PageDayViews": PageDayViewsSchema,
  "PageEmailOpen": PageEmailOpenSchema,
  "PageVersionList": PageVersionListSchema,
  "PageVersion": PageVersionSchema,
  "PageVersionDetail": PageVersionDetailSchema,
  "VersionFile": VersionFileSchema,
  "VersionOrigin": VersionOriginSchema,
  "VersionChanges": VersionChangesSchema,
  "PageFileList": PageFileListSchema,
  "StoredPageFile": StoredPageFileSchema,
  "PageList": PageListSchema,
  "UploadRecipeRequest": UploadRecipeRequestSchema,
  "UpdateFilesRequest": UpdateFilesRequestSchema,
  "UpdateFilesResult": UpdateFilesResultSchema,
  "CurlRecipe": CurlRecipeSchema,
  "UploadRecipe": UploadRecipeSchema,
  "UploadLinkRequest": UploadLinkRequestSchema,
  "UploadLink": UploadLinkSchema,
  "UploadLinkForm": UploadLinkFormSchema,
  "PageUpdateForm": PageUpdateFormSchema,
  "WatchId": WatchIdSchema,
  "WatchSchedule": WatchScheduleSchema,
  "WatchState": WatchStateSchema,
  "WatchCreateRequest": WatchCreateRequestSchema,
  "WatchUpdateRequest": WatchUpdateRequestSchema,
  "WatchWebhook": WatchWebhookSchema,
  "Watch": WatchSchema,
  "WatchWithSecret": WatchWithSecretSchema,
  "WatchList": WatchListSchema,
  "SignalChanges": SignalChangesSchema,
  "Signal": SignalSchema,
  "SignalList": SignalListSchema
} as const;
