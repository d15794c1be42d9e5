// Watches in tests: a clock the test moves, and a run of a watch driven by it (the clock steps past the
// watch's next run, then the test waits for the signal that run leaves).
import type { TestOutpost } from '../support/outpost.ts';

export class TestClock {
  // Whole seconds, as the API writes its timestamps.
  #ms = Math.floor(Date.now() / 1000) * 1000;
  readonly now = () => new Date(this.#ms);

  advanceMinutes(minutes: number): void {
    this.#ms += minutes * 60_000;
  }
}

export async function signalsOf(outpost: TestOutpost, token: string, watchId: string): Promise<any[]> {
  const res = await outpost.api(`/api/signals?watch_id=${watchId}&limit=100`, { token });
  if (res.status !== 200) throw new Error(`GET /api/signals: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.signals;
}

/**
 * Waits until `watchId` has `count` signals and the run of the newest has ended (the watch shows it as its
 * last signal), and returns that signal.
 */
export async function waitForSignals(outpost: TestOutpost, token: string, watchId: string, count: number): Promise<any> {
  for (;;) {
    const signals = await signalsOf(outpost, token, watchId);
    if (signals.length >= count) {
      const watch = await outpost.api(`/api/watches/${watchId}`, { token });
      if (watch.status === 200 && watch.body.last_signal?.id === signals[0].id) return signals[0];
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Moves the clock one interval on and waits for the run it makes due. */
export async function runOnce(outpost: TestOutpost, clock: TestClock, token: string, watchId: string, minutes = 15): Promise<any> {
  const before = (await signalsOf(outpost, token, watchId)).length;
  clock.advanceMinutes(minutes);
  await outpost.app.watches.poll();
  return waitForSignals(outpost, token, watchId, before + 1);
}
