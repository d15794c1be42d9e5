// captureSite with the real worker threads and guarded fetcher against a loopback fixture: every document and
// stylesheet is read and rendered by a worker thread (never this one), and frames and stylesheets are
// fetched ahead of the plain assets that were found before them.
import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { captureSite, type DocumentReader } from '../../src/capture/capture-site.ts';
import { DocumentParser } from '../../src/capture/document-parser.ts';
import { FetchSlots } from '../../src/capture/fetch-slots.ts';
import { createGuardedFetcher } from '../../src/capture/net/guarded-fetch.ts';
import { seededPng, startFixtureServer } from '../support/capture-fixtures.ts';

const fixture = await startFixtureServer();
const fetcher = createGuardedFetcher({ allowedNetworks: ['127.0.0.0/8'], allowedPorts: [fixture.port] });
const parser = new DocumentParser(60_000);

afterAll(async () => {
  await parser.close();
  await fetcher.close();
  await fixture.close();
});

fixture.routes({
  '/t/index.html': {
    type: 'text/html',
    body: '<!doctype html><title>T</title><img src="a.png"><img src="b.png"><img src="c.png"><link rel="stylesheet" href="s.css"><iframe src="f.html"></iframe>',
  },
  '/t/s.css': { type: 'text/css', body: '@import "deep.css"; body { background: url(d.png) }' },
  '/t/deep.css': { type: 'text/css', body: 'p { color: red }' },
  '/t/f.html': { type: 'text/html', body: '<!doctype html><img src="a.png">' },
  ...Object.fromEntries(['a', 'b', 'c', 'd'].map((n) => [`/t/${n}.png`, { type: 'image/png', body: seededPng(n) }])),
});

/** The real parser, noting which thread read or rendered each document. */
function recordingParser(threads: { parsed: number[]; rendered: number[] }): DocumentReader {
  return {
    async parse(source, signal, handOver) {
      const doc = await parser.parse(source, signal, handOver);
      threads.parsed.push(doc.thread);
      return doc;
    },
    async render(template, paths, signal) {
      const rendered = await parser.render(template, paths, signal);
      threads.rendered.push(rendered.thread);
      return rendered;
    },
  };
}

function capture(reader: DocumentReader) {
  return captureSite(fixture.url('/t/index.html'), {
    fetcher,
    parser: reader,
    slots: new FetchSlots({ total: 16, perHost: 1 }), // one fetch at a time: the order is the scheduler's alone
    limits: { assetTimeoutMs: 20_000, totalTimeoutMs: 60_000, maxAssetBytes: 1 << 20, maxBytes: 1 << 24, maxAssets: 100, maxRedirects: 5, frameDepth: 2 },
    maxProblems: 10,
  });
}

describe('captureSite', () => {
  it('reads and renders every document and stylesheet in worker threads, not on the event loop', async () => {
    const threads = { parsed: [] as number[], rendered: [] as number[] };
    const result = await capture(recordingParser(threads));
    // The page, its frame and both stylesheets: each read once and rendered once, all by workers.
    expect(threads.parsed).toHaveLength(4);
    expect(threads.rendered).toHaveLength(4);
    expect([...threads.parsed, ...threads.rendered].every((t) => t !== threadId)).toBe(true);
    const files = Object.fromEntries(result.files.map((f) => [f.path, f.content.toString('utf8')]));
    // The page is stored where the site has it, its references relative to that place.
    expect(result.defaultFile).toBe('t/index.html');
    expect(result.files[0].path).toBe('t/index.html');
    expect(Object.keys(files).sort()).toEqual(['t/a.png', 't/b.png', 't/c.png', 't/d.png', 't/deep.css', 't/f.html', 't/index.html', 't/s.css']);
    expect(files['t/index.html']).toContain('<img src="a.png">');
    expect(files['t/index.html']).toContain('<iframe src="f.html">');
    expect(files['t/s.css']).toBe('@import "deep.css"; body { background: url("d.png") }');
  });

  it('fetches frames, then stylesheets, ahead of the plain assets found before them', async () => {
    fixture.clearLog();
    await capture(parser);
    const order = fixture.log.map((e) => e.key.replace('/t/', ''));
    // a.png was already on its way when the rest was found; the frame, then the sheet, overtake b.png and c.png.
    expect(order.slice(0, 4)).toEqual(['index.html', 'a.png', 'f.html', 's.css']);
    expect(order.indexOf('deep.css')).toBeGreaterThan(order.indexOf('s.css'));
    expect(order).toHaveLength(8);
  });
});
