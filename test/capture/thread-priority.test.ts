// A parse worker lowers its own priority and that of V8's platform threads (which collect its garbage), so the
// event loop gets a core first. Linux only: elsewhere a thread has no priority of its own.
import fs from 'node:fs';
import os from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentParser } from '../../src/capture/document-parser.ts';

const LINUX = process.platform === 'linux' && fs.existsSync('/proc/self/task');

/** The priority (nice value) of each thread of this process with that name. */
function priorities(name: string): number[] {
  return fs
    .readdirSync('/proc/self/task')
    .filter((tid) => fs.readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim() === name)
    .map((tid) => os.getPriority(Number(tid)));
}

describe.skipIf(!LINUX)('parse worker priority', () => {
  const parser = new DocumentParser(60_000);
  afterAll(() => parser.close());

  it('lowers its own thread and the V8 platform threads; the event loop keeps its priority', async () => {
    const mainBefore = os.getPriority(process.pid);
    const before = priorities('V8Worker');
    expect(Math.min(...before)).toBeLessThan(10); // else this test proves nothing
    const doc = await parser.parse({
      type: 'html',
      body: Buffer.from('<title>t</title><img src="a.png">'),
      contentType: 'text/html',
      url: 'http://example.test/',
    });
    expect(doc.refs).toEqual([{ url: 'http://example.test/a.png', kind: 'asset' }]);
    expect(priorities('V8Worker').every((nice) => nice >= 10)).toBe(true);
    // Worker threads (the parse worker among them) are named after their kind; at least one is lowered.
    expect(Math.max(...priorities('WorkerThread'))).toBeGreaterThanOrEqual(10);
    expect(os.getPriority(process.pid)).toBe(mainBefore);
  });
});
