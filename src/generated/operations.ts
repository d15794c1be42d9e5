// Generated from openapi.yaml by `npm run codegen`. Do not edit.

/** Every REST operation: route, required scopes (null: public) and normalized JSON Schemas. */
export const operations = {
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
          "allOf": [
            {
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
            },
            {
              "type": "object",
              "required": [
                "code"
              ],
              "properties": {
                "code": {
                  "type": "string",
                  "description": "The invitation code to hand to the new user (shown only this once)."
                }
              }
            }
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
        "description": "The request body is not `application/json`.",
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
          "allOf": [
            {
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
            },
            {
              "type": "object",
              "required": [
                "token"
              ],
              "properties": {
                "token": {
                  "type": "string",
                  "pattern": "^op_[A-Za-z0-9_-]{43,}$",
                  "description": "The secret; send it as `Authorization: Bearer op_…`."
                }
              }
            }
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
        "description": "The request body is not `application/json`.",
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
            "auth"
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
        "description": "The request body is not `application/json`.",
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
        "description": "The request body is not `application/json`.",
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
  "email"
] as const;
