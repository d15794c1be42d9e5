// Access grants in the URL path of protected pages (src/serve/grant.ts): `/p/<id>/<grant>/<path>` serves <path>
// without any cookie, because the opaque-origin document of a sandboxed page gets no cookie sent with what it
// loads. Against a real Outpost on 127.0.0.1 (in-memory engine); pages made over REST; raw node:http requests
// (no redirects followed, no cookie jar). Grants are minted by the server through its gates, or here with the
// server's own key where a test needs one the gates would not hand out (expired, another access).
import type http from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailGateKey, emailsFingerprint } from '../../src/serve/email-gate.ts';
import { gateKey, passcodeFingerprint } from '../../src/serve/gate.ts';
import {
  emailAccess,
  GRANT_SEGMENT,
  grantAccess,
  grantedLocation,
  grantKey,
  MAX_GRANT_MS,
  mintGrant,
  passcodeAccess,
  previewAccess,
  splitGrant,
  verifyGrant,
  withoutGrant,
} from '../../src/serve/grant.ts';
import { mintPreviewToken, PREVIEW_TTL_SECONDS } from '../../src/serve/preview.ts';
import { fastPathStats } from '../../src/serve/fast-path.ts';
import { PAGE_CSP } from '../../src/serve/sandbox.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { expectGrantLocation } from './grant-support.ts';
import { rawRequest } from '../support/raw-http.ts';

let outpost: TestOutpost;
let token: string;

const SECRET = 'the secret plans 3b9e';
const INDEX = `<!doctype html><title>Plans</title><link rel="stylesheet" href="style.css"><p>${SECRET}</p><img src="img/pic.png"><iframe src="frame/"></iframe>`;
const CSS = 'body{color:rebeccapurple} /* secret plans */';
const PNG = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 13) % 256));
const FRAME = `<!doctype html><p>frame ${SECRET}</p>`;
const DOCS = `<!doctype html><p>docs ${SECRET}</p>`;
const NOTES = `notes ${SECRET}`;
/** Has the exact form of a grant: such a first segment is always taken as one, never as a folder. */
const GRANT_LIKE = '~g1.AAAAAAAAAAAAAAAAAAAAAA';

const FILES = [
  { path: 'index.html', content: INDEX },
  { path: 'style.css', content: CSS },
  { path: 'img/pic.png', content: PNG.toString('base64'), encoding: 'base64' },
  { path: 'frame/index.html', content: FRAME },
  { path: 'docs/index.html', content: DOCS },
  { path: '~notes/a.txt', content: NOTES },
  { path: '~g/readme.txt', content: NOTES },
  { path: '~gabc.def/x.txt', content: NOTES },
  { path: `${GRANT_LIKE}/x.txt`, content: NOTES },
];

beforeAll(async () => {
  outpost = await startTestOutpost();
  const session = await signupAndLogin(outpost, 'owner@example.com');
  token = (await outpost.api('/api/tokens', { token: session.token, body: { name: 'grants' } })).body.token;
});
afterAll(() => outpost?.stop());

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

function request(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Res> {
  return rawRequest(outpost.url, path, options);
}

const get = (path: string, headers: Record<string, string> = {}) => request(path, { headers });

async function createPage(fields: Record<string, unknown>): Promise<string> {
  const res = await outpost.api('/api/pages', { token, body: { files: FILES, ...fields } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function patchPage(id: string, body: Record<string, unknown>): Promise<void> {
  const res = await outpost.api(`/api/pages/${id}`, { method: 'PATCH', token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Passes the passcode gate: the grant the 303 leads to, and the gate cookie. */
async function passIn(id: string, passcode: string, next = `/p/${id}/`): Promise<{ grant: string; location: string; cookie: string }> {
  const res = await request(`/p/${id}/__gate`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ passcode, next }).toString(),
  });
  expect(res.status).toBe(303);
  const location = res.headers.location!;
  const grant = expectGrantLocation(location, id, next.slice(`/p/${id}/`.length));
  const cookie = res.headers['set-cookie']![0].split(';')[0];
  return { grant, location, cookie };
}

/** Expiry of a grant segment, in Unix seconds. */
const grantExpiry = (grant: string) => Number.parseInt(GRANT_SEGMENT.exec(grant)![1], 36);

function expectSandboxed(res: Res): void {
  expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['access-control-allow-credentials']).toBeUndefined();
}

/** A file served through a grant: the bytes, never stored by shared caches, no Referer beyond it, CORS without credentials. */
function expectGrantedFile(res: Res, body: string | Buffer): void {
  expect(res.status).toBe(200);
  expect(Buffer.isBuffer(body) ? res.body.equals(body) : res.text).toBe(Buffer.isBuffer(body) ? true : body);
  expectSandboxed(res);
  expect(res.headers['cache-control']).toBe('private, no-cache');
  expect(res.headers['access-control-allow-origin']).toBe('*');
  expect(res.headers['set-cookie']).toBeUndefined();
}

/** A bad grant: sent to the same path (and query) without it, and nothing of the page in the answer. */
function expectToPlain(res: Res, id: string, rest: string): void {
  expect(res.status, `${rest}: ${res.status} ${res.headers.location}`).toBe(302);
  expect(res.headers.location).toBe(`/p/${id}/${rest}`);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers.etag).toBeUndefined();
  expect(res.headers['set-cookie']).toBeUndefined();
  expect(res.text).not.toContain(SECRET);
  expect(res.text).not.toContain('secret plans');
  expect(res.body.includes(PNG.subarray(0, 64))).toBe(false);
  expectSandboxed(res);
}

const PATHS = ['', 'index.html', 'style.css', 'img/pic.png', 'frame/', 'docs', 'some/route', '~notes/a.txt'];
/** Request variants that must not get around the check (a range, a validator, a coding). */
const VARIANTS: Record<string, string>[] = [{}, { range: 'bytes=0-5' }, { 'if-none-match': '*' }, { 'accept-encoding': 'br' }];

describe('grants in the URL path', () => {
  let id: string;
  let grant: string;
  beforeAll(async () => {
    id = await createPage({ visibility: 'shared', passcodes: ['open sesame'] });
    ({ grant } = await passIn(id, 'open sesame'));
  });

  it('serve every file of the page (document, stylesheet, image, frame) without any cookie', async () => {
    expectGrantedFile(await get(`/p/${id}/${grant}/`), INDEX);
    expectGrantedFile(await get(`/p/${id}/${grant}/index.html`), INDEX);
    expectGrantedFile(await get(`/p/${id}/${grant}/style.css`), CSS);
    const png = await get(`/p/${id}/${grant}/img/pic.png`);
    expectGrantedFile(png, PNG);
    expect(png.headers['content-type']).toBe('image/png');
    expectGrantedFile(await get(`/p/${id}/${grant}/frame/`), FRAME);
    // Conditional requests and ranges work as on any page, still checked first.
    const etag = png.headers.etag!;
    const unchanged = await get(`/p/${id}/${grant}/img/pic.png`, { 'if-none-match': etag });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers['access-control-allow-origin']).toBe('*');
    const range = await get(`/p/${id}/${grant}/img/pic.png`, { range: 'bytes=0-9' });
    expect(range.status).toBe(206);
    expect(range.body.equals(PNG.subarray(0, 10))).toBe(true);
    const head = await request(`/p/${id}/${grant}/style.css`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['referrer-policy']).toBe('no-referrer');
  });

  it('keep directory redirects, indexes and the single-page-app fallback under the grant', async () => {
    const dir = await get(`/p/${id}/${grant}/docs?x=1`);
    expect(dir.status).toBe(302);
    expect(dir.headers.location).toBe(`/p/${id}/${grant}/docs/?x=1`);
    expect(dir.text).not.toContain(SECRET);
    expectGrantedFile(await get(`/p/${id}/${grant}/docs/`), DOCS);
    expectGrantedFile(await get(`/p/${id}/${grant}/some/client/route`), INDEX);
    const missing = await get(`/p/${id}/${grant}/missing.png`);
    expect(missing.status).toBe(404);
    // The grant alone: to its folder, so that relative links keep it.
    const bare = await get(`/p/${id}/${grant}?tab=2`);
    expect(bare.status).toBe(302);
    expect(bare.headers.location).toBe(`/p/${id}/${grant}/?tab=2`);
    expect(bare.headers['cache-control']).toBe('no-store');
    expect(bare.text).not.toContain(SECRET);
    // /p/<id> (no slash) still goes to the page's root first.
    const root = await get(`/p/${id}?a=1`);
    expect(root.status).toBe(301);
    expect(root.headers.location).toBe(`/p/${id}/?a=1`);
  });

  it('keep the query: on the grant address, and through the redirects that add or drop a grant', async () => {
    expectGrantedFile(await get(`/p/${id}/${grant}/style.css?v=3&x=%20y`), CSS);
    const { cookie } = await passIn(id, 'open sesame');
    const regranted = await get(`/p/${id}/docs/?tab=2&x=y`, { cookie });
    expect(regranted.status).toBe(302);
    expectGrantLocation(regranted.headers.location, id, 'docs/?tab=2&x=y');
    const { location } = await passIn(id, 'open sesame', `/p/${id}/docs/?tab=2`);
    expect(location).toMatch(new RegExp(`^/p/${id}/~g[0-9a-z]+\\.[\\w-]{22}/docs/\\?tab=2$`));
    expectToPlain(await get(`/p/${id}/${GRANT_LIKE}/docs/?tab=2&x=y`), id, 'docs/?tab=2&x=y');
  });

  it('are sent to the plain address, never served, when forged, tampered with or expired', async () => {
    const key = grantKey(outpost.app.keys.signing);
    const [, exp, mac] = GRANT_SEGMENT.exec(grant)!;
    const fingerprint = passcodeFingerprint(gateKey(outpost.app.keys.signing), ['open sesame']);
    const expired = mintGrant(key, id, passcodeAccess(fingerprint), Date.now() - 1000);
    expect(verifyGrant(key, id, [passcodeAccess(fingerprint)], mintGrant(key, id, passcodeAccess(fingerprint), Date.now() + 60_000))).toBe(true);
    const otherKey = grantKey(new Uint8Array(32).fill(7));
    // The last base64url character holds 2 bits of the MAC and 4 padding bits: another letter with the same
    // 2 bits decodes to the same bytes, and must still not be the grant.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBytes = `${mac.slice(0, -1)}${alphabet[alphabet.indexOf(mac.at(-1)!) ^ 1]}`;
    expect(Buffer.from(sameBytes, 'base64url').equals(Buffer.from(mac, 'base64url'))).toBe(true);
    const bad = [
      expired,
      `~g${(Number.parseInt(exp, 36) + 3600).toString(36)}.${mac}`,
      `~g0${exp}.${mac}`,
      `~g${exp}.${mac.slice(0, -3)}${mac.endsWith('abc') ? 'xyz' : 'abc'}`,
      `~g${exp}.${sameBytes}`,
      GRANT_LIKE,
      mintGrant(key, id, passcodeAccess('some other passcodes'), Date.now() + 60_000),
      mintGrant(key, id, emailAccess(fingerprint), Date.now() + 60_000),
      mintGrant(otherKey, id, passcodeAccess(fingerprint), Date.now() + 60_000),
      mintGrant(otherKey, id, previewAccess(0), Date.now() + 60_000),
    ];
    for (const segment of bad) {
      expect(segment, segment).toMatch(GRANT_SEGMENT);
      for (const path of PATHS) {
        for (const headers of VARIANTS) expectToPlain(await get(`/p/${id}/${segment}/${path}`, headers), id, path);
      }
      const head = await request(`/p/${id}/${segment}/style.css`, { method: 'HEAD' });
      expect(head.status).toBe(302);
      // The plain address then asks for the passcode.
      expect((await get(`/p/${id}/style.css`)).status).toBe(401);
    }
  });

  it('of one page do not open another, even with the same passcodes', async () => {
    const other = await createPage({ visibility: 'shared', passcodes: ['open sesame'] });
    expectToPlain(await get(`/p/${other}/${grant}/style.css`), other, 'style.css');
    const own = await passIn(other, 'open sesame');
    expect(own.grant).not.toBe(grant);
    expectGrantedFile(await get(`/p/${other}/${own.grant}/style.css`), CSS);
  });

  it('only a first segment of the exact grant form is a grant: other paths are files as before', async () => {
    // Behind a grant, and refused without one.
    expectGrantedFile(await get(`/p/${id}/${grant}/~notes/a.txt`), NOTES);
    expectGrantedFile(await get(`/p/${id}/${grant}/~g/readme.txt`), NOTES);
    expectGrantedFile(await get(`/p/${id}/${grant}/~gabc.def/x.txt`), NOTES);
    for (const path of ['~notes/a.txt', '~g/readme.txt', '~gabc.def/x.txt']) expect((await get(`/p/${id}/${path}`)).status).toBe(401);
    // A percent-encoded unreserved character is the same URL (RFC 3986 §6.2.2.2; hapi decodes them before
    // routing, the fast path leaves any "%" to hapi): the same grant, and the same check.
    expectGrantedFile(await get(`/p/${id}/${grant.replace('~', '%7E')}/style.css`), CSS);
    expectToPlain(await get(`/p/${id}/${GRANT_LIKE.replace('~', '%7e')}/style.css`), id, 'style.css');
    // A grant in a later segment is a folder name.
    expect((await get(`/p/${id}/docs/${grant}/style.css`)).status).toBe(401);
  });

  it('carry the grant only in redirects that are not stored, and never in a Referer', async () => {
    const { cookie } = await passIn(id, 'open sesame');
    const redirect = await get(`/p/${id}/`, { cookie });
    expect(redirect.status).toBe(302);
    expect(redirect.headers['cache-control']).toBe('no-store');
    expect(redirect.headers['referrer-policy']).toBe('no-referrer');
    // No CORS on what carries a grant without being a file.
    expect(redirect.headers['access-control-allow-origin']).toBeUndefined();
    // HEAD is redirected too.
    const head = await request(`/p/${id}/style.css`, { method: 'HEAD', headers: { cookie } });
    expect(head.status).toBe(302);
    expectGrantLocation(head.headers.location, id, 'style.css');
    // The gate page names no grant.
    const gate = await get(`/p/${id}/`);
    expect(gate.status).toBe(401);
    expect(gate.text).not.toMatch(/~g[0-9a-z]+\./);
    expect(gate.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('are never served by the fast path', async () => {
    const served = () => fastPathStats(outpost.server)!.served;
    const before = served();
    for (let i = 0; i < 3; i++) {
      expect((await get(`/p/${id}/${grant}/style.css`)).status).toBe(200);
      expect((await get(`/p/${id}/${grant}/img/pic.png`)).status).toBe(200);
      expect((await get(`/p/${id}/${GRANT_LIKE}/style.css`)).status).toBe(302);
    }
    expect(served()).toBe(before);
  });
});

describe('the lifetime of grants', () => {
  it('a passcode grant (and the one made from a gate cookie) lives an hour; the week-long gate cookie makes new ones', async () => {
    const id = await createPage({ visibility: 'shared', passcodes: ['open sesame'] });
    const { grant, cookie } = await passIn(id, 'open sesame');
    const cookieExpiry = Number.parseInt(cookie.slice(cookie.indexOf('=') + 1).split('.')[0], 36);
    expect(Math.abs(cookieExpiry - (Date.now() / 1000 + 7 * 24 * 3600))).toBeLessThan(60);
    expect(Math.abs(grantExpiry(grant) - (Date.now() + MAX_GRANT_MS) / 1000)).toBeLessThan(60);
    const again = await get(`/p/${id}/style.css`, { cookie });
    expect(Math.abs(grantExpiry(expectGrantLocation(again.headers.location, id, 'style.css')) - (Date.now() + MAX_GRANT_MS) / 1000)).toBeLessThan(60);
  });

  it('a preview grant lives as long as the preview token (15 minutes at most), then sends to the plain address', async () => {
    const id = await createPage({ visibility: 'private' });
    const previewUrl = new URL((await outpost.api(`/api/pages/${id}`, { token })).body.preview_url as string);
    const previewToken = previewUrl.searchParams.get('preview')!;
    const res = await get(`/p/${id}/docs/?preview=${previewToken}&tab=1`);
    expect(res.status).toBe(303);
    const grant = expectGrantLocation(res.headers.location, id, 'docs/?tab=1');
    expect(grantExpiry(grant)).toBe(Number.parseInt(previewToken.split('.')[0], 36));
    expect(grantExpiry(grant) * 1000 - Date.now()).toBeLessThanOrEqual(PREVIEW_TTL_SECONDS * 1000);
    expectGrantedFile(await get(res.headers.location!), DOCS);
    // The preview cookie makes a grant of the same expiry.
    const cookie = res.headers['set-cookie']![0].split(';')[0];
    const fromCookie = await get(`/p/${id}/img/pic.png`, { cookie });
    expect(grantExpiry(expectGrantLocation(fromCookie.headers.location, id, 'img/pic.png'))).toBe(grantExpiry(grant));

    // A token that expires in a moment: its grant works until then, and not after.
    const short = mintPreviewToken(outpost.app.keys.signing, id, 0, Date.now() + 1500);
    const shortRes = await get(`/p/${id}/?preview=${short}`);
    expect(shortRes.status).toBe(303);
    const shortGrant = expectGrantLocation(shortRes.headers.location, id, '');
    expectGrantedFile(await get(`/p/${id}/${shortGrant}/style.css`), CSS);
    await new Promise((r) => setTimeout(r, grantExpiry(shortGrant) * 1000 - Date.now() + 50));
    expectToPlain(await get(`/p/${id}/${shortGrant}/style.css`), id, 'style.css');
    expect((await get(`/p/${id}/style.css`)).status).toBe(403);
  });
});

describe('revoking grants', () => {
  it('new passcodes revoke passcode grants (their gate and cookie lead to a new one)', async () => {
    const id = await createPage({ visibility: 'shared', passcodes: ['before'] });
    const { grant, cookie } = await passIn(id, 'before');
    expectGrantedFile(await get(`/p/${id}/${grant}/style.css`), CSS);
    await patchPage(id, { name: 'Renamed' });
    expectGrantedFile(await get(`/p/${id}/${grant}/style.css`), CSS);
    await patchPage(id, { passcodes: ['after'] });
    expectToPlain(await get(`/p/${id}/${grant}/style.css`), id, 'style.css');
    expect((await get(`/p/${id}/style.css`, { cookie })).status).toBe(401);
    const fresh = await passIn(id, 'after');
    expectGrantedFile(await get(`/p/${id}/${fresh.grant}/style.css`), CSS);
  });

  it('a changed list of allowed e-mails revokes e-mail grants', async () => {
    const id = await createPage({ visibility: 'shared', allowed_emails: ['friend@example.com', 'other@example.com'] });
    const keys = outpost.app.keys.signing;
    // The grant the e-mail gate hands out (email-gate.test.ts follows a real link to one).
    const access = emailAccess(emailsFingerprint(emailGateKey(keys), ['friend@example.com', 'other@example.com']));
    const grant = mintGrant(grantKey(keys), id, access, Date.now() + 3600_000);
    expectGrantedFile(await get(`/p/${id}/${grant}/img/pic.png`), PNG);
    await patchPage(id, { allowed_emails: ['other@example.com'] });
    expectToPlain(await get(`/p/${id}/${grant}/img/pic.png`), id, 'img/pic.png');
    expect((await get(`/p/${id}/img/pic.png`)).status).toBe(401);
  });

  it('making the page private revokes passcode grants and preview grants; a new preview opens it again', async () => {
    const id = await createPage({ visibility: 'shared', passcodes: ['open sesame'] });
    const { grant } = await passIn(id, 'open sesame');
    const preview = await get(`/p/${id}/?preview=${mintPreviewToken(outpost.app.keys.signing, id, 0)}`);
    const previewGrant = expectGrantLocation(preview.headers.location, id, '');
    expectGrantedFile(await get(`/p/${id}/${previewGrant}/style.css`), CSS);
    await patchPage(id, { visibility: 'private' });
    expectToPlain(await get(`/p/${id}/${grant}/style.css`), id, 'style.css');
    expect((await get(`/p/${id}/style.css`)).status).toBe(403);
    expectToPlain(await get(`/p/${id}/${previewGrant}/style.css`), id, 'style.css');
    // Visibility moved the page's access epoch from 0 to 1: a preview minted for it works.
    const again = await get(`/p/${id}/?preview=${mintPreviewToken(outpost.app.keys.signing, id, 1)}`);
    expectGrantedFile(await get(`/p/${id}/${expectGrantLocation(again.headers.location, id, '')}/style.css`), CSS);
  });

  it('a page made public needs no grant: its grant addresses go to the plain ones; a deleted page is 404', async () => {
    const id = await createPage({ visibility: 'shared', passcodes: ['open sesame'] });
    const { grant } = await passIn(id, 'open sesame');
    await patchPage(id, { visibility: 'public', passcodes: [] });
    const res = await get(`/p/${id}/${grant}/style.css?v=1`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`/p/${id}/style.css?v=1`);
    expect(res.text).toBe('');
    // A web font (a CORS load) may follow this redirect.
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect((await get(`/p/${id}/${grant}`)).headers.location).toBe(`/p/${id}/`);
    expect((await get(`/p/${id}/style.css?v=1`)).text).toBe(CSS);

    // Public files are served with CORS, on the hapi route and the fast path alike.
    for (let i = 0; i < 3; i++) expect((await get(`/p/${id}/style.css`)).headers['access-control-allow-origin']).toBe('*');

    const deleted = await outpost.api(`/api/pages/${id}`, { method: 'DELETE', token });
    expect(deleted.status).toBe(204);
    const gone = await get(`/p/${id}/${grant}/style.css`);
    expect(gone.status).toBe(404);
    expect(gone.text).not.toContain('rebeccapurple');
  });
});

describe('public pages', () => {
  it('serve paths that merely look like grants; an exact grant form goes to the plain address', async () => {
    const id = await createPage({ visibility: 'public' });
    for (const path of ['~notes/a.txt', '~g/readme.txt', '~gabc.def/x.txt']) {
      for (let i = 0; i < 2; i++) {
        const res = await get(`/p/${id}/${path}`);
        expect(res.status, path).toBe(200);
        expect(res.text).toBe(NOTES);
        expect(res.headers['access-control-allow-origin']).toBe('*');
      }
    }
    // That one file can't be reached: its folder has the exact form of a grant.
    const shadowed = await get(`/p/${id}/${GRANT_LIKE}/x.txt`);
    expect(shadowed.status).toBe(302);
    expect(shadowed.headers.location).toBe(`/p/${id}/x.txt`);
  });

  it('ignore a preview token and set no cookie, with or without a grant', async () => {
    const id = await createPage({ visibility: 'public' });
    const res = await get(`/p/${id}/?preview=${mintPreviewToken(outpost.app.keys.signing, id, 0)}`);
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('grant.ts', () => {
  it('splits a path into its grant and the rest, only for an exact, unencoded first segment', () => {
    const g = '~gabc.ABCDEFGHIJKLMNOPQRSTUV';
    expect(splitGrant(`${g}/a/b.css`, `${g}/a/b.css`)).toEqual({ grant: g, path: 'a/b.css', rawPath: 'a/b.css', bare: false });
    expect(splitGrant(`${g}/a b`, `${g}/a%20b`)).toEqual({ grant: g, path: 'a b', rawPath: 'a%20b', bare: false });
    expect(splitGrant(`${g}/`, `${g}/`)).toEqual({ grant: g, path: '', rawPath: '', bare: false });
    expect(splitGrant(g, g)).toEqual({ grant: g, path: '', rawPath: '', bare: true });
    for (const path of [
      '~notes/a.txt',
      `x/${g}/a`,
      `${g}x/a`,
      `~g.ABCDEFGHIJKLMNOPQRSTUV/a`,
      `~gABC.ABCDEFGHIJKLMNOPQRSTUV/a`,
      `~gabc.ABCDEFGHIJKLMNOPQRSTU/a`,
    ]) {
      expect(splitGrant(path, path).grant, path).toBeNull();
    }
    expect(splitGrant(`${g}/a`, `%7E${g.slice(1)}/a`).grant).toBeNull();
  });

  it('puts a grant in front of a path inside the page, replacing one that is there', () => {
    const g = '~gabc.ABCDEFGHIJKLMNOPQRSTUV';
    expect(grantedLocation('Ab1', g, '/p/Ab1/')).toBe(`/p/Ab1/${g}/`);
    expect(grantedLocation('Ab1', g, '/p/Ab1/docs/?tab=2')).toBe(`/p/Ab1/${g}/docs/?tab=2`);
    expect(grantedLocation('Ab1', g, `/p/Ab1/${GRANT_LIKE}/docs/?tab=2`)).toBe(`/p/Ab1/${g}/docs/?tab=2`);
    expect(grantedLocation('Ab1', g, `/p/Ab1/${GRANT_LIKE}?tab=2`)).toBe(`/p/Ab1/${g}/?tab=2`);
    expect(grantedLocation('Ab1', g, '/p/Ab1/~notes/a.txt')).toBe(`/p/Ab1/${g}/~notes/a.txt`);
  });

  it('binds a grant to its page, access, expiry and key', () => {
    const key = grantKey(new Uint8Array(32).fill(1));
    const expiresAt = Date.now() + 60_000;
    const grant = mintGrant(key, 'Page1', previewAccess(0), expiresAt);
    expect(grant).toMatch(GRANT_SEGMENT);
    expect(grantExpiry(grant)).toBe(Math.floor(expiresAt / 1000));
    expect(verifyGrant(key, 'Page1', [passcodeAccess('x'), previewAccess(0)], grant)).toBe(true);
    expect(grantAccess(key, 'Page1', [passcodeAccess('x'), previewAccess(0)], grant)).toBe(previewAccess(0));
    expect(grantAccess(key, 'Page1', [passcodeAccess('x')], grant)).toBeNull();
    expect(verifyGrant(key, 'Page2', [previewAccess(0)], grant)).toBe(false);
    expect(verifyGrant(key, 'Page1', [passcodeAccess('x')], grant)).toBe(false);
    expect(verifyGrant(key, 'Page1', [], grant)).toBe(false);
    expect(verifyGrant(key, 'Page1', [previewAccess(0)], grant, expiresAt + 1000)).toBe(false);
    expect(verifyGrant(grantKey(new Uint8Array(32).fill(2)), 'Page1', [previewAccess(0)], grant)).toBe(false);
  });
});

describe('grants in the access log', () => {
  it('are masked: a grant is a bearer credential', async () => {
    expect(withoutGrant('/p/Ab12Cd34/~gabc123.AAAAAAAAAAAAAAAAAAAAAA/css/a.css')).toBe('/p/Ab12Cd34/~g…/css/a.css');
    expect(withoutGrant('/p/Ab12Cd34/~notes/a.txt')).toBe('/p/Ab12Cd34/~notes/a.txt');
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        callback();
      },
    });
    const logged = await startTestOutpost({ LOG_LEVEL: 'info' }, { logStream: sink });
    try {
      const session = await signupAndLogin(logged, 'logged@example.com');
      const page = await logged.api('/api/pages', { token: session.token, body: { files: FILES, visibility: 'shared', passcodes: ['pass'] } });
      const gate = await fetch(`${logged.url}/p/${page.body.id}/__gate`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ passcode: 'pass', next: `/p/${page.body.id}/` }).toString(),
      });
      const location = gate.headers.get('location')!;
      const grant = GRANT_SEGMENT.exec(location.split('/')[3])?.[0];
      expect(grant).toBeTruthy();
      expect((await fetch(new URL(location, logged.url))).status).toBe(200);
      expect(lines.some((l) => l.includes(`/p/${page.body.id}/~g…/`))).toBe(true);
      expect(lines.filter((l) => l.includes(grant!))).toEqual([]);
    } finally {
      await logged.stop();
    }
  });
});
