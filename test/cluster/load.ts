// A load of named workers, each repeating one operation, with a kill in the middle: every operation is
// recorded with the phase it started in and the one it ended in ('before' the kill, during the 'kill',
// 'after' the killed process is gone), so a test can tell what was in flight when it happened.
import type { CallOutcome } from '../support/mcp-revisions.ts';

export type Phase = 'before' | 'kill' | 'after';

export interface LoadRecord extends CallOutcome {
  worker: string;
  phase: Phase;
  endedIn: Phase;
}

export interface LoadOptions {
  /** Each worker has done this many operations before the kill. */
  opsBeforeKill?: number;
  /** Each worker does this many operations after it, then stops. */
  opsAfterKill?: number;
  /** A worker waits after this many before the kill (so a fast one cannot spend its user's budget). */
  maxOpsBeforeKill?: number;
}

export function attachLoad({ opsBeforeKill = 3, opsAfterKill = 6, maxOpsBeforeKill = 60 }: LoadOptions = {}) {
  let phase: Phase = 'before';
  const records: LoadRecord[] = [];
  const loops: { name: string; op: (phase: Phase) => Promise<CallOutcome>; before: number }[] = [];
  let finished: Promise<unknown> = Promise.resolve();

  const run = async (loop: (typeof loops)[number]) => {
    let after = 0;
    while (after < opsAfterKill) {
      const started = phase;
      if (started === 'before' && loop.before >= maxOpsBeforeKill) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      const outcome = await loop.op(started).catch((e: unknown) => ({ ok: false, error: (e as Error).message }) as CallOutcome);
      records.push({ worker: loop.name, phase: started, endedIn: phase, ...outcome });
      if (started === 'after') after++;
      else loop.before++;
    }
  };

  return {
    records,
    opsAfterKill,
    get workers() {
      return loops.map((l) => l.name);
    },
    /** Resolves when every worker has done its operations after the kill. */
    get finished() {
      return finished;
    },
    worker(name: string, op: (phase: Phase) => Promise<CallOutcome>) {
      loops.push({ name, op, before: 0 });
    },
    /** Starts the workers; once each has done opsBeforeKill operations, runs `kill` (in the middle of the load). */
    async runUntilKilled(kill: () => Promise<void>) {
      finished = Promise.all(loops.map(run));
      while (loops.some((l) => l.before < opsBeforeKill)) await new Promise((r) => setTimeout(r, 20));
      phase = 'kill';
      await kill();
      phase = 'after';
    },
  };
}
