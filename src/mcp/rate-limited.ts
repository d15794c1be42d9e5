// The JSON-RPC error for a message refused because the user's request budget is spent.
import type { RateLimitExceeded } from '../auth/rate-limit.ts';

/** In the range JSON-RPC leaves to servers; 29 as in HTTP 429. */
export const RATE_LIMITED = -32029;

export interface RateLimitedError {
  code: typeof RATE_LIMITED;
  message: string;
  data: { retry_after_seconds: number };
}

export function rateLimitedError(e: RateLimitExceeded): RateLimitedError {
  return {
    code: RATE_LIMITED,
    message: e.message,
    data: { retry_after_seconds: e.retryAfterSeconds },
  };
}
