// MongoDB-shaped command errors: `{ ok: 0, errmsg, code, codeName }`.
// Codes from https://github.com/mongodb/mongo/blob/master/src/mongo/base/error_codes.yml
export const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  NoSuchKey: 4,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  ProtocolError: 17,
  AuthenticationFailed: 18,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  PathNotViable: 28,
  CannotBackfillArray: 34,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  DollarPrefixedFieldName: 52,
  InvalidIdField: 53,
  NotSingleValueField: 54,
  EmptyFieldName: 56,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  OperationNotSupportedInTransaction: 263,
  MechanismUnavailable: 334,
  InvalidPipelineOperator: 168,
  ConversionFailure: 241,
  NoSuchTransaction: 251,
  Location40324: 40324,
  DuplicateKey: 11000,
  Location15947: 15947,
  Location16410: 16410,
  Location16411: 16411,
  Location31254: 31254,
  Location40352: 40352,
  Location40353: 40353,
} as const;

const codeNames = new Map<number, string>(
  Object.entries(ErrorCodes)
    .filter(([n]) => !n.startsWith('Location'))
    .map(([n, c]) => [c, n]),
);

export class CommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly extra: Record<string, unknown>;

  constructor(code: number, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.codeName = codeNames.get(code) ?? `Location${code}`;
    this.extra = extra;
  }

  toReply(): Record<string, unknown> {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }
}

export function fail(code: number, message: string, extra?: Record<string, unknown>): never {
  throw new CommandError(code, message, extra);
}
