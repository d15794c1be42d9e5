// WorkerPool with real worker threads: tasks are answered and workers reused; a task past its time limit, a
// cancelled one and every one at close() are ended by terminating the worker, even a task that never returns.
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/capture/worker-pool.ts';
import type { SpinTask } from '../support/spin-worker.ts';

const MODULE = new URL('../support/spin-worker.ts', import.meta.url);
const LONG = 600_000;
const pools: WorkerPool<SpinTask, string>[] = [];

function pool(size: number, module = MODULE) {
  const p = new WorkerPool<SpinTask, string>(module, size);
  pools.push(p);
  return p;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('WorkerPool', () => {
  it('answers tasks, reusing its workers up to the size', async () => {
    const p = pool(2);
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((echo) => p.run({ echo }, { timeoutMs: LONG })));
    expect(answers).toEqual(['a', 'b', 'c', 'd']);
    expect(p.workers).toBe(2);
    expect(await p.run({ echo: 'e' }, { timeoutMs: LONG })).toBe('e');
    expect(p.workers).toBe(2);
  });

  it("a task's error comes back with its reason; the worker keeps serving", async () => {
    const p = pool(1);
    await expect(p.run({ fail: 'no good' }, { timeoutMs: LONG })).rejects.toMatchObject({ reason: 'custom', message: 'no good' });
    expect(await p.run({ echo: 'next' }, { timeoutMs: LONG })).toBe('next');
  });

  it('a task past its time limit is terminated (reason "timeout"); the next task gets a fresh worker', async () => {
    const p = pool(1);
    const spinning = p.run({ spin: true }, { timeoutMs: 200 });
    const next = p.run({ echo: 'after' }, { timeoutMs: LONG }); // waits for the only worker
    await expect(spinning).rejects.toMatchObject({ reason: 'timeout' });
    expect(await next).toBe('after');
    expect(p.workers).toBe(1);
  });

  it("a worker's module loading does not count against the time limit of the task it was started for", async () => {
    const p = pool(1, new URL('../support/slow-start-worker.ts', import.meta.url));
    expect(await p.run({ echo: 'loaded' }, { timeoutMs: 500 })).toBe('loaded'); // it loads for 1.5 s
  });

  it("byte arrays named in `transfer` move to the worker (the caller's copy is detached)", async () => {
    const p = pool(1);
    const bytes = new Uint8Array([1, 2, 3]);
    expect(await p.run({ echo: 'moved', bytes }, { timeoutMs: LONG, transfer: [bytes.buffer] })).toBe('moved');
    expect(bytes.byteLength).toBe(0);
  });

  it('cancelling a running task terminates it (reason "cancelled"); a waiting one just leaves the queue', async () => {
    const p = pool(1);
    const running = new AbortController();
    const waiting = new AbortController();
    const spinning = p.run({ spin: true }, { timeoutMs: LONG, signal: running.signal });
    const queued = p.run({ echo: 'never' }, { timeoutMs: LONG, signal: waiting.signal });
    waiting.abort();
    await expect(queued).rejects.toMatchObject({ reason: 'cancelled' });
    running.abort();
    await expect(spinning).rejects.toMatchObject({ reason: 'cancelled' });
    expect(p.workers).toBe(0);
    expect(await p.run({ echo: 'again' }, { timeoutMs: LONG })).toBe('again');
  });

  it('close() ends running and waiting tasks (reason "stopped") and terminates the workers; later tasks are refused', async () => {
    const p = pool(1);
    const spinning = p.run({ spin: true }, { timeoutMs: LONG });
    const queued = p.run({ echo: 'never' }, { timeoutMs: LONG });
    const outcomes = Promise.allSettled([spinning, queued]);
    await p.close();
    const stopped = { status: 'rejected', reason: expect.objectContaining({ reason: 'stopped' }) };
    expect(await outcomes).toEqual([stopped, stopped]);
    expect(p.workers).toBe(0);
    await expect(p.run({ echo: 'late' }, { timeoutMs: LONG })).rejects.toMatchObject({ reason: 'stopped' });
  });
});
