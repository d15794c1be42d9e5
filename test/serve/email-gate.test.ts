// The e-mail gate of shared pages, against a real Outpost on 127.0.0.1 (in-memory engine) mailing through a
// real SMTP server (smtp-server) on 127.0.0.1. Requests are raw node:http (no redirects followed, no cookie
// jar: cookies are passed by hand); the mailed links are followed like a visitor would.
import type http from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_COOKIE_TTL_SECONDS, EMAIL_SENDS_PER_ADDRESS } from '../../src/serve/email-gate.ts';
import { PAGE_CSP } from '../../src/serve/sandbox.ts';
import { EMAIL_LINK as LINK, startMailCatcher, waitFor, type MailCatcher } from '../support/mail-catcher.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { expectGrantLocation } from './grant-support.ts';
import { rawRequest } from '../support/raw-http.ts';

const SECRET = '<!doctype html><title>Plans</title><p>the secret plans 7e2a</p>';
const FROM = 'Pages <pages@outpost.test>';

let smtp: MailCatcher;
let outpost: TestOutpost;
let token: string;

beforeAll(async () => {
  smtp = await startMailCatcher();
  outpost = await startTestOutpost({ SMTP_URL: smtp.url, MAIL_FROM: FROM });
  token = await ownerToken(outpost);
});
afterAll(async () => {
  await outpost?.stop();
  await smtp?.close();
});

async function ownerToken(server: TestOutpost): Promise<string> {
  const session = await signupAndLogin(server, 'owner@example.com');
  return (await server.api('/api/tokens', { token: session.token, body: { name: 'email-gate' } })).body.token as string;
}

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

async function request(base: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Res> {
  const { status, headers, text } = await rawRequest(base, path, options);
  return { status, headers, body: text };
}

const get = (path: string, cookie?: string, base = outpost.url) => request(base, path, { headers: cookie ? { cookie } : {} });

/**
 * A visitor coming back with a cookie to a plain address `/p/<id>/<rest>`: a valid cookie is sent (302) to the
 * same path with an access grant, which is then followed without the cookie. Any other answer is returned as is.
 */
async function viaCookie(path: string, cookie: string, base = outpost.url): Promise<Res> {
  const res = await get(path, cookie, base);
  if (res.status !== 302) return res;
  const id = path.split('/')[2];
  expectGrantLocation(res.headers.location, id, path.slice(`/p/${id}/`.length));
  expect(res.headers['cache-control']).toBe('no-store');
  return get(res.headers.location!, undefined, base);
}

function askForLink(id: string, email: string, next?: string, base = outpost.url): Promise<Res> {
  return request(base, `/p/${id}/__email`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(next === undefined ? { email } : { email, next }).toString(),
  });
}

async function createPage(fields: Record<string, unknown>, server = outpost, ownerToken = token): Promise<string> {
  const res = await server.api('/api/pages', { token: ownerToken, body: { files: [{ path: 'index.html', content: SECRET }], ...fields } });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The path and query of the link in the one mail sent to `address` (the n-th, from 1). */
async function linkMailedTo(address: string, n = 1): Promise<string> {
  const mail = await smtp.waitForMail(address, n);
  const link = LINK.exec(mail.text)?.[0];
  expect(link).toBeDefined();
  const url = new URL(link!);
  return `${url.pathname}${url.search}`;
}

function setCookie(res: Res): { pair: string; name: string; attributes: string[] } {
  const headers = res.headers['set-cookie'];
  expect(headers).toHaveLength(1);
  const [pair, ...attributes] = headers![0].split(';').map((s) => s.trim());
  return { pair, name: pair.slice(0, pair.indexOf('=')), attributes };
}

function expectSandboxed(res: Res): void {
  expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
}

function expectEmailForm(res: Res, id: string): void {
  expect(res.status).toBe(401);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(res.body).toContain(`<form method="post" action="/p/${id}/__email">`);
  expect(res.body).toMatch(/<label for="email">[^<]+<\/label>/);
  expect(res.body).toMatch(/<input id="email" name="email" type="email"/);
  expect(res.body).not.toMatch(/<script|<link|src=|https?:\/\//);
  expect(res.body).not.toContain('secret plans');
  expect(res.headers['set-cookie']).toBeUndefined();
  expectSandboxed(res);
}

describe('the e-mail gate of shared pages', () => {
  let id: string;
  let cookie: string;
  /** Where the followed link led: the page behind an access grant. */
  let granted: string;
  beforeAll(async () => {
    id = await createPage({ visibility: 'shared', allowed_emails: ['friend@example.com', 'other@example.com'] });
  });

  it('answers with a 401 page offering the e-mail form (and no passcode form)', async () => {
    for (const path of ['', 'index.html', 'deep/route']) {
      const res = await get(`/p/${id}/${path}`);
      expectEmailForm(res, id);
      expect(res.body).toContain(`name="next" value="/p/${id}/${path}"`);
      expect(res.body).not.toContain('__gate');
    }
  });

  it('offers both forms when the page also has passcodes', async () => {
    const both = await createPage({ visibility: 'shared', passcodes: ['open sesame'], allowed_emails: ['friend@example.com'] });
    const res = await get(`/p/${both}/`);
    expectEmailForm(res, both);
    expect(res.body).toContain(`<form method="post" action="/p/${both}/__gate">`);
    expect(res.body).toMatch(/<input id="passcode" name="passcode" type="password"/);
  });

  it('answers allowed and other addresses alike, and mails a link to the allowed one only', async () => {
    const stranger = await askForLink(id, 'stranger@example.com', `/p/${id}/index.html`);
    const friend = await askForLink(id, '  Friend@Example.COM ', `/p/${id}/index.html`);
    const junk = await askForLink(id, 'not an address', `/p/${id}/index.html`);
    for (const res of [stranger, friend, junk]) {
      expect(res.status).toBe(200);
      expect(res.body).toBe(friend.body);
      expect(res.body).toContain('If this address may open the page, a link is on its way');
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.headers['cache-control']).toBe('no-store');
      expectSandboxed(res);
    }
    await linkMailedTo('friend@example.com');
    await sleep(300);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0].from).toBe('pages@outpost.test');
    expect(smtp.mails[0].to).toEqual(['friend@example.com']);
    expect(smtp.mails[0].text).not.toContain('secret plans');
  });

  it('lets the link in once: 303 with the cookie, then the page', async () => {
    const link = await linkMailedTo('friend@example.com');
    const res = await get(link);
    expect(res.status).toBe(303);
    // To `next` behind an access grant, which serves it without the cookie.
    expectGrantLocation(res.headers.location, id, 'index.html');
    expectSandboxed(res);
    granted = res.headers.location!;
    expect((await get(granted)).body).toBe(SECRET);
    const c = setCookie(res);
    expect(c.name).toBe(`outpost_email_${id}`);
    expect(c.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', `Path=/p/${id}/`, `Max-Age=${EMAIL_COOKIE_TTL_SECONDS}`]));
    cookie = c.pair;

    const page = await viaCookie(`/p/${id}/index.html`, cookie);
    expect(page.status).toBe(200);
    expect(page.body).toBe(SECRET);
    expect(page.headers['cache-control']).toBe('private, no-cache');
    expect(page.headers['set-cookie']).toBeUndefined();
    expectSandboxed(page);

    const again = await get(link);
    expect(again.status).toBe(403);
    expect(again.body).toContain('This link has expired or was already used');
    expect(again.headers['set-cookie']).toBeUndefined();
    expectSandboxed(again);
  });

  it('refuses made-up links and tampered cookies', async () => {
    const bogus = await get(`/p/${id}/__email?token=${'A'.repeat(43)}`);
    expect(bogus.status).toBe(403);
    expect(bogus.body).toContain('This link has expired or was already used');
    expect((await get(`/p/${id}/__email`)).status).toBe(403);

    const [name, value] = [cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1)];
    const parts = value.split('.');
    const otherEmail = `${parts[0]}.${Buffer.from('other@example.com').toString('base64url')}.${parts[2]}`;
    expectEmailForm(await get(`/p/${id}/`, `${name}=${otherEmail}`), id);
    const otherPage = await createPage({ visibility: 'shared', allowed_emails: ['friend@example.com'] });
    expectEmailForm(await get(`/p/${otherPage}/`, `outpost_email_${otherPage}=${value}`), otherPage);
  });

  it('sends `next` only inside the page', async () => {
    await askForLink(id, 'other@example.com', 'https://evil.example/');
    const link = await linkMailedTo('other@example.com');
    const res = await get(link.replace(/next=[^&]*/, `next=${encodeURIComponent('//evil.example/x')}`));
    expect(res.status).toBe(303);
    expectGrantLocation(res.headers.location, id, '');
  });

  it('revokes the cookie, and the grant, when the address is removed from the page', async () => {
    expect((await viaCookie(`/p/${id}/`, cookie)).status).toBe(200);
    expect((await get(granted)).status).toBe(200);
    const patched = await outpost.api(`/api/pages/${id}`, { method: 'PATCH', token, body: { allowed_emails: ['other@example.com'] } });
    expect(patched.status).toBe(200);
    expectEmailForm(await get(`/p/${id}/`, cookie), id);
    const revoked = await get(granted);
    expect(revoked.status).toBe(302);
    expect(revoked.headers.location).toBe(`/p/${id}/index.html`);
    expect(revoked.body).not.toContain('secret plans');
  });

  it('caps the links mailed to one address, still answering the same page', async () => {
    const capped = await createPage({ visibility: 'shared', allowed_emails: ['busy@example.com'] });
    const first = await askForLink(capped, 'busy@example.com');
    for (let i = 0; i < EMAIL_SENDS_PER_ADDRESS + 2; i++) {
      const res = await askForLink(capped, 'busy@example.com');
      expect(res.status).toBe(first.status);
      expect(res.body).toBe(first.body);
    }
    await linkMailedTo('busy@example.com', EMAIL_SENDS_PER_ADDRESS);
    await sleep(300);
    expect(smtp.mailsTo('busy@example.com')).toHaveLength(EMAIL_SENDS_PER_ADDRESS);
  });

  it('refuses the e-mail gate of pages that have none', async () => {
    const passcodeOnly = await createPage({ visibility: 'shared', passcodes: ['open sesame'] });
    const res = await askForLink(passcodeOnly, 'friend@example.com');
    expect(res.status).toBe(403);
    expectSandboxed(res);
    expect((await get(`/p/${passcodeOnly}/`)).body).not.toContain('__email');
  });
});

describe('the e-mail gate without SMTP_URL', () => {
  let logged: TestOutpost;
  const lines: Array<{ level: number; msg?: string }> = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line));
        callback();
      },
    });
    logged = await startTestOutpost({ LOG_LEVEL: 'info' }, { logStream: sink });
  });
  afterAll(() => logged?.stop());

  it('writes the link to the server log at info level, and the link works', async () => {
    const ownerSession = await ownerToken(logged);
    const id = await createPage({ visibility: 'shared', allowed_emails: ['friend@example.com'] }, logged, ownerSession);
    const res = await askForLink(id, 'friend@example.com', undefined, logged.url);
    expect(res.status).toBe(200);
    const line = await waitFor(() => lines.find((l) => typeof l.msg === 'string' && LINK.test(l.msg)), 'the link in the log');
    expect(line.level).toBe(30);
    expect(line.msg).toContain('friend@example.com');
    const url = new URL(LINK.exec(line.msg!)![0]);
    const followed = await get(`${url.pathname}${url.search}`, undefined, logged.url);
    expect(followed.status).toBe(303);
    const page = await viaCookie(`/p/${id}/`, setCookie(followed).pair, logged.url);
    expect(page.status).toBe(200);
    expect(page.body).toBe(SECRET);
  });
});
