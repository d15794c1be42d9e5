// Limits of the passcode and e-mail gates that hold across clients: the per-page ceiling on wrong passcodes
// (with a closure that doubles each time it is reached), and the e-mail links an address gets at its own
// request, whatever other clients ask for it. Against real databases and a real Outpost behind TRUST_PROXY on
// loopback, so X-Forwarded-For stands for many client addresses.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePageIndexes } from '../../src/pages/pages.ts';
import { GATE_ATTEMPTS } from '../../src/serve/gate.ts';
import { createPageGateCeiling, PAGE_GATE_ATTEMPTS, PAGE_GATE_WINDOW_SECONDS } from '../../src/serve/gate-ceiling.ts';
import { EMAIL_SENDS_PER_ADDRESS } from '../../src/serve/email-gate.ts';
import { useFreshDatabases } from '../support/fresh-db.ts';
import { startMailCatcher, type MailCatcher } from '../support/mail-catcher.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { rawRequest } from '../support/raw-http.ts';

const databases = useFreshDatabases('gate_ceiling_', ensurePageIndexes);

describe('createPageGateCeiling', () => {
  it('closes after the ceiling, for a window, then for twice as long when reached again', async () => {
    const ceiling = createPageGateCeiling(await databases.fresh(), { attempts: 2, windowSeconds: 1 });
    expect(await ceiling.consume('Page1')).toEqual({ allowed: true });
    expect(await ceiling.consume('Page1')).toEqual({ allowed: true });
    expect(await ceiling.consume('Page1')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect((await ceiling.consume('Page1')).allowed).toBe(false);
    expect(await ceiling.consume('Page2')).toEqual({ allowed: true });

    await sleep(1100); // the first closure is over
    expect(await ceiling.consume('Page1')).toEqual({ allowed: true });
    expect(await ceiling.consume('Page1')).toEqual({ allowed: true });
    expect(await ceiling.consume('Page1')).toEqual({ allowed: false, retryAfterSeconds: 2 });
  });

  it('counts only wrong passcodes: a refunded attempt leaves room', async () => {
    const ceiling = createPageGateCeiling(await databases.fresh(), { attempts: 2, windowSeconds: 60 });
    for (let i = 0; i < 5; i++) {
      expect(await ceiling.consume('Page1')).toEqual({ allowed: true });
      await ceiling.refund('Page1');
    }
    expect(await ceiling.consume('Page1')).toEqual({ allowed: true });
    expect(await ceiling.consume('Page1')).toEqual({ allowed: true });
    expect((await ceiling.consume('Page1')).allowed).toBe(false);
  });
});

describe('an Outpost behind a trusted proxy', () => {
  let smtp: MailCatcher;
  let outpost: TestOutpost;
  let token: string;
  beforeAll(async () => {
    smtp = await startMailCatcher();
    outpost = await startTestOutpost({ TRUST_PROXY: 'loopback', SMTP_URL: smtp.url });
    const session = await signupAndLogin(outpost, 'owner@example.com');
    token = (await outpost.api('/api/tokens', { token: session.token, body: { name: 'ceilings' } })).body.token as string;
  });
  afterAll(async () => {
    await outpost?.stop();
    await smtp?.close();
  });

  async function createPage(fields: Record<string, unknown>): Promise<string> {
    const res = await outpost.api('/api/pages', { token, body: { html: '<p>the secret plans 5b7e</p>', ...fields } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  const post = (path: string, fields: Record<string, string>, client: string) =>
    rawRequest(outpost.url, path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': client },
      body: new URLSearchParams(fields).toString(),
    });
  const passIn = (id: string, passcode: string, client: string) => post(`/p/${id}/__gate`, { passcode }, client);

  it(`closes a page's passcode gate to everyone after ${PAGE_GATE_ATTEMPTS} wrong passcodes from many addresses; the owner's preview still opens it`, async () => {
    const id = await createPage({ visibility: 'shared', passcodes: ['open sesame'] });
    const other = await createPage({ visibility: 'shared', passcodes: ['open sesame'] });
    // A visitor who got in earlier keeps the cookie.
    const earlier = await passIn(id, 'open sesame', '192.0.2.1');
    expect(earlier.status).toBe(303);
    const cookie = String(earlier.headers['set-cookie']).split(';')[0];

    // Each address stays under its own limit.
    const perAddress = GATE_ATTEMPTS - 1;
    for (let i = 0; i < PAGE_GATE_ATTEMPTS; i++) {
      const res = await passIn(id, `guess ${i}`, `198.51.100.${1 + Math.floor(i / perAddress)}`);
      expect(res.status, `guess ${i}`).toBe(401);
    }
    const closed = await passIn(id, 'guess again', '203.0.113.50');
    expect(closed.status).toBe(429);
    expect(closed.headers['retry-after']).toBe(String(PAGE_GATE_WINDOW_SECONDS));
    expect(closed.headers['cache-control']).toBe('no-store');
    expect(closed.text).toContain('Too many wrong passcodes have been tried on this page. Please wait 15 minutes before trying again.');
    // Even the right passcode, from a new address, waits: the guesser learns nothing more.
    const right = await passIn(id, 'open sesame', '203.0.113.51');
    expect(right.status).toBe(429);
    expect(right.headers['set-cookie']).toBeUndefined();

    // Another page is unaffected; the earlier visitor and the owner's preview link still get in.
    expect((await passIn(other, 'open sesame', '203.0.113.52')).status).toBe(303);
    const back = await rawRequest(outpost.url, `/p/${id}/`, { headers: { cookie } });
    expect(back.status).toBe(302);
    expect((await rawRequest(outpost.url, back.headers.location!)).text).toContain('the secret plans 5b7e');
    const preview = new URL((await outpost.api(`/api/pages/${id}`, { token })).body.preview_url as string);
    const opened = await rawRequest(outpost.url, `${preview.pathname}${preview.search}`);
    expect(opened.status).toBe(303);
    expect((await rawRequest(outpost.url, opened.headers.location!)).text).toContain('the secret plans 5b7e');
  });

  it('mails an address its own link although another client asked for that address up to its limit', async () => {
    const id = await createPage({ visibility: 'shared', allowed_emails: ['victim@example.com'] });
    const ask = (client: string) => post(`/p/${id}/__email`, { email: 'victim@example.com' }, client);
    for (let i = 0; i < EMAIL_SENDS_PER_ADDRESS + 2; i++) expect((await ask('203.0.113.66')).status).toBe(200);
    await smtp.waitForMail('victim@example.com', EMAIL_SENDS_PER_ADDRESS);
    // The victim, from their own address, still gets a link.
    expect((await ask('198.51.100.200')).status).toBe(200);
    await smtp.waitForMail('victim@example.com', EMAIL_SENDS_PER_ADDRESS + 1);
    // The other client got no more than its limit.
    await sleep(300);
    expect(smtp.mailsTo('victim@example.com')).toHaveLength(EMAIL_SENDS_PER_ADDRESS + 1);
  });
});
