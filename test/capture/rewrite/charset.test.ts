// decodeText: the encoding a browser would pick for a fetched document or stylesheet.
import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding } from '../../../src/capture/rewrite/charset.ts';

// "日本語" in Shift_JIS, "café" in windows-1252, "한국" in EUC-KR.
const SJIS = Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]);
const CP1252 = Buffer.from([0x63, 0x61, 0x66, 0xe9]);
const EUCKR = Buffer.from([0xc7, 0xd1, 0xb1, 0xb9]);
const bytes = (...parts: (string | Buffer)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));

describe('decodeText (html)', () => {
  it('a BOM wins over the header and the document', () => {
    expect(decodeText(bytes('\xef\xbb\xbf', '<meta charset="shift_jis">', Buffer.from('é')), 'text/html; charset=shift_jis', 'html')).toBe(
      '<meta charset="shift_jis">é',
    );
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x68, 0, 0xe9, 0]), 'text/html; charset=utf-8', 'html')).toBe('hé');
    expect(decodeText(Buffer.from([0xfe, 0xff, 0, 0x68, 0, 0xe9]), undefined, 'html')).toBe('hé');
  });

  it('the Content-Type charset wins over <meta>', () => {
    expect(decodeText(bytes('<meta charset="utf-8">', SJIS), 'text/html; charset="Shift_JIS"', 'html')).toBe('<meta charset="utf-8">日本語');
    expect(decodeText(EUCKR, 'text/html;charset=euc-kr', 'html')).toBe('한국');
  });

  it('an unknown header charset is ignored', () => {
    expect(decodeText(bytes('<meta charset=shift_jis>', SJIS), 'text/html; charset=no-such-thing', 'html')).toBe('<meta charset=shift_jis>日本語');
  });

  it('<meta charset> and <meta http-equiv=Content-Type> in the first 1024 bytes', () => {
    expect(decodeText(bytes('<!doctype html><html><head><META CHARSET=Shift_JIS>', SJIS), undefined, 'html')).toContain('日本語');
    expect(decodeText(bytes(`<meta http-equiv="content-type" content='text/html; charset=windows-1252'>`, CP1252), undefined, 'html')).toContain('café');
    // content= without http-equiv declares nothing; a meta inside a comment or an attribute value neither.
    expect(detectEncoding(bytes('<meta content="text/html; charset=shift_jis">'), undefined, 'html')).toBe('utf-8');
    expect(detectEncoding(bytes('<!-- <meta charset=shift_jis> --><p title="<meta charset=euc-kr>">'), undefined, 'html')).toBe('utf-8');
    expect(detectEncoding(bytes('<!-- x --><meta charset=euc-kr>'), undefined, 'html')).toBe('euc-kr');
  });

  it('a <meta> after the first 1024 bytes is not seen', () => {
    expect(detectEncoding(bytes('<!doctype html>', ' '.repeat(1100), '<meta charset=shift_jis>'), undefined, 'html')).toBe('utf-8');
  });

  it('utf-16 declared in the document means utf-8; x-user-defined means windows-1252', () => {
    expect(detectEncoding(bytes('<meta charset="utf-16">'), undefined, 'html')).toBe('utf-8');
    expect(detectEncoding(bytes('<meta charset="x-user-defined">'), undefined, 'html')).toBe('windows-1252');
  });

  it('no declaration: utf-8 when the bytes are UTF-8, else windows-1252', () => {
    expect(decodeText(Buffer.from('<p>naïve 😀</p>'), 'text/html', 'html')).toBe('<p>naïve 😀</p>');
    expect(decodeText(bytes('<p>', CP1252, '</p>'), 'text/html', 'html')).toBe('<p>café</p>');
  });
});

describe('decodeText (css)', () => {
  it('BOM, then header, then a leading @charset', () => {
    expect(decodeText(bytes('\xef\xbb\xbfa{content:"', Buffer.from('é'), '"}'), 'text/css; charset=shift_jis', 'css')).toBe('a{content:"é"}');
    expect(decodeText(bytes('a{content:"', SJIS, '"}'), 'text/css; charset=shift_jis', 'css')).toBe('a{content:"日本語"}');
    expect(decodeText(bytes('@charset "shift_jis";a{content:"', SJIS, '"}'), 'text/css', 'css')).toBe('@charset "shift_jis";a{content:"日本語"}');
  });

  it('@charset only counts exactly at the start', () => {
    expect(detectEncoding(bytes(' @charset "shift_jis";'), undefined, 'css')).toBe('utf-8');
    expect(detectEncoding(bytes("@charset 'shift_jis';"), undefined, 'css')).toBe('utf-8');
  });

  it('else the linking document encoding when given, else utf-8', () => {
    expect(decodeText(bytes('a{content:"', EUCKR, '"}'), undefined, 'css', 'euc-kr')).toBe('a{content:"한국"}');
    expect(detectEncoding(CP1252, undefined, 'css')).toBe('utf-8');
  });
});
