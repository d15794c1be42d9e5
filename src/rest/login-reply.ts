// What sign-up and login answer (a session token and the user), and the per-client login limit they share.
import type { User } from '../accounts/users.ts';
import type { IssuedSessionToken } from '../auth/jwt.ts';
import Boom from '@hapi/boom';
import type { RateLimits } from '../auth/rate-limit.ts';
import { timestamp, userView } from './views.ts';

export function sessionReply(session: IssuedSessionToken, user: User) {
  return { token: session.token, token_type: 'Bearer' as const, expires_at: timestamp(session.expiresAt), user: userView(user) };
}

/** Counts a sign-in or sign-up attempt of this client (any email) and of this email from it; over either limit, 429. */
export async function consumeAuthAttempt(limits: RateLimits, email: string, ip: string): Promise<void> {
  const client = await limits.login.consumeClient(ip);
  if (!client.allowed) throw tooMany('from this address', client.retryAfterSeconds);
  const decision = await limits.login.consume(email, ip);
  if (!decision.allowed) throw tooMany('for this email from this address', decision.retryAfterSeconds);
}

function tooMany(scope: string, retryAfterSeconds: number): Boom.Boom {
  const err = Boom.tooManyRequests(`Too many sign-in attempts ${scope}. Retry in ${retryAfterSeconds} s.`);
  err.output.headers['Retry-After'] = String(retryAfterSeconds);
  return err;
}
