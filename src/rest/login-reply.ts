// What sign-up and login answer (a session token and the user), the per-client login limit they share, and the
// password check every sign-in goes through (login, the web app's browser session).
import type { Request } from '@hapi/hapi';
import { login, type User } from '../accounts/users.ts';
import type { IssuedSessionToken } from '../auth/jwt.ts';
import Boom from '@hapi/boom';
import type { RateLimits } from '../auth/rate-limit.ts';
import { unauthorized } from '../auth/credentials.ts';
import { clientAddress, rateLimitKey } from '../shared/client-address.ts';
import type { Services } from '../services.ts';
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

/** The user an email and password sign in, under the attempt limits; one generic 401 for every refusal. */
export async function signIn(app: Services, request: Request, email: string, password: string): Promise<User> {
  const ip = rateLimitKey(clientAddress(request, app.config));
  await consumeAuthAttempt(app.limits, email, ip);
  const user = await login(app.db, email, password);
  if (!user) throw unauthorized('Invalid email or password', 'invalid_grant');
  await app.limits.login.reset(email, ip);
  return user;
}

function tooMany(scope: string, retryAfterSeconds: number): Boom.Boom {
  const err = Boom.tooManyRequests(`Too many sign-in attempts ${scope}. Retry in ${retryAfterSeconds} s.`);
  err.output.headers['Retry-After'] = String(retryAfterSeconds);
  return err;
}
