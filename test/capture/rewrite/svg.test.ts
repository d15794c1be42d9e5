// SVG documents and sprites: which references an SVG file has, how it is rendered back as XML, and how the
// elements a `<use>` shows from another file are written into the document that uses them (pure: no network).
import v8 from 'node:v8';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { parseDocument, renderDocument } from '../../../src/capture/rewrite/document.ts';
import { parseHtml } from '../../../src/capture/rewrite/html.ts';
import { scopeSpriteCss } from '../../../src/capture/rewrite/sprite-css.ts';
import { SpriteInliner } from '../../../src/capture/rewrite/sprites.ts';
import { templateSvg } from '../../../src/capture/rewrite/svg.ts';
import { fillTemplate, TemplateBuilder, type Template } from '../../../src/capture/rewrite/template.ts';

const BASE = 'https://ex.com/img/diagram.svg';
const local = (u: string) => (new URL(u).host === 'ex.com' ? 'L' + new URL(u).pathname : undefined);

function svg(text: string) {
  const builder = new TemplateBuilder();
  const { text: templated, refs } = templateSvg(text, BASE, builder);
  return { refs, out: fillTemplate(builder.build(templated), local) };
}

describe('SVG documents', () => {
  it('image, feImage and script (href and xlink:href), <style>, style="", xml-stylesheet; links made absolute; XML kept as written', () => {
    const { refs, out } = svg(
      '<?xml version="1.0" encoding="ISO-8859-1"?>\n<?xml-stylesheet type="text/css" href="s.css?a=1&amp;b=2"?>\n' +
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><style><![CDATA[ g > rect { fill: url(bg.png) } ]]></style>' +
        '<image href="a.png" xlink:href="b.png"/><filter><feImage xlink:href="/tex.png"/></filter><script href="x.js"/>' +
        '<rect style="fill: url(&quot;p.png&quot;)"/><a xlink:href="page.html">t</a><use href="#local"/><linearGradient id="g"/></svg>',
    );
    expect(refs).toEqual([
      { url: 'https://ex.com/img/s.css?a=1&b=2', kind: 'stylesheet' },
      { url: 'https://ex.com/img/bg.png', kind: 'asset' },
      { url: 'https://ex.com/img/a.png', kind: 'asset' },
      { url: 'https://ex.com/img/b.png', kind: 'asset' },
      { url: 'https://ex.com/tex.png', kind: 'asset' },
      { url: 'https://ex.com/img/x.js', kind: 'asset' },
      { url: 'https://ex.com/img/p.png', kind: 'asset' },
    ]);
    expect(out).toContain('<?xml version="1.0" encoding="UTF-8"?>');
    expect(out).toContain('<?xml-stylesheet type="text/css" href="L/img/s.css"?>');
    expect(out).toContain('<![CDATA[ g > rect { fill: url("L/img/bg.png") } ]]>');
    expect(out).toContain('<image href="L/img/a.png" xlink:href="L/img/b.png"/>');
    expect(out).toContain('<feImage xlink:href="L/tex.png"/>');
    expect(out).toContain('<a xlink:href="https://ex.com/img/page.html">');
    expect(out).toContain('<use href="#local"/><linearGradient id="g"/>');
  });

  it('HTML inside <foreignObject>: what it loads is a reference, a srcset removed', () => {
    const { refs, out } = svg(
      '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">' +
        '<img src="i.png" srcset="i2.png 2x"/><iframe src="f.html"/><video src="v.mp4" poster="p.jpg"/><object data="o.svg"/>' +
        '<link rel="stylesheet" href="s.css"/><a href="x.html">x</a></div></foreignObject><img src="not-html.png"/></svg>',
    );
    expect(refs).toEqual([
      { url: 'https://ex.com/img/i.png', kind: 'asset' },
      { url: 'https://ex.com/img/f.html', kind: 'document' },
      { url: 'https://ex.com/img/v.mp4', kind: 'asset' },
      { url: 'https://ex.com/img/p.jpg', kind: 'asset' },
      { url: 'https://ex.com/img/o.svg', kind: 'document' },
      { url: 'https://ex.com/img/s.css', kind: 'stylesheet' },
    ]);
    expect(out).toContain('<img src="L/img/i.png"/><iframe src="L/img/f.html"/><video src="L/img/v.mp4" poster="L/img/p.jpg"/><object data="L/img/o.svg"/>');
    expect(out).toContain('<link rel="stylesheet" href="L/img/s.css"/><a href="https://ex.com/img/x.html">');
    expect(out).toContain('<img src="not-html.png"/>');
  });

  it('read in the encoding its XML declaration names, stored as UTF-8', () => {
    const body = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><svg xmlns="http://www.w3.org/2000/svg"><text>'),
      Buffer.from([0xe9]),
      Buffer.from('</text></svg>'),
    ]);
    const parsed = parseDocument({ type: 'svg', body, contentType: 'image/svg+xml', url: BASE });
    expect(parsed.encoding).toBe('windows-1252');
    const text = Buffer.from(renderDocument({ template: parsed.template, paths: {} }).bytes).toString('utf8');
    expect(text).toContain('<text>é</text>');
    expect(text).toContain('encoding="UTF-8"');
  });
});

const SPRITE = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<defs><linearGradient id="gold" href="#base"/><linearGradient id="base"><stop stop-color="#fd0"/></linearGradient><clipPath id="clip"><rect width="5" height="5"/></clipPath></defs>
<style>.tint { fill: url(#shade) } path, .other &gt; path { stroke: red }</style><radialGradient id="shade"/>
<symbol id="star" viewBox="0 0 10 10"><path class="tint big" d="M0 0h10v10z" fill="url(#gold)" clip-path="url('#clip')"/></symbol>
<symbol id="other" viewBox="0 0 10 10"><use xlink:href="#star"/><image href="pic.png"/></symbol>
</svg>`;

describe("a sprite's rules, scoped", () => {
  it("classes and the file's ids prefixed; selectors without one at the top dropped; grouping rules kept, other blocks as they are", () => {
    const css =
      '.a, rect, .b:hover > path { fill: red } #g { x: 1 } #other { y: 2 } path:not(.a) { z: 3 } * { w: 4 }' +
      ' @media (min-width: 1px) { svg .c { fill: blue } circle { r: 1 } } @keyframes k { from { opacity: 0 } }';
    expect(scopeSpriteCss(css, 'p-', new Set(['g']))).toBe(
      '.p-a, .p-b:hover > path{ fill: red } #p-g{ x: 1 }    @media (min-width: 1px) { svg .p-c{ fill: blue }  } @keyframes p-k { from { opacity: 0 } }',
    );
  });

  it('nothing that would reach the document: @import, @font-face, @property and unknown blocks dropped, @starting-style scoped', () => {
    const css =
      '@import "page.css"; @import url(x.css) screen; @namespace svg url(http://www.w3.org/2000/svg); .a { x: 1 }' +
      ' @font-face { font-family: Arial; src: url(f.woff) } @property --x { syntax: "*"; inherits: true } @page { margin: 0 }' +
      ' @starting-style { p { opacity: 0 } .a { opacity: 0 } } @unknown { p { color: red } }';
    expect(scopeSpriteCss(css, 'p-', new Set())).toBe('   .p-a{ x: 1 }    @starting-style {  .p-a{ opacity: 0 } } ');
  });

  it("the file's keyframes renamed, and the animations that name them; another animation left alone", () => {
    const css = '@keyframes spin { to { rotate: 1turn } } .a { animation: spin 1s linear; color: spin } .b { animation-name: fade, spin }';
    expect(scopeSpriteCss(css, 'p-', new Set())).toBe(
      '@keyframes p-spin { to { rotate: 1turn } } .p-a{ animation: p-spin 1s linear; color: spin } .p-b{ animation-name: fade, p-spin }',
    );
  });
});

describe('sprites: <use> of another file', () => {
  it("the element, and every id it names (transitively), copied with prefixed ids and classes; the file's rules scoped; nothing else", () => {
    const inliner = new SpriteInliner(new Map([['https://ex.com/icons.svg', SPRITE]]));
    const id = inliner.idFor('https://ex.com/icons.svg', '#star')!;
    expect(id).toMatch(/^o[0-9a-f]{8}-star$/);
    const prefix = id.slice(0, -'star'.length);
    expect(inliner.idFor('https://ex.com/icons.svg', '#nope')).toBeUndefined();
    expect(inliner.idFor('https://ex.com/other.svg', '#star')).toBeUndefined();
    const $ = load(inliner.markup('html'));
    expect($('svg').attr('aria-hidden')).toBe('true');
    expect(
      $('[id]')
        .map((_, el) => $(el).attr('id'))
        .get()
        .sort(),
    ).toEqual(['base', 'clip', 'gold', 'shade', 'star'].map((i) => prefix + i));
    expect($('path').attr('class')).toBe(`${prefix}tint ${prefix}big`);
    expect($('path').attr('fill')).toBe(`url(#${prefix}gold)`);
    expect($('path').attr('clip-path')).toBe(`url('#${prefix}clip')`);
    expect($(`[id=${prefix}gold]`).attr('href')).toBe(`#${prefix}base`);
    expect($('style').text()).toBe(`.${prefix}tint{ fill: url(#${prefix}shade) } .${prefix}other > path{ stroke: red }\n`);
    expect(inliner.markup('svg')).toMatch(/^<defs>.*<\/defs>$/s);
  });

  it("a document renders its <use> at the copy, the copy at the end of its body, the sprite's own references relative to the document", () => {
    const builder = new TemplateBuilder();
    const sprite = templateSvg(SPRITE, 'https://ex.com/icons/icons.svg', builder);
    const spriteTemplate = v8.serialize(builder.build(sprite.text));
    const page = parseDocument({
      type: 'html',
      body: Buffer.from('<!doctype html><body><svg><use href="/icons/icons.svg#other" xlink:href="/icons/icons.svg#missing"/></svg><p>end</p>'),
      contentType: 'text/html',
      url: 'https://ex.com/page.html',
    });
    const html = Buffer.from(
      renderDocument({
        template: page.template,
        paths: { 'https://ex.com/icons/icons.svg': 'icons/icons.svg', 'https://ex.com/icons/pic.png': 'icons/pic.png' },
        sprites: { 'https://ex.com/icons/icons.svg': new Uint8Array(spriteTemplate) },
      }).bytes,
    ).toString('utf8');
    const $ = load(html);
    const use = /<use href="([^"]*)" xlink:href="([^"]*)">/.exec(html)!;
    expect(use[1]).toMatch(/^#o[0-9a-f]{8}-other$/);
    expect(use[2], 'an element the sprite does not have: the path, as before').toBe('icons/icons.svg#missing');
    expect($('body > *').last().attr('aria-hidden')).toBe('true');
    expect(
      $('symbol')
        .map((_, el) =>
          $(el)
            .attr('id')!
            .replace(/^o[0-9a-f]{8}-/, ''),
        )
        .get(),
    ).toEqual(['star', 'other']);
    expect($('image').attr('href')).toBe('icons/pic.png');
    expect(v8.deserialize(spriteTemplate) as Template).toBeTruthy();
  });

  it('a document with no place for the elements (no body: a frameset) keeps the path in <use>', () => {
    const builder = new TemplateBuilder();
    const { marker } = builder.ref({ url: 'https://ex.com/icons.svg', fragment: '#star' }, 'sprite', 'plain', true);
    const inliner = new SpriteInliner(new Map([['https://ex.com/icons.svg', SPRITE]]));
    expect(fillTemplate(builder.build(`<use href="${marker}">`), () => 'icons.svg', inliner)).toBe('<use href="icons.svg#star">');
    builder.sprites('html');
    expect(fillTemplate(builder.build(`<use href="${marker}">`), () => 'icons.svg', inliner)).toMatch(/^<use href="#o[0-9a-f]{8}-star">$/);
  });

  it('an SVG document that uses another file gets the elements in a <defs> at the end of its root', () => {
    const builder = new TemplateBuilder();
    const doc = templateSvg('<svg xmlns="http://www.w3.org/2000/svg"><use href="icons.svg#star"/></svg>', 'https://ex.com/diagram.svg', builder);
    expect(doc.refs).toEqual([{ url: 'https://ex.com/icons.svg', kind: 'sprite' }]);
    const inliner = new SpriteInliner(new Map([['https://ex.com/icons.svg', SPRITE]]));
    const out = fillTemplate(builder.build(doc.text), () => 'icons.svg', inliner);
    expect(out).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"><use href="#(o[0-9a-f]{8}-star)"\/><defs>.*<symbol id="\1".*<\/defs><\/svg>$/s);
  });

  it('without the sprite (not captured), <use> keeps the path and nothing is added', () => {
    const parsed = parseHtml('<svg><use href="icons.svg#star"/></svg>', 'https://ex.com/');
    expect(parsed.render(local)).toBe('<html><head><meta charset="utf-8"></head><body><svg><use href="L/icons.svg#star"></use></svg></body></html>');
  });
});

describe('a hostile sprite', () => {
  const HOSTILE = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<symbol id="s" onload="alert(1)">
<script>alert(2)</script><svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(3)</svg:script>
<foreignObject><iframe src="https://ex.com/track"/></foreignObject>
<!-- x --!> <script>alert(4)</script> -->
<p><img src="https://ex.com/p.png"/></p>
<title><img src="x"/>name</title>
<a id="l" href="javascript:alert(5)" xlink:href=" java&#x09;script:alert(6)"><text>&lt;b&gt; &amp; <![CDATA[<script>alert(7)</script>]]></text></a>
<set attributeName="href" to="javascript:alert(8)"/><animate attributeName="xlink:href" values="https://ex.com/x.svg#a"/>
<rect fill="url(https://ex.com/p.svg#g)" filter="url(#f)" onclick="alert(9)"/><image href="data:image/png;base64,AA=="/>
</symbol></svg>`;

  it('copies no script, handler, foreign content, comment, script URL or animated reference, and nothing leaves the hidden <svg>', () => {
    const inliner = new SpriteInliner(new Map([['https://ex.com/icons.svg', HOSTILE]]));
    inliner.idFor('https://ex.com/icons.svg', '#s');
    const markup = inliner.markup('html');
    // Parsed as a browser parses the page: HTML, the copy at the end of its body.
    const $ = load(`<!doctype html><body>${markup}</body>`);
    expect($('body').children().length).toBe(1);
    expect($('script, foreignObject, foreignobject, iframe, img, p, set').length).toBe(0);
    expect(markup).not.toMatch(/alert\([1-689]\)|<!--|track|p\.png|ex\.com\/x\.svg/);
    expect($('a').attr('href')).toBeUndefined();
    expect($('rect').attr('fill')).toBeUndefined();
    expect($('rect').attr('filter')).toMatch(/^url\(#f\)$/);
    expect($('title').text()).toBe('name');
    expect($('text').text(), 'CDATA written as text').toBe('<b> & <script>alert(7)</script>');
    expect($('image').attr('href')).toBe('data:image/png;base64,AA==');
  });
});
