// The web app as the server delivers it: the shell on every screen's path with the app's security headers,
// the bundle under content-hashed names cached for good, and the server's own paths untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_PATHS } from '../../web/paths.ts';
import { WEB_APP_CSP } from '../../src/shared/web-app-headers.ts';
import { startTestOutpost, type TestOutpost } from '../support/outpost.ts';

describe('web app routes', () => {
  let outpost: TestOutpost;
  beforeAll(async () => {
    outpost = await startTestOutpost();
  });
  afterAll(() => outpost?.stop());

  const get = (path: string) => fetch(new URL(path, outpost.app.config.publicUrl));

  // Without PUBLIC_URL the public URL is http://localhost:<port>, and the session cookie counts only from it.
  it('sends a visit by another loopback name to the public URL, path and query kept', async () => {
    const res = await fetch(new URL('/sign-in?next=%2Ftokens', outpost.url), { redirect: 'manual' });
    expect(new URL(outpost.url).hostname).toBe('127.0.0.1');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(new URL('/sign-in?next=%2Ftokens', outpost.app.config.publicUrl).href);
  });

  it('answers every screen with the same shell and the strict headers', async () => {
    const shells = new Set<string>();
    for (const path of Object.values(APP_PATHS)) {
      const res = await get(path.replace(/\{\w+\}/g, 'pg_anything'));
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(WEB_APP_CSP);
      expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('set-cookie')).toBeNull();
      shells.add(await res.text());
    }
    expect(shells.size).toBe(1);
  });

  it('serves the script and stylesheet the shell links, immutable, and 404 for any other name', async () => {
    const shell = await (await get('/')).text();
    const assets = [...shell.matchAll(/(?:src|href)="(\/app\/app\.[\w-]+\.(js|css))"/g)];
    expect(assets.map((m) => m[2]).sort()).toEqual(['css', 'js']);
    expect(shell).not.toMatch(/<script>|<script [^>]*>[^<]/); // no inline script: the CSP would block it anyway
    for (const [, path, ext] of assets) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(ext === 'js' ? /^text\/javascript/ : /^text\/css/);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-security-policy')).toBe(WEB_APP_CSP);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    const stale = await get('/app/app.oldhash.js');
    expect(stale.status).toBe(404);
    expect((await stale.json()).message).toMatch(/reload/);
  });

  it('leaves the API, the contract and unknown paths as they were', async () => {
    expect((await get('/api/pages')).status).toBe(401);
    expect((await get('/openapi.json')).headers.get('content-type')).toMatch(/json/);
    const unknown = await get('/no-such-screen');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/json/);
  });
});
