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
    }
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
    "allowed_emails": AllowedEmailsSchema
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
    "allowed_emails": AllowedEmailsSchema
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
        "replace"
      ],
      "description": "`create`: a new page. `replace`: new files for `page_id`."
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
    "created_at",
    "updated_at"
  ],
  "properties": {
    "id": PageIdSchema,
    "name": {
      "type": "string"
    },
    "visibility": VisibilitySchema,
    "default_file": {
      "type": "string",
      "description": "The file served at the page's root."
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
    "created_at": TimestampSchema,
    "updated_at": TimestampSchema
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
    "created_at",
    "updated_at",
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
    "wait": CaptureWaitSchema
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
    "expires_at": TimestampSchema,
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
  "PageFile": PageFileSchema,
  "PageContent": PageContentSchema,
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
  "CaptureWait": CaptureWaitSchema,
  "PageSummary": PageSummarySchema,
  "Page": PageSchema,
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
  "PageUpdateForm": PageUpdateFormSchema
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
  "PageFile": PageFileSchema,
  "PageContent": PageContentSchema,
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
  "CaptureWait": CaptureWaitSchema,
  "PageSummary": PageSummarySchema,
  "Page": PageSchema,
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
  "PageUpdateForm": PageUpdateFormSchema
} as const;
