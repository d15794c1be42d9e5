// One-time upload links: a URL that takes one upload (create a page with settings fixed in advance, or
// replace one page's files) without a bearer credential, for shells that do not hold the caller's token.
//
// Threat model: the URL is a bearer credential for ONE upload as the user who asked for it, until it
// expires (UPLOAD_LINK_TTL_SECONDS) or an upload through it succeeds. Whoever holds it can do exactly
// that upload: the operation and the new page's settings are stored with the link, not taken from the
// request. The token is random (144 bits) and signed under its own purpose key with its expiry, so a forged,
// mistyped or expired one is refused without a database lookup; only its SHA-256 is stored
// (`upload_links`, TTL on expires_at); the passcodes it carries are encrypted like a page's, bound to
// the link. Using it is race-safe: an upload claims the link atomically (ready → in use), a refused
// upload releases it, a successful one deletes it, so two concurrent uploads never both succeed.
// A link asked for with an API token dies with that token's revocation.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import { isTokenActive } from '../accounts/tokens.ts';
import { purposeKey } from '../auth/keys.ts';
import { checkSignedValue, signValue } from '../auth/signed-value.ts';
import type { Visibility } from './pages.ts';
import { decryptPasscode, encryptPasscode, normalizeEmails, normalizePasscodes, type EncryptedSecret, type Keyring } from './secrets.ts';

const UPLOAD_LINKS = 'upload_links';
const PURPOSE = 'outpost/upload-link/v1';
const MAC_BYTES = 16;
const RANDOM_BYTES = 18;
/** Where links point; the rest of the path is the token. */
export const UPLOADS_PATH = '/api/uploads/';

/** The settings of the page a `create` link makes. */
export interface NewPageSettings {
  name?: string;
  visibility: Visibility;
  passcodes?: string[];
  allowedEmails?: string[];
  scriptShims?: boolean;
}

export type UploadTarget = { action: 'create'; page: NewPageSettings } | { action: 'replace'; pageId: string };

interface UploadLinkDoc {
  /** SHA-256 of the token (base64url). */
  _id: string;
  user_id: string;
  /** The API token that asked for the link (null: a session). */
  token_id: string | null;
  action: 'create' | 'replace';
  page_id: string | null;
  name: string | null;
  visibility: Visibility | null;
  passcodes: EncryptedSecret[];
  allowed_emails: string[];
  state: 'ready' | 'in_use';
  created_at: Date;
  expires_at: Date;
}

/** What links need of the services. */
export interface LinkServices {
  db: Db;
  keys: { signing: Uint8Array };
  keyring: Keyring;
}

/** Why a link can't be used now; `status` is the HTTP answer. */
export class UploadLinkRefused extends Error {
  readonly status: 404 | 409 | 410;

  constructor(status: 404 | 409 | 410, message: string) {
    super(message);
    this.name = 'UploadLinkRefused';
    this.status = status;
  }
}

const ASK_AGAIN = 'Ask for a new one (outpost_upload_url or outpost_update_files, or POST /api/upload-links).';
const unknown = () => new UploadLinkRefused(404, `Unknown upload link. ${ASK_AGAIN}`);
const expired = () => new UploadLinkRefused(410, `This upload link has expired. ${ASK_AGAIN}`);
const used = () => new UploadLinkRefused(410, `This upload link was already used: it works once. ${ASK_AGAIN}`);
const revoked = () => new UploadLinkRefused(410, `This upload link was revoked with the API token that asked for it. ${ASK_AGAIN}`);
const inUse = () => new UploadLinkRefused(409, 'Another upload through this link is in progress; a link takes one upload.');

const links = (db: Db) => db.collection<UploadLinkDoc>(UPLOAD_LINKS);
const linkId = (token: string) => createHash('sha256').update(token, 'utf8').digest('base64url');
/** Passcodes are encrypted with the link's id as associated data, so they decrypt for this link only. */
const secretScope = (id: string) => `upload-link:${id}`;

export async function ensureUploadLinkIndexes(db: Db): Promise<void> {
  await links(db).createIndex({ expires_at: 1 }, { name: 'expires', expireAfterSeconds: 0 });
}

/** The URL of a link. */
export const uploadLinkUrl = (publicUrl: string, token: string) => `${publicUrl}${UPLOADS_PATH}${token}`;

/** `path` with an upload link's token masked, for logs. */
export function withoutUploadToken(path: string): string {
  return path.startsWith(UPLOADS_PATH) ? `${UPLOADS_PATH}…` : path;
}

/** Stores a new link for `owner` and returns its token. Bad passcodes or emails throw InvalidInput now, not at upload. */
export async function createUploadLink(
  app: LinkServices,
  owner: { userId: string; tokenId?: string },
  target: UploadTarget,
  ttlSeconds: number,
  now = Date.now(),
): Promise<{ token: string; expiresAt: Date }> {
  const page = target.action === 'create' ? target.page : undefined;
  const passcodes = normalizePasscodes(page?.passcodes ?? []);
  const allowedEmails = normalizeEmails(page?.allowedEmails ?? [], 'allowed_emails');
  // Rounded down to the second, as the token carries it.
  const expiresAt = new Date(Math.floor((now + ttlSeconds * 1000) / 1000) * 1000);
  const token = signValue(purposeKey(app.keys.signing, PURPOSE), {
    payload: randomBytes(RANDOM_BYTES).toString('base64url'),
    expiresAt: expiresAt.getTime(),
    macBytes: MAC_BYTES,
  });
  const id = linkId(token);
  await links(app.db).insertOne({
    _id: id,
    user_id: owner.userId,
    token_id: owner.tokenId ?? null,
    action: target.action,
    page_id: target.action === 'replace' ? target.pageId : null,
    name: page?.name ?? null,
    visibility: page?.visibility ?? null,
    passcodes: passcodes.map((p) => encryptPasscode(app.keyring, secretScope(id), p)),
    allowed_emails: allowedEmails,
    state: 'ready',
    created_at: new Date(now),
    expires_at: expiresAt,
  });
  return { token, expiresAt };
}

/** The id of a genuine, unexpired token (no lookup); throws UploadLinkRefused otherwise. */
function checkedId(app: LinkServices, token: unknown, now: number): string {
  const check = checkSignedValue(purposeKey(app.keys.signing, PURPOSE), token, { expires: true, macBytes: MAC_BYTES, now });
  if (!check.ok) throw check.reason === 'expired' ? expired() : unknown();
  return linkId(token as string);
}

/** Why a genuine token's link is not usable, from its document (or its absence). */
function refusal(doc: UploadLinkDoc | null, now: number): UploadLinkRefused {
  if (!doc) return used(); // its signature is genuine and unexpired: it existed, and a success deleted it
  if (doc.expires_at.getTime() <= now) return expired();
  return inUse();
}

async function credentialRevoked(db: Db, doc: UploadLinkDoc): Promise<boolean> {
  return doc.token_id !== null && !(await isTokenActive(db, doc.user_id, doc.token_id));
}

/**
 * Whether the link may be used now, before its upload is read: whose it is (for their request budget).
 * Throws UploadLinkRefused when it is unknown, expired, used, in use or revoked.
 */
export async function checkUploadLink(app: LinkServices, token: unknown, now = Date.now()): Promise<{ userId: string }> {
  const id = checkedId(app, token, now);
  const doc = await links(app.db).findOne({ _id: id });
  if (!doc || doc.state !== 'ready' || doc.expires_at.getTime() <= now) throw refusal(doc, now);
  if (await credentialRevoked(app.db, doc)) throw revoked();
  return { userId: doc.user_id };
}

export interface ClaimedUploadLink {
  id: string;
  userId: string;
  target: UploadTarget;
}

/**
 * Takes the link for one upload; then exactly one of finishUploadLink (2xx) and releaseUploadLink (anything
 * else). A link whose upload was cut short by a crash stays in use until it expires.
 */
export async function claimUploadLink(app: LinkServices, token: unknown, now = Date.now()): Promise<ClaimedUploadLink> {
  const id = checkedId(app, token, now);
  const doc = await links(app.db).findOneAndUpdate(
    { _id: id, state: 'ready', expires_at: { $gt: new Date(now) } },
    { $set: { state: 'in_use' } },
    { returnDocument: 'after' },
  );
  if (!doc) throw refusal(await links(app.db).findOne({ _id: id }), now);
  if (await credentialRevoked(app.db, doc)) {
    await finishUploadLink(app, id);
    throw revoked();
  }
  const target: UploadTarget =
    doc.action === 'replace'
      ? { action: 'replace', pageId: doc.page_id! }
      : {
          action: 'create',
          page: {
            name: doc.name ?? undefined,
            visibility: doc.visibility ?? 'public',
            passcodes: doc.passcodes.map((secret) => decryptPasscode(app.keyring, secretScope(id), secret)),
            allowedEmails: doc.allowed_emails,
          },
        };
  return { id, userId: doc.user_id, target };
}

/** The upload succeeded: the link is used up. */
export async function finishUploadLink(app: Pick<LinkServices, 'db'>, id: string): Promise<void> {
  await links(app.db).deleteOne({ _id: id });
}

/** The upload was refused or failed: the link may be used again (until it expires). */
export async function releaseUploadLink(app: Pick<LinkServices, 'db'>, id: string): Promise<void> {
  await links(app.db).updateOne({ _id: id, state: 'in_use' }, { $set: { state: 'ready' } });
}
