// A refused call as one thrown value carrying the server's Boom body (status, message, invalid fields).
import type { components } from './generated/openapi.ts';

export type ErrorBody = components['schemas']['Error'];

export class OutpostError extends Error implements ErrorBody {
  override name = 'OutpostError';
  /** The HTTP status; 0 when the server could not be reached. */
  readonly statusCode: number;
  /** The HTTP status text, e.g. `Not Found`. */
  readonly error: string;
  /** Present on a 400 validation error: which part of the request, and its invalid fields. */
  readonly validation?: ErrorBody['validation'];

  constructor(body: ErrorBody, options?: { cause?: unknown }) {
    super(body.message, options);
    this.statusCode = body.statusCode;
    this.error = body.error;
    this.validation = body.validation;
  }

  /** The invalid fields of a validation error, as dotted paths (empty otherwise). */
  get keys(): string[] {
    return this.validation?.keys ?? [];
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  return Boolean(value && typeof value === 'object' && typeof (value as ErrorBody).message === 'string');
}

/**
 * The data of a call, or throws an OutpostError: `const page = await unwrap(client.GET(...))`.
 * A fetch that never reached the server throws one too (statusCode 0), with the network error as its cause.
 */
export async function unwrap<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: Awaited<typeof request>;
  try {
    result = await request;
  } catch (cause) {
    if (cause instanceof Error && cause.name === 'AbortError') throw cause;
    const reason = cause instanceof Error && cause.cause instanceof Error ? cause.cause.message : String(cause);
    throw new OutpostError({ statusCode: 0, error: 'Network error', message: `The server could not be reached (${reason})` }, { cause });
  }
  const { data, error, response } = result;
  if (error === undefined && response.ok) return data as T;
  if (isErrorBody(error)) {
    throw new OutpostError({
      statusCode: error.statusCode ?? response.status,
      error: error.error ?? response.statusText,
      message: error.message,
      validation: error.validation,
    });
  }
  throw new OutpostError({ statusCode: response.status, error: response.statusText, message: `The server answered ${response.status} ${response.statusText}` });
}
