// The ways into a shared page, as forms on its 401 prompt (access-responses.ts):
//  - POST /p/<id>/__gate: a passcode (gate.ts); a right one sets the gate cookie and redirects to the grant
//    address of `next`. Attempts are limited per client and page, and wrong ones per page (gate-ceiling.ts);
//  - POST /p/<id>/__email: an allowed address is mailed a one-time link (email-gate.ts); the answer is the
//    same whatever happens, so nothing of the list shows;
//  - GET /p/<id>/__email?token=: that link, used up at once; it sets the e-mail cookie and redirects to the
//    grant address of `next`.
import type { Lifecycle, Request, ResponseObject, ResponseToolkit, Server } from '@hapi/hapi';
import type { Services } from '../services.ts';
import {
  createGateLimiter,
  GATE_COOKIE_PREFIX,
  GATE_TTL_SECONDS,
  gateKey,
  matchesPasscode,
  mintGateCookie,
  pageCookie,
  passcodeFingerprint,
  safeNext,
  type GateLimiter,
} from './gate.ts';
import {
  allowedEmails,
  consumeEmailLink,
  createEmailLink,
  createLinkMailer,
  EMAIL_COOKIE_PREFIX,
  EMAIL_COOKIE_TTL_SECONDS,
  EMAIL_SEND_WINDOW_SECONDS,
  EMAIL_SENDS_PER_ADDRESS,
  EMAIL_SENDS_PER_CLIENT,
  emailGateKey,
  emailLinkUrl,
  emailSentPage,
  emailsFingerprint,
  mintEmailCookie,
  normalizeEmail,
  type LinkMailer,
} from './email-gate.ts';
import { createPageGateCeiling, type PageGateCeiling } from './gate-ceiling.ts';
import { emailAccess, grantedLocation, grantKey, mintGrant, passcodeAccess } from './grant.ts';
import { isValidEmail } from '../pages/secrets.ts';
import { PAGES } from '../pages/file-store.ts';
import { PAGE_PROJECTION, type ServedPage } from './caches.ts';
import { pagePasscodes } from './access.ts';
import { gatePage, grantRedirect } from './access-responses.ts';
import { errorPage, HTML } from './error-pages.ts';
import { allowCookie } from './sandbox.ts';
import { clientAddress, rateLimitKey } from '../shared/client-address.ts';
import { recordEmailOpen } from '../pages/view-stats.ts';
import { endedFor, goneResponse } from './expiry.ts';

export interface GateRoutes {
  passcodeAttempt: Lifecycle.Method;
  emailRequest: Lifecycle.Method;
  emailLinkFollowed: Lifecycle.Method;
}

/** The gate handlers of `server`, with their limiters and mailer (links still being mailed are finished before the database closes). */
export function createGateRoutes(server: Server, app: Services): GateRoutes {
  const limits: PasscodeLimits = { perClient: createGateLimiter(app.db), perPage: createPageGateCeiling(app.db) };
  const email: EmailGate = {
    mailer: createLinkMailer(app.config, () => server.logger),
    perClient: createGateLimiter(app.db, { keyPrefix: 'pageemail', attempts: EMAIL_SENDS_PER_CLIENT, windowSeconds: EMAIL_SEND_WINDOW_SECONDS }),
    perAddress: createGateLimiter(app.db, { keyPrefix: 'pageemailfor', attempts: EMAIL_SENDS_PER_ADDRESS, windowSeconds: EMAIL_SEND_WINDOW_SECONDS }),
    pending: new Set(),
  };
  server.ext('onPostStop', async () => {
    await Promise.allSettled(email.pending);
    email.mailer.close();
  });
  return {
    passcodeAttempt: (request, h) => passcodeAttempt(app, limits, request, h),
    emailRequest: (request, h) => emailRequest(app, email, request, h),
    emailLinkFollowed: (request, h) => emailLinkFollowed(app, request, h),
  };
}

interface PasscodeLimits {
  /** Attempts per page and client address. */
  perClient: GateLimiter;
  /** Wrong passcodes per page, all clients together. */
  perPage: PageGateCeiling;
}

function findPage(app: Services, id: string): Promise<ServedPage | null> {
  return app.db.collection<ServedPage>(PAGES).findOne({ _id: id }, { projection: PAGE_PROJECTION });
}

/**
 * The page a gate's request names, or its answer: 404 without one, 410 once it ended (a page that ended lets
 * no one in: no passcode is checked and no link is mailed or used).
 */
async function openPage(app: Services, h: ResponseToolkit, id: string): Promise<ServedPage | ResponseObject> {
  const page = await findPage(app, id);
  if (!page) return errorPage(h, 404);
  return goneResponse(h, page) ?? page;
}

function isPage(found: ServedPage | ResponseObject): found is ServedPage {
  return !('statusCode' in found);
}

/** POST /p/{id}/__gate: a passcode (form-urlencoded `passcode`, and `next`, the address to go back to). */
async function passcodeAttempt(app: Services, limits: PasscodeLimits, request: Request, h: ResponseToolkit): Promise<ResponseObject> {
  const { id } = request.params as { id: string };
  const page = await openPage(app, h, id);
  if (!isPage(page)) return page;
  const passcodes = page.visibility === 'shared' ? pagePasscodes(app, request, page) : null;
  if (passcodes === null || passcodes.length === 0) return errorPage(h, 403);

  const form = (request.payload ?? {}) as Record<string, unknown>;
  const next = safeNext(id, form.next);
  const ip = rateLimitKey(clientAddress(request, app.config));
  const decision = await limits.perClient.consume(id, ip);
  if (!decision.allowed) return tooManyAttempts(h, decision.retryAfterSeconds, 'Too many attempts.');
  const ceiling = await limits.perPage.consume(id);
  if (!ceiling.allowed) return tooManyAttempts(h, ceiling.retryAfterSeconds, 'Too many wrong passcodes have been tried on this page.');
  const key = gateKey(app.keys.signing);
  if (typeof form.passcode !== 'string' || !matchesPasscode(key, form.passcode, passcodes)) return gatePage(h, page, next, true, true);

  await Promise.all([limits.perClient.reset(id, ip), limits.perPage.refund(id)]);
  const fingerprint = passcodeFingerprint(key, passcodes);
  const expiresAt = Date.now() + GATE_TTL_SECONDS * 1000;
  const value = mintGateCookie(key, id, fingerprint, expiresAt);
  allowCookie(request, pageCookie(`${GATE_COOKIE_PREFIX}${id}`, value, id, GATE_TTL_SECONDS, app.config.publicUrl.startsWith('https:')));
  const grant = mintGrant(grantKey(app.keys.signing), id, passcodeAccess(fingerprint), expiresAt);
  return grantRedirect(h, grantedLocation(id, grant, next), 303);
}

function tooManyAttempts(h: ResponseToolkit, retryAfterSeconds: number, what: string): ResponseObject {
  return errorPage(h, 429, `${what} Please wait ${waitText(retryAfterSeconds)} before trying again.`)
    .header('Retry-After', String(retryAfterSeconds))
    .header('Cache-Control', 'no-store');
}

function waitText(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

interface EmailGate {
  mailer: LinkMailer;
  /** Link requests per page and client address. */
  perClient: GateLimiter;
  /**
   * Links mailed per address at one client's request (keyed by address and client): another client asking for
   * the same address does not use up that address's own links.
   */
  perAddress: GateLimiter;
  /** Requests still being checked and mailed after their response. */
  pending: Set<Promise<void>>;
}

/**
 * POST /p/{id}/__email (form-urlencoded `email`, and `next`): always the same neutral 200 page. Whether the
 * address is allowed, limited, or mailed is decided after the response, so nothing of it shows.
 */
async function emailRequest(app: Services, gate: EmailGate, request: Request, h: ResponseToolkit): Promise<ResponseObject> {
  const { id } = request.params as { id: string };
  const page = await openPage(app, h, id);
  if (!isPage(page)) return page;
  if (page.visibility !== 'shared' || allowedEmails(page.allowed_emails).length === 0) return errorPage(h, 403);

  const form = (request.payload ?? {}) as Record<string, unknown>;
  const next = safeNext(id, form.next);
  const email = typeof form.email === 'string' ? normalizeEmail(form.email) : '';
  const ip = rateLimitKey(clientAddress(request, app.config));
  const work = sendEmailLink(app, gate, id, email, ip, next).catch((e: unknown) => {
    request.logger.error({ err: e }, `page ${id}: the e-mail link could not be sent`);
  });
  gate.pending.add(work);
  void work.finally(() => gate.pending.delete(work));
  return h.response(emailSentPage()).code(200).type(HTML).header('Cache-Control', 'no-store');
}

async function sendEmailLink(app: Services, gate: EmailGate, id: string, email: string, ip: string, next: string): Promise<void> {
  if (!(await gate.perClient.consume(id, ip)).allowed) return;
  if (!isValidEmail(email)) return;
  // The page as it is now (it may have changed since the response).
  const page = await findPage(app, id);
  if (!page || page.visibility !== 'shared' || !allowedEmails(page.allowed_emails).includes(email) || endedFor(page, Date.now()) !== null) return;
  if (!(await gate.perAddress.consume(email, ip)).allowed) return;
  const token = await createEmailLink(app.db, id, email);
  await gate.mailer.send(email, id, emailLinkUrl(app.config.publicUrl, id, token, next));
}

const USED_LINK = ['This link has expired or was already used', 'Each link works once, for a short while. Ask for a new one on the page.'] as const;

/** GET /p/{id}/__email?token=…&next=…: a mailed link; used up at once, it sets the e-mail cookie. */
async function emailLinkFollowed(app: Services, request: Request, h: ResponseToolkit): Promise<ResponseObject> {
  const { id } = request.params as { id: string };
  const page = await openPage(app, h, id);
  if (!isPage(page)) return page;
  const emails = allowedEmails(page.allowed_emails);
  if (page.visibility !== 'shared' || emails.length === 0) return errorPage(h, 403);
  const query = request.query as Record<string, unknown>;
  const email = await consumeEmailLink(app.db, id, query.token);
  if (email === null || !emails.includes(email)) return errorPage(h, 403, USED_LINK[1], USED_LINK[0]).header('Cache-Control', 'no-store');
  await recordEmailOpen(app.db, id, email);
  const key = emailGateKey(app.keys.signing);
  const fingerprint = emailsFingerprint(key, emails);
  const expiresAt = Date.now() + EMAIL_COOKIE_TTL_SECONDS * 1000;
  const value = mintEmailCookie(key, id, email, fingerprint, expiresAt);
  allowCookie(request, pageCookie(`${EMAIL_COOKIE_PREFIX}${id}`, value, id, EMAIL_COOKIE_TTL_SECONDS, app.config.publicUrl.startsWith('https:')));
  const grant = mintGrant(grantKey(app.keys.signing), id, emailAccess(fingerprint), expiresAt);
  return grantRedirect(h, grantedLocation(id, grant, safeNext(id, query.next)), 303);
}
