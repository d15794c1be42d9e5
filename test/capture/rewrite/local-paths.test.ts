// LocalPaths: where captured URLs are stored, and the relative references between stored files.
import { describe, expect, it } from 'vitest';
import { LocalPaths } from '../../../src/capture/rewrite/local-paths.ts';
import type { RefKind } from '../../../src/capture/rewrite/references.ts';
import { normalizeFilePath } from '../../../src/pages/file-path.ts';
import { foldCase } from '../../../src/pages/zip-paths.ts';

const SOURCE = 'https://ex.com/blog/post?id=1';

describe('LocalPaths.pathFor', () => {
  it('mirrors same-origin paths; the source page is at its own path', () => {
    const paths = new LocalPaths(SOURCE, 'text/html');
    expect(paths.sourcePath).toMatch(/^blog\/post\.[0-9a-f]{8}\.html$/);
    expect(paths.pathFor(SOURCE + '#comments', 'text/html', 'document')).toBe(paths.sourcePath);
    expect(paths.pathFor('https://ex.com/a/b/c.png', 'image/png', 'asset')).toBe('a/b/c.png');
    expect(paths.pathFor('https://ex.com/docs/', 'text/html', 'document')).toBe('docs/index.html');
    expect(paths.pathFor('https://ex.com/blog/img.jpg#x', 'image/jpeg', 'asset')).toBe('blog/img.jpg');
  });

  it('the same URL always gets its first path (fragment ignored)', () => {
    const paths = new LocalPaths(SOURCE);
    expect(paths.pathFor('https://ex.com/x.png', 'image/png', 'asset')).toBe('x.png');
    expect(paths.pathFor('https://ex.com/x.png#a', 'image/webp', 'asset')).toBe('x.png');
  });

  it('query variants are distinct files, named by a hash of the query', () => {
    const paths = new LocalPaths(SOURCE);
    const v2 = paths.pathFor('https://ex.com/style.css?v=2', 'text/css', 'stylesheet');
    const v3 = paths.pathFor('https://ex.com/style.css?v=3', 'text/css', 'stylesheet');
    const plain = paths.pathFor('https://ex.com/style.css', 'text/css', 'stylesheet');
    expect(v2).toMatch(/^style\.[0-9a-f]{8}\.css$/);
    expect(v3).toMatch(/^style\.[0-9a-f]{8}\.css$/);
    expect(new Set([v2, v3, plain]).size).toBe(3);
    expect(plain).toBe('style.css');
  });

  it('adds the extension of the response type when the name does not give it', () => {
    const paths = new LocalPaths(SOURCE);
    expect(paths.pathFor('https://ex.com/font?family=x', 'text/css; charset=utf-8', 'stylesheet')).toMatch(/^font\.[0-9a-f]{8}\.css$/);
    expect(paths.pathFor('https://ex.com/style.php', 'text/css', 'stylesheet')).toBe('style.php.css');
    // A stylesheet is rendered CSS whatever it was served as.
    expect(paths.pathFor('https://ex.com/theme', 'text/plain', 'stylesheet')).toBe('theme.css');
    expect(paths.pathFor('https://ex.com/img/avatar', 'image/webp', 'asset')).toBe('img/avatar.webp');
    expect(paths.pathFor('https://ex.com/app.js', 'application/javascript', 'asset')).toBe('app.js');
    expect(paths.pathFor('https://ex.com/photo.jpg', 'image/jpg', 'asset')).toBe('photo.jpg');
    expect(paths.pathFor('https://ex.com/site.webmanifest', 'application/json', 'asset')).toBe('site.webmanifest');
    // Types that say nothing leave the name alone.
    expect(paths.pathFor('https://ex.com/raw.js', 'text/plain', 'asset')).toBe('raw.js');
    expect(paths.pathFor('https://ex.com/blob', 'application/octet-stream', 'asset')).toBe('blob');
    expect(paths.pathFor('https://ex.com/untyped', undefined, 'asset')).toBe('untyped');
  });

  it('never gives an asset an HTML extension because its response was HTML', () => {
    const paths = new LocalPaths(SOURCE);
    expect(paths.pathFor('https://ex.com/img/logo.png', 'text/html', 'asset')).toBe('img/logo.png');
    expect(paths.pathFor('https://ex.com/img/pic', 'text/html; charset=utf-8', 'asset')).toBe('img/pic');
    expect(paths.pathFor('https://ex.com/img/x', 'application/xhtml+xml', 'asset')).toBe('img/x');
    expect(paths.pathFor('https://ex.com/img/', 'text/html', 'asset')).toBe('img/index');
  });

  it('a document (frame) gets .html when needed; a frame that is not HTML gets its own type', () => {
    const paths = new LocalPaths(SOURCE);
    expect(paths.pathFor('https://ex.com/embed/player', 'text/html', 'document')).toBe('embed/player.html');
    expect(paths.pathFor('https://ex.com/embed/page.htm', 'text/html', 'document')).toBe('embed/page.htm');
    expect(paths.pathFor('https://ex.com/embed/page.php?id=3', undefined, 'document')).toMatch(/^embed\/page\.[0-9a-f]{8}\.php\.html$/);
    expect(paths.pathFor('https://ex.com/embed/doc', 'application/pdf', 'document')).toBe('embed/doc.pdf');
  });

  it('percent-decodes to real characters, non-ASCII included', () => {
    const paths = new LocalPaths(SOURCE);
    expect(paths.pathFor('https://ex.com/%E6%97%A5%E6%9C%AC/caf%C3%A9%20menu.png', 'image/png', 'asset')).toBe('日本/café menu.png');
    expect(paths.pathFor('https://ex.com/ünï/çödé.css', 'text/css', 'stylesheet')).toBe('ünï/çödé.css');
    // Not UTF-8: the byte becomes U+FFFD.
    expect(paths.pathFor('https://ex.com/caf%E9.png', 'image/png', 'asset')).toBe('caf\uFFFD.png');
  });

  it('sanitizes what the file store refuses', () => {
    const paths = new LocalPaths(SOURCE);
    expect(paths.pathFor('https://ex.com/a%2Fb%5Cc%00d%7F.png', 'image/png', 'asset')).toBe('a_b_c_d_.png');
    expect(paths.pathFor('https://ex.com/x//y.png', 'image/png', 'asset')).toBe('x/_/y.png');
    expect(paths.pathFor('https://ex.com/C:/z.png', 'image/png', 'asset')).toBe('C_/z.png');
    const long = paths.pathFor(`https://ex.com/${'n'.repeat(400)}.png`, 'image/png', 'asset');
    expect(long.length).toBeLessThanOrEqual(255);
    expect(long).toMatch(/^n+~[0-9a-f]{8}\.png$/);
    const deep = paths.pathFor(`https://ex.com/${'deep/'.repeat(300)}leaf.png`, 'image/png', 'asset');
    expect(deep).toMatch(/^_long\/[0-9a-f]{16}\/leaf\.png$/);
  });

  it('other origins go under _external/<host>[_port]', () => {
    const paths = new LocalPaths(SOURCE);
    expect(paths.pathFor('https://cdn.other.com/lib/x.js', 'text/javascript', 'asset')).toBe('_external/cdn.other.com/lib/x.js');
    expect(paths.pathFor('https://cdn.other.com:8443/y.js', 'text/javascript', 'asset')).toBe('_external/cdn.other.com_8443/y.js');
    expect(paths.pathFor('http://ex.com/a.png', 'image/png', 'asset')).toBe('_external/ex.com/a.png');
  });

  it('resolves collisions: same path, letter case, the source index.html, file vs folder', () => {
    const paths = new LocalPaths('https://ex.com/', 'text/html');
    expect(paths.sourcePath).toBe('index.html');
    expect(paths.pathFor('https://ex.com/index.html', 'text/html', 'document')).toBe('index-2.html');
    expect(paths.pathFor('https://ex.com/', 'text/html', 'document')).toBe('index.html');
    expect(paths.pathFor('https://ex.com/?page=2', 'text/html', 'document')).toMatch(/^index\.[0-9a-f]{8}\.html$/);
    expect(paths.pathFor('https://ex.com/Logo.PNG', 'image/png', 'asset')).toBe('Logo.PNG');
    expect(paths.pathFor('https://ex.com/logo.png', 'image/png', 'asset')).toBe('logo-2.png');
    expect(paths.pathFor('https://ex.com/a.png?x', 'image/png', 'asset')).toMatch(/^a\.[0-9a-f]{8}\.png$/);
    expect(paths.pathFor('https://ex.com/api/img', 'application/octet-stream', 'asset')).toBe('api/img');
    expect(paths.pathFor('https://ex.com/api/img/2.png', 'image/png', 'asset')).toBe('api/img-2/2.png');
    expect(paths.pathFor('https://ex.com/lib/', 'text/css', 'stylesheet')).toBe('lib/index.css');
    expect(paths.pathFor('https://ex.com/lib', 'application/octet-stream', 'asset')).toBe('lib-2');
    expect(paths.pathFor('https://ex.com/__gate', undefined, 'asset')).toBe('__gate-2');
  });

  it('places the source page where the source site has it, named first', () => {
    const place = (url: string, type?: string) => new LocalPaths(url, type).sourcePath;
    expect(place('https://ex.com/')).toBe('index.html');
    expect(place('https://ex.com/#top', 'text/html')).toBe('index.html');
    expect(place('https://ex.com/docs/guide/', 'text/html')).toBe('docs/guide/index.html');
    expect(place('https://ex.com/std/struct.Vec.html', 'text/html; charset=utf-8')).toBe('std/struct.Vec.html');
    expect(place('https://ex.com/docs/intro', 'text/html')).toBe('docs/intro.html');
    expect(place('https://ex.com/search?q=a%20b', 'text/html')).toMatch(/^search\.[0-9a-f]{8}\.html$/);
    expect(place('https://ex.com/caf%C3%A9/%E6%97%A5%E6%9C%AC.html', 'text/html')).toBe('café/日本.html');
    expect(place('https://ex.com/page.xhtml', 'application/xhtml+xml')).toBe('page.xhtml.html');
    // Too deep to mirror: under _long/, as an asset would be.
    expect(place(`https://ex.com/${'deep/'.repeat(300)}leaf.html`, 'text/html')).toMatch(/^_long\/[0-9a-f]{16}\/leaf\.html$/);
  });

  it('an asset whose name or folder the source page holds gives way to it', () => {
    const paths = new LocalPaths('https://ex.com/docs/page', 'text/html');
    expect(paths.sourcePath).toBe('docs/page.html');
    expect(paths.pathFor('https://ex.com/docs/page.html', 'text/html', 'asset')).toBe('docs/page-2.html');
    expect(paths.pathFor('https://ex.com/docs/PAGE.HTML', 'text/html', 'asset')).toBe('docs/PAGE-3.HTML');
    const fresh = new LocalPaths('https://ex.com/docs/page', 'text/html');
    expect(fresh.pathFor('https://ex.com/docs/page.html/x.png', 'image/png', 'asset')).toBe('docs/page-2.html/x.png');
  });

  it('capturing the same page twice gives identical paths', () => {
    const calls: [string, string, RefKind][] = [
      ['https://ex.com/a.css?v=1', 'text/css', 'stylesheet'],
      ['https://ex.com/A.css?v=1', 'text/css', 'stylesheet'],
      ['https://ex.com/index.html', 'text/html', 'document'],
      ['https://ex.com/x/%F0%9F%98%80.png', 'image/png', 'asset'],
    ];
    const run = () => {
      const paths = new LocalPaths(SOURCE);
      return calls.map(([u, t, k]) => paths.pathFor(u, t, k));
    };
    expect(run()).toEqual(run());
  });
});

describe('LocalPaths.relative', () => {
  const paths = new LocalPaths(SOURCE);

  it('walks up and down from the referring file', () => {
    expect(paths.relative('index.html', 'a/b/c.png')).toBe('a/b/c.png');
    expect(paths.relative('css/site.css', 'img/x.png')).toBe('../img/x.png');
    expect(paths.relative('a/b/x.css', 'a/b/y.png')).toBe('y.png');
    expect(paths.relative('a/b/x.css', 'index.html')).toBe('../../index.html');
  });

  it('percent-encodes what a URL would misread', () => {
    expect(paths.relative('index.html', 'img/a b?#%.png')).toBe('img/a%20b%3F%23%25.png');
    expect(paths.relative('index.html', 'a:b.png')).toBe('a%3Ab.png');
    expect(paths.relative('index.html', '日本/café.png')).toBe('%E6%97%A5%E6%9C%AC/caf%C3%A9.png');
  });
});

describe('LocalPaths on odd URLs', () => {
  // A small deterministic generator: the same odd URLs on every run.
  function* oddUrls(count: number): Generator<[string, string | undefined, RefKind]> {
    let seed = 42;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pieces = [
      'a',
      'B',
      '.',
      '..',
      '%2e%2E',
      '%2F',
      '%5C',
      '%00',
      '%7F',
      '%C2%85',
      '%E9',
      '%F0%9F%98%80',
      '%20',
      ' ',
      '日本',
      'e\u0301',
      '\u00e9',
      'index.html',
      'INDEX.HTML',
      'x.php',
      'style.css',
      'C:',
      '~',
      '#',
      '?',
      '__gate',
      '_external',
      'q'.repeat(130),
      '%25',
      ';',
      ',',
      "'",
    ];
    const types = [
      undefined,
      'text/html',
      'text/css',
      'image/png',
      'application/octet-stream',
      'text/plain',
      'image/svg+xml',
      'application/json',
      'font/woff2',
      'weird/type',
    ];
    const kinds: RefKind[] = ['asset', 'stylesheet', 'document'];
    const hosts = ['ex.com', 'EX.com', 'cdn.other.com', 'other.com:8080', '[::1]', 'xn--bcher-kva.example'];
    for (let i = 0; i < count; i++) {
      const segments = Array.from({ length: 1 + next(next(9) === 0 ? 40 : 5) }, () =>
        Array.from({ length: 1 + next(3) }, () => pieces[next(pieces.length)]).join(''),
      );
      const query = next(3) === 0 ? `?${pieces[next(pieces.length)]}=${next(5)}` : '';
      const slash = next(5) === 0 ? '/' : '';
      yield [`https://${hosts[next(hosts.length)]}/${segments.join('/')}${slash}${query}`, types[next(types.length)], kinds[next(kinds.length)]];
    }
  }

  it('every path passes normalizeFilePath, is unique (case-insensitively), never a file inside a file, and resolves back', () => {
    const urls = [...oddUrls(1500)];
    const paths = new LocalPaths(SOURCE);
    const again = new LocalPaths(SOURCE);
    const stored = new Set<string>(['index.html']);
    const byUrl = new Map<string, string>();
    for (const [url, type, kind] of urls) {
      const path = paths.pathFor(url, type, kind);
      expect(again.pathFor(url, type, kind)).toBe(path);
      expect(normalizeFilePath(path)).toBe(path);
      const key = new URL(url).href.replace(/#.*$/, '');
      if (byUrl.has(key)) expect(path).toBe(byUrl.get(key));
      // (A URL keeps the path of its first call, whatever kind it is asked for later.)
      else if (kind === 'asset' && /\.html?$/i.test(path)) expect(new URL(url).pathname).toMatch(/\.html?$/i);
      byUrl.set(key, path);
      stored.add(path);
    }
    const folded = [...stored].map(foldCase);
    expect(new Set(folded).size).toBe(stored.size);
    const folders = new Set(
      folded.flatMap((p) =>
        p
          .split('/')
          .slice(0, -1)
          .map((_, i, s) => s.slice(0, i + 1).join('/')),
      ),
    );
    for (const p of folded) expect(folders.has(p)).toBe(false);

    // A reference written into one stored file reaches the other: resolve as a browser does, decode %XX as
    // the page server does.
    const list = [...stored];
    const base = 'https://outpost.test/p/abc/';
    for (let i = 0; i < list.length; i += 7) {
      const from = list[i];
      const to = list[(i * 31 + 5) % list.length];
      const fromUrl = base + from.split('/').map(encodeURIComponent).join('/');
      const resolved = new URL(paths.relative(from, to), fromUrl);
      expect(resolved.search).toBe('');
      expect(resolved.hash).toBe('');
      expect(decodeURIComponent(resolved.pathname.slice('/p/abc/'.length))).toBe(to);
    }
  });
});
