// multipart/form-data uploads for createPage and replacePageFiles: one .html file or a .zip, with
// the access settings as form fields, sent by fetch (FormData) and by real `curl -F` as the docs show.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { deepZip } from '../pages/zip-fixtures.ts';
import { startTwoUserOutpost, type TestOutpost } from '../support/outpost.ts';

const run = promisify(execFile);

let outpost: TestOutpost;
let alice: string;
let bob: string;
let tmp: string;

const HTML = '<!doctype html><html><head><title>Team wiki</title></head><body><h1>Wiki</h1></body></html>';

beforeAll(async () => {
  ({ outpost, alice, bob } = await startTwoUserOutpost({ UPLOAD_LIMIT_MB: '1' }));
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-uploads-'));
});
afterAll(async () => {
  await outpost.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface ZipEntry {
  name: string;
  content: string | Buffer;
  compress?: boolean;
}

async function zipOf(entries: ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(Buffer.from(e.content), e.name, { compress: e.compress ?? true });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

type Field = [string, string] | [string, Buffer | string, string];

/** POSTs a multipart form; a field with a third element is a file part with that filename. */
async function upload(pathname: string, fields: Field[], token = alice) {
  const form = new FormData();
  for (const f of fields) {
    if (f.length === 3) form.append(f[0], new Blob([typeof f[1] === 'string' ? f[1] : new Uint8Array(f[1])]), f[2]);
    else form.append(f[0], f[1]);
  }
  const res = await fetch(new URL(pathname, outpost.url), { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep the text */
  }
  return { status: res.status, body };
}

/** GETs a served page file (public pages need no credential). */
async function served(id: string, file = '') {
  const res = await fetch(new URL(`/p/${id}/${file}`, outpost.url));
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function counts() {
  return {
    pages: await outpost.app.db.collection('pages').countDocuments({}),
    files: await outpost.app.db.collection('page_files.files').countDocuments({}),
  };
}

describe('createPage with multipart/form-data', () => {
  it('from one .html file: stored as index.html, named by its title, served with the same bytes', async () => {
    const res = await upload('/api/pages', [['file', HTML, 'wiki.html']]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Team wiki', visibility: 'public', default_file: 'index.html', file_count: 1, size: Buffer.byteLength(HTML) });
    const page = await served(res.body.id);
    expect(page.status).toBe(200);
    expect(page.bytes.toString()).toBe(HTML);
  });

  it('from a .zip with nested folders under a single top-level folder (stripped)', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255, 1, 2]);
    const zip = await zipOf([
      { name: 'site/index.html', content: HTML },
      { name: 'site/docs/guide/intro.html', content: '<p>intro</p>' },
      { name: 'site/assets/img/logo.png', content: png, compress: false },
      { name: 'site/assets/app.css', content: 'body{color:red}' },
    ]);
    const res = await upload('/api/pages', [
      ['name', 'Docs'],
      ['file', zip, 'my_file.zip'],
    ]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Docs', default_file: 'index.html', file_count: 4, size: Buffer.byteLength(HTML) + 12 + png.length + 15 });
    expect((await served(res.body.id)).bytes.toString()).toBe(HTML);
    expect((await served(res.body.id, 'docs/guide/intro.html')).bytes.toString()).toBe('<p>intro</p>');
    expect((await served(res.body.id, 'assets/img/logo.png')).bytes).toEqual(png);
    expect((await served(res.body.id, 'site/index.html')).status).toBe(404);
  });

  it('from a .zip without index.html: the only HTML file is the default, and its title names the page', async () => {
    const zip = await zipOf([
      { name: 'report.html', content: '<title>Q3 report</title><p>q3</p>' },
      { name: 'data/q3.csv', content: 'a,b\n1,2\n' },
    ]);
    const res = await upload('/api/pages', [['file', zip, 'report.ZIP']]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Q3 report', default_file: 'report.html', file_count: 2 });
  });

  it('access settings: comma-separated passcodes, repeated allowed_emails', async () => {
    const res = await upload('/api/pages', [
      ['visibility', 'shared'],
      ['passcodes', 'a,b'],
      ['allowed_emails', 'Alice@Acme.com'],
      ['allowed_emails', 'bob@acme.com, carol@acme.com'],
      ['file', HTML, 'index.htm'],
    ]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      visibility: 'shared',
      has_passcode: true,
      passcodes: ['a', 'b'],
      allowed_emails: ['alice@acme.com', 'bob@acme.com', 'carol@acme.com'],
    });
  });

  it('refuses a bad visibility, a bad email, other file types, two contents, no content, and a source_url it may not fetch', async () => {
    const visibility = await upload('/api/pages', [
      ['visibility', 'secret'],
      ['file', HTML, 'a.html'],
    ]);
    expect(visibility.status).toBe(400);
    expect(visibility.body.message).toBe('Invalid visibility');
    expect(
      (
        await upload('/api/pages', [
          ['allowed_emails', 'ok@acme.com,not an email'],
          ['file', HTML, 'a.html'],
        ])
      ).status,
    ).toBe(400);
    const pdf = await upload('/api/pages', [['file', '%PDF-1.4', 'doc.pdf']]);
    expect(pdf.status).toBe(400);
    expect(pdf.body.message).toBe('file must be a .html or .zip');
    const textField = await upload('/api/pages', [['file', HTML]]);
    expect(textField.status).toBe(400);
    expect(textField.body.message).toBe('file must be a .html or .zip');
    const two = await upload('/api/pages', [
      ['source_url', 'http://127.0.0.1:9/'],
      ['file', HTML, 'a.html'],
    ]);
    expect(two.status).toBe(400);
    expect(two.body.validation.keys).toEqual(['source_url', 'file']);
    const twoFiles = await upload('/api/pages', [
      ['file', HTML, 'a.html'],
      ['file', HTML, 'b.html'],
    ]);
    expect(twoFiles.status).toBe(400);
    expect((await upload('/api/pages', [['name', 'nothing']])).status).toBe(400);
    expect(
      (
        await upload('/api/pages', [
          ['unknown', 'x'],
          ['file', HTML, 'a.html'],
        ])
      ).status,
    ).toBe(400);
    // A source_url the default capture policy refuses (loopback), checked before any connection.
    const capture = await upload('/api/pages', [['source_url', 'http://127.0.0.1/']]);
    expect(capture.status).toBe(400);
    expect(capture.body.message).toMatch(/loopback/);
  });

  it('a zip with a path escaping the site (zip slip): 400, and no page or file is created', async () => {
    const before = await counts();
    // yazl refuses "..", so the name is patched in place (same length; the CRC covers data only).
    const zip = await zipOf([
      { name: 'index.html', content: HTML },
      { name: 'xx/evil.html', content: 'pwned' },
    ]);
    const slip = Buffer.from(zip.toString('latin1').replaceAll('xx/evil.html', '../evil.html'), 'latin1');
    const res = await upload('/api/pages', [['file', slip, 'site.zip']]);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/evil\.html/);
    expect(await counts()).toEqual(before);
  });

  it('a zip with folders nested deeper than 64 levels: 400 naming the entry and the limit', async () => {
    const before = await counts();
    const res = await upload('/api/pages', [['file', deepZip(2, 200), 'deep.zip']]);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^ZIP entry "a\/a\/.*….*\/a\/f1\.txt" is nested 201 levels deep \(folders plus the file name\); the limit is 64$/);
    expect(await counts()).toEqual(before);
  });

  it('a zip refused midway (a corrupt entry after a good one): 400, and what was stored is removed', async () => {
    const before = await counts();
    const zip = await zipOf([
      { name: 'index.html', content: HTML, compress: false },
      { name: 'b.txt', content: 'GOODDATA', compress: false },
    ]);
    const broken = Buffer.from(zip.toString('latin1').replace('GOODDATA', 'BADDATA!'), 'latin1');
    const res = await upload('/api/pages', [['file', broken, 'site.zip']]);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/corrupt/);
    expect(await counts()).toEqual(before);
  });

  it('content over UPLOAD_LIMIT_MB: 413 with a clear message', async () => {
    const before = await counts();
    const huge = await upload('/api/pages', [['file', Buffer.alloc(2 * 1024 * 1024, 0x61), 'big.html']]);
    expect(huge.status).toBe(413);
    expect(huge.body.message).toMatch(/UPLOAD_LIMIT_MB|bytes/);
    const over = await upload('/api/pages', [['file', `<p>${'x'.repeat(1024 * 1024)}</p>`, 'big.html']]);
    expect(over.status).toBe(413);
    expect(over.body.message).toMatch(/bytes/);
    // A small ZIP that unpacks past the limit.
    const bomb = await zipOf([
      { name: 'index.html', content: HTML },
      { name: 'a.txt', content: 'a'.repeat(600 * 1024) },
      { name: 'b.txt', content: 'b'.repeat(600 * 1024) },
    ]);
    const unpacked = await upload('/api/pages', [['file', bomb, 'site.zip']]);
    expect(unpacked.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it('with the curl recipe from the docs (-F fields, -F file=@…)', async () => {
    const zipPath = path.join(tmp, 'my_file.zip');
    fs.writeFileSync(
      zipPath,
      await zipOf([
        { name: 'wiki/index.html', content: HTML },
        { name: 'wiki/pages/a.html', content: '<p>a</p>' },
      ]),
    );
    const { stdout } = await run('curl', [
      '-sS',
      '-X',
      'POST',
      new URL('/api/pages', outpost.url).href,
      '-H',
      `Authorization: Bearer ${alice}`,
      '-F',
      'name=Team wiki',
      '-F',
      'visibility=shared',
      '-F',
      `file=@${zipPath}`,
      '-F',
      'passcodes=letmein',
      '-F',
      'allowed_emails=alice@acme.com,bob@acme.com',
      '-w',
      '\n%{http_code}',
    ]);
    const [json, status] = [stdout.slice(0, stdout.lastIndexOf('\n')), stdout.slice(stdout.lastIndexOf('\n') + 1)];
    expect(status).toBe('201');
    expect(JSON.parse(json)).toMatchObject({
      name: 'Team wiki',
      visibility: 'shared',
      passcodes: ['letmein'],
      allowed_emails: ['alice@acme.com', 'bob@acme.com'],
      default_file: 'index.html',
      file_count: 2,
    });
  });
});

describe('replacePageFiles with multipart/form-data', () => {
  it('replaces the files with a zip, keeping id, URL and access settings; serves the new bytes', async () => {
    const created = await upload('/api/pages', [
      ['name', 'Keep me'],
      ['file', '<p>old</p>', 'old.html'],
    ]);
    expect(created.status).toBe(201);
    const zip = await zipOf([
      { name: 'index.html', content: '<p>new</p>' },
      { name: 'css/site.css', content: 'p{}' },
    ]);
    const res = await upload(`/api/pages/${created.body.id}/files`, [['file', zip, 'new.zip']]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: created.body.id, url: created.body.url, name: 'Keep me', file_count: 2, size: 13 });
    expect((await served(created.body.id)).bytes.toString()).toBe('<p>new</p>');
    expect((await served(created.body.id, 'css/site.css')).bytes.toString()).toBe('p{}');
  });

  it('takes no access fields, and a bad zip leaves the page as it was', async () => {
    const created = await upload('/api/pages', [['file', '<p>stay</p>', 'a.html']]);
    const fields = await upload(`/api/pages/${created.body.id}/files`, [
      ['visibility', 'private'],
      ['file', HTML, 'a.html'],
    ]);
    expect(fields.status).toBe(400);
    const before = await counts();
    const bad = await upload(`/api/pages/${created.body.id}/files`, [['file', Buffer.from('not a zip'), 'x.zip']]);
    expect(bad.status).toBe(400);
    expect(await counts()).toEqual(before);
    expect((await served(created.body.id)).bytes.toString()).toBe('<p>stay</p>');
  });

  it("another user's page id: 404, and their page is untouched", async () => {
    const created = await upload('/api/pages', [['file', '<p>mine</p>', 'a.html']]);
    const res = await upload(`/api/pages/${created.body.id}/files`, [['file', '<p>theirs</p>', 'a.html']], bob);
    expect(res.status).toBe(404);
    expect((await served(created.body.id)).bytes.toString()).toBe('<p>mine</p>');
  });
});

describe('content types', () => {
  it('JSON still works on the upload routes, and other types get a 415 naming both', async () => {
    expect((await outpost.api('/api/pages', { token: alice, body: { html: HTML } })).status).toBe(201);
    const res = await outpost.api('/api/pages', { token: alice, body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
    expect(res.body.message).toMatch(/multipart\/form-data/);
  });
});
