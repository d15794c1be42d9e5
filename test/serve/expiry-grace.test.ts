// When a page's files are all gone (src/serve/expiry.ts): at its expiry, and VIEWS_GRACE_MS after the last view
// its limit allowed (so that visitor's document still gets its images and stylesheets), never before.
import { describe, expect, it } from 'vitest';
import { endedFor, VIEWS_GRACE_MS } from '../../src/serve/expiry.ts';

const NOW = Date.parse('2026-12-06T12:00:00Z');

describe('endedFor', () => {
  it('a page without an end is served', () => {
    expect(endedFor({}, NOW)).toBeNull();
    expect(endedFor({ expires_at: null, max_views: null }, NOW)).toBeNull();
  });

  it('expired from expires_at on', () => {
    expect(endedFor({ expires_at: new Date(NOW + 1) }, NOW)).toBeNull();
    expect(endedFor({ expires_at: new Date(NOW) }, NOW)).toBe('expired');
  });

  it('views used up: served for the grace after the last admitted view, then gone', () => {
    const used = { max_views: 2, views_admitted: 2 };
    expect(endedFor({ ...used, last_view_admitted_at: new Date(NOW - VIEWS_GRACE_MS + 1) }, NOW)).toBeNull();
    expect(endedFor({ ...used, last_view_admitted_at: new Date(NOW - VIEWS_GRACE_MS) }, NOW)).toBe('views');
    expect(endedFor(used, NOW)).toBe('views');
    expect(endedFor({ max_views: 3, views_admitted: 2 }, NOW)).toBeNull();
  });

  it('a limit lowered below the views admitted ends the page after the same grace', () => {
    expect(endedFor({ max_views: 1, views_admitted: 5, last_view_admitted_at: new Date(NOW - VIEWS_GRACE_MS - 1) }, NOW)).toBe('views');
  });
});
