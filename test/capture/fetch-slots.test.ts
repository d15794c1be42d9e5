// FetchSlots: the instance's and each host's limit hold, waiting fetches start by priority (in the order
// they came within one), and a fetch whose signal aborts while it waits gives up its turn.
import { describe, expect, it } from 'vitest';
import { FetchSlots } from '../../src/capture/fetch-slots.ts';

/** A task that runs until its `finish` is called, noting when it started and what ran beside it. */
function gate(log: string[], running: Map<string, number>, name: string, host: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const task = async () => {
    log.push(name);
    running.set(host, (running.get(host) ?? 0) + 1);
    await done;
    running.set(host, running.get(host)! - 1);
    return name;
  };
  return { task, finish };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('FetchSlots', () => {
  it('holds the per-host and the total limit, and starts what waits as slots free up', async () => {
    const slots = new FetchSlots({ total: 3, perHost: 2 });
    const log: string[] = [];
    const running = new Map<string, number>();
    const tasks = ['a1', 'a2', 'a3', 'b1', 'b2', 'c1'].map((name) => ({ name, ...gate(log, running, name, name[0]) }));
    const results = tasks.map((t) => slots.run(t.name[0], t.task));
    await turn();
    // a3 waits for a's second slot; b1 takes the third; b2 and c1 wait for a slot of the instance.
    expect(log).toEqual(['a1', 'a2', 'b1']);
    tasks[0].finish(); // a1 done: a3, b2 and c1 may all take the free slot; a3 came first
    await turn();
    expect(log).toEqual(['a1', 'a2', 'b1', 'a3']);
    tasks[2].finish(); // a3 done: b2 came before c1
    await turn();
    expect(log).toEqual(['a1', 'a2', 'b1', 'a3', 'b2']);
    for (const t of tasks) t.finish();
    expect(await Promise.all(results)).toEqual(tasks.map((t) => t.name));
    expect(log).toEqual(['a1', 'a2', 'b1', 'a3', 'b2', 'c1']);
    expect([...running.values()].every((n) => n === 0)).toBe(true);
  });

  it('starts the highest priority first, in the order they came within a priority', async () => {
    const slots = new FetchSlots({ total: 1, perHost: 1 });
    const log: string[] = [];
    const first = gate(log, new Map(), 'first', 'h');
    const done: Promise<unknown>[] = [slots.run('h', first.task)];
    for (const [name, priority] of [
      ['low-1', 0],
      ['high-1', 2],
      ['mid', 1],
      ['high-2', 2],
      ['low-2', 0],
    ] as const) {
      done.push(slots.run('h', async () => void log.push(name), { priority }));
    }
    first.finish();
    await Promise.all(done);
    expect(log).toEqual(['first', 'high-1', 'high-2', 'mid', 'low-1', 'low-2']);
  });

  it('a fetch whose signal aborts while it waits is not started, and rejects with the reason; a failing task frees its slot', async () => {
    const slots = new FetchSlots({ total: 1, perHost: 1 });
    const log: string[] = [];
    const first = gate(log, new Map(), 'first', 'h');
    const running = slots.run('h', first.task);
    const stop = new AbortController();
    const waiting = slots.run('h', async () => void log.push('aborted one'), { signal: stop.signal });
    const next = slots.run('h', async () => {
      log.push('next');
      throw new Error('failed');
    });
    const last = slots.run('h', async () => void log.push('last'));
    stop.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
    first.finish();
    await running;
    await expect(next).rejects.toThrow('failed');
    await last;
    expect(log).toEqual(['first', 'next', 'last']);
    await expect(slots.run('h', async () => 1, { signal: AbortSignal.abort(new Error('already')) })).rejects.toThrow('already');
  });
});
