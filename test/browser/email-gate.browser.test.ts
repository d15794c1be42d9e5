// The e-mail gate in a real browser: Debian's Chromium driven by playwright-core against a real Outpost on
// 127.0.0.1 that mails through a real SMTP server (smtp-server) on 127.0.0.1. A visitor fills in the gate's
// form as a person would, the test catches the mail and the browser follows its one-time link, which leads to
// the page behind an access grant in its address (so that everything the page loads is let in too); the cookie
// it sets keeps the page open until the owner changes the page's allowed e-mails, which revokes the grant too.
// One browser for the file, a fresh context (cookie jar) per visitor. Skipped when /usr/bin/chromium is absent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { emailLinkIn, startMailCatcher, type MailCatcher } from '../support/mail-catcher.ts';
import type { TestOutpost } from '../support/outpost.ts';
import { expectSiteLoaded, grantUrl, multiFileSite, recordFailures, SITE_TEXT } from './multi-file-site.ts';
import { HAVE_CHROMIUM, startBrowserSession, suiteTitle, type BrowserSession } from './chromium.ts';

/** A phone, so that the gate's viewport meta matters (without it, Chromium lays a mobile page out 980px wide). */
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const title = suiteTitle('the e-mail gate in Chromium');

const CONTENT = 'the secret plans 5b7f';
const HTML = `<!doctype html><html><head><title>Plans</title></head><body><p id="content">${CONTENT}</p></body></html>`;

describe.skipIf(!HAVE_CHROMIUM)(title, () => {
  let session: BrowserSession;
  let outpost: TestOutpost;
  let smtp: MailCatcher;
  let token: string;
  let server: string;

  beforeAll(async () => {
    smtp = await startMailCatcher();
    session = await startBrowserSession({ SMTP_URL: smtp.url, MAIL_FROM: 'Pages <pages@outpost.test>' });
    ({ outpost, token, server } = session);
  });
  afterAll(async () => {
    await session?.close();
    await smtp?.close();
  });

  const newContext = (options?: BrowserContextOptions): Promise<BrowserContext> => session.newContext(options);

  async function createSharedPage(allowedEmails: string[], content: Record<string, unknown> = { html: HTML }): Promise<string> {
    const res = await outpost.api('/api/pages', { token, body: { visibility: 'shared', allowed_emails: allowedEmails, ...content } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  /** Opens the page and expects the e-mail gate, not the content. */
  async function expectGate(page: Page, id: string): Promise<void> {
    const res = await page.goto(`${server}/p/${id}/`);
    expect(res?.status()).toBe(401);
    await page.getByRole('textbox', { name: 'Email address' }).waitFor();
    expect(await page.title()).toBe('Sign-in required');
    expect(await page.content()).not.toContain(CONTENT);
  }

  /** Fills in the gate's form (the page is on the gate) and waits for the answer; returns its HTML. */
  async function askForLink(page: Page, email: string): Promise<string> {
    await page.getByLabel('Email address').fill(email);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Email me a link' }).click(),
    ]);
    expect(res.status()).toBe(200);
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    return page.content();
  }

  /** The one-time link mailed to `address`, moved onto 127.0.0.1 (the mail names PUBLIC_URL, localhost). */
  async function linkMailedTo(address: string, id: string): Promise<string> {
    const mail = await smtp.waitForMail(address);
    expect(mail.text).not.toContain(CONTENT);
    const link = emailLinkIn(mail.text);
    expect(link).toBeDefined();
    expect(link!.origin).toBe(outpost.app.config.publicUrl);
    expect(link!.pathname).toBe(`/p/${id}/__email`);
    return `${server}${link!.pathname}${link!.search}`;
  }

  /**
   * Follows the link and expects the page's content, at the page's root behind an access grant, with the e-mail
   * cookie set.
   */
  async function openWithLink(context: BrowserContext, page: Page, link: string, id: string, content = CONTENT): Promise<void> {
    const res = await page.goto(link);
    expect(res?.status()).toBe(200);
    expect(res?.request().redirectedFrom()?.url()).toBe(link); // the 303 that set the cookie
    expect(page.url()).toMatch(grantUrl(server, id));
    expect(await page.locator('#content').textContent()).toBe(content);
    const cookie = (await context.cookies(`${server}/p/${id}/`)).find((c) => c.name === `outpost_email_${id}`);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: `/p/${id}/` });
  }

  it('shows an accessible form on a phone and answers any address alike, mailing only an allowed one', async () => {
    const friend = 'friend@example.com';
    const stranger = 'stranger@example.com';
    const id = await createSharedPage([friend]);
    const page = await (await newContext(PHONE)).newPage();
    await expectGate(page, id);

    // The form as assistive technology sees it: a real <label> for the input, a submit button in the same form.
    const input = page.getByLabel('Email address');
    expect(
      await input.evaluate((el: HTMLInputElement) => ({ type: el.type, required: el.required, labels: [...(el.labels ?? [])].map((l) => l.textContent) })),
    ).toEqual({ type: 'email', required: true, labels: ['Email address'] });
    const button = page.getByRole('button', { name: 'Email me a link' });
    expect(
      await button.evaluate(
        (el: HTMLButtonElement) => el.type === 'submit' && el.form !== null && el.form === document.getElementById('email')?.closest('form'),
      ),
    ).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('meta[name="viewport"]').getAttribute('content')).toContain('width=device-width');
    // ...and the meta is honoured: laid out at the phone's width, nothing to scroll sideways.
    expect(await page.evaluate(() => ({ width: window.innerWidth, overflow: document.documentElement.scrollWidth > window.innerWidth }))).toEqual({
      width: 390,
      overflow: false,
    });

    const strangerAnswer = await askForLink(page, stranger);
    expect(page.url()).toBe(`${server}/p/${id}/__email`);
    expect(await page.locator('main').innerText()).toContain('If this address may open the page, a link is on its way');
    expect(strangerAnswer).not.toContain(CONTENT);
    expect(await page.context().cookies()).toEqual([]);

    await expectGate(page, id);
    expect(await askForLink(page, friend)).toBe(strangerAnswer);
    expect(await page.context().cookies()).toEqual([]);

    await linkMailedTo(friend, id);
    await new Promise((r) => setTimeout(r, 250)); // the stranger's request was handled first; give it time anyway
    expect(smtp.recipients).not.toContain(stranger);
    expect(smtp.mailsTo(stranger)).toEqual([]);
  });

  it('opens the page with the mailed link, once; the cookie keeps it open; nobody else gets in', async () => {
    const address = 'reader@example.com';
    const id = await createSharedPage([address]);
    const visitor = await newContext();
    const page = await visitor.newPage();
    await expectGate(page, id);
    await askForLink(page, address);
    const link = await linkMailedTo(address, id);

    await openWithLink(visitor, page, link, id);
    const again = await page.reload();
    expect(again?.status()).toBe(200);
    expect(await page.locator('#content').textContent()).toBe(CONTENT);

    // The same link in another browser: used up, said plainly, and no cookie.
    const replay = await newContext();
    const replayPage = await replay.newPage();
    const used = await replayPage.goto(link);
    expect(used?.status()).toBe(403);
    expect(await replayPage.locator('h1').textContent()).toBe('This link has expired or was already used');
    expect(await replayPage.content()).not.toContain(CONTENT);
    expect(await replay.cookies()).toEqual([]);
    await expectGate(replayPage, id);

    // A stranger without the link sees the gate only.
    await expectGate(await (await newContext()).newPage(), id);
  });

  it('revokes the cookie when the owner changes the page’s allowed e-mails', async () => {
    const address = 'colleague@example.com';
    const id = await createSharedPage([address, 'other@example.com']);
    const visitor = await newContext();
    const page = await visitor.newPage();
    await expectGate(page, id);
    await askForLink(page, address);
    await openWithLink(visitor, page, await linkMailedTo(address, id), id);

    // Renaming the page leaves the allowed e-mails, and the cookie, alone.
    const renamed = await outpost.api(`/api/pages/${id}`, { method: 'PATCH', token, body: { name: 'Plans v2' } });
    expect(renamed.status).toBe(200);
    expect((await page.reload())?.status()).toBe(200);
    expect(await page.locator('#content').textContent()).toBe(CONTENT);

    const patched = await outpost.api(`/api/pages/${id}`, { method: 'PATCH', token, body: { allowed_emails: ['other@example.com'] } });
    expect(patched.status).toBe(200);
    expect(patched.body.allowed_emails).toEqual(['other@example.com']);
    // The grant address the browser is on is revoked as well: back to the plain address, which asks again.
    expect(page.url()).toMatch(grantUrl(server, id));
    const reloaded = await page.reload();
    expect(reloaded?.status()).toBe(401);
    expect(page.url()).toBe(`${server}/p/${id}/`);
    await page.getByRole('textbox', { name: 'Email address' }).waitFor();
    expect(await page.content()).not.toContain(CONTENT);
  });

  it('a multi-file page opened with the link loads its stylesheet, image, script, fetch, font and frame', async () => {
    const address = 'viewer@example.com';
    const id = await createSharedPage([address], { files: multiFileSite() });
    const visitor = await newContext();
    const page = await visitor.newPage();
    const failures = recordFailures(page, (r) => r.status() === 401 && r.url() === `${server}/p/${id}/`);
    expect((await page.goto(`${server}/p/${id}/`))?.status()).toBe(401);
    await askForLink(page, address);
    await openWithLink(visitor, page, await linkMailedTo(address, id), id, SITE_TEXT);
    await expectSiteLoaded(page, failures);
  });
});
