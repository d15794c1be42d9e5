// The e-mail gate of `shared` pages with allowed e-mails: a visitor gives an address; if it is one of the page's
// allowed_emails, a one-time link (15 minutes) is mailed to it; following the link sets a cookie.
//
//  - POST /p/<id>/__email answers the same neutral page whatever the address (allowed or not, limited or not),
//    and does the checking and mailing after the response, so neither the answer nor its timing tells.
//  - A link's token is 32 random bytes; only its SHA-256 is stored (`page_email_links`: page_id, email,
//    expires_at with a TTL index, used_at). Following it consumes it atomically: a link works once.
//  - The cookie `outpost_email_<id>` is a signed value (auth/signed-value.ts, under this purpose's own key)
//    carrying the e-mail, bound to the page id and a fingerprint of the page's CURRENT allowed_emails: changing
//    that list (e.g. removing the address) revokes the cookie. The link
//    (and the cookie, later) lead to the page behind an access grant in the URL path (grant.ts), bound to the
//    same fingerprint and expiring with the cookie.
//  - Mail goes through nodemailer (SMTP_URL); without SMTP_URL, the link is written to the server log.
import { createHash, randomBytes } from 'node:crypto';
import { purposeKey } from '../auth/keys.ts';
import { checkSignedValue, hmac, signValue } from '../auth/signed-value.ts';
import type { Db } from 'mongodb';
import { lazySmtpTransport } from '../shared/mail-transport.ts';
import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import { EMAIL_PATH } from '../pages/reserved-paths.ts';
import { htmlDocument } from './gate.ts';

export const EMAIL_COOKIE_PREFIX = 'outpost_email_';
const EMAIL_LINKS = 'page_email_links';
/** How long a mailed link works. */
const EMAIL_LINK_TTL_SECONDS = 15 * 60;
/** How long a followed link is remembered. */
export const EMAIL_COOKIE_TTL_SECONDS = 7 * 24 * 60 * 60;
/** Links one client may ask for on one page per window (further requests get the neutral page, and no mail). */
export const EMAIL_SENDS_PER_CLIENT = 5;
/** Links mailed to one address at one client's request per window, whatever page it asks on. */
export const EMAIL_SENDS_PER_ADDRESS = 3;
export const EMAIL_SEND_WINDOW_SECONDS = 15 * 60;

const PURPOSE = 'outpost/page-email/v2';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** The e-mail gate's key (cookies, allowed-e-mail fingerprints), derived from the signing key (`app.keys.signing`). */
export const emailGateKey = (signingKey: Uint8Array): Buffer => purposeKey(signingKey, PURPOSE);

/** As allowed_emails are stored: trimmed, lower-case. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** The page's allowed e-mails as a list of strings (anything else in the document is ignored). */
export function allowedEmails(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((e): e is string => typeof e === 'string').map(normalizeEmail) : [];
}

/** Names the page's current allowed_emails (order and duplicates don't matter). */
export function emailsFingerprint(key: Buffer, emails: readonly string[]): string {
  const set = [...new Set(emails.map(normalizeEmail))].sort();
  return hmac(key, `emails\0${JSON.stringify(set)}`).toString('base64url');
}

export function mintEmailCookie(
  key: Buffer,
  pageId: string,
  email: string,
  fingerprint: string,
  expiresAt = Date.now() + EMAIL_COOKIE_TTL_SECONDS * 1000,
): string {
  return signValue(key, { payload: email, bound: [pageId, fingerprint], expiresAt });
}

/** When a genuine, unexpired cookie of an address still in `emails` expires (ms since the epoch); else null. */
export function emailCookieExpiry(key: Buffer, pageId: string, emails: readonly string[], value: string, now = Date.now()): number | null {
  const check = checkSignedValue(key, value, { bound: [pageId, emailsFingerprint(key, emails)], expires: true, now });
  return check.ok && emails.includes(check.payload) ? check.expiresAt : null;
}

// One-time links

interface EmailLinkDoc {
  /** SHA-256 of the token (base64url); the token itself is only in the mail. */
  _id: string;
  page_id: string;
  email: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

const links = (db: Db) => db.collection<EmailLinkDoc>(EMAIL_LINKS);
const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('base64url');

export async function ensureEmailLinkIndexes(db: Db): Promise<void> {
  await links(db).createIndex({ expires_at: 1 }, { name: 'expires', expireAfterSeconds: 0 });
}

/** Stores a new link for `email` on `pageId` and returns its token. */
export async function createEmailLink(db: Db, pageId: string, email: string, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await links(db).insertOne({
    _id: tokenHash(token),
    page_id: pageId,
    email,
    created_at: now,
    expires_at: new Date(now.getTime() + EMAIL_LINK_TTL_SECONDS * 1000),
    used_at: null,
  });
  return token;
}

/** Uses up the link `token` of `pageId`: its e-mail, or null when it is unknown, expired or already used. */
export async function consumeEmailLink(db: Db, pageId: string, token: unknown, now = new Date()): Promise<string | null> {
  if (typeof token !== 'string' || !TOKEN.test(token)) return null;
  const doc = await links(db).findOneAndUpdate({ _id: tokenHash(token), page_id: pageId, used_at: null, expires_at: { $gt: now } }, { $set: { used_at: now } });
  return doc ? doc.email : null;
}

/** The address a link points at: the e-mail gate of the page, with the token and where to go afterwards. */
export function emailLinkUrl(publicUrl: string, pageId: string, token: string, next: string): string {
  return `${publicUrl}/p/${pageId}/${EMAIL_PATH}?${new URLSearchParams({ token, next }).toString()}`;
}

// Mail

export interface LinkMailer {
  /** Mails (or, without SMTP, logs) the link; rejects when the SMTP server refuses it. */
  send(to: string, pageId: string, link: string): Promise<void>;
  close(): void;
}

export function createLinkMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>, logger: () => Logger): LinkMailer {
  if (!config.smtpUrl) {
    return {
      async send(to, pageId, link) {
        logger().info({ page: pageId }, `SMTP_URL is not set; e-mail link for ${to} to page ${pageId}: ${link}`);
      },
      close() {},
    };
  }
  const transport = lazySmtpTransport(config.smtpUrl);
  return {
    async send(to, pageId, link) {
      await transport.send({
        from: config.mailFrom,
        to,
        subject: 'Your link to a shared page',
        text:
          `Someone (hopefully you) asked for a link to view a page shared with ${to}:\n\n${link}\n\n` +
          `The link works once, for the next ${EMAIL_LINK_TTL_SECONDS / 60} minutes. If you did not ask for it, ignore this message.\n`,
      });
      logger().info({ page: pageId }, `e-mail link to page ${pageId} sent`);
    },
    close() {
      transport.close();
    },
  };
}

// Pages

export function emailSentPage(): string {
  return htmlDocument(
    'Check your email',
    '<h1>Check your email</h1><p>If this address may open the page, a link is on its way. ' + `It works once, for ${EMAIL_LINK_TTL_SECONDS / 60} minutes.</p>`,
  );
}
