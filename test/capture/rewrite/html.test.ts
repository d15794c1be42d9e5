// parseHtml: which references a captured document has, and how render rewrites them (pure: no network).
import { load } from 'cheerio';
import { describe, expect, it, vi } from 'vitest';
import { parseHtml } from '../../../src/capture/rewrite/html.ts';
import type { FoundRef, LocalRef } from '../../../src/capture/rewrite/references.ts';

const DOC = 'https://ex.com/dir/page.html';
/** Same-origin URLs get a local path ("L/<path>"); others stay absolute. */
const local: LocalRef = (u) => (new URL(u).host === 'ex.com' ? 'L/' + new URL(u).pathname.slice(1) : undefined);
const abs = (path: string) => `https://ex.com${path}`;
const asset = (path: string): FoundRef => ({ url: abs(path), kind: 'asset' });

function capture(body: string, head = '', localRef: LocalRef = local) {
  const parsed = parseHtml(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`, DOC);
  const html = parsed.render(localRef);
  return { parsed, refs: parsed.refs, html, $: load(html) };
}

describe('images and media', () => {
  it('img src and srcset: descriptors kept, commas inside URLs kept', () => {
    const { refs, $ } = capture('<img src="a.png" srcset="b.png 1x, /w_300,h_200/c.jpg 2x,d.png,  e.png 480w">');
    expect(refs).toEqual([asset('/dir/a.png'), asset('/dir/b.png'), asset('/w_300,h_200/c.jpg'), asset('/dir/d.png'), asset('/dir/e.png')]);
    expect($('img').attr('src')).toBe('L/dir/a.png');
    expect($('img').attr('srcset')).toBe('L/dir/b.png 1x, L/w_300,h_200/c.jpg 2x, L/dir/d.png, L/dir/e.png 480w');
  });

  it('picture/source srcset, video poster and source, audio, track', () => {
    const { refs, $ } = capture(
      '<picture><source srcset="p.webp" type="image/webp"><img src="p.jpg"></picture>' +
        '<video poster="v.jpg" src="v0.mp4"><source src="v.webm"><track src="t.vtt"></video><audio src="a.mp3"></audio>',
    );
    expect(refs.map((r) => r.url)).toEqual(['p.webp', 'p.jpg', 'v0.mp4', 'v.jpg', 'v.webm', 't.vtt', 'a.mp3'].map((p) => abs(`/dir/${p}`)));
    expect(refs.every((r) => r.kind === 'asset')).toBe(true);
    expect($('source').first().attr('srcset')).toBe('L/dir/p.webp');
    expect($('video').attr('poster')).toBe('L/dir/v.jpg');
    expect($('video source').attr('src')).toBe('L/dir/v.webm');
    expect($('track').attr('src')).toBe('L/dir/t.vtt');
    expect($('audio').attr('src')).toBe('L/dir/a.mp3');
  });

  it('input type=image; object data and embed src are documents (parsed like frames); input of another type is not a reference', () => {
    const { refs, $ } = capture('<input type=" IMAGE " src="go.png"><input type="text" src="no.png"><object data="o.svg"></object><embed src="e.swf">');
    expect(refs).toEqual([asset('/dir/go.png'), { url: abs('/dir/o.svg'), kind: 'document' }, { url: abs('/dir/e.swf'), kind: 'document' }]);
    expect($('input').first().attr('src')).toBe('L/dir/go.png');
    expect($('input').last().attr('src')).toBe('no.png');
    expect($('object').attr('data')).toBe('L/dir/o.svg');
    expect($('embed').attr('src')).toBe('L/dir/e.swf');
  });

  it('background attribute on body, table, td and th (not on other elements)', () => {
    const parsed = parseHtml(
      '<body background="b.gif"><table background="t.gif"><tr><th background="h.gif"><td background="d.gif"></table><div background="no.gif">',
      DOC,
    );
    expect(parsed.refs.map((r) => r.url)).toEqual(['b.gif', 't.gif', 'h.gif', 'd.gif'].map((p) => abs(`/dir/${p}`)));
    const $ = load(parsed.render(local));
    expect($('body').attr('background')).toBe('L/dir/b.gif');
    expect($('td').attr('background')).toBe('L/dir/d.gif');
    expect($('div').attr('background')).toBe('no.gif');
  });

  it('data-src, data-srcset and data-bg (lazy loading); data-src on an iframe is a document', () => {
    const { refs, $ } = capture('<img data-src="l.png" data-srcset="l1.png 1x, l2.png 2x"><div data-bg="bg.jpg"></div><iframe data-src="f.html"></iframe>');
    expect(refs).toEqual([
      asset('/dir/l.png'),
      asset('/dir/l1.png'),
      asset('/dir/l2.png'),
      asset('/dir/bg.jpg'),
      { url: abs('/dir/f.html'), kind: 'document' },
    ]);
    expect($('img').attr('data-src')).toBe('L/dir/l.png');
    expect($('img').attr('data-srcset')).toBe('L/dir/l1.png 1x, L/dir/l2.png 2x');
    expect($('div').attr('data-bg')).toBe('L/dir/bg.jpg');
  });
});

describe('link elements', () => {
  it('rel=stylesheet is a stylesheet, "alternate stylesheet" too', () => {
    const { refs, $ } = capture('', '<link rel="stylesheet" href="/s.css"><link rel="Alternate Stylesheet" href="alt.css">');
    expect(refs).toEqual([
      { url: abs('/s.css'), kind: 'stylesheet' },
      { url: abs('/dir/alt.css'), kind: 'stylesheet' },
    ]);
    expect($('link').first().attr('href')).toBe('L/s.css');
  });

  it('icons and the manifest are assets', () => {
    const rels = ['icon', 'shortcut icon', 'apple-touch-icon', 'apple-touch-icon-precomposed', 'mask-icon', 'manifest'];
    const { refs, $ } = capture('', rels.map((rel, i) => `<link rel="${rel}" href="/i${i}">`).join(''));
    expect(refs).toEqual(rels.map((_, i) => asset(`/i${i}`)));
    expect(
      $('link')
        .map((_, el) => $(el).attr('href'))
        .get(),
    ).toEqual(rels.map((_, i) => `L/i${i}`));
  });

  it('preload: captured as what `as` announces (style a stylesheet, document a frame, font, image, script, fetch assets); modulepreload a module', () => {
    const head =
      '<link rel=preload as=style href=p.css><link rel=preload as=font href=f.woff2 crossorigin>' +
      '<link rel=preload as=image href=i.png imagesrcset="i1.png 1x, i2.png 2x"><link rel=preload as=script href=s.js>' +
      '<link rel=preload as=fetch href=data.json crossorigin><link rel=preload as=document href=d.html><link rel=modulepreload href=m.js>';
    const { refs, $ } = capture('', head);
    expect(refs).toEqual([
      { url: abs('/dir/p.css'), kind: 'stylesheet' },
      asset('/dir/f.woff2'),
      asset('/dir/i1.png'),
      asset('/dir/i2.png'),
      asset('/dir/i.png'),
      asset('/dir/s.js'),
      asset('/dir/data.json'),
      { url: abs('/dir/d.html'), kind: 'document' },
      { url: abs('/dir/m.js'), kind: 'module' },
    ]);
    expect($('link[as=image]').attr('imagesrcset')).toBe('L/dir/i1.png 1x, L/dir/i2.png 2x');
    expect($('link[as=fetch]').attr('href')).toBe('L/dir/data.json');
    expect($('link[as=fetch]').attr('crossorigin'), 'a fetch() is CORS: the preload must stay CORS to match it').toBe('');
    expect($('link[rel=modulepreload]').attr('href')).toBe('L/dir/m.js');
  });

  it('canonical, alternate, next, prev (and any other rel) become absolute links, not references', () => {
    const head = ['canonical', 'alternate', 'next', 'prev'].map((rel) => `<link rel="${rel}" href="${rel}.html">`).join('');
    const { refs, $ } = capture('', head);
    expect(refs).toEqual([]);
    expect(
      $('link')
        .map((_, el) => $(el).attr('href'))
        .get(),
    ).toEqual(['canonical', 'alternate', 'next', 'prev'].map((rel) => abs(`/dir/${rel}.html`)));
  });

  it('prefetch, prerender, preconnect, dns-prefetch and a preload of no known kind are removed when they name the site; kept for another', () => {
    const rels = ['prefetch', 'prerender', 'preconnect', 'dns-prefetch'];
    const head =
      rels.map((rel) => `<link rel="${rel}" href="/${rel}">`).join('') +
      '<link rel=preload as=nothing href=x.bin><link rel=preconnect href="https://cdn.example"><link rel=prefetch href="https://cdn.example/lib.js">';
    const { refs, $ } = capture('', head);
    expect(refs).toEqual([]);
    expect(
      $('link')
        .map((_, el) => `${$(el).attr('rel')} ${$(el).attr('href')}`)
        .get(),
    ).toEqual(['preconnect https://cdn.example/', 'prefetch https://cdn.example/lib.js']);
  });
});

describe('scripts and CSS', () => {
  it("module scripts: src and modulepreload are modules; an inline module's imports are followed and rewritten", () => {
    const { refs, $ } = capture(
      '<script type="module" src="main.js"></script>' +
        `<script type=module>import { a } from './dep.js'; import 'bare'; import x from "/x.json" with { type: "json" }; const m = import('./lazy.js');</script>`,
    );
    expect(refs).toEqual([
      { url: abs('/dir/main.js'), kind: 'module' },
      { url: abs('/dir/dep.js'), kind: 'module' },
      asset('/x.json'),
      { url: abs('/dir/lazy.js'), kind: 'module' },
    ]);
    expect($('script').first().attr('src')).toBe('L/dir/main.js');
    expect($('script').last().html()).toBe(
      `import { a } from './L/dir/dep.js'; import 'bare'; import x from "./L/x.json" with { type: "json" }; const m = import("./L/dir/lazy.js");`,
    );
  });

  it('an import map: the modules it maps specifiers to are modules, written as paths; prefixes and bare values left alone', () => {
    const map = { imports: { painter: './lib/paint.js', 'lib/': './lib/', odd: 'bare' }, scopes: { '/a/': { x: '/x.js' } } };
    const { refs, $ } = capture(`<script type="importmap">${JSON.stringify(map)}</script>`);
    expect(refs).toEqual([
      { url: abs('/dir/lib/paint.js'), kind: 'module' },
      { url: abs('/x.js'), kind: 'module' },
    ]);
    expect(JSON.parse($('script').html()!)).toEqual({
      imports: { painter: './L/dir/lib/paint.js', 'lib/': './lib/', odd: 'bare' },
      scopes: { '/a/': { x: './L/x.js' } },
    });
  });

  it("an import map's prefixes that lead to the site are dropped, and what it writes cannot end its element", () => {
    const map = {
      imports: { 'a/': 'https://ex.com/js/a/', 'b/': '/js/b/', 'c/': './c/', 'd/': 'https://cdn.example/d/', '</script><img src=/x.png>': './m.js' },
    };
    const { $ } = capture(`<script type="importmap">${JSON.stringify(map).replaceAll('/script', '\\/script')}</script>`);
    expect($('img').length).toBe(0);
    expect(JSON.parse($('script').html()!)).toEqual({
      imports: { 'c/': './c/', 'd/': 'https://cdn.example/d/', '</script><img src=/x.png>': './L/dir/m.js' },
    });
  });

  it('script src', () => {
    const { refs, $ } = capture('<script src="app.js"></script><script>var x = "<img src=no.png>";</script>');
    expect(refs).toEqual([asset('/dir/app.js')]);
    expect($('script').first().attr('src')).toBe('L/dir/app.js');
    expect($('script').last().html()).toBe('var x = "<img src=no.png>";');
  });

  it('<style> is parsed as CSS against the base URL, @import a stylesheet', () => {
    const { refs, html } = capture('', '<style>@import "i.css";\nbody { background: url(bg.png) }</style>');
    expect(refs).toEqual([{ url: abs('/dir/i.css'), kind: 'stylesheet' }, asset('/dir/bg.png')]);
    expect(html).toContain('<style>@import "L/dir/i.css";\nbody { background: url("L/dir/bg.png") }</style>');
  });

  it('style="" is parsed as CSS', () => {
    const { refs, $ } = capture(`<div style="color: red; background-image: url('/s.png')"></div><p style="color: blue"></p>`);
    expect(refs).toEqual([asset('/s.png')]);
    expect($('div').attr('style')).toBe('color: red; background-image: url("L/s.png")');
    expect($('p').attr('style')).toBe('color: blue');
  });
});

describe('SVG', () => {
  it('use, image and feImage: href and xlink:href, fragments kept, a bare #fragment left alone', () => {
    const { refs, html } = capture(
      '<svg><use href="sprite.svg#icon"/><use xlink:href="/s2.svg#b"/><use href="#local"/>' +
        '<image xlink:href="pic.png"/><filter><feImage href="tex.png"/></filter></svg>',
    );
    const sprite = (path: string): FoundRef => ({ url: abs(path), kind: 'sprite' });
    expect(refs).toEqual([sprite('/dir/sprite.svg'), sprite('/s2.svg'), asset('/dir/pic.png'), asset('/dir/tex.png')]);
    expect(html).toContain('<use href="L/dir/sprite.svg#icon"></use><use xlink:href="L/s2.svg#b"></use><use href="#local"></use>');
    expect(html).toContain('<image xlink:href="L/dir/pic.png"></image>');
    expect(html).toContain('<feImage href="L/dir/tex.png"></feImage>');
  });

  it('an element with both href and xlink:href keeps both, each rewritten (parse5 alone would keep one)', () => {
    const { refs, html } = capture(
      '<svg><use href="a.svg#x" xlink:href="b.svg#y"/><image href="p.png" xlink:href="q.png"/><a href="n.html" xlink:href="m.html">t</a></svg>',
    );
    expect(refs.map((r) => r.url)).toEqual(['a.svg', 'b.svg', 'p.png', 'q.png'].map((p) => abs(`/dir/${p}`)));
    expect(html).toContain('<use href="L/dir/a.svg#x" xlink:href="L/dir/b.svg#y"></use>');
    expect(html).toContain('<image href="L/dir/p.png" xlink:href="L/dir/q.png"></image>');
    expect(html).toContain(`<a href="${abs('/dir/n.html')}" xlink:href="${abs('/dir/m.html')}">`);
  });

  it('a <use> of another file marks where the elements it shows are written: a hidden svg at the end of the body', () => {
    const { html } = capture('<svg><use href="icons.svg#star"/></svg><p>end</p>', '', () => undefined);
    expect(html).toMatch(/<p>end<\/p><\/body>/); // nothing to inline: the marker leaves nothing behind
    expect(capture('<svg><use href="#local"/></svg>').parsed.refs).toEqual([]);
  });

  it('an SVG <style> is CSS too', () => {
    const { refs, html } = capture('<svg><style>.a { fill: url(#g) } .b { background: url(b.png) }</style></svg>');
    expect(refs).toEqual([asset('/dir/b.png')]);
    expect(html).toContain('.a { fill: url(#g) } .b { background: url("L/dir/b.png") }');
  });
});

describe('frames', () => {
  it('iframe and frame src are documents', () => {
    const { refs, $ } = capture('<iframe src="/embed/x"></iframe>');
    expect(refs).toEqual([{ url: abs('/embed/x'), kind: 'document' }]);
    expect($('iframe').attr('src')).toBe('L/embed/x');
    const frames = parseHtml('<frameset><frame src="top.html"><frame src="bottom.html"></frameset>', DOC);
    expect(frames.refs).toEqual([
      { url: abs('/dir/top.html'), kind: 'document' },
      { url: abs('/dir/bottom.html'), kind: 'document' },
    ]);
    expect(frames.render(local)).toContain('<frame src="L/dir/top.html">');
  });

  it('srcdoc is parsed as a document with its parent base URL, and rewritten', () => {
    const { refs, $ } = capture(`<iframe srcdoc="<img src='in.png'><a href='next.html'>n</a>"></iframe>`);
    expect(refs).toEqual([asset('/dir/in.png')]);
    const inner = load($('iframe').attr('srcdoc')!);
    expect(inner('img').attr('src')).toBe('L/dir/in.png');
    expect(inner('a').attr('href')).toBe(abs('/dir/next.html'));
  });
});

describe('noscript', () => {
  it('its content is parsed as HTML, rewritten and put back', () => {
    const { refs, html } = capture(
      '<noscript><img src="ns.png" alt="a &amp; b"><link rel=stylesheet href="ns.css"></noscript>',
      '<noscript><style>a{background:url(h.png)}</style></noscript>',
    );
    expect(refs).toEqual([asset('/dir/h.png'), asset('/dir/ns.png'), { url: abs('/dir/ns.css'), kind: 'stylesheet' }]);
    expect(html).toContain('<noscript><style>a{background:url("L/dir/h.png")}</style></noscript>');
    expect(html).toContain('<noscript><img src="L/dir/ns.png" alt="a &amp; b"><link rel="stylesheet" href="L/dir/ns.css"></noscript>');
  });

  it('rewriting never turns its text into markup that ends it (no script the source did not run)', () => {
    const source = '<noscript><img src="ns.png" alt="&lt;/noscript&gt;&lt;script&gt;alert(1)&lt;/script&gt;"></noscript>';
    expect(load(`<html><body>${source}</body></html>`)('script').length).toBe(0);
    const { html } = capture(source);
    const $ = load(html);
    expect($('script').length).toBe(0);
    expect($('noscript').length).toBe(1);
    // Read as a browser without scripts reads it: the image keeps its rewritten src and its alt text.
    const inner = load($('noscript').text(), null, false);
    expect(inner('img').attr('src')).toBe('L/dir/ns.png');
    expect(inner('img').attr('alt')).toBe('</noscript><script>alert(1)</script>');
  });
});

describe('base, navigation and what is left alone', () => {
  it('the first <base href> is the base (resolved against the document URL), then removed', () => {
    const { parsed, refs, $, html } = capture('<img src="a.png"><a href="p2">x</a>', '<base href="../assets/"><base href="/ignored/">');
    expect(parsed.baseUrl).toBe(abs('/assets/'));
    expect(refs).toEqual([asset('/assets/a.png')]);
    expect($('a').attr('href')).toBe(abs('/assets/p2'));
    expect(html).not.toContain('<base');
  });

  it('a base with a target keeps the target; without any base href the document URL is the base', () => {
    const { parsed, $ } = capture('<img src="a.png">', '<base target="_top">');
    expect(parsed.baseUrl).toBe(DOC);
    expect($('base').length).toBe(1);
    expect($('base').attr('href')).toBeUndefined();
    expect($('base').attr('target')).toBe('_top');
  });

  it('navigational links become absolute, are not references, and never reach localRef', () => {
    const spy = vi.fn(local);
    const { refs, $ } = capture(
      '<a href="other.html?q=1#s">a</a><map><area href="/area"></map><form action="/post"><button formaction="alt">b</button></form><a href="">self</a>',
      '<link rel="canonical" href="/c">',
      spy,
    );
    expect(refs).toEqual([]);
    expect(spy).not.toHaveBeenCalled();
    expect($('a').first().attr('href')).toBe(abs('/dir/other.html?q=1#s'));
    expect($('area').attr('href')).toBe(abs('/area'));
    expect($('form').attr('action')).toBe(abs('/post'));
    expect($('button').attr('formaction')).toBe(abs('/dir/alt'));
    expect($('a').last().attr('href')).toBe(DOC);
  });

  it('a link to the document itself with a fragment becomes just the fragment', () => {
    const { $ } = capture('<a href="page.html#part">p</a><a href="/dir/page.html?x#y">q</a>');
    expect($('a').first().attr('href')).toBe('#part');
    expect($('a').last().attr('href')).toBe(abs('/dir/page.html?x#y'));
  });

  it('javascript:, data:, mailto:, tel:, blob:, about: and #fragment URLs are left alone', () => {
    const odd = ['javascript:void(0)', 'data:image/png;base64,AAAA', 'mailto:a@b.c', 'tel:+1', 'blob:https://ex.com/1-2', 'about:blank', '#top'];
    const { refs, $ } = capture(odd.map((u) => `<a href="${u}">x</a><img src="${u}">`).join(''));
    expect(refs).toEqual([]);
    expect(
      $('a')
        .map((_, el) => $(el).attr('href'))
        .get(),
    ).toEqual(odd);
    expect(
      $('img')
        .map((_, el) => $(el).attr('src'))
        .get(),
    ).toEqual(odd);
  });

  it('entities are decoded and surrounding whitespace trimmed before resolving', () => {
    const { refs, $ } = capture('<img src=" \n/i.png?a=1&amp;b=2\t"><img src="/caf&eacute;.png">');
    expect(refs).toEqual([asset('/i.png?a=1&b=2'), asset('/caf%C3%A9.png')]);
    expect($('img').first().attr('src')).toBe('L/i.png');
  });

  it('cross-origin assets are references too; when localRef has no copy the absolute URL is written', () => {
    const { refs, $ } = capture('<img src="//cdn.other.com/x.png"><script src="http://cdn.other.com/x.js" integrity="sha384-x" crossorigin></script>');
    expect(refs).toEqual([
      { url: 'https://cdn.other.com/x.png', kind: 'asset' },
      { url: 'http://cdn.other.com/x.js', kind: 'asset' },
    ]);
    expect($('img').attr('src')).toBe('https://cdn.other.com/x.png');
    // Still the original bytes, so the integrity still holds.
    expect($('script').attr('integrity')).toBe('sha384-x');
    expect($('script').attr('crossorigin')).toBe('');
  });

  it('integrity and crossorigin are removed from elements rewritten to local copies', () => {
    const { $ } = capture(
      '<script src="/a.js" integrity="sha384-x" crossorigin="anonymous"></script>',
      '<link rel=stylesheet href="/s.css" integrity="sha384-y" crossorigin>',
    );
    expect($('script').attr('integrity')).toBeUndefined();
    expect($('script').attr('crossorigin')).toBeUndefined();
    expect($('link').attr('integrity')).toBeUndefined();
    expect($('link').attr('crossorigin')).toBeUndefined();
  });

  it('a font preload keeps crossorigin (the font load is CORS anyway, and must match the preload)', () => {
    const { $ } = capture('', '<link rel=preload as=font href="/f.woff2" type="font/woff2" crossorigin>');
    expect($('link').attr('href')).toBe('L/f.woff2');
    expect($('link').attr('crossorigin')).toBe('');
  });

  it('meta refresh and a meta Content-Security-Policy are removed', () => {
    const { html } = capture(
      '',
      `<meta http-equiv="Refresh" content="0; url=/elsewhere"><meta http-equiv="content-security-policy" content="img-src https://ex.com"><meta name="x" content="y">`,
    );
    expect(html).not.toMatch(/refresh|security-policy/i);
    expect(html).toContain('<meta name="x" content="y">');
  });

  it('template contents are rewritten', () => {
    const { refs, html } = capture('<template><img src="t.png"></template>');
    expect(refs).toEqual([asset('/dir/t.png')]);
    expect(html).toContain('<template><img src="L/dir/t.png"></template>');
  });
});

describe('the document', () => {
  it('meta charset is rewritten to utf-8 and put first in the head; an http-equiv Content-Type goes', () => {
    const parsed = parseHtml(
      '<html><head><title>x</title><meta charset="shift_jis"><meta http-equiv="Content-Type" content="text/html; charset=shift_jis"></head></html>',
      DOC,
    );
    const html = parsed.render(local);
    expect(html).toContain('<head><meta charset="utf-8"><title>x</title></head>');
  });

  it('meta charset is added when there is none', () => {
    expect(parseHtml('<p>hi', DOC).render(local)).toBe('<html><head><meta charset="utf-8"></head><body><p>hi</p></body></html>');
  });

  it('title: the first HTML <title>, whitespace collapsed; none when absent or empty', () => {
    expect(parseHtml('<svg><title>icon</title></svg><title>\n  Hello\t  world </title>', DOC).title).toBe('Hello world');
    expect(parseHtml('<p>no title', DOC).title).toBeUndefined();
    expect(parseHtml('<title>  </title>', DOC).title).toBeUndefined();
  });

  it('refs are de-duplicated in document order; a stylesheet or document kind wins over asset', () => {
    const { refs } = capture(
      '<img src="a.png"><img src="b.png"><img src="a.png">',
      '<link rel=preload as=image href="x.css"><link rel=stylesheet href="x.css">',
    );
    expect(refs).toEqual([{ url: abs('/dir/x.css'), kind: 'stylesheet' }, asset('/dir/a.png'), asset('/dir/b.png')]);
  });

  it('everything else is kept: comments, doctype, attributes, text, scripts', () => {
    const source =
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><!-- note --><script>if (a < b && c) {}</script></head><body class="x" data-y="1"><p>a &amp; b &lt; c</p></body></html>';
    expect(parseHtml(source, DOC).render(local)).toBe(source);
  });

  it('render is repeatable, and rendering its output again changes nothing', () => {
    const source =
      '<!doctype html><head><base href="/b/"><meta charset="latin1"><link rel=stylesheet href="s.css"><style>a{background:url(x.png)}</style></head>' +
      '<body><img src="i.png" srcset="i.png 1x, j.png 2x"><noscript><img src="n.png"></noscript><iframe srcdoc="<img src=d.png>"></iframe>' +
      '<svg><use href="s.svg#i"/></svg><a href="/p#q">l</a><div style="background:url(\'y.png\')"></div></body>';
    const parsed = parseHtml(source, DOC);
    const once = parsed.render(local);
    expect(parsed.render(local)).toBe(once);
    expect(parseHtml(source, DOC).render(local)).toBe(once);
    // With absolute URLs the output means the same thing wherever it is parsed again.
    const absolute = parsed.render(() => undefined);
    expect(parseHtml(absolute, DOC).render(() => undefined)).toBe(absolute);
    expect(parseHtml(absolute, DOC).refs).toEqual(parsed.refs);
  });
});
