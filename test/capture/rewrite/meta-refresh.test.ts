// parseMetaRefresh (the content of a meta refresh, as browsers read it) and which refresh a document's
// parse reports: the first one of its head, resolved.
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../src/capture/rewrite/html.ts';
import { parseMetaRefresh } from '../../../src/capture/rewrite/meta-refresh.ts';

describe('parseMetaRefresh', () => {
  it.each([
    ['0; URL=en/index.html', { delay: 0, url: 'en/index.html' }],
    ["2;url='next.html'", { delay: 2, url: 'next.html' }],
    ['0;URL="a b.html" ignored', { delay: 0, url: 'a b.html' }],
    ['  3 ,  url = /x?y=1  ', { delay: 3, url: '/x?y=1' }],
    ['0; uRl=HTTP://EX.COM/', { delay: 0, url: 'HTTP://EX.COM/' }],
    ['1 next.html', { delay: 1, url: 'next.html' }],
    ['0;url=', { delay: 0 }],
    ['1.9; url=n.html', { delay: 1, url: 'n.html' }],
    ['.5;url=n.html', { delay: 0, url: 'n.html' }],
    ['30', { delay: 30 }],
    ["5; url='unclosed.html", { delay: 5, url: 'unclosed.html' }],
  ])('%j', (content, expected) => {
    expect(parseMetaRefresh(content)).toEqual(expected);
  });

  it.each(['', '   ', 'url=next.html', 'soon; url=x.html', '-1; url=x.html', '0x; url=x.html', '5url=x.html', '99999999999999999999; url=x'])(
    'ignored: %j',
    (content) => {
      expect(parseMetaRefresh(content)).toBeUndefined();
    },
  );
});

describe('the refresh a parsed document reports', () => {
  const DOC = 'https://ex.com/docs/index.html';
  const refreshOf = (html: string) => parseHtml(html, DOC).refresh;

  it('the head meta refresh, resolved against the base, without its fragment', () => {
    expect(refreshOf(`<meta http-equiv="refresh" content="0; URL=en/index.html#top">`)).toEqual({ url: 'https://ex.com/docs/en/index.html', delay: 0 });
    expect(refreshOf(`<head><base href="/v2/"><META HTTP-EQUIV="Refresh" CONTENT="2;url='start.html'"></head>`)).toEqual({
      url: 'https://ex.com/v2/start.html',
      delay: 2,
    });
    // The delay is reported as it is: the capture decides what it follows.
    expect(refreshOf(`<head><meta http-equiv="refresh" content="30; url=/other"></head><body><p>real content</p></body>`)).toEqual({
      url: 'https://ex.com/other',
      delay: 30,
    });
  });

  it('none for a refresh in the body, of the page itself, to another scheme, or invalid', () => {
    expect(refreshOf(`<body><p>text</p><meta http-equiv="refresh" content="0; url=/x"></body>`)).toBeUndefined();
    expect(refreshOf(`<meta http-equiv="refresh" content="5">`)).toBeUndefined();
    expect(refreshOf(`<meta http-equiv="refresh" content="0; url=javascript:alert(1)">`)).toBeUndefined();
    expect(refreshOf(`<meta http-equiv="refresh" content="now; url=/x">`)).toBeUndefined();
    expect(refreshOf(`<meta name="refresh" content="0; url=/x">`)).toBeUndefined();
  });

  it('the copy keeps no refresh either way', () => {
    const parsed = parseHtml(`<meta http-equiv="refresh" content="0; URL=en/index.html">`, DOC);
    expect(parsed.render(() => undefined)).not.toMatch(/refresh/i);
  });
});
