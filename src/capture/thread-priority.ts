// Lowering the CPU priority of background work in this process, so the server's event loop gets a core first.
// Linux only (a thread has a priority of its own there, named by /proc/self/task); elsewhere nothing changes.
import fs from 'node:fs';
import os from 'node:os';

/** The name Node gives the threads of V8's platform pool (`--v8-pool-size`), seen in /proc/self/task/<tid>/comm. */
const V8_POOL_THREAD = 'V8Worker';

/** The calling thread runs at `niceness` (0 … 19) or lower priority. False when the platform does not allow it. */
export function lowerThisThread(niceness: number): boolean {
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').at(-1));
    if (!(Number.isInteger(tid) && tid > 0)) return false;
    lower(tid, niceness);
    return true;
  } catch {
    return false; // not Linux, or not allowed
  }
}

/**
 * V8's platform threads run at `niceness` or lower priority; returns how many were lowered. They do every
 * isolate's background garbage collection (parallel scavenges, concurrent marking), the event loop's as well
 * as a worker thread's. A worker reading a large document grows its heap by hundreds of megabytes, and
 * collecting that kept these threads as busy as the worker itself, at the event loop's priority.
 */
export function lowerV8PoolThreads(niceness: number): number {
  let lowered = 0;
  let tids: string[];
  try {
    tids = fs.readdirSync('/proc/self/task');
  } catch {
    return 0; // not Linux
  }
  for (const tid of tids) {
    try {
      if (fs.readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim() !== V8_POOL_THREAD) continue;
      lower(Number(tid), niceness);
      lowered++;
    } catch {
      // the thread ended meanwhile, or not allowed
    }
  }
  return lowered;
}

/** Raising a priority needs a privilege, so a thread already lower stays as it is. */
function lower(tid: number, niceness: number): void {
  os.setPriority(tid, Math.max(os.getPriority(tid), niceness));
}
