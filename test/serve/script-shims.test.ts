// The script shims (src/serve/script-shim.ts) as a real Outpost serves them on 127.0.0.1: where the element goes
// in a document; an uploaded page without the setting served byte for byte; with it, its HTML documents (only)
// carry the shim with their own ETags and Content-Length, the same from the fast path as from hapi, while the
// stored file and the export keep the uploaded bytes; the setting through JSON, a form and the page view.
import type http from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wantsShim, withShim } from '../../src/serve/script-shim.ts';
import type { ContentCache, ResolvedFile } from '../../src/serve/caches.ts';
import { SHIM_ELEMENT } from '../../src/serve/shim-script.ts';
import { fastPathStats } from '../../src/serve/fast-path.ts';
import { readZip } from '../support/capture-fixtures.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { rawRequest } from '../support/raw-http.ts';

const SHIM = SHIM_ELEMENT.toString('latin1');

describe('where the shim goes in a document', () => {
  const shimmed = (html: string) => withShim(Buffer.from(html, 'latin1')).toString('latin1');
  const cases: [string, string, string][] = [
    [
      'after the doctype, <html> and <head>',
      '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
      '<!DOCTYPE html>\n<html lang="en">\n<head>|\n<meta charset="utf-8">',
    ],
    [
      'a ">" inside a quoted attribute of <html>',
      `<!doctype html><html data-x="a>b" class='c>d'><head><title>t</title>`,
      `<!doctype html><html data-x="a>b" class='c>d'><head>|<title>t</title>`,
    ],
    [
      'comments and an XML declaration before the doctype',
      '<?xml version="1.0"?><!-- made by a tool --><!doctype html><HTML><HEAD profile="x">',
      '<?xml version="1.0"?><!-- made by a tool --><!doctype html><HTML><HEAD profile="x">|',
    ],
    ['no <head>: after <html>', '<!doctype html><html><body>hi', '<!doctype html><html>|<body>hi'],
    ['no <html>: after <head>', '<!doctype html><head><title>t</title>', '<!doctype html><head>|<title>t</title>'],
    ['neither: after the doctype', '<!doctype html><title>t</title>', '<!doctype html>|<title>t</title>'],
    ['no doctype, no tags', 'plain text', '|plain text'],
    ['a UTF-8 byte order mark stays first', '\u00ef\u00bb\u00bf<!doctype html><p>x', '\u00ef\u00bb\u00bf<!doctype html>|<p>x'],
    ['<header> is not <head>', '<!doctype html><header>x', '<!doctype html>|<header>x'],
    // Hostile documents: each ends a comment or a tag where a browser does, so the element is never text.
    ['<!--> is a whole comment', '<!--><title>--><head>', '<!-->|<title>--><head>'],
    ['<!---> is a whole comment', '<!---><title>--><head>', '<!--->|<title>--><head>'],
    ['--!> ends a comment', '<!-- a --!><title>--><head>', '<!-- a --!>|<title>--><head>'],
    ['a quote in an attribute name is not a value', `<html a'><title>'><head>`, `<html a'>|<title>'><head>`],
    ['a quote inside an unquoted value is not a value', `<html a=b"><title>"><head>`, `<html a=b">|<title>"><head>`],
    ['a value after = and spaces is quoted', `<html a = "x>y"><head>`, `<html a = "x>y"><head>|`],
    ['an unterminated <head> tag: after <html>', '<html><head a="x', '<html>|<head a="x'],
    ['an unterminated comment: before it', '<!doctype html><!-- <html><head>', '<!doctype html>|<!-- <html><head>'],
    ['a bogus comment before the doctype', '<!x><!doctype html><p>', '<!x><!doctype html>|<p>'],
    ['a second doctype is not skipped', '<!doctype html><!doctype html>', '<!doctype html>|<!doctype html>'],
    ['a non-breaking space does not end a tag name', '<html\u00a0x><head>', '|<html\u00a0x><head>'],
  ];
  for (const [name, html, expected] of cases) {
    it(name, () => expect(shimmed(html)).toBe(expected.replace('|', SHIM)));
  }

  it('finds the doctype after a comment longer than 64 KiB', () => {
    const html = `<!--${'x'.repeat(70_000)}--><!doctype html><p>`;
    expect(shimmed(html)).toBe(html.replace('<p>', `${SHIM}<p>`));
  });

  it('only HTML types whose charset is not UTF-16', () => {
    const cache = { maxEntryBytes: 1 << 20 } as ContentCache;
    const wanted = (type: string) => wantsShim({ _id: 'p', script_shims: true }, { type, file: { size: 10 } } as ResolvedFile, cache);
    expect(wanted('text/html; charset=utf-8')).toBe(true);
    expect(wanted('TEXT/HTML')).toBe(true);
    expect(wanted('text/html; charset=UTF-16LE')).toBe(false);
    expect(wanted('text/html;charset="utf-16"')).toBe(false);
    expect(wanted('text/plain')).toBe(false);
  });

  it('leaves a UTF-16 document (byte order mark) as it is', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<!doctype html><p>x', 'utf16le')]);
    expect(withShim(utf16).equals(utf16)).toBe(true);
  });

  it('is one ASCII element without anything that could end it early', () => {
    expect([...SHIM_ELEMENT].every((b) => b < 0x80)).toBe(true);
    expect(SHIM.match(/<\/script/gi)).toHaveLength(1);
    expect(SHIM).not.toContain('<!--');
  });
});

describe('script shims served by Outpost', () => {
  let outpost: TestOutpost;
  let token: string;

  beforeAll(async () => {
    outpost = await startTestOutpost();
    token = (await signupAndLogin(outpost, 'shims@example.com')).token;
  });
  afterAll(() => outpost?.stop());

  const get = (path: string, headers: Record<string, string> = {}) => rawRequest(outpost.url, path, { headers, verbatim: true });
  const served = () => fastPathStats(outpost.server)!.served;
  /** The same request as hapi answers it: a percent-encoded "." keeps the fast path out. */
  const viaHapi = (path: string) => path.replace(/\.(?=[a-z0-9]+$)/, '%2E');

  const HTML = `<!doctype html><html><head><title>Shimmed</title></head><body>${'<p>some text to compress</p>'.repeat(40)}</body></html>`;
  const FRAME = '<!doctype html><p>a frame</p>';
  const SCRIPT = 'document.title = "x";';

  async function upload(fields: Record<string, unknown> = {}): Promise<string> {
    const res = await outpost.api('/api/pages', {
      token,
      body: {
        visibility: 'public',
        files: [
          { path: 'index.html', content: HTML },
          { path: 'docs/frame.htm', content: FRAME },
          { path: 'app.js', content: SCRIPT },
        ],
        ...fields,
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  }

  it('an uploaded page without the setting: reported off, every file served as uploaded', async () => {
    const id = await upload();
    expect((await outpost.api(`/api/pages/${id}`, { token })).body.script_shims).toBe(false);
    for (const [path, bytes] of [
      ['', HTML],
      ['docs/frame.htm', FRAME],
      ['app.js', SCRIPT],
    ]) {
      const res = await get(`/p/${id}/${path}`);
      expect(res.status).toBe(200);
      expect(res.body.toString()).toBe(bytes);
    }
  });

  it('turned on: HTML documents get the shim with new ETags, other files and the stored bytes do not change', async () => {
    const id = await upload();
    const before = await get(`/p/${id}/`);
    const scriptBefore = await get(`/p/${id}/app.js`);
    const on = await outpost.api(`/api/pages/${id}`, { method: 'PATCH', token, body: { script_shims: true } });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    expect(on.body.script_shims).toBe(true);

    const after = await get(`/p/${id}/`);
    expect(after.body.toString()).toBe(HTML.replace('<head>', `<head>${SHIM}`));
    expect(Number(after.headers['content-length'])).toBe(after.body.length);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    // The old tag no longer validates; the new one does.
    expect((await get(`/p/${id}/`, { 'if-none-match': before.headers.etag as string })).status).toBe(200);
    expect((await get(`/p/${id}/`, { 'if-none-match': after.headers.etag as string })).status).toBe(304);
    expect((await get(`/p/${id}/docs/frame.htm`)).body.toString()).toBe(`<!doctype html>${SHIM}<p>a frame</p>`);
    const script = await get(`/p/${id}/app.js`);
    expect(script.body.toString()).toBe(SCRIPT);
    expect(script.headers.etag).toBe(scriptBefore.headers.etag);

    // A range and a compressed answer are of the shimmed document too.
    const range = await get(`/p/${id}/index.html`, { range: 'bytes=0-99' });
    expect(range.status).toBe(206);
    expect(range.body.toString()).toBe(after.body.subarray(0, 100).toString());
    const br = await get(`/p/${id}/index.html`, { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.etag).toBe((after.headers.etag as string).replace(/"$/, '-br"'));
    expect(brotliDecompressSync(br.body).equals(after.body)).toBe(true);
    const head = await rawRequest(outpost.url, `/p/${id}/index.html`, { method: 'HEAD' });
    expect(head.headers['content-length']).toBe(String(after.body.length));
    expect(head.headers.etag).toBe(after.headers.etag);

    // The stored file and the export keep the uploaded bytes.
    const stored = await fetch(new URL(`/api/pages/${id}/file?path=index.html`, outpost.url), { headers: { authorization: `Bearer ${token}` } });
    expect(stored.status).toBe(200);
    expect(Buffer.from(await stored.arrayBuffer()).toString()).toBe(HTML);
    const exported = await fetch(new URL(`/api/pages/${id}/export`, outpost.url), { headers: { authorization: `Bearer ${token}` } });
    const files = await readZip(Buffer.from(await exported.arrayBuffer()));
    expect(files['index.html'].equals(Buffer.from(HTML))).toBe(true);
    expect(files['docs/frame.htm'].equals(Buffer.from(FRAME))).toBe(true);

    // Turned off again: served as uploaded, with the first ETag.
    await outpost.api(`/api/pages/${id}`, { method: 'PATCH', token, body: { script_shims: false } });
    const off = await get(`/p/${id}/`);
    expect(off.body.toString()).toBe(HTML);
    expect(off.headers.etag).toBe(before.headers.etag);
  });

  it('the fast path sends the same shimmed bytes and headers as the hapi route', async () => {
    const id = await upload({ script_shims: true });
    const comparable = (res: { status: number; headers: http.IncomingHttpHeaders; body: Buffer }) => {
      const { date: _d, 'x-request-id': _id, connection: _c, 'keep-alive': _k, ...headers } = res.headers;
      return { status: res.status, headers, body: res.body.toString('base64') };
    };
    for (const path of ['index.html', 'docs/frame.htm']) {
      for (const headers of [{}, { 'accept-encoding': 'br' }, { 'accept-encoding': 'gzip' }] as Record<string, string>[]) {
        const label = `${path} ${JSON.stringify(headers)}`;
        const slow = await get(`/p/${id}/${viaHapi(path)}`, headers);
        const count = served();
        const fast = await get(`/p/${id}/${path}`, headers);
        expect(served() - count, label).toBe(1);
        expect(comparable(fast), label).toEqual(comparable(slow));
        expect(fast.body.includes('<script>'), label).toBe(headers['accept-encoding'] === undefined);
      }
    }
  });

  it('the setting by form fields; anything but true or false is refused', async () => {
    const id = await upload();
    const put = (value: string) =>
      fetch(new URL(`/api/pages/${id}`, outpost.url), {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ script_shims: value }),
      });
    const on = await put('true');
    expect(on.status).toBe(200);
    expect(((await on.json()) as { script_shims: boolean }).script_shims).toBe(true);
    expect((await get(`/p/${id}/`)).body.toString()).toContain(SHIM);
    const bad = await put('yes');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('script_shims');
  });
});
