// parseCss: URLs in stylesheets found by tokenizing, rewritten with everything else byte-identical.
import { describe, expect, it } from 'vitest';
import { parseCss } from '../../../src/capture/rewrite/css.ts';
import { cssString } from '../../../src/capture/rewrite/template.ts';
import type { FoundRef, LocalRef } from '../../../src/capture/rewrite/references.ts';

const SHEET = 'https://ex.com/css/site.css';
const local: LocalRef = (u) => 'L/' + new URL(u).pathname.slice(1);
const asset = (url: string): FoundRef => ({ url, kind: 'asset' });
const sheet = (url: string): FoundRef => ({ url, kind: 'stylesheet' });

describe('parseCss', () => {
  it('url() unquoted, single- and double-quoted, resolved against the stylesheet URL', () => {
    const css = `a { background: url(a.png) } b { background: url( 'b.png' ) } c { background: url("/c.png") }`;
    const parsed = parseCss(css, SHEET);
    expect(parsed.refs).toEqual([asset('https://ex.com/css/a.png'), asset('https://ex.com/css/b.png'), asset('https://ex.com/c.png')]);
    expect(parsed.render(local)).toBe(`a { background: url("L/css/a.png") } b { background: url( "L/css/b.png" ) } c { background: url("L/c.png") }`);
  });

  it('@import "x" and @import url(x) are stylesheets, media queries and layers kept', () => {
    const css = `@import "a.css";\n@import url(b.css) screen and (min-width: 40em);\n@import url('c.css') layer(base) supports(display: grid) print;`;
    const parsed = parseCss(css, SHEET);
    expect(parsed.refs).toEqual([sheet('https://ex.com/css/a.css'), sheet('https://ex.com/css/b.css'), sheet('https://ex.com/css/c.css')]);
    expect(parsed.render(local)).toBe(
      `@import "L/css/a.css";\n@import url("L/css/b.css") screen and (min-width: 40em);\n@import url("L/css/c.css") layer(base) supports(display: grid) print;`,
    );
  });

  it('image-set() and -webkit-image-set() strings are URLs; type() strings are not', () => {
    const css = `a { background-image: image-set("a1.png" 1x, url(a2.png) 2x, "a.avif" type("image/avif")); b { background: -webkit-image-set('b.png' 1x) }`;
    const parsed = parseCss(css, SHEET);
    expect(parsed.refs.map((r) => r.url)).toEqual(['a1.png', 'a2.png', 'a.avif', 'b.png'].map((p) => `https://ex.com/css/${p}`));
    expect(parsed.render(local)).toBe(
      `a { background-image: image-set("L/css/a1.png" 1x, url("L/css/a2.png") 2x, "L/css/a.avif" type("image/avif")); b { background: -webkit-image-set("L/css/b.png" 1x) }`,
    );
  });

  it('escapes in URLs are decoded', () => {
    const parsed = parseCss(String.raw`a { background: url(a\).png) } b { background: url("b\"q.png") } c { background: url(\63 .png) }`, SHEET);
    expect(parsed.refs.map((r) => r.url)).toEqual(['https://ex.com/css/a).png', 'https://ex.com/css/b%22q.png', 'https://ex.com/css/c.png']);
  });

  it('everything but the URLs is written back byte for byte', () => {
    const css = '/* ünïcödé 😀 */\r\n.a::before{content:"url(x.png)";color:#fff}\r\n@media (x){.b{background:URL(b.png)  no-repeat}}\n\t.c{}';
    const parsed = parseCss(css, SHEET);
    expect(parsed.refs).toEqual([asset('https://ex.com/css/b.png')]);
    expect(parsed.render(local)).toBe(css.replace('URL(b.png)', 'url("L/css/b.png")'));
    expect(parseCss('a{color:red}', SHEET).render(local)).toBe('a{color:red}');
  });

  it('rewritten URLs are safely quoted', () => {
    const parsed = parseCss('a{background:url(x.png)}', SHEET);
    expect(parsed.render(() => 'we"ird\\ name\n</style>.png')).toBe(String.raw`a{background:url("we\"ird\\ name\a \3c /style>.png")}`);
    expect(cssString('a"b')).toBe('"a\\"b"');
  });

  it('data: URLs, #fragments and empty url() are left alone; a fragment after a file is kept', () => {
    const css = `a{background:url(data:image/png;base64,AAAA)} b{filter:url(#blur)} c{mask:url("")} d{filter:url(f.svg#blur)}`;
    const parsed = parseCss(css, SHEET);
    expect(parsed.refs).toEqual([asset('https://ex.com/css/f.svg')]);
    expect(parsed.render(local)).toBe(css.replace('url(f.svg#blur)', 'url("L/css/f.svg#blur")'));
  });

  it('@charset is removed (stored CSS is UTF-8)', () => {
    expect(parseCss('@charset "shift_jis";\na{b:url(x.png)}', SHEET).render(local)).toBe('\na{b:url("L/css/x.png")}');
  });

  it('@namespace URLs are names, not references', () => {
    const css = '@namespace svg url(http://www.w3.org/2000/svg); svg|a{background:url(a.png)}';
    const parsed = parseCss(css, SHEET);
    expect(parsed.refs).toEqual([asset('https://ex.com/css/a.png')]);
    expect(parsed.render(local)).toBe('@namespace svg url(http://www.w3.org/2000/svg); svg|a{background:url("L/css/a.png")}');
  });

  it('@font-face src with format() strings', () => {
    const css = `@font-face{font-family:X;src:url(f.woff2) format("woff2"),url('f.woff') format('woff')}`;
    const parsed = parseCss(css, SHEET);
    expect(parsed.refs.map((r) => r.url)).toEqual(['https://ex.com/css/f.woff2', 'https://ex.com/css/f.woff']);
    expect(parsed.render(local)).toBe(`@font-face{font-family:X;src:url("L/css/f.woff2") format("woff2"),url("L/css/f.woff") format('woff')}`);
  });

  it('repeated URLs are one reference; bad url tokens are left alone', () => {
    const parsed = parseCss('a{b:url(x.png)} c{d:url(x.png)} e{f:url(bad url.png)}', SHEET);
    expect(parsed.refs).toEqual([asset('https://ex.com/css/x.png')]);
    expect(parsed.render(local)).toBe('a{b:url("L/css/x.png")} c{d:url("L/css/x.png")} e{f:url(bad url.png)}');
  });

  it('cross-origin URLs are references; when localRef has none the absolute URL is written', () => {
    const parsed = parseCss('a{b:url(//cdn.other.com/x.png)}', SHEET);
    expect(parsed.refs).toEqual([asset('https://cdn.other.com/x.png')]);
    expect(parsed.render(() => undefined)).toBe('a{b:url("https://cdn.other.com/x.png")}');
  });

  it('render is repeatable, and rendering its output again changes nothing', () => {
    const css = '@charset "utf-8"; @import "a.css"; a{b:url(x.png)} c{d:image-set("y.png" 1x)}';
    const parsed = parseCss(css, SHEET);
    const once = parsed.render(local);
    expect(parsed.render(local)).toBe(once);
    const absolute = parsed.render(() => undefined);
    expect(parseCss(absolute, SHEET).render(() => undefined)).toBe(absolute);
    expect(parseCss(absolute, SHEET).refs).toEqual(parsed.refs);
  });
});
