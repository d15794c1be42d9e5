// A watch's first run compares with the live version's text: when the stored page can't be read (a chunk
// of it is gone), the run fails instead of comparing no text, and the server log has the cause.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chunkDocs, fileDocs } from '../../src/pages/file-versions.ts';
import { startFixtureServer, type FixtureServer } from '../support/capture-fixtures.ts';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
import { runOnce, TestClock } from './watch-helpers.ts';

let site: FixtureServer;
let outpost: TestOutpost;
let token: string;
const clock = new TestClock();
const logLines: string[] = [];

beforeAll(async () => {
  site = await startFixtureServer();
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  outpost = await startTestOutpost(
    { SIGNUP_MODE: 'open', LOG_LEVEL: 'warn', CAPTURE_ALLOWED_NETWORKS: '127.0.0.0/8', CAPTURE_ALLOWED_PORTS: String(site.port) },
    { logStream, watches: { now: clock.now, pollMs: 60_000 } },
  );
  ({ token } = await signupAndLogin(outpost, 'alice@example.com'));
});

afterAll(async () => {
  await outpost?.stop();
  await site?.close();
});

it('a live page whose bytes cannot be read: the first run fails (reason error), and the cause is logged', async () => {
  // Two GridFS chunks: the driver reports a missing first chunk when the second comes instead.
  const html = `<title>Live</title><p>Unreadable now</p>${'<p>filler</p>'.repeat(25_000)}`;
  const live = await outpost.api('/api/pages', { token, body: { html } });
  expect(live.status).toBe(201);
  const { db } = outpost.database;
  const stored = await fileDocs(db).findOne({ 'metadata.pageId': live.body.id, 'metadata.path': 'index.html' });
  expect(stored!.length).toBeGreaterThan(stored!.chunkSize);
  const removed = await chunkDocs(db).deleteOne({ files_id: stored!.metadata.blob ?? stored!._id, n: 0 });
  expect(removed.deletedCount).toBe(1);

  site.route('/news', { type: 'text/html', body: '<title>News</title><p>Fresh text</p>' });
  const res = await outpost.api('/api/watches', {
    token,
    body: { page_id: live.body.id, source_url: site.url('/news'), schedule: { interval_minutes: 15 } },
  });
  expect(res.status).toBe(201);
  const signal = await runOnce(outpost, clock, token, res.body.watch.id);
  expect(signal).toMatchObject({ outcome: 'failed', changed: false, failure: { reason: 'error' } });
  const logged = logLines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'capture: failed on an unexpected error');
  expect(logged).toMatchObject({ job: signal.job_id, err: { message: expect.stringContaining('ChunkIsMissing') } });
  // The page keeps its live version: nothing was written over it.
  expect((await outpost.api(`/api/pages/${live.body.id}`, { token })).body.current_version).toBe(live.body.current_version);
});
