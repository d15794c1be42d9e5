// The visible text a watch compares: one line per block, whitespace collapsed, without scripts, styles,
// the head or hidden elements, bounded.
import { describe, expect, it } from 'vitest';
import { templateHtml } from '../../../src/capture/rewrite/html.ts';
import { MAX_VISIBLE_TEXT_CHARS } from '../../../src/capture/rewrite/visible-text.ts';

const textOf = (html: string) => templateHtml(html, 'https://example.com/').text;

describe('visible text', () => {
  it('one line per block, inline text joined, what is not shown left out', () => {
    const html =
      '<!doctype html><html><head><title>T</title><style>p{}</style></head><body>' +
      '<h1>Hello   <em>there</em></h1><script>var x = 1</script><p>First\n line</p><div hidden>secret</div>' +
      '<ul><li>one</li><li>two</li></ul><p style="display: none">gone</p><noscript>no js</noscript><p aria-hidden="true">deco</p></body></html>';
    expect(textOf(html)).toBe('Hello there\nFirst line\none\ntwo');
  });

  it('is bounded', () => {
    const text = textOf(`<p>${'word '.repeat(MAX_VISIBLE_TEXT_CHARS)}</p>`)!;
    expect(text.length).toBeLessThanOrEqual(MAX_VISIBLE_TEXT_CHARS);
  });
});
