// The web app's security headers: a CSP without inline scripts that forbids framing, and the isolation headers.
import { describe, expect, it } from 'vitest';
import { WEB_APP_CSP, WEB_APP_HEADERS } from '../../src/shared/web-app-headers.ts';

const directives = new Map(WEB_APP_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));

describe('WEB_APP_HEADERS', () => {
  it('a CSP that runs only the app’s own scripts, from files', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(WEB_APP_CSP).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|\*|https?:/);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });

  it('is never framed, keeps no opener, leaks no referrer, is not sniffed', () => {
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(WEB_APP_HEADERS['Content-Security-Policy']).toBe(WEB_APP_CSP);
    expect(WEB_APP_HEADERS).toMatchObject({
      'Cross-Origin-Opener-Policy': 'same-origin',
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
  });
});
