import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseDefaultFile, DEFAULT_ZIP_LIMITS, RATIO_FLOOR_BYTES, readZip, ZipRejected, type ZipRejectReason } from '../../src/pages/zip-intake.ts';
import { quoteName } from '../../src/pages/zip-errors.ts';
import { checkFinalPaths, MAX_PATH_DEPTH } from '../../src/pages/zip-paths.ts';
import { deepZip, patchDeclaredSize, rawZip, recordingSink, yazlZip, zeros } from './zip-fixtures.ts';

const MiB = 1024 * 1024;

/** Runs readZip expecting a ZipRejected; returns it with what the sink saw. */
async function rejection(zip: Buffer, limits?: Parameters<typeof readZip>[2]) {
  const { sink, received } = recordingSink({ keepContent: false });
  const error = await readZip(zip, sink, limits).then(
    () => {
      throw new Error('readZip accepted the archive');
    },
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ZipRejected);
  return { error: error as ZipRejected, received };
}

function expectRejected(error: ZipRejected, reason: ZipRejectReason, entry?: string) {
  expect(error.reason).toBe(reason);
  expect(error.entry).toBe(entry);
  if (entry !== undefined) expect(error.message).toContain(quoteName(entry));
}

const INDEX = '<!doctype html><title>Home</title><link rel="stylesheet" href="css/site.css">';

describe('readZip: well-formed sites', () => {
  it('streams every file of a normal site to the sink and picks index.html', async () => {
    const css = 'body { color: #222; }\n';
    const png = randomBytes(5000);
    // 900 KB that compresses far beyond 100:1: allowed, being under the 1 MiB ratio floor.
    const bundle = 'console.log("x");\n'.repeat(50_000);
    const zip = await yazlZip([
      { name: 'index.html', data: INDEX },
      { name: 'css/', data: '' },
      { name: 'css/site.css', data: css },
      { name: 'img/logo.png', data: png, compress: false },
      { name: 'js/vendor/bundle.js', data: bundle },
      { name: 'about/team/index.html', data: '<p>team</p>' },
    ]);
    const { sink, received } = recordingSink();
    const result = await readZip(zip, sink);

    expect(result.defaultFile).toBe('index.html');
    expect(result.files).toEqual([
      { path: 'index.html', size: Buffer.byteLength(INDEX) },
      { path: 'css/site.css', size: css.length },
      { path: 'img/logo.png', size: 5000 },
      { path: 'js/vendor/bundle.js', size: bundle.length },
      { path: 'about/team/index.html', size: 11 },
    ]);
    expect(result.totalBytes).toBe(Buffer.byteLength(INDEX) + css.length + 5000 + bundle.length + 11);
    expect(received.map((r) => r.path)).toEqual(result.files.map((f) => f.path));
    expect(received[0].content?.toString()).toBe(INDEX);
    expect(received[2].content?.equals(png)).toBe(true);
    expect(received[3].content?.toString()).toBe(bundle);
    expect(bundle.length).toBeLessThan(RATIO_FLOOR_BYTES);
  });

  it('strips a single top-level folder and ignores __MACOSX/ and dotfiles', async () => {
    const zip = await yazlZip([
      { name: 'my-site/', data: '' },
      { name: 'my-site/index.html', data: INDEX },
      { name: 'my-site/css/site.css', data: 'a{}' },
      { name: 'my-site/.DS_Store', data: randomBytes(64) },
      { name: 'my-site/css/._site.css', data: randomBytes(64) },
      { name: 'my-site/.git/config', data: '[core]' },
      { name: 'my-site/img/Thumbs.db', data: randomBytes(64) },
      { name: '__MACOSX/my-site/._index.html', data: randomBytes(64) },
      { name: '__MACOSX/', data: '' },
    ]);
    const { sink, received } = recordingSink();
    const result = await readZip(zip, sink);
    expect(result.files.map((f) => f.path)).toEqual(['index.html', 'css/site.css']);
    expect(result.defaultFile).toBe('index.html');
    expect(received.map((r) => r.path)).toEqual(['index.html', 'css/site.css']);
    expect(result.totalBytes).toBe(Buffer.byteLength(INDEX) + 3);
  });

  it('keeps the folders when files sit under different top-level folders or at the top', async () => {
    const zip = await yazlZip([
      { name: 'site/index.html', data: INDEX },
      { name: 'assets/a.css', data: 'a{}' },
    ]);
    const result = await readZip(zip, recordingSink().sink);
    expect(result.files.map((f) => f.path)).toEqual(['site/index.html', 'assets/a.css']);
    expect(result.defaultFile).toBe('site/index.html'); // the only HTML file
  });

  it('with no index.html, opens on the only HTML file, wherever it is', async () => {
    const zip = await yazlZip([
      { name: 'docs/guide.html', data: '<h1>Guide</h1>' },
      { name: 'docs/guide.css', data: 'h1{}' },
      { name: 'data/table.csv', data: 'a,b\n' },
    ]);
    const result = await readZip(zip, recordingSink().sink);
    expect(result.defaultFile).toBe('docs/guide.html');
  });

  it('with two HTML files and no index.html, refuses with both names before storing anything', async () => {
    const zip = await yazlZip([
      { name: 'a.html', data: 'a' },
      { name: 'b.html', data: 'b' },
    ]);
    const { error, received } = await rejection(zip);
    expectRejected(error, 'ambiguous-default');
    expect(error.message).toBe(
      'The ZIP has 2 HTML files ("a.html", "b.html") and no index.html at the top level, so it is unclear which page to open; add an index.html',
    );
    expect(received).toEqual([]);
  });

  it('with no HTML file, refuses clearly', async () => {
    const zip = await yazlZip([
      { name: 'style.css', data: 'a{}' },
      { name: 'notes.txt', data: 'hi' },
    ]);
    const { error, received } = await rejection(zip);
    expectRejected(error, 'no-html');
    expect(error.message).toBe('The ZIP contains no HTML file; add an index.html at the top level');
    expect(received).toEqual([]);
  });

  it('with only folders and junk, refuses as empty', async () => {
    const zip = await yazlZip([
      { name: 'empty/', data: '' },
      { name: '.DS_Store', data: 'x' },
      { name: '__MACOSX/._x', data: 'x' },
    ]);
    const { error } = await rejection(zip);
    expectRejected(error, 'no-files');
  });

  it('NFC-normalizes names, and decodes CP437 names without the UTF-8 flag', async () => {
    const zip = rawZip([
      { name: 'cafe\u0301.html', data: '<p>café</p>' }, // NFD
      { name: Buffer.from([0x72, 0x82, 0x73, 0x75, 0x6d, 0x82, 0x2e, 0x63, 0x73, 0x73]), data: 'x{}' }, // "résumé.css" in CP437
    ]);
    const { sink, received } = recordingSink();
    const result = await readZip(zip, sink);
    expect(result.files.map((f) => f.path)).toEqual(['caf\u00e9.html', 'r\u00e9sum\u00e9.css']);
    expect(result.defaultFile).toBe('caf\u00e9.html');
    expect(received[0].content?.toString()).toBe('<p>café</p>');
  });

  it('reads from a file path too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'outpost-zip-'));
    try {
      const file = join(dir, 'site.zip');
      await writeFile(
        file,
        await yazlZip([
          { name: 'index.html', data: INDEX },
          { name: 'a.css', data: 'a{}' },
        ]),
      );
      const { sink, received } = recordingSink();
      const result = await readZip(file, sink);
      expect(result.files).toEqual([
        { path: 'index.html', size: Buffer.byteLength(INDEX) },
        { path: 'a.css', size: 3 },
      ]);
      expect(received[1].content?.toString()).toBe('a{}');
      await expect(readZip(join(dir, 'missing.zip'), sink)).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('readZip: unsafe names are refused before anything reaches the sink', () => {
  const cases: [string, string][] = [
    ['../x.html', 'escapes the site folder'],
    ['a/../../x.html', 'escapes the site folder'],
    ['../', 'escapes the site folder'],
    ['/abs.html', 'is an absolute path'],
    ['\\\\server\\share\\x.html', 'is an absolute path'],
    ['C:/x.html', 'starts with a drive letter'],
    ['C:\\x.html', 'starts with a drive letter'],
    ['a\\b.html', 'contains a backslash'],
    ['a\u0000b.html', 'contains a NUL character'],
    ['a\nb.html', 'contains a control character'],
    ['a//b.html', 'has an empty path segment'],
    ['./a.html', 'has a "." path segment'],
    ['__MACOSX/../../x', 'escapes the site folder'],
    [`${'x'.repeat(256)}.html`, 'longer than 255 characters'],
  ];
  for (const [name, why] of cases) {
    it(`refuses ${JSON.stringify(name)}: ${why}`, async () => {
      // The bad entry comes last, after good files that would otherwise have been streamed.
      const zip = rawZip([
        { name: 'index.html', data: INDEX },
        { name: 'ok.css', data: 'a{}' },
        { name, data: 'evil' },
      ]);
      const { error, received } = await rejection(zip);
      expectRejected(error, 'unsafe-path', name);
      expect(error.message).toContain(why);
      expect(received).toEqual([]);
    });
  }

  it('names the entry in a plain message', async () => {
    const { error } = await rejection(
      rawZip([
        { name: 'index.html', data: INDEX },
        { name: '../evil.html', data: 'x' },
      ]),
    );
    expect(error.message).toBe('ZIP entry "../evil.html" escapes the site folder (".." is not allowed in paths)');
  });

  it('refuses a path longer than 1024 characters after stripping the top folder', async () => {
    const long = `${'d'.repeat(200)}/`.repeat(5) + 'x'.repeat(30) + '.html'; // 1040 characters
    const { error, received } = await rejection(
      rawZip([
        { name: long, data: 'x' },
        { name: 'index.html', data: INDEX },
      ]),
    );
    expectRejected(error, 'unsafe-path', long);
    expect(error.message).toContain('longer than 1024 characters');
    expect(received).toEqual([]);
  });

  it('refuses 5,000 entries each 500 folders deep, naming the first entry (shortened) and the limit', async () => {
    const zip = deepZip(5000, 500);
    const { error, received } = await rejection(zip);
    const first = `${'a/'.repeat(500)}f1.txt`;
    expectRejected(error, 'unsafe-path', first);
    expect(error.message).toContain('is nested 501 levels deep (folders plus the file name); the limit is 64');
    expect(quoteName(first).length).toBeLessThan(130);
    expect(received).toEqual([]);
  });

  it('accepts 5,000 entries 63 folders deep (64 levels, the limit), each file reaching the sink', async () => {
    const { sink, received } = recordingSink({ keepContent: false });
    const result = await readZip(deepZip(5000, MAX_PATH_DEPTH - 1), sink);
    expect(result.files).toHaveLength(5000);
    expect(received.at(-1)?.path).toBe(`${'a/'.repeat(63)}f4999.txt`);
  });

  it('shortens a long entry name in messages to its start and end', () => {
    const name = `${'d'.repeat(100)}/${'e'.repeat(100)}.html`;
    expect(quoteName(name)).toBe(`"${'d'.repeat(70)}…${'e'.repeat(44)}.html"`);
    expect(quoteName('short.html')).toBe('"short.html"');
  });

  it('refuses a symbolic link written by yazl', async () => {
    const zip = await yazlZip([
      { name: 'index.html', data: INDEX },
      { name: 'secrets.html', data: '/etc/passwd', mode: 0o120777 },
    ]);
    const { error, received } = await rejection(zip);
    expectRejected(error, 'symlink', 'secrets.html');
    expect(error.message).toBe('ZIP entry "secrets.html" is a symbolic link; links are not allowed');
    expect(received).toEqual([]);
  });

  it('refuses a symbolic link even among ignored junk', async () => {
    const zip = rawZip([
      { name: 'index.html', data: INDEX },
      { name: '.hidden', data: '/etc', externalAttributes: (0o120755 << 16) >>> 0 },
    ]);
    const { error } = await rejection(zip);
    expectRejected(error, 'symlink', '.hidden');
  });

  it('refuses an encrypted entry (traditional PKWARE encryption flag)', async () => {
    const secret = Buffer.from('<p>secret</p>');
    const zip = rawZip([
      { name: 'index.html', data: INDEX },
      // Encrypted data is prefixed by a 12-byte header, so the stored size is 12 more than the plain size.
      { name: 'page.html', flags: 0x800 | 0x1, compressed: Buffer.concat([randomBytes(12), secret]), size: secret.length },
    ]);
    const { error, received } = await rejection(zip);
    expectRejected(error, 'encrypted', 'page.html');
    expect(error.message).toBe('ZIP entry "page.html" is encrypted; password-protected ZIPs are not supported');
    expect(received).toEqual([]);
  });

  it('refuses strong encryption (flag 0x40), which yauzl stops at', async () => {
    const zip = rawZip([{ name: 'index.html', data: INDEX, method: 8, flags: 0x800 | 0x41 }]);
    const { error } = await rejection(zip);
    expectRejected(error, 'encrypted');
  });

  it('refuses an unsupported compression method', async () => {
    const zip = rawZip([{ name: 'index.html', data: INDEX, method: 12 /* bzip2 */, compressed: randomBytes(40) }]);
    const { error } = await rejection(zip);
    expectRejected(error, 'unsupported-compression', 'index.html');
    expect(error.message).toBe('ZIP entry "index.html" uses compression method 12; only Deflate and Store are supported');
  });

  it('refuses duplicate names', async () => {
    const zip = rawZip([
      { name: 'index.html', data: 'one' },
      { name: 'b.css', data: 'x' },
      { name: 'index.html', data: 'two' },
    ]);
    const { error, received } = await rejection(zip);
    expectRejected(error, 'duplicate', 'index.html');
    expect(error.message).toBe('ZIP entry "index.html" appears more than once in the archive');
    expect(received).toEqual([]);
  });

  it('refuses names that are duplicates once NFC-normalized', async () => {
    const zip = rawZip([
      { name: 'caf\u00e9.html', data: 'one' },
      { name: 'cafe\u0301.html', data: 'two' },
    ]);
    const { error } = await rejection(zip);
    expectRejected(error, 'duplicate', 'cafe\u0301.html');
  });

  it('refuses names that differ only in letter case, naming both', async () => {
    const zip = rawZip([
      { name: 'site/A.html', data: 'a' },
      { name: 'site/index.html', data: INDEX },
      { name: 'site/a.html', data: 'b' },
    ]);
    const { error, received } = await rejection(zip);
    expectRejected(error, 'case-collision', 'site/a.html');
    expect(error.message).toBe('ZIP entries "site/A.html" and "site/a.html" differ only in letter case; rename one of them');
    expect(received).toEqual([]);
  });

  it('refuses a name used both as a file and as a folder (in any case)', async () => {
    const zip = rawZip([
      { name: 'index.html', data: INDEX },
      { name: 'Docs', data: 'file' },
      { name: 'docs/a.html', data: 'a' },
    ]);
    const { error } = await rejection(zip);
    expectRejected(error, 'file-folder-conflict', 'Docs');
    expect(error.message).toBe('ZIP entry "Docs" is a file, but "docs/a.html" uses the same name as a folder');
  });

  it('refuses something that is not a ZIP', async () => {
    const { error } = await rejection(Buffer.from('<html>not a zip</html>'));
    expectRejected(error, 'not-a-zip');
    expect(error.message).toMatch(/^The file is not a valid ZIP archive \(/);
  });
});

describe('readZip: limits', () => {
  it('refuses 10,001 entries by count before reading any name or content', async () => {
    const entries = Array.from({ length: 10_001 }, (_, i) => ({ name: `f${i}.html`, data: '' }));
    entries[0] = { name: '../evil', data: '' }; // would be refused too, but the count comes first
    const { error, received } = await rejection(rawZip(entries));
    expectRejected(error, 'too-many-entries');
    expect(error.message).toBe(`The ZIP has 10001 entries; the limit is ${DEFAULT_ZIP_LIMITS.maxEntries}`);
    expect(received).toEqual([]);
  });

  it('counts folders and junk toward maxEntries, and the limit is configurable', async () => {
    const zip = rawZip([
      { name: 'index.html', data: INDEX },
      { name: 'css/', data: '' },
      { name: '.DS_Store', data: 'x' },
    ]);
    expectRejected((await rejection(zip, { maxEntries: 2 })).error, 'too-many-entries');
    expect((await readZip(zip, recordingSink().sink, { maxEntries: 3 })).files).toHaveLength(1);
  });

  it('rejects invalid limits as a programming error', async () => {
    await expect(readZip(Buffer.alloc(0), recordingSink().sink, { maxRatio: 0 })).rejects.toThrow(TypeError);
    await expect(readZip(Buffer.alloc(0), recordingSink().sink, { maxEntryBytes: Number.NaN })).rejects.toThrow(TypeError);
  });

  describe('a zip bomb: 200 MB of zeros in about 200 KB', () => {
    const BOMB = 200_000_000;
    let honest: Buffer; // headers tell the truth
    beforeAll(async () => {
      honest = await yazlZip([
        { name: 'index.html', data: INDEX },
        { name: 'bomb.bin', data: zeros(BOMB) },
      ]);
      expect(honest.length).toBeLessThan(400_000);
    });
    /** The same archive with the bomb's declared size lowered to `size`: only actual bytes can catch it. */
    const lying = (size: number) => patchDeclaredSize(honest, 1, size);

    it('with honest headers, is refused before any content flows (per-file limit first)', async () => {
      const { error, received } = await rejection(honest);
      expectRejected(error, 'entry-too-large', 'bomb.bin');
      expect(error.message).toBe('ZIP entry "bomb.bin" unpacks to more than 50 MiB, the limit for one file');
      expect(received).toEqual([]);
    });

    it('with honest headers, the ratio and total limits refuse it before content too', async () => {
      const ratio = await rejection(honest, { maxEntryBytes: 1024 * MiB, maxTotalBytes: 1024 * MiB });
      expectRejected(ratio.error, 'ratio-too-high', 'bomb.bin');
      expect(ratio.error.message).toBe('ZIP entry "bomb.bin" is compressed more than 100:1, which looks like a zip bomb');
      expect(ratio.received).toEqual([]);
      const total = await rejection(honest, { maxEntryBytes: 1024 * MiB, maxRatio: 1e6, maxTotalBytes: 100 * MiB });
      expectRejected(total.error, 'total-too-large', 'bomb.bin');
      expect(total.error.message).toBe('The ZIP unpacks to more than 100 MiB in total, the limit for one page (reached at ZIP entry "bomb.bin")');
      expect(total.received).toEqual([]);
    });

    it('declaring 1,000 bytes, is stopped on actual bytes as corrupt; the sink sees at most 1,000', async () => {
      const { error, received } = await rejection(lying(1000));
      expectRejected(error, 'corrupt', 'bomb.bin');
      expect(error.message).toBe('ZIP entry "bomb.bin" is corrupt: it holds more data than its header declares');
      expect(received.map((r) => r.path)).toEqual(['index.html', 'bomb.bin']);
      expect(received[0].bytes).toBe(Buffer.byteLength(INDEX));
      expect(received[1].bytes).toBeLessThanOrEqual(1000);
    });

    it('declaring exactly maxEntryBytes, is stopped on actual bytes at maxEntryBytes', async () => {
      const limit = 2 * MiB;
      const { error, received } = await rejection(lying(limit), { maxEntryBytes: limit });
      expectRejected(error, 'entry-too-large', 'bomb.bin');
      expect(received[1].path).toBe('bomb.bin');
      expect(received[1].bytes).toBeGreaterThan(0); // it did stream: the header passed the early check
      expect(received[1].bytes).toBeLessThanOrEqual(limit);
    });

    it('declaring what maxRatio allows, is stopped on actual bytes at the ratio allowance', async () => {
      // Compressed ~200 KB × 2 is under the floor, so the allowance is the 1 MiB floor.
      const { error, received } = await rejection(lying(RATIO_FLOOR_BYTES), { maxRatio: 2 });
      expectRejected(error, 'ratio-too-high', 'bomb.bin');
      expect(received[1].bytes).toBeGreaterThan(0);
      expect(received[1].bytes).toBeLessThanOrEqual(RATIO_FLOOR_BYTES);
    });

    it('declaring what maxTotalBytes leaves, is stopped on actual bytes at the total', async () => {
      const maxTotalBytes = 3 * MiB;
      const left = maxTotalBytes - Buffer.byteLength(INDEX);
      const { error, received } = await rejection(lying(left), { maxTotalBytes, maxRatio: 1e6 });
      expectRejected(error, 'total-too-large', 'bomb.bin');
      expect(received[1].bytes).toBeGreaterThan(0);
      expect(received[0].bytes + received[1].bytes).toBeLessThanOrEqual(maxTotalBytes);
    });
  });

  it('refuses content whose checksum does not match, after streaming it', async () => {
    const zip = rawZip([{ name: 'index.html', data: INDEX, method: 8, crc: 0x12345678 }]);
    const { error, received } = await rejection(zip);
    expectRejected(error, 'corrupt', 'index.html');
    expect(error.message).toBe('ZIP entry "index.html" is corrupt: its checksum does not match');
    expect(received[0].bytes).toBe(Buffer.byteLength(INDEX));
  });

  it('refuses content shorter than its header declares', async () => {
    const zip = rawZip([{ name: 'index.html', data: INDEX, method: 8, size: Buffer.byteLength(INDEX) + 10 }]);
    const { error } = await rejection(zip);
    expectRejected(error, 'corrupt', 'index.html');
    expect(error.message).toBe('ZIP entry "index.html" is corrupt: it holds less data than its header declares');
  });

  it('refuses a broken deflate stream', async () => {
    const zip = rawZip([{ name: 'index.html', data: INDEX, method: 8, compressed: Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]) }]);
    const { error } = await rejection(zip);
    expectRejected(error, 'corrupt', 'index.html');
    expect(error.message).toMatch(/^ZIP entry "index.html" is corrupt \(/);
  });
});

describe('readZip: the sink', () => {
  const site = () =>
    yazlZip([
      { name: 'index.html', data: INDEX },
      { name: 'a.css', data: 'a{}' },
      { name: 'b.css', data: 'b{}' },
    ]);

  it('is called one file at a time, in archive order', async () => {
    let active = 0;
    let maxActive = 0;
    const order: string[] = [];
    const { sink } = recordingSink();
    await readZip(await site(), async (entry, content) => {
      active++;
      maxActive = Math.max(maxActive, active);
      order.push(entry.path);
      await sink(entry, content);
      active--;
    });
    expect(order).toEqual(['index.html', 'a.css', 'b.css']);
    expect(maxActive).toBe(1);
  });

  it('propagates its own errors and stops there', async () => {
    const seen: string[] = [];
    const failure = new Error('GridFS is full');
    const { sink } = recordingSink();
    const error = await readZip(await site(), async (entry, content) => {
      seen.push(entry.path);
      if (entry.path === 'a.css') throw failure;
      await sink(entry, content);
    }).catch((err: unknown) => err);
    expect(error).toBe(failure);
    expect(seen).toEqual(['index.html', 'a.css']);
  });

  it('must read the content to the end', async () => {
    const error = await readZip(await site(), async (_entry: unknown, _content: Readable) => {}).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ZipRejected);
    expect((error as Error).message).toBe('zip intake: the sink returned before reading all of "index.html"');
  });

  it('reports a limit breach as the ZipRejected even when the sink swallows the stream error', async () => {
    const honest = await yazlZip([
      { name: 'index.html', data: INDEX },
      { name: 'big.bin', data: zeros(3 * MiB) },
    ]);
    const zip = patchDeclaredSize(honest, 1, 1000);
    const error = await readZip(zip, async (_entry, content) => {
      await new Promise<void>((resolve) => {
        content.on('error', () => resolve());
        content.on('end', () => resolve());
        content.resume();
      });
    }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ZipRejected);
    expect((error as ZipRejected).reason).toBe('corrupt');
  });
});

describe('chooseDefaultFile', () => {
  it('prefers index.html, then index.htm, at the top level, in any letter case', () => {
    expect(chooseDefaultFile(['a.html', 'index.html', 'b.html'])).toBe('index.html');
    expect(chooseDefaultFile(['a.html', 'INDEX.HTML'])).toBe('INDEX.HTML');
    expect(chooseDefaultFile(['index.htm', 'b.html'])).toBe('index.htm');
    expect(chooseDefaultFile(['index.htm', 'index.html'])).toBe('index.html');
  });

  it('otherwise takes the only HTML file', () => {
    expect(chooseDefaultFile(['docs/Page.HTM', 'a.css'])).toBe('docs/Page.HTM');
    expect(chooseDefaultFile(['sub/index.html', 'x.js'])).toBe('sub/index.html');
  });

  it('throws ZipRejected otherwise', () => {
    expect(() => chooseDefaultFile(['a.css'])).toThrow(expect.objectContaining({ reason: 'no-html' }));
    expect(() => chooseDefaultFile(['sub/index.html', 'other.html'])).toThrow(expect.objectContaining({ reason: 'ambiguous-default' }));
    const many = Array.from({ length: 7 }, (_, i) => `p${i}.html`);
    expect(() => chooseDefaultFile(many)).toThrow('The ZIP has 7 HTML files ("p0.html", "p1.html", "p2.html", "p3.html", "p4.html", and 2 more)');
  });
});

describe('checkFinalPaths', () => {
  const named = (path: string) => ({ path, entry: path });

  it('takes exactly MAX_PATH_DEPTH levels and refuses one more', () => {
    expect(() => checkFinalPaths([named(`${'a/'.repeat(MAX_PATH_DEPTH - 1)}x`)])).not.toThrow();
    expect(() => checkFinalPaths([named(`${'a/'.repeat(MAX_PATH_DEPTH)}x`)])).toThrow(/nested 65 levels deep.*the limit is 64/);
  });

  it('finds a file used as a folder deep down, in any letter case, whichever comes first', () => {
    const deep = `${'a/'.repeat(40)}`;
    const conflict = (files: string[]) => {
      try {
        checkFinalPaths(files.map(named));
      } catch (err) {
        return err as ZipRejected;
      }
      throw new Error('no conflict found');
    };
    const fileFirst = conflict([`${deep}b`, `${deep}B/c.txt`]);
    expect(fileFirst.reason).toBe('file-folder-conflict');
    expect(fileFirst.message).toBe(`ZIP entry ${quoteName(`${deep}b`)} is a file, but ${quoteName(`${deep}B/c.txt`)} uses the same name as a folder`);
    expect(conflict([`${deep}B/c/d.txt`, `${deep}x.txt`, `${deep}b/c`]).entry).toBe(`${deep}b/c`);
    expect(() => checkFinalPaths([`${deep}b.txt`, `${deep}b/c.txt`, `${deep}bb/c.txt`].map(named))).not.toThrow();
  });
});
