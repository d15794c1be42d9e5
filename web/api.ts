// The app's one API client: the published SDK (typed from openapi.yaml) with the browser session's cookie
// and its CSRF header. The app holds no bearer credential; the cookie is HttpOnly and only /api honours it.
import { createClient, OutpostError, unwrap, type components } from '@outpost/sdk';

export type Schemas = components['schemas'];
export type ApiError = Schemas['Error'];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
let csrfToken: string | undefined;

/** Set once a session is known (sign-in, sign-up or a reload that finds one); cleared on sign-out. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** The CSRF header for a state-changing request the SDK cannot make (an upload with progress, via XHR). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

export const api = createClient({ baseUrl: location.origin, credentials: 'same-origin' });

api.use({
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method) && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
});

/** Anything a failed call can leave: the API's Boom body, or a network failure put in the same words. */
export function asApiError(error: unknown, status = 0): ApiError {
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') {
    const e = error as Partial<ApiError> & { message: string };
    return { statusCode: e.statusCode ?? status, error: e.error ?? 'Error', message: e.message, validation: e.validation };
  }
  return { statusCode: status, error: 'Network error', message: 'The server could not be reached. Check your connection and try again.' };
}

/**
 * The data of an SDK call, or throws its error as an ApiError (the SDK's OutpostError is one), so screens can
 * `try { await call(...) }`. A fetch that never reached the server throws too, in plain words.
 */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  try {
    return await unwrap(request);
  } catch (error) {
    if (error instanceof OutpostError && error.statusCode === 0) throw asApiError(undefined);
    throw error;
  }
}

/** Whether a thrown value is an ApiError (what call() throws). */
export function isApiError(value: unknown): value is ApiError {
  return Boolean(value && typeof value === 'object' && 'statusCode' in value && 'message' in value);
}
