import type { User } from '../accounts/users.ts';
import type { IssuedSessionToken } from '../auth/jwt.ts';
import Boom from '@hapi/boom';
import type { RateLimits } from '../auth/rate-limit.ts';
import { timestamp, userView } from './views.ts';

export function sessionReply(session: IssuedSessionToken, user: User) {
  return { token: session.token, token_type: 'Bearer' as const, expires_at: timestamp(session.expiresAt), user: userView(user) };
}

/** Counts a sign-in or sign-up attempt for this email and client; over the limit, answers 429. */
export async function consumeAuthAttempt(limits: RateLimits, email: string, ip: string): Promise<void> {
  const decision = await limits.login.consume(email, ip);
  if (!decision.allowed) {
    const err = Boom.tooManyRequests(`Too many sign-in attempts for this email from this address. Retry in ${decision.retryAfterSeconds} s.`);
    err.output.headers['Retry-After'] = String(decision.retryAfterSeconds);
    throw err;
  }
}
