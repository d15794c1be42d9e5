// Generated from openapi.yaml by `npm run codegen`. Do not edit.

/** Every REST operation: route, required scopes (null: public) and normalized JSON Schemas. */
export const operations = {
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
        "job_id": {
          "type": "string",
          "pattern": "^[0-9A-Za-z]{12}$",
          "description": "The job's 12-character id.",
          "examples": [
            "Qw3Er5Ty7Ui9"
          ]
        }
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
        "schema": {
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
            "id": {
              "type": "string",
              "pattern": "^[0-9A-Za-z]{12}$",
              "description": "The job's 12-character id.",
              "examples": [
                "Qw3Er5Ty7Ui9"
              ]
            },
            "action": {
              "type": "string",
              "enum": [
                "create",
                "replace"
              ],
              "description": "`create`: a new page. `replace`: new files for `page_id`."
            },
            "status": {
              "type": "string",
              "enum": [
                "pending",
                "running",
                "done",
                "failed",
                "cancelled"
              ],
              "description": "`pending`: accepted, not started. `running`: fetching. `done`: the page holds the capture.\n`failed`: the source page could not be captured (see `error`); the page was not changed.\n`cancelled`: stopped before it finished; the page was not changed.\n"
            },
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
            "counts": {
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
            },
            "problems": {
              "type": "array",
              "maxItems": 20,
              "items": {
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
              },
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
            "created_at": {
              "type": "string",
              "format": "date-time",
              "description": "An RFC 3339 timestamp in UTC.",
              "examples": [
                "2026-05-03T17:42:11Z"
              ]
            },
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
        },
        "headers": []
      },
      "400": {
        "description": "The request is malformed or fails validation.",
        "schema": {
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
        },
        "headers": []
      },
      "401": {
        "description": "The credential is missing, malformed, unknown, revoked or expired.",
        "schema": {
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
        },
        "headers": [
          "WWW-Authenticate"
        ]
      },
      "403": {
        "description": "The credential lacks a scope this operation needs.",
        "schema": {
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
        },
        "headers": []
      },
      "404": {
        "description": "No job with this id belongs to the caller.",
        "schema": {
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
        },
        "headers": []
      },
      "409": {
        "description": "The job already ended.",
        "schema": {
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
        },
        "headers": []
      },
      "429": {
        "description": "The caller's request budget is spent; retry after `Retry-After` seconds.",
        "schema": {
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
        },
        "headers": [
          "Retry-After"
        ]
      }
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
    "body": {
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
    },
    "bodyRequired": false,
    "bodyContentTypes": [
      "application/json"
    ],
    "responses": {
      "201": {
        "description": "The invitation, with its code.",
        "schema": {
          "type": "object",
          "description": "An invitation code's record. The code itself is shown only when it is created.",
          "properties": {
            "id": {
              "type": "string"
            },
            "note": {
              "type": "string"
            },
            "created_at": {
              "type": "string",
              "format": "date-time",
              "description": "An RFC 3339 timestamp in UTC.",
              "examples": [
                "2026-05-03T17:42:11Z"
              ]
            },
            "expires_at": {
              "type": "string",
              "format": "date-time",
              "description": "An RFC 3339 timestamp in UTC.",
              "examples": [
                "2026-05-03T17:42:11Z"
              ]
            },
            "used_at": {
              "oneOf": [
                {
                  "type": "string",
                  "format": "date-time",
                  "description": "An RFC 3339 timestamp in UTC.",
                  "examples": [
                    "2026-05-03T17:42:11Z"
                  ]
                },
                {
                  "type": "null"
                }
              ]
            },
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
        },
        "headers": []
      },
      "400": {
        "description": "The request is malformed or fails validation.",
        "schema": {
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
        },
        "headers": []
      },
      "401": {
        "description": "The credential is missing, malformed, unknown, revoked or expired.",
        "schema": {
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
        },
        "headers": [
          "WWW-Authenticate"
        ]
      },
      "403": {
        "description": "The credential lacks a scope this operation needs.",
        "schema": {
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
        },
        "headers": []
      },
      "415": {
        "description": "The request body is not `application/json` (nor `multipart/form-data` where the operation takes uploads).",
        "schema": {
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
        },
        "headers": []
      },
      "429": {
        "description": "The caller's request budget is spent; retry after `Retry-After` seconds.",
        "schema": {
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
        },
        "headers": [
          "Retry-After"
        ]
      }
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
        "wait": {
          "type": "integer",
          "minimum": 0,
          "maximum": 60,
          "default": 60,
          "description": "For a `source_url`, how many seconds to wait for the capture before answering with the job to poll."
        }
      },
      "required": [],
      "additionalProperties": false
    },
    "headers": null,
    "body": {
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
          "items": {
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
          },
          "description": "The site's files. `index.html` (or the only `.html` file) becomes the default file."
        },
        "source_url": {
          "type": "string",
          "format": "uri",
          "maxLength": 2048,
          "description": "A public http(s) page to capture with its same-domain assets."
        },
        "name": {
          "type": "string",
          "minLength": 1,
          "maxLength": 200,
          "description": "A name to recognise the page by. Defaults to the page's HTML title or \"Untitled page\"."
        },
        "visibility": {
          "type": "string",
          "enum": [
            "public",
            "shared",
            "private"
          ],
          "x-error-message": "Invalid visibility",
          "description": "`public`: anyone with the URL. `shared`: visitors who enter one of the passcodes or an allowed\nemail. `private`: only the owner, through the preview link `GET /api/pages/{page_id}` returns.\n"
        },
        "passcodes": {
          "type": "array",
          "maxItems": 20,
          "items": {
            "type": "string",
            "minLength": 1,
            "maxLength": 128
          },
          "description": "Passcodes that open a shared page. Stored encrypted; an empty array removes them all."
        },
        "allowed_emails": {
          "type": "array",
          "maxItems": 500,
          "items": {
            "type": "string",
            "format": "email",
            "maxLength": 254
          },
          "description": "Emails that may open a shared page through a one-time link. An empty array removes them all."
        }
      },
      "additionalProperties": false
    },
    "bodyRequired": true,
    "bodyContentTypes": [
      "application/json",
      "multipart/form-data"
    ],
    "responses": {
      "201": {
        "description": "The page.",
        "schema": {
          "description": "A page, with its passcodes (decrypted) and allowed emails.",
          "type": "object",
          "properties": {
            "id": {
              "type": "string",
              "pattern": "^[0-9A-Za-z]{8}$",
              "description": "The page's 8-character id, as in its URL.",
              "examples": [
                "Ab12Cd34"
              ]
            },
            "name": {
              "type": "string"
            },
            "visibility": {
              "type": "string",
              "enum": [
                "public",
                "shared",
                "private"
              ],
              "x-error-message": "Invalid visibility",
              "description": "`public`: anyone with the URL. `shared`: visitors who enter one of the passcodes or an allowed\nemail. `private`: only the owner, through the preview link `GET /api/pages/{page_id}` returns.\n"
            },
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
            "created_at": {
              "type": "string",
              "format": "date-time",
              "description": "An RFC 3339 timestamp in UTC.",
              "examples": [
                "2026-05-03T17:42:11Z"
              ]
            },
            "updated_at": {
              "type": "string",
              "format": "date-time",
              "description": "An RFC 3339 timestamp in UTC.",
              "examples": [
                "2026-05-03T17:42:11Z"
              ]
            },
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
              "type": "object",
              "description": "Present when the page's files were just captured from a `source_url`.",
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
                "id": {
                  "type": "string",
                  "pattern": "^[0-9A-Za-z]{12}$",
                  "description": "The job's 12-character id.",
                  "examples": [
                    "Qw3Er5Ty7Ui9"
                  ]
                },
                "action": {
                  "type": "string",
                  "enum": [
                    "create",
                    "replace"
                  ],
                  "description": "`create`: a new page. `replace`: new files for `page_id`."
                },
                "status": {
                  "type": "string",
                  "enum": [
                    "pending",
                    "running",
                    "done",
                    "failed",
                    "cancelled"
                  ],
                  "description": "`pending`: accepted, not started. `running`: fetching. `done`: the page holds the capture.\n`failed`: the source page could not be captured (see `error`); the page was not changed.\n`cancelled`: stopped before it finished; the page was not changed.\n"
                },
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
                "counts": {
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
                },
                "problems": {
                  "type": "array",
                  "maxItems": 20,
                  "items": {
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
                  },
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
                "created_at": {
                  "type": "string",
                  "format": "date-time",
                  "description": "An RFC 3339 timestamp in UTC.",
                  "examples": [
                    "2026-05-03T17:42:11Z"
                  ]
                },
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
        },
        "headers": []
      },
      "202": {
        "description": "The capture of `source_url` is still running after `wait` seconds; poll the job.",
        "schema": {
          "type": "object",
          "description": "The capture is still running after `wait` seconds; poll the job.",
          "required": [
            "job",
            "message"
          ],
          "properties": {
            "job": {
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
                "id": {
                  "type": "string",
                  "pattern": "^[0-9A-Za-z]{12}$",
                  "description": "The job's 12-character id.",
                  "examples": [
                    "Qw3Er5Ty7Ui9"
                  ]
                },
                "action": {
                  "type": "string",
                  "enum": [
                    "create",
                    "replace"
                  ],
                  "description": "`create`: a new page. `replace`: new files for `page_id`."
                },
                "status": {
                  "type": "string",
                  "enum": [
                    "pending",
                    "running",
                    "done",
                    "failed",
                    "cancelled"
                  ],
                  "description": "`pending`: accepted, not started. `running`: fetching. `done`: the page holds the capture.\n`failed`: the source page could not be captured (see `error`); the page was not changed.\n`cancelled`: stopped before it finished; the page was not changed.\n"
                },
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
                "counts": {
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
                },
                "problems": {
                  "type": "array",
                  "maxItems": 20,
                  "items": {
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
                  },
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
                "created_at": {
                  "type": "string",
                  "format": "date-time",
                  "description": "An RFC 3339 timestamp in UTC.",
                  "examples": [
                    "2026-05-03T17:42:11Z"
                  ]
                },
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
            },
            "message": {
              "type": "string"
            }
          }
        },
        "headers": [
          "Location"
        ]
      },
      "400": {
        "description": "The request is malformed or fails validation.",
        "schema": {
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
        },
        "headers": []
      },
      "401": {
        "description": "The credential is missing, malformed, unknown, revoked or expired.",
        "schema": {
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
        },
        "headers": [
          "WWW-Authenticate"
        ]
      },
      "403": {
        "description": "The credential lacks a scope this operation needs.",
        "schema": {
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
        },
        "headers": []
      },
      "413": {
        "description": "The content is larger than this instance accepts for one page (`UPLOAD_LIMIT_MB`), or would\ntake the caller's stored files past their quota (`USER_QUOTA_MB`; the message says how much is\nused and needed). Nothing was stored.\n",
        "schema": {
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
        },
        "headers": []
      },
      "415": {
        "description": "The request body is not `application/json` (nor `multipart/form-data` where the operation takes uploads).",
        "schema": {
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
        },
        "headers": []
      },
      "422": {
        "description": "The `source_url` could not be captured (blocked address, DNS, refused, error status, not HTML, limits); nothing was changed.",
        "schema": {
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
        },
        "headers": []
      },
      "429": {
        "description": "The caller's request budget is spent; retry after `Retry-After` seconds.",
        "schema": {
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
        },
        "headers": [
          "Retry-After"
        ]
      },
      "507": {
        "description": "The server's disk is nearly full (below `DISK_FREE_FLOOR_MB`), so it stores no page content for now. Nothing was stored.",
        "schema": {
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
        },
        "headers": []
      }
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
    "body": {
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
          "items": {
            "type": "string",
            "enum": [
              "pages:read",
              "pages:write"
            ],
            "description": "`pages:read` lists and reads pages; `pages:write` creates, changes and deletes them.\n"
          },
          "minItems": 1,
          "uniqueItems": true,
          "description": "What the token may do. Defaults to both scopes."
        }
      }
    },
    "bodyRequired": true,
    "bodyContentTypes": [
      "application/json"
    ],
    "responses": {
      "201": {
        "description": "The token, with its secret.",
        "schema": {
          "description": "A new API token. `token` is shown only this once; Outpost keeps just its hash.",
          "type": "object",
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
              "items": {
                "type": "string",
                "enum": [
                  "pages:read",
                  "pages:write"
                ],
                "description": "`pages:read` lists and reads pages; `pages:write` creates, changes and deletes them.\n"
              }
            },
            "created_at": {
              "type": "string",
              "format": "date-time",
              "description": "An RFC 3339 timestamp in UTC.",
              "examples": [
                "2026-05-03T17:42:11Z"
              ]
            },
            "last_used_at": {
              "oneOf": [
                {
                  "type": "string",
                  "format": "date-time",
                  "description": "An RFC 3339 timestamp in UTC.",
                  "examples": [
                    "2026-05-03T17:42:11Z"
                  ]
                },
                {
                  "type": "null"
                }
              ],
              "description": "When the token last authenticated a request (to the minute), or null."
            },
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
        },
        "headers": []
      },
      "400": {
        "description": "The request is malformed or fails validation.",
        "schema": {
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
        },
        "headers": []
      },
      "401": {
        "description": "The credential is missing, malformed, unknown, revoked or expired.",
        "schema": {
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
        },
        "headers": [
          "WWW-Authenticate"
        ]
      },
      "403": {
        "description": "The credential lacks a scope this operation needs.",
        "schema": {
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
        },
        "headers": []
      },
      "415": {
        "description": "The request body is not `application/json` (nor `multipart/form-data` where the operation takes uploads).",
        "schema": {
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
        },
        "headers": []
      },
      "429": {
        "description": "The caller's request budget is spent; retry after `Retry-After` seconds.",
        "schema": {
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
        },
        "headers": [
          "Retry-After"
        ]
      }
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
        "page_id": {
          "type": "string",
          "pattern": "^[0-9A-Za-z]{8}$",
          "description": "The page's 8-character id, as in its URL.",
          "examples": [
            "Ab12Cd34"
          ]
        }
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
      "400": {
        "description": "The request is malformed or fails validation.",
        "schema": {
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
        },
        "headers": []
      },
      "401": {
        "description": "The credential is missing, malformed, unknown, revoked or expired.",
        "schema": {
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
        },
        "headers": [
          "WWW-Authenticate"
        ]
      },
      "403": {
        "description": "The credential lacks a scope this operation needs.",
        "schema": {
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
        },
        "headers": []
      },
      "404": {
        "description": "No page with this id belongs to the caller.",
        "schema": {
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
        },
        "headers": []
      },
      "429": {
        "description": "The caller's request budget is spent; retry after `Retry-After` seconds.",
        "schema": {
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
        },
        "headers": [
          "Retry-After"
        ]
      }
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
        "page_id": {
          "type": "string",
          "pattern": "^[0-9A-Za-z]{8}$",
          "description": "The page's 8-character id, as in its URL.",
          "examples": [
            "Ab12Cd34"
          ]
        }
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
      "400": {
        "description": "The request is malformed or fails validation.",
        "schema": {
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
        },
        "headers": []
      },
      "401": {
        "description": "The credential is missing, malformed, unknown, revoked or expired.",
        "schema": {
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
        },
        "headers": [
          "WWW-Authenticate"
        ]
      },
      "403": {
        "description": "The credential lacks a scope this operation needs.",
        "schema": {
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
        },
        "headers": []
      },
      "404": {
        "description": "No page with this id belongs to the caller.",
        "schema": {
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
        },
        "headers": []
      },
      "429": {
        "description": "The caller's request budget is spent; retry after `Retry-After` seconds.",
        "schema": {
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
        },
        "headers": [
          "Retry-After"
        ]
      }
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
        "schema": {
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
        },
        "headers": []
      },
      "400": {
        "description": "The request is malformed or fails validation.",
        "schema": {
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
        },
        "headers": []
      },
      "503": {
        "description": "The database does not answer.",
        "schema": {
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
        },
        "headers": []
      }
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
        "job_id": {
          "type": "string",
          "pattern": "^[0-9A-Za-z]{12}$",
          "description": "The job's 12-character id.",
          "examples": [
            "Qw3Er5Ty7Ui9"
          ]
        }
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
        "schema": {
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
            "id": {
              "type": "string",
              "pattern": "^[0-9A-Za-z]{12}$",
              "description": "The job's 12-character id.",
              "examples": [
                "Qw3Er5Ty7Ui9"
              ]
            },
            "action": {
              "type": "string",
              "enum": [
                "create",
                "replace"
              ],
              "description": "`create`: a new page. `replace`: new files for `page_id`."
            },
            "status": {
              "type": "string",
              "enum": [
                "pending",
                "running",
                "done",
                "failed",
                "cancelled"
              ],
              "description": "`pending`: accepted, not started. `running`: fetching. `done`: the page holds the capture.\n`failed`: the source page could not be captured (see `error`); the page was not changed.\n`cancelled`: stopped before it finished; the page was not changed.\n"
            },
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
            "counts": {
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
            },
            "problems": {
              "type": "array",
              "maxItems": 20,
              "items": {
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
              },
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
            "created_at": {
              "type": "string",
              "format": "date-time",
              "description": "An RFC 3339 timestamp in UTC.",
              "examples": [
                "2026-05-03T17:42:11Z"
              ]
            },
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
        },
        "headers": []
      },
      "400": {
        "description": "The request is malformed or fails validation.",
        "schema": {
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
        },
        "headers": []
      },
      "401": {
        "description": "The credential is missing, malformed, unknown, revoked or expired.",
        "schema": {
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
        },
        "headers": [
          "WWW-Authenticate"
        ]
      },
      "403": {
        "description": "The credential lacks a scope this operation needs.",
        "schema": {
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
        },
        "headers": []
      },
      "404": {
        "description": "No job with this id belongs to the caller.",
        "schema": {
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
        },
        "headers": []
      },
      "429": {
        "description": "The caller's request budget is spent; retry after `Retry-After` seconds.",
        "schema": {
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
        },
        "headers": [
          "Retry-After"
        ]
      }
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
        "schema": {
          "type": "object",
          "description": "The caller's account and how the request was authenticated.",
          "required": [
            "user",
            "auth",
            "storage"
          ],
          "properties": {
            "user": {
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
                "email": {
                  "type": "string",
                  "format": "email",
                  "maxLength": 254,
                  "description": "An email address; compared case-insensitively.",
                  "examples": [
                    "alice@example.com"
                  ]
                },
                "admin": {
                  "type": "boolean",
                  "description": "Administrators can create invitation codes."
                },
                "created_at": {
                  "type": "string",
                  "format": "date-time",
                  "description": "An RFC 3339 timestamp in UTC.",
                  "examples": [
                    "2026-05-03T17:42:11Z"
                  ]
                }
              }
            },
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
                    "api_token"
                  ],
                  "description": "A session JWT or an API token."
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
        },
        "headers": []
      },
      "400": {
        "description": "The request is malformed or fails validation.",
        "schema": {
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
        },
        "headers": []
      },
      "401": {
        "description": "The credential is missing, malformed, unknown, revoked or expired.",
        "schema": {
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
        },
        "headers": [
          "WWW-Authenticate"
        ]
      },
      "429": {
        "description": "The caller's request budget is spent; retry after `Retry-After` seconds.",
        "schema": {
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
        },
        "headers": [
          "Retry-After"
        ]
      }
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
        "page_id": {
          "type": "string",
          "pattern": "^[0-9A-Za-z]{8}$",
          "description": "The page's 8-character id, as in its URL.",
          "examples": [
            "Ab12Cd34"
          ]
        }
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
        "schema": {
          "description": "A page, with its passcodes (decrypted) and allowed emails.",
          "type": "object",
          "properties": {
            "id": {
              "type": "string",
              "pattern": "^[0-9A-Za-z]{8}$",
              "description": "The page's 8-character id, as in its URL.",
              "examples": [
                "Ab12Cd34"
              ]
            },
            "name": {
              "type": "string"
            },
            "visibility": {
              "type": "string",
              "enum": [
                "public",
                "shared",
                "private"
              ],
              "x-error-message": "Invalid visibility",
              "description": "`public`: anyone with the URL. `shared`: visitors who enter one of the passcodes or an allowed\nemail. `private`: only the owner, through the preview link `GET /api/pages/{page_id}` returns.\n"
            },
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
            "created_at": {
              "type": "string",
              "format": "date-time",
              "description": "An RFC 3339 timestamp in UTC.",
              "examples": [
                "2026-05-03T17:42:11Z"
              ]
            },
            "updated_at": {
              "type": "string",
              "format": "date-time",
              "description": "An RFC 3339 timestamp in UTC.",
              "examples": [
                "2026-05-03T17:42:11Z"
              ]
            },
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
              "type": "object",
              "description": "Present when the page's files were just captured from a `source_url`.",
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
                "id": {
                  "type": "string",
                  "pattern": "^[0-9A-Za-z]{12}$",
                  "description": "The job's 12-character id.",
                  "examples": [
                    "Qw3Er5Ty7Ui9"
                  ]
                },
                "action": {
                  "type": "string",
                  "enum": [
                    "create",
                    "replace"
                  ],
                  "description": "`create`: a new page. `replace`: new files for `page_id`."
                },
                "status": {
                  "type": "string",
                  "enum": [
                    "pending",
                    "running",
                    "done",
                    "failed",
                    "cancelled"
                  ],
                  "description": "`pending`: accepted, not started. `running`: fetching. `done`: the page holds the capture.\n`failed`: the source page could not be captured (see `error`); the page was not changed.\n`cancelled`: stopped before it finished; the page was not changed.\n"
                },
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
                "counts": {
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
                },
                "problems": {
                  "type": "array",
                  "maxItems": 20,
                  "items": {
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
                  },
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
                "created_at": {
                  "type": "string",
                  "format": "date-time",
                  "description": "An RFC 3339 timestamp in UTC.",
                  "examples": [
                    "2026-05-03T17:42:11Z"
                  ]
                },
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
        },
        "headers": []
      },
      "400": {
        "description": "The request is malformed or fails validation.",
        "schema": {
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
        },
        "headers": []
      },
      "401": {
        "description": "The credential is missing, malformed, unknown, revoked or expired.",
        "schema": {
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
        },
        "headers": [
          "WWW-Authenticate"
        ]
      },
      "403": {
        "description": "The credential lacks a scope this operation needs.",
        "schema": {
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
        },
        "headers": []
      },
      "404": {
        "description": "No page with this id belongs to the caller.",
        "schema": {
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
        },
        "headers": []
      },
      "429": {
        "description": "The caller's request budget is spent; retry after `Retry-After` seconds.",
        "schema": {
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
        },
        "headers": [
          "Retry-After"
        ]
      }
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
        "schema": {
          "type": "object",
          "required": [
            "invitations"
          ],
          "properties": {
            "invitations": {
              "type": "array",
              "items": {
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
                  "created_at": {
                    "type": "string",
                    "format": "date-time",
                    "description": "An RFC 3339 timestamp in UTC.",
                    "examples": [
                      "2026-05-03T17:42:11Z"
                    ]
                  },
                  "expires_at": {
                    "type": "string",
                    "format": "date-time",
                    "description": "An RFC 3339 timestamp in UTC.",
                    "examples": [
                      "2026-05-03T17:42:11Z"
                    ]
                  },
                  "used_at": {
                    "oneOf": [
                      {
                        "type": "string",
                        "format": "date-time",
                        "description": "An RFC 3339 timestamp in UTC.",
                        "examples": [
                          "2026-05-03T17:42:11Z"
                        ]
                      },
                      {
                        "type": "null"
                      }
                    ]
                  }
                }
              }
            }
          }
        },
        "headers": []
      },
      "400": {
        "description": "The request is malformed or fails validation.",
        "schema": {
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
        },
        "headers": []
      },
      "401": {
        "description": "The credential is missing, malformed, unknown, revoked or expired.",
        "schema": {
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
        },
        "headers": [
          "WWW-Authenticate"
        ]
      },
      "403": {
        "description": "The credential lacks a scope this operation needs.",
        "schema": {
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
        },
        "headers": []
      },
      "429": {
        "description": "The caller's request budget is spent; retry after `Retry-After` seconds.",
        "schema": {
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
        },
        "headers": [
          "Retry-After"
        ]
      }
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
        "status": {
          "type": "string",
          "enum": [
            "pending",
            "running",
            "done",
            "failed",
            "cancelled"
          ],
          "description": "`pending`: accepted, not started. `running`: fetching. `done`: the page holds the capture.\n`failed`: the source page could not be captured (see `error`); the page was not changed.\n`cancelled`: stopped before it finished; the page was not changed.\n"
        },
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
        "schema": {
          "type": "object",
          "required": [
            "jobs",
            "count",
            "next_cursor"
          ],
          "properties": {
            "jobs": {
              "type": "array",
              "items": {
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
                  "id": {
                    "type": "string",
                    "pattern": "^[0-9A-Za-z]{12}$",
                    "description": "The job's 12-character id.",
                    "examples": [
                      "Qw3Er5Ty7Ui9"
                    ]
                  },
                  "action": {
                    "type": "string",
                    "enum": [
                      "create",
                      "replace"
                    ],
                    "description": "`create`: a new page. `replace`: new files for `page_id`."
                  },
                  "status": {
                    "type": "string",
                    "enum": [
                      "pending",
                      "running",
                      "done",
                      "failed",
                      "cancelled"
                    ],
                    "description": "`pending`: accepted, not started. `running`: fetching. `done`: the page holds the capture.\n`failed`: the source page could not be captured (see `error`); the page was not changed.\n`cancelled`: stopped before it finished; the page was not changed.\n"
                  },
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
                  "counts": {
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
                  },
                  "problems": {
                    "type": "array",
                    "maxItems": 20,
                    "items": {
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
                    },
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
                  "created_at": {
                    "type": "string",
                    "format": "date-time",
                    "description": "An RFC 3339 timestamp in UTC.",
                    "examples": [
                      "2026-05-03T17:42:11Z"
                    ]
                  },
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
              }
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
        },
        "headers": []
      },
      "400": {
        "description": "The request is malformed or fails validation.",
        "schema": {
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
        },
        "headers": []
      },
      "401": {
        "description": "The credential is missing, malformed, unknown, revoked or expired.",
        "schema": {
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
        },
        "headers": [
          "WWW-Authenticate"
        ]
      },
      "403": {
        "description": "The credential lacks a scope this operation needs.",
        "schema": {
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
        },
        "headers": []
      },
      "429": {
        "description": "The caller's request budget is spent; retry after `Retry-After` seconds.",
        "schema": {
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
        },
        "headers": [
          "Retry-After"
        ]
      }
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
        "schema": {
          "type": "object",
          "required": [
            "pages",
            "count",
            "next_cursor"
          ],
          "properties": {
            "pages": {
              "type": "array",
              "items": {
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
                  "id": {
                    "type": "string",
                    "pattern": "^[0-9A-Za-z]{8}$",
                    "description": "The page's 8-character id, as in its URL.",
                    "examples": [
                      "Ab12Cd34"
                    ]
                  },
                  "name": {
                    "type": "string"
                  },
                  "visibility": {
                    "type": "string",
                    "enum": [
                      "public",
                      "shared",
                      "private"
                    ],
                    "x-error-message": "Invalid visibility",
                    "description": "`public`: anyone with the URL. `shared`: visitors who enter one of the passcodes or an allowed\nemail. `private`: only the owner, through the preview link `GET /api/pages/{page_id}` returns.\n"
                  },
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
                  "created_at": {
                    "type": "string",
                    "format": "date-time",
                    "description": "An RFC 3339 timestamp in UTC.",
                    "examples": [
                      "2026-05-03T17:42:11Z"
                    ]
                  },
                  "updated_at": {
                    "type": "string",
                    "format": "date-time",
                    "description": "An RFC 3339 timestamp in UTC.",
                    "examples": [
                      "2026-05-03T17:42:11Z"
                    ]
                  }
                }
              }
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
        },
        "headers": []
      },
      "400": {
        "description": "The request is malformed or fails validation.",
        "schema": {
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
        },
        "headers": []
      },
      "401": {
        "description": "The credential is missing, malformed, unknown, revoked or expired.",
        "schema": {
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
        },
        "headers": [
          "WWW-Authenticate"
        ]
      },
      "403": {
        "description": "The credential lacks a scope this operation needs.",
        "schema": {
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
        },
        "headers": []
      },
      "429": {
        "description": "The caller's request budget is spent; retry after `Retry-After` seconds.",
        "schema": {
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
        },
        "headers": [
          "Retry-After"
        ]
      }
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
        "schema": {
          "type": "object",
          "required": [
            "tokens"
          ],
          "properties": {
            "tokens": {
              "type": "array",
              "items": {
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
                    "items": {
                      "type": "string",
                      "enum": [
                        "pages:read",
                        "pages:write"
                      ],
                      "description": "`pages:read` lists and reads pages; `pages:write` creates, changes and deletes them.\n"
                    }
                  },
                  "created_at": {
                    "type": "string",
                    "format": "date-time",
                    "description": "An RFC 3339 timestamp in UTC.",
                    "examples": [
                      "2026-05-03T17:42:11Z"
                    ]
                  },
                  "last_used_at": {
                    "oneOf": [
                      {
                        "type": "string",
                        "format": "date-time",
                        "description": "An RFC 3339 timestamp in UTC.",
                        "examples": [
                          "2026-05-03T17:42:11Z"
                        ]
                      },
                      {
                        "type": "null"
                      }
                    ],
                    "description": "When the token last authenticated a request (to the minute), or null."
                  }
                }
              }
            }
          }
        },
        "headers": []
      },
      "400": {
        "description": "The request is malformed or fails validation.",
        "schema": {
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
        },
        "headers": []
      },
      "401": {
        "description": "The credential is missing, malformed, unknown, revoked or expired.",
        "schema": {
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
        },
        "headers": [
          "WWW-Authenticate"
        ]
      },
      "403": {
        "description": "The credential lacks a scope this operation needs.",
        "schema": {
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
        },
        "headers": []
      },
      "429": {
        "description": "The caller's request budget is spent; retry after `Retry-After` seconds.",
        "schema": {
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
        },
        "headers": [
          "Retry-After"
        ]
      }
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
    "body": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "email",
        "password"
      ],
      "properties": {
        "email": {
          "type": "string",
          "format": "email",
          "maxLength": 254,
          "description": "An email address; compared case-insensitively.",
          "examples": [
            "alice@example.com"
          ]
        },
        "password": {
          "type": "string",
          "minLength": 1,
          "maxLength": 256,
          "writeOnly": true
        }
      }
    },
    "bodyRequired": true,
    "bodyContentTypes": [
      "application/json"
    ],
    "responses": {
      "200": {
        "description": "Signed in.",
        "schema": {
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
            "expires_at": {
              "type": "string",
              "format": "date-time",
              "description": "An RFC 3339 timestamp in UTC.",
              "examples": [
                "2026-05-03T17:42:11Z"
              ]
            },
            "user": {
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
                "email": {
                  "type": "string",
                  "format": "email",
                  "maxLength": 254,
                  "description": "An email address; compared case-insensitively.",
                  "examples": [
                    "alice@example.com"
                  ]
                },
                "admin": {
                  "type": "boolean",
                  "description": "Administrators can create invitation codes."
                },
                "created_at": {
                  "type": "string",
                  "format": "date-time",
                  "description": "An RFC 3339 timestamp in UTC.",
                  "examples": [
                    "2026-05-03T17:42:11Z"
                  ]
                }
              }
            }
          }
        },
        "headers": []
      },
      "400": {
        "description": "The request is malformed or fails validation.",
        "schema": {
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
        },
        "headers": []
      },
      "401": {
        "description": "The credential is missing, malformed, unknown, revoked or expired.",
        "schema": {
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
        },
        "headers": [
          "WWW-Authenticate"
        ]
      },
      "415": {
        "description": "The request body is not `application/json` (nor `multipart/form-data` where the operation takes uploads).",
        "schema": {
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
        },
        "headers": []
      },
      "429": {
        "description": "The caller's request budget is spent; retry after `Retry-After` seconds.",
        "schema": {
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
        },
        "headers": [
          "Retry-After"
        ]
      }
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
        "page_id": {
          "type": "string",
          "pattern": "^[0-9A-Za-z]{8}$",
          "description": "The page's 8-character id, as in its URL.",
          "examples": [
            "Ab12Cd34"
          ]
        }
      },
      "required": [
        "page_id"
      ],
      "additionalProperties": false
    },
    "query": {
      "type": "object",
      "properties": {
        "wait": {
          "type": "integer",
          "minimum": 0,
          "maximum": 60,
          "default": 60,
          "description": "For a `source_url`, how many seconds to wait for the capture before answering with the job to poll."
        }
      },
      "required": [],
      "additionalProperties": false
    },
    "headers": null,
    "body": {
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
          "items": {
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
          },
          "description": "The site's files. `index.html` (or the only `.html` file) becomes the default file."
        },
        "source_url": {
          "type": "string",
          "format": "uri",
          "maxLength": 2048,
          "description": "A public http(s) page to capture with its same-domain assets."
        }
      },
      "additionalProperties": false
    },
    "bodyRequired": true,
    "bodyContentTypes": [
      "application/json",
      "multipart/form-data"
    ],
    "responses": {
      "200": {
        "description": "The page, with its new files.",
        "schema": {
          "description": "A page, with its passcodes (decrypted) and allowed emails.",
          "type": "object",
          "properties": {
            "id": {
              "type": "string",
              "pattern": "^[0-9A-Za-z]{8}$",
              "description": "The page's 8-character id, as in its URL.",
              "examples": [
                "Ab12Cd34"
              ]
            },
            "name": {
              "type": "string"
            },
            "visibility": {
              "type": "string",
              "enum": [
                "public",
                "shared",
                "private"
              ],
              "x-error-message": "Invalid visibility",
              "description": "`public`: anyone with the URL. `shared`: visitors who enter one of the passcodes or an allowed\nemail. `private`: only the owner, through the preview link `GET /api/pages/{page_id}` returns.\n"
            },
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
            "created_at": {
              "type": "string",
              "format": "date-time",
              "description": "An RFC 3339 timestamp in UTC.",
              "examples": [
                "2026-05-03T17:42:11Z"
              ]
            },
            "updated_at": {
              "type": "string",
              "format": "date-time",
              "description": "An RFC 3339 timestamp in UTC.",
              "examples": [
                "2026-05-03T17:42:11Z"
              ]
            },
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
              "type": "object",
              "description": "Present when the page's files were just captured from a `source_url`.",
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
                "id": {
                  "type": "string",
                  "pattern": "^[0-9A-Za-z]{12}$",
                  "description": "The job's 12-character id.",
                  "examples": [
                    "Qw3Er5Ty7Ui9"
                  ]
                },
                "action": {
                  "type": "string",
                  "enum": [
                    "create",
                    "replace"
                  ],
                  "description": "`create`: a new page. `replace`: new files for `page_id`."
                },
                "status": {
                  "type": "string",
                  "enum": [
                    "pending",
                    "running",
                    "done",
                    "failed",
                    "cancelled"
                  ],
                  "description": "`pending`: accepted, not started. `running`: fetching. `done`: the page holds the capture.\n`failed`: the source page could not be captured (see `error`); the page was not changed.\n`cancelled`: stopped before it finished; the page was not changed.\n"
                },
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
                "counts": {
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
                },
                "problems": {
                  "type": "array",
                  "maxItems": 20,
                  "items": {
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
                  },
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
                "created_at": {
                  "type": "string",
                  "format": "date-time",
                  "description": "An RFC 3339 timestamp in UTC.",
                  "examples": [
                    "2026-05-03T17:42:11Z"
                  ]
                },
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
        },
        "headers": []
      },
      "202": {
        "description": "The capture of `source_url` is still running after `wait` seconds; poll the job.",
        "schema": {
          "type": "object",
          "description": "The capture is still running after `wait` seconds; poll the job.",
          "required": [
            "job",
            "message"
          ],
          "properties": {
            "job": {
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
                "id": {
                  "type": "string",
                  "pattern": "^[0-9A-Za-z]{12}$",
                  "description": "The job's 12-character id.",
                  "examples": [
                    "Qw3Er5Ty7Ui9"
                  ]
                },
                "action": {
                  "type": "string",
                  "enum": [
                    "create",
                    "replace"
                  ],
                  "description": "`create`: a new page. `replace`: new files for `page_id`."
                },
                "status": {
                  "type": "string",
                  "enum": [
                    "pending",
                    "running",
                    "done",
                    "failed",
                    "cancelled"
                  ],
                  "description": "`pending`: accepted, not started. `running`: fetching. `done`: the page holds the capture.\n`failed`: the source page could not be captured (see `error`); the page was not changed.\n`cancelled`: stopped before it finished; the page was not changed.\n"
                },
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
                "counts": {
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
                },
                "problems": {
                  "type": "array",
                  "maxItems": 20,
                  "items": {
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
                  },
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
                "created_at": {
                  "type": "string",
                  "format": "date-time",
                  "description": "An RFC 3339 timestamp in UTC.",
                  "examples": [
                    "2026-05-03T17:42:11Z"
                  ]
                },
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
            },
            "message": {
              "type": "string"
            }
          }
        },
        "headers": [
          "Location"
        ]
      },
      "400": {
        "description": "The request is malformed or fails validation.",
        "schema": {
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
        },
        "headers": []
      },
      "401": {
        "description": "The credential is missing, malformed, unknown, revoked or expired.",
        "schema": {
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
        },
        "headers": [
          "WWW-Authenticate"
        ]
      },
      "403": {
        "description": "The credential lacks a scope this operation needs.",
        "schema": {
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
        },
        "headers": []
      },
      "404": {
        "description": "No page with this id belongs to the caller.",
        "schema": {
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
        },
        "headers": []
      },
      "413": {
        "description": "The content is larger than this instance accepts for one page (`UPLOAD_LIMIT_MB`), or would\ntake the caller's stored files past their quota (`USER_QUOTA_MB`; the message says how much is\nused and needed). Nothing was stored.\n",
        "schema": {
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
        },
        "headers": []
      },
      "415": {
        "description": "The request body is not `application/json` (nor `multipart/form-data` where the operation takes uploads).",
        "schema": {
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
        },
        "headers": []
      },
      "422": {
        "description": "The `source_url` could not be captured (blocked address, DNS, refused, error status, not HTML, limits); nothing was changed.",
        "schema": {
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
        },
        "headers": []
      },
      "429": {
        "description": "The caller's request budget is spent; retry after `Retry-After` seconds.",
        "schema": {
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
        },
        "headers": [
          "Retry-After"
        ]
      },
      "507": {
        "description": "The server's disk is nearly full (below `DISK_FREE_FLOOR_MB`), so it stores no page content for now. Nothing was stored.",
        "schema": {
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
        },
        "headers": []
      }
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
      "400": {
        "description": "The request is malformed or fails validation.",
        "schema": {
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
        },
        "headers": []
      },
      "401": {
        "description": "The credential is missing, malformed, unknown, revoked or expired.",
        "schema": {
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
        },
        "headers": [
          "WWW-Authenticate"
        ]
      },
      "403": {
        "description": "The credential lacks a scope this operation needs.",
        "schema": {
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
        },
        "headers": []
      },
      "404": {
        "description": "Nothing with that id belongs to the caller.",
        "schema": {
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
        },
        "headers": []
      },
      "429": {
        "description": "The caller's request budget is spent; retry after `Retry-After` seconds.",
        "schema": {
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
        },
        "headers": [
          "Retry-After"
        ]
      }
    }
  },
  "signup": {
    "operationId": "signup",
    "method": "POST",
    "path": "/api/auth/signup",
    "summary": "Create an account",
    "description": "The first account of an empty instance may sign up without an invitation code and becomes\nan administrator. After that an invitation code is required, unless the instance runs with\n`SIGNUP_MODE=open`. Any refusal (taken email, unknown or used code) gets the same generic\nmessage, so the response never reveals whether an account exists.",
    "tags": [
      "auth"
    ],
    "scopes": null,
    "params": null,
    "query": null,
    "headers": null,
    "body": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "email",
        "password"
      ],
      "properties": {
        "email": {
          "type": "string",
          "format": "email",
          "maxLength": 254,
          "description": "An email address; compared case-insensitively.",
          "examples": [
            "alice@example.com"
          ]
        },
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
        }
      }
    },
    "bodyRequired": true,
    "bodyContentTypes": [
      "application/json"
    ],
    "responses": {
      "201": {
        "description": "The account was created and signed in.",
        "schema": {
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
            "expires_at": {
              "type": "string",
              "format": "date-time",
              "description": "An RFC 3339 timestamp in UTC.",
              "examples": [
                "2026-05-03T17:42:11Z"
              ]
            },
            "user": {
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
                "email": {
                  "type": "string",
                  "format": "email",
                  "maxLength": 254,
                  "description": "An email address; compared case-insensitively.",
                  "examples": [
                    "alice@example.com"
                  ]
                },
                "admin": {
                  "type": "boolean",
                  "description": "Administrators can create invitation codes."
                },
                "created_at": {
                  "type": "string",
                  "format": "date-time",
                  "description": "An RFC 3339 timestamp in UTC.",
                  "examples": [
                    "2026-05-03T17:42:11Z"
                  ]
                }
              }
            }
          }
        },
        "headers": []
      },
      "400": {
        "description": "The request is malformed or fails validation.",
        "schema": {
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
        },
        "headers": []
      },
      "415": {
        "description": "The request body is not `application/json` (nor `multipart/form-data` where the operation takes uploads).",
        "schema": {
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
        },
        "headers": []
      },
      "429": {
        "description": "The caller's request budget is spent; retry after `Retry-After` seconds.",
        "schema": {
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
        },
        "headers": [
          "Retry-After"
        ]
      }
    }
  },
  "updatePage": {
    "operationId": "updatePage",
    "method": "PATCH",
    "path": "/api/pages/{page_id}",
    "summary": "Change a page's name, visibility, passcodes or allowed emails",
    "description": "Update any subset of name, visibility, passcodes and allowed_emails; an empty array clears a\nlist. Files are not touched: replace them with `POST /api/pages/{page_id}/files`.",
    "tags": [
      "pages"
    ],
    "scopes": [
      "pages:write"
    ],
    "params": {
      "type": "object",
      "properties": {
        "page_id": {
          "type": "string",
          "pattern": "^[0-9A-Za-z]{8}$",
          "description": "The page's 8-character id, as in its URL.",
          "examples": [
            "Ab12Cd34"
          ]
        }
      },
      "required": [
        "page_id"
      ],
      "additionalProperties": false
    },
    "query": null,
    "headers": null,
    "body": {
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
        "visibility": {
          "type": "string",
          "enum": [
            "public",
            "shared",
            "private"
          ],
          "x-error-message": "Invalid visibility",
          "description": "`public`: anyone with the URL. `shared`: visitors who enter one of the passcodes or an allowed\nemail. `private`: only the owner, through the preview link `GET /api/pages/{page_id}` returns.\n"
        },
        "passcodes": {
          "type": "array",
          "maxItems": 20,
          "items": {
            "type": "string",
            "minLength": 1,
            "maxLength": 128
          },
          "description": "Passcodes that open a shared page. Stored encrypted; an empty array removes them all."
        },
        "allowed_emails": {
          "type": "array",
          "maxItems": 500,
          "items": {
            "type": "string",
            "format": "email",
            "maxLength": 254
          },
          "description": "Emails that may open a shared page through a one-time link. An empty array removes them all."
        }
      }
    },
    "bodyRequired": true,
    "bodyContentTypes": [
      "application/json"
    ],
    "responses": {
      "200": {
        "description": "The updated page.",
        "schema": {
          "description": "A page, with its passcodes (decrypted) and allowed emails.",
          "type": "object",
          "properties": {
            "id": {
              "type": "string",
              "pattern": "^[0-9A-Za-z]{8}$",
              "description": "The page's 8-character id, as in its URL.",
              "examples": [
                "Ab12Cd34"
              ]
            },
            "name": {
              "type": "string"
            },
            "visibility": {
              "type": "string",
              "enum": [
                "public",
                "shared",
                "private"
              ],
              "x-error-message": "Invalid visibility",
              "description": "`public`: anyone with the URL. `shared`: visitors who enter one of the passcodes or an allowed\nemail. `private`: only the owner, through the preview link `GET /api/pages/{page_id}` returns.\n"
            },
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
            "created_at": {
              "type": "string",
              "format": "date-time",
              "description": "An RFC 3339 timestamp in UTC.",
              "examples": [
                "2026-05-03T17:42:11Z"
              ]
            },
            "updated_at": {
              "type": "string",
              "format": "date-time",
              "description": "An RFC 3339 timestamp in UTC.",
              "examples": [
                "2026-05-03T17:42:11Z"
              ]
            },
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
              "type": "object",
              "description": "Present when the page's files were just captured from a `source_url`.",
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
                "id": {
                  "type": "string",
                  "pattern": "^[0-9A-Za-z]{12}$",
                  "description": "The job's 12-character id.",
                  "examples": [
                    "Qw3Er5Ty7Ui9"
                  ]
                },
                "action": {
                  "type": "string",
                  "enum": [
                    "create",
                    "replace"
                  ],
                  "description": "`create`: a new page. `replace`: new files for `page_id`."
                },
                "status": {
                  "type": "string",
                  "enum": [
                    "pending",
                    "running",
                    "done",
                    "failed",
                    "cancelled"
                  ],
                  "description": "`pending`: accepted, not started. `running`: fetching. `done`: the page holds the capture.\n`failed`: the source page could not be captured (see `error`); the page was not changed.\n`cancelled`: stopped before it finished; the page was not changed.\n"
                },
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
                "counts": {
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
                },
                "problems": {
                  "type": "array",
                  "maxItems": 20,
                  "items": {
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
                  },
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
                "created_at": {
                  "type": "string",
                  "format": "date-time",
                  "description": "An RFC 3339 timestamp in UTC.",
                  "examples": [
                    "2026-05-03T17:42:11Z"
                  ]
                },
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
        },
        "headers": []
      },
      "400": {
        "description": "The request is malformed or fails validation.",
        "schema": {
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
        },
        "headers": []
      },
      "401": {
        "description": "The credential is missing, malformed, unknown, revoked or expired.",
        "schema": {
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
        },
        "headers": [
          "WWW-Authenticate"
        ]
      },
      "403": {
        "description": "The credential lacks a scope this operation needs.",
        "schema": {
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
        },
        "headers": []
      },
      "404": {
        "description": "No page with this id belongs to the caller.",
        "schema": {
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
        },
        "headers": []
      },
      "415": {
        "description": "The request body is not `application/json` (nor `multipart/form-data` where the operation takes uploads).",
        "schema": {
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
        },
        "headers": []
      },
      "429": {
        "description": "The caller's request budget is spent; retry after `Retry-After` seconds.",
        "schema": {
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
        },
        "headers": [
          "Retry-After"
        ]
      }
    }
  }
} as const;

export type Operations = typeof operations;
export type OperationId = keyof Operations;

/** The JSON Schema formats the schemas use; each must be known to the validator. */
export const formats = [
  "date-time",
  "email",
  "uri"
] as const;
