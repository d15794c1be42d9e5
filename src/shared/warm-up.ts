// Modules a start leaves for their first use, loaded in the background once the server listens, one after
// another, so that the first request that needs one does not wait for it.

export type WarmUpStep = [what: string, load: () => Promise<unknown>];

/**
 * Never rejects: a step that fails is reported, and the first request that needs it meets the same error.
 * Starts after `delayMs`: loading a module blocks the event loop while it is evaluated.
 */
export async function warmUp(steps: WarmUpStep[], report: (message: string) => void, delayMs = 0): Promise<void> {
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
  for (const [what, load] of steps) {
    // Requests that arrived meanwhile go first.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      await load();
    } catch (err) {
      report(`${what} could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
