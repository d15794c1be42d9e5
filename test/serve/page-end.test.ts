// Expiry, view limits and view counts, against real Outposts on 127.0.0.1 (raw node:http, no redirects
// followed): 410 Gone after expires_at on the hapi route and the fast path; exactly max_views admitted, also by
// two instances on one database; views counted on both paths once flushed, assets and the owner's preview not
// counted; e-mail-gated opens recorded; stats only for the owner; the MCP tool mirrors the operation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startEngine, type RunningEngine } from '../../src/engine/index.ts';
import { fastPathStats } from '../../src/serve/fast-path.ts';
import { viewCounterOf } from '../../src/serve/view-counter.ts';
import { EMAIL_LINK, startMailCatcher, type MailCatcher } from '../support/mail-catcher.ts';
import { apiTokenFor, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { rawRequest } from '../support/raw-http.ts';

const HTML = '<!doctype html><title>Launch</title><link rel="stylesheet" href="style.css"><p>launch notes 51c9</p>';
const FILES = [
  { path: 'index.html', content: HTML },
  { path: 'style.css', content: 'p { color: green }' },
];
// A fixed key: the visitor sketch's hashes, and so the unique-visitor counts, are the same on every run.
const SECRET_KEY = Buffer.alloc(32, 7).toString('base64url');

let smtp: MailCatcher;
let outpost: TestOutpost;
let alice: string;
let bob: string;

beforeAll(async () => {
  smtp = await startMailCatcher();
  outpost = await startTestOutpost({ SIGNUP_MODE: 'open', SECRET_KEY, SMTP_URL: smtp.url, MAIL_FROM: 'Pages <pages@outpost.test>' });
  alice = await apiTokenFor(outpost, 'alice@example.com');
  bob = await apiTokenFor(outpost, 'bob@example.com');
});
afterAll(async () => {
  await outpost?.stop();
  await smtp?.close();
});

async function createPage(fields: Record<string, unknown>, server = outpost, token = alice) {
  const res = await server.api('/api/pages', { token, body: { files: FILES, ...fields } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; preview_url: string; status: string; expires_at: string | null; max_views: number | null };
}

const get = (path: string, headers: Record<string, string> = {}, base = outpost.url) => rawRequest(base, path, { headers });
const served = (server = outpost) => fastPathStats(server.server)!.served;
const stats = async (id: string, token = alice, server = outpost) => {
  await viewCounterOf(server.server)!.flush();
  return server.api(`/api/pages/${id}/stats`, { token });
};
const sleepUntil = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms - Date.now())));

describe('expires_at and max_views in the API', () => {
  it('refuses an expiry already past at create, and max_views below 1, naming the field', async () => {
    const past = await outpost.api('/api/pages', { token: alice, body: { html: HTML, expires_at: '2020-01-01T00:00:00Z' } });
    expect(past.status).toBe(400);
    expect(past.body.validation.keys).toEqual(['expires_at']);
    expect(past.body.message).toMatch(/expires_at must be in the future/);
    const zero = await outpost.api('/api/pages', { token: alice, body: { html: HTML, max_views: 0 } });
    expect(zero.status).toBe(400);
    expect(zero.body.validation.keys).toEqual(['max_views']);
    const junk = await outpost.api('/api/pages', { token: alice, body: { html: HTML, expires_at: 'next tuesday' } });
    expect(junk.status).toBe(400);
    expect(junk.body.validation.keys).toEqual(['expires_at']);
  });

  it('sets both at create, changes them on update (null clears), and takes them as form fields', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const page = await createPage({ expires_at: expiresAt, max_views: 5 });
    expect(page).toMatchObject({ status: 'live', expires_at: expiresAt, max_views: 5 });
    const cleared = await outpost.api(`/api/pages/${page.id}`, { method: 'PATCH', token: alice, body: { expires_at: null, max_views: null } });
    expect(cleared.body).toMatchObject({ status: 'live', expires_at: null, max_views: null });
    const form = await outpost.api(`/api/pages/${page.id}`, {
      method: 'PUT',
      token: alice,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ max_views: '2', expires_at: expiresAt }).toString(),
    });
    expect(form.status, JSON.stringify(form.body)).toBe(200);
    expect(form.body).toMatchObject({ max_views: 2, expires_at: expiresAt });
    const emptied = await outpost.api(`/api/pages/${page.id}`, {
      method: 'PUT',
      token: alice,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'max_views=&expires_at=',
    });
    expect(emptied.body).toMatchObject({ max_views: null, expires_at: null });
  });
});

describe('expiry', () => {
  it('answers 410 Gone once expires_at passes, on the fast path and the hapi route, and the page says expired', async () => {
    const expiresAt = Date.now() + 1500;
    const page = await createPage({ expires_at: new Date(expiresAt).toISOString() });
    expect((await get(`/p/${page.id}/index.html`)).status).toBe(200); // hapi, filling the caches
    const before = served();
    const hot = await get(`/p/${page.id}/index.html`);
    expect(hot.status).toBe(200);
    expect(served()).toBe(before + 1); // the fast path answered

    await sleepUntil(expiresAt + 50);
    for (const file of ['index.html', 'style.css', '']) {
      const res = await get(`/p/${page.id}/${file}`);
      expect(res.status).toBe(410);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).toContain('<h1>This page has expired</h1>');
      expect(res.text).not.toContain('launch notes');
    }
    expect(served()).toBe(before + 1);
    const view = await outpost.api(`/api/pages/${page.id}`, { token: alice });
    expect(view.body.status).toBe('expired');

    // Cleared: served again.
    await outpost.api(`/api/pages/${page.id}`, { method: 'PATCH', token: alice, body: { expires_at: null } });
    expect((await get(`/p/${page.id}/index.html`)).text).toBe(HTML);
  });
});

describe('max_views', () => {
  it('admits exactly max_views document views; assets and the owner preview use none', async () => {
    const page = await createPage({ max_views: 3 });
    for (let i = 0; i < 4; i++) expect((await get(`/p/${page.id}/style.css`)).status).toBe(200);
    // The owner's preview link: 303 to the page behind a preview grant, which serves it without counting.
    const privatePage = await createPage({ max_views: 1, visibility: 'private' });
    const preview = new URL(privatePage.preview_url);
    const entered = await get(`${preview.pathname}${preview.search}`);
    expect(entered.status).toBe(303);
    for (let i = 0; i < 3; i++) expect((await get(entered.headers.location!)).text).toBe(HTML);
    expect((await stats(privatePage.id)).body).toMatchObject({ views_left: 1, total_views: 0 });

    const answers = await Promise.all(Array.from({ length: 8 }, () => get(`/p/${page.id}/index.html`)));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(3);
    const refused = answers.filter((r) => r.status === 410);
    expect(refused).toHaveLength(5);
    expect(refused[0].text).toContain('<h1>This page is no longer available</h1>');
    // The last visitor's stylesheet is still served for a while.
    expect((await get(`/p/${page.id}/style.css`)).status).toBe(200);
    const after = await stats(page.id);
    expect(after.body).toMatchObject({ status: 'expired', max_views: 3, views_left: 0, total_views: 3 });
    expect((await outpost.api(`/api/pages/${page.id}`, { token: alice })).body.status).toBe('expired');

    // A higher limit opens it again for the difference.
    await outpost.api(`/api/pages/${page.id}`, { method: 'PATCH', token: alice, body: { max_views: 4 } });
    expect((await get(`/p/${page.id}/`)).status).toBe(200);
    expect((await get(`/p/${page.id}/`)).status).toBe(410);
  });

  it('holds exactly across two instances on one database', async () => {
    const dirs: string[] = [];
    const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-views-db-'));
    dirs.push(dbDir);
    const engine: RunningEngine = await startEngine({ dataDir: dbDir });
    const env = (n: number) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `outpost-views-${n}-`));
      dirs.push(dir);
      return { DATA_DIR: dir, SECRET_KEY, MONGODB_URI: engine.uri.replace('/?', '/outpost?') };
    };
    const a = await startTestOutpost(env(1));
    const b = await startTestOutpost(env(2));
    try {
      const token = await apiTokenFor(a, 'shared@example.com');
      const page = await createPage({ max_views: 4 }, a, token);
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => get(`/p/${page.id}/index.html`, {}, i % 2 ? a.url : b.url)));
      expect(answers.filter((r) => r.status === 200)).toHaveLength(4);
      expect(answers.filter((r) => r.status === 410)).toHaveLength(8);
      await viewCounterOf(b.server)!.flush();
      expect((await stats(page.id, token, a)).body).toMatchObject({ total_views: 4, views_left: 0 });
    } finally {
      await a.stop();
      await b.stop();
      await engine.close();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('view counts', () => {
  it('counts document views on the fast path and the hapi route, with unique visitors, and not assets or HEAD', async () => {
    const open = await createPage({});
    const visitor = (n: number) => ({ 'user-agent': `visitor-${n}` });
    const before = served();
    for (let i = 0; i < 6; i++) expect((await get(`/p/${open.id}/index.html`, visitor(i % 3))).status).toBe(200);
    expect(served() - before).toBeGreaterThanOrEqual(4); // all but the first (or a renewal's) from the fast path
    for (let i = 0; i < 3; i++) await get(`/p/${open.id}/style.css`);
    await rawRequest(outpost.url, `/p/${open.id}/index.html`, { method: 'HEAD' });

    // A limited page is always served by hapi.
    const limited = await createPage({ max_views: 100 });
    const hapiBefore = served();
    for (let i = 0; i < 4; i++) expect((await get(`/p/${limited.id}/`, visitor(7))).status).toBe(200);
    expect(served()).toBe(hapiBefore);

    const today = new Date().toISOString().slice(0, 10);
    const openStats = (await stats(open.id)).body;
    expect(openStats).toMatchObject({ total_views: 6, views_last_30_days: 6, unique_visitors_last_30_days: 3, max_views: null, views_left: null });
    expect(openStats.days).toHaveLength(30);
    expect(openStats.days.at(-1)).toEqual({ date: today, views: 6, unique_visitors: 3 });
    expect(openStats.days.slice(0, -1).every((d: { views: number }) => d.views === 0)).toBe(true);
    expect((await stats(limited.id)).body).toMatchObject({ total_views: 4, unique_visitors_last_30_days: 1, views_left: 96 });
  });

  it('records which allowed address opened an e-mail-gated page', async () => {
    const page = await createPage({ visibility: 'shared', allowed_emails: ['friend@example.com', 'other@example.com'] });
    await rawRequest(outpost.url, `/p/${page.id}/__email`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'friend@example.com', next: `/p/${page.id}/` }).toString(),
    });
    const mail = await smtp.waitForMail('friend@example.com', 1);
    const link = new URL(EMAIL_LINK.exec(mail.text)![0]);
    const followed = await get(`${link.pathname}${link.search}`);
    expect(followed.status).toBe(303);
    expect((await get(followed.headers.location!)).text).toBe(HTML);
    const body = (await stats(page.id)).body;
    expect(body.email_opens).toEqual([{ email: 'friend@example.com', opens: 1, first_opened_at: expect.any(String), last_opened_at: expect.any(String) }]);
    expect(body.total_views).toBe(1);
  });

  it('an ended page lets no one through its gates: passcode, e-mail request and mailed link are 410', async () => {
    const page = await createPage({ visibility: 'shared', passcodes: ['open sesame'], allowed_emails: ['late@example.com'] });
    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, next: `/p/${page.id}/` }).toString(),
    });
    await rawRequest(outpost.url, `/p/${page.id}/__email`, form({ email: 'late@example.com' }));
    const link = new URL(EMAIL_LINK.exec((await smtp.waitForMail('late@example.com', 1)).text)![0]);
    await outpost.api(`/api/pages/${page.id}`, { method: 'PATCH', token: alice, body: { expires_at: new Date(Date.now() - 1000).toISOString() } });

    const attempts = [
      await rawRequest(outpost.url, `/p/${page.id}/__gate`, form({ passcode: 'open sesame' })),
      await rawRequest(outpost.url, `/p/${page.id}/__email`, form({ email: 'late@example.com' })),
      await get(`${link.pathname}${link.search}`),
    ];
    for (const answer of attempts) {
      expect(answer.status).toBe(410);
      expect(answer.text).toContain('<h1>This page has expired</h1>');
    }
    expect((await stats(page.id)).body.email_opens).toEqual([]);
  });

  it('shows a page’s counts to its owner only, over REST and MCP', async () => {
    const page = await createPage({});
    await get(`/p/${page.id}/`);
    expect((await stats(page.id, bob)).status).toBe(404);
    expect((await outpost.api(`/api/pages/${page.id}/stats`)).status).toBe(401);

    const client = new Client({ name: 'stats-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', outpost.url), { requestInit: { headers: { Authorization: `Bearer ${alice}` } } }));
    try {
      const mine = await client.callTool({ name: 'outpost_get_stats', arguments: { page_id: page.id } });
      expect(mine.isError).toBeFalsy();
      expect(mine.structuredContent).toMatchObject({ page_id: page.id, total_views: 1, status: 'live' });
      const got = await client.callTool({ name: 'outpost_get', arguments: { page_id: page.id } });
      expect(got.structuredContent).toMatchObject({ status: 'live', expires_at: null, max_views: null });
    } finally {
      await client.close();
    }
    const bobClient = new Client({ name: 'stats-test', version: '1.0.0' });
    await bobClient.connect(new StreamableHTTPClientTransport(new URL('/mcp', outpost.url), { requestInit: { headers: { Authorization: `Bearer ${bob}` } } }));
    try {
      const theirs = await bobClient.callTool({ name: 'outpost_get_stats', arguments: { page_id: page.id } });
      expect(theirs.isError).toBe(true);
      expect(JSON.stringify(theirs.content)).toContain('Page not found');
    } finally {
      await bobClient.close();
    }

    // Deleting the page deletes what was counted for it.
    expect((await outpost.api(`/api/pages/${page.id}`, { method: 'DELETE', token: alice })).status).toBe(204);
    for (const name of ['page_view_days', 'page_view_totals', 'page_email_opens']) {
      const left = await outpost.app.db.collection<{ _id: string }>(name).countDocuments({ $or: [{ page_id: page.id }, { _id: page.id }] });
      expect(left, name).toBe(0);
    }
  });
});
