// srcset splitting by the HTML standard's algorithm, and writing candidates back.
import { describe, expect, it } from 'vitest';
import { parseSrcset, serializeSrcset } from '../../../src/capture/rewrite/srcset.ts';

describe('parseSrcset', () => {
  it('splits candidates and keeps their descriptors', () => {
    expect(parseSrcset(' a.png 1x,b.png 2x ,\n c.png  480w 2h ')).toEqual([
      { url: 'a.png', descriptors: '1x' },
      { url: 'b.png', descriptors: '2x' },
      { url: 'c.png', descriptors: '480w 2h' },
    ]);
  });

  it('commas inside a URL belong to it; commas ending a URL end the candidate', () => {
    expect(parseSrcset('/w_300,h_200/a.jpg 1x, data:image/png;base64,AAAA 2x, b.png,, c.png,d.png')).toEqual([
      { url: '/w_300,h_200/a.jpg', descriptors: '1x' },
      { url: 'data:image/png;base64,AAAA', descriptors: '2x' },
      { url: 'b.png', descriptors: '' },
      { url: 'c.png,d.png', descriptors: '' }, // as browsers read it: one URL
    ]);
  });

  it('a comma inside parentheses in the descriptors does not split', () => {
    expect(parseSrcset('a.png x(1, 2) 1x, b.png')).toEqual([
      { url: 'a.png', descriptors: 'x(1, 2) 1x' },
      { url: 'b.png', descriptors: '' },
    ]);
  });

  it('empty and comma-only values have no candidates', () => {
    expect(parseSrcset('')).toEqual([]);
    expect(parseSrcset(' , ,, ')).toEqual([]);
  });
});

describe('serializeSrcset', () => {
  it('writes candidates that parse back the same, escaping whitespace and edge commas in URLs', () => {
    const candidates = [
      { url: 'a b.png', descriptors: '1x' },
      { url: ',c,', descriptors: '' },
      { url: 'w_1,h_2.jpg', descriptors: '2x' },
    ];
    const written = serializeSrcset(candidates);
    expect(written).toBe('a%20b.png 1x, %2Cc%2C, w_1,h_2.jpg 2x');
    expect(parseSrcset(written).map((c) => c.descriptors)).toEqual(['1x', '', '2x']);
  });
});
