// The responses that let a visitor in or ask them to come in another way: an access decision (access.ts)
// answered, the gate's 401 prompt, and redirects to and from grant addresses. Redirects that carry a grant
// are `no-store` (the grant is the visitor's).
import type { Request, ResponseObject, ResponseToolkit } from '@hapi/hapi';
import { gateForm, safeNext } from './gate.ts';
import { allowedEmails } from './email-gate.ts';
import type { GrantSplit } from './grant.ts';
import type { AccessDecision } from './access.ts';
import type { ServedPage } from './caches.ts';
import { errorPage, HTML } from './error-pages.ts';
import { allowCookie, FILE_CORS_HEADER } from './sandbox.ts';

const EXPIRED_PREVIEW = ['This link has expired', 'Preview links work for a short while only. Ask the page’s owner for a new one.'] as const;

/** The response for a decision that doesn't let the visitor in; null for one that does. */
export function accessResponse(request: Request, h: ResponseToolkit, page: ServedPage, target: GrantSplit, decision: AccessDecision): ResponseObject | null {
  switch (decision.kind) {
    case 'allowed':
      return null;
    case 'without-grant':
      return toPlainAddress(request, h, page._id, target);
    case 'with-grant':
      if (decision.cookie !== undefined) allowCookie(request, decision.cookie);
      return grantRedirect(h, decision.location, decision.code);
    case 'ask':
      return gatePage(h, page, decision.next, false, decision.passcode);
    case 'refused':
      return decision.expiredPreview ? errorPage(h, 403, EXPIRED_PREVIEW[1], EXPIRED_PREVIEW[0]).header('Cache-Control', 'no-store') : errorPage(h, 403);
  }
}

/** To an address with a grant: never stored by any cache (the grant is the visitor's). */
export function grantRedirect(h: ResponseToolkit, location: string, code: 302 | 303): ResponseObject {
  return h.redirect(location).code(code).header('Cache-Control', 'no-store');
}

/**
 * To the same path and query without the grant (an invalid, expired or revoked one, or a page that needs none).
 * It carries no content, so a CORS-mode load (a web font) may follow it like the file it was asking for.
 */
function toPlainAddress(request: Request, h: ResponseToolkit, id: string, target: GrantSplit): ResponseObject {
  return h
    .redirect(`/p/${id}/${target.rawPath}${request.url.search}`)
    .code(302)
    .header('Cache-Control', 'no-store')
    .header(FILE_CORS_HEADER[0], FILE_CORS_HEADER[1]);
}

/** The 401 prompt of a shared page: the passcode form and/or the e-mail form, as the page has. */
export function gatePage(h: ResponseToolkit, page: ServedPage, next: string, wrong: boolean, hasPasscodes: boolean): ResponseObject {
  const id = page._id;
  const ways = { passcode: hasPasscodes, email: allowedEmails(page.allowed_emails).length > 0 };
  return h
    .response(gateForm(id, safeNext(id, next), wrong, ways))
    .code(401)
    .type(HTML)
    .header('Cache-Control', 'no-store');
}
