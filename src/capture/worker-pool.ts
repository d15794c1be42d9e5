// A few worker threads for work that must not hold the event loop (reading captured documents). Tasks wait
// for a free worker; each has a time limit counted from when a worker that has loaded its module takes it
// (loading is not the task's time; a worker gets WORKER_START_LIMIT_MS for it). A task past its limit, or
// cancelled while it runs, is stopped by terminating its worker (a fresh one takes the next task), so
// nothing a task does can outlast its limit or a shutdown. Large byte arrays cross by transfer, not copy
// (a structured copy of megabytes is work for the event loop too).
import { parentPort, Worker, type Transferable } from 'node:worker_threads';

/** Why a task ended without a result: its own error's reason, or timeout, cancelled, stopped, crashed. */
export class TaskFailed extends Error {
  readonly reason: string;

  constructor(reason: string, message: string) {
    super(message);
    this.name = 'TaskFailed';
    this.reason = reason;
  }
}

/** The bytes in an ArrayBuffer of their own, which can be transferred (a Buffer may share a pool's). */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  const whole = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole ? bytes : new Uint8Array(bytes);
}

/** How long a new worker may take to load its module (a busy machine can take seconds). */
const WORKER_START_LIMIT_MS = 60_000;

type Reply<Out> = { ok: true; value: Out } | { ok: false; reason: string; message: string };
/** A worker's first message: it has loaded and listens. */
type Ready = { ready: true };

/**
 * In the worker's module: answers each task with `handle`'s result; an error's `reason` property goes along.
 * `transferOf` names what of a result moves to the caller instead of being copied.
 */
export function serveTasks<In, Out>(handle: (input: In) => Out, transferOf: (value: Out) => Transferable[] = () => []): void {
  if (!parentPort) throw new Error('serveTasks runs in a worker thread');
  const port = parentPort;
  port.on('message', (input: In) => {
    let reply: Reply<Out>;
    let transfer: Transferable[] = [];
    try {
      const value = handle(input);
      reply = { ok: true, value };
      transfer = transferOf(value);
    } catch (e) {
      const reason = e instanceof Error && 'reason' in e && typeof e.reason === 'string' ? e.reason : 'error';
      reply = { ok: false, reason, message: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply, transfer);
  });
  port.postMessage({ ready: true } satisfies Ready);
}

export interface RunOptions {
  /** From when a worker takes the task. */
  timeoutMs: number;
  /** Aborting cancels the task, waiting or running. */
  signal?: AbortSignal;
  /** What of the input moves to the worker instead of being copied (unusable here once the task starts). */
  transfer?: Transferable[];
}

interface Task<In, Out> {
  input: In;
  options: RunOptions;
  resolve(value: Out): void;
  reject(error: TaskFailed): void;
  onAbort(): void;
}

interface Slot<In, Out> {
  worker: Worker;
  /** Its module has loaded (it said so). */
  ready: boolean;
  /** Until then, its start limit. */
  starting?: NodeJS.Timeout;
  task?: Task<In, Out>;
  timer?: NodeJS.Timeout;
}

export class WorkerPool<In, Out> {
  readonly #module: URL;
  readonly #size: number;
  readonly #slots = new Set<Slot<In, Out>>();
  readonly #queue: Task<In, Out>[] = [];
  readonly #terminating = new Set<Promise<unknown>>();
  #closed = false;

  /** `module` calls serveTasks; up to `size` workers are started, as tasks need them, and reused. */
  constructor(module: URL, size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`a worker pool needs at least one worker (got ${size})`);
    this.#module = module;
    this.#size = size;
  }

  /** Workers running now (for tests and the log). */
  get workers(): number {
    return this.#slots.size;
  }

  run(input: In, options: RunOptions): Promise<Out> {
    if (this.#closed) return Promise.reject(new TaskFailed('stopped', 'The server is stopping.'));
    if (options.signal?.aborted) return Promise.reject(new TaskFailed('cancelled', 'The task was cancelled.'));
    return new Promise<Out>((resolve, reject) => {
      const task: Task<In, Out> = { input, options, resolve, reject, onAbort: () => this.#cancel(task) };
      options.signal?.addEventListener('abort', task.onAbort, { once: true });
      this.#queue.push(task);
      this.#dispatch();
    });
  }

  /** Fails waiting tasks and terminates every worker (running tasks fail with reason "stopped"). */
  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0)) this.#fail(task, new TaskFailed('stopped', 'The server is stopping.'));
    for (const slot of [...this.#slots]) this.#discard(slot, new TaskFailed('stopped', 'The server is stopping.'));
    await Promise.all(this.#terminating);
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      let slot = [...this.#slots].find((s) => !s.task);
      if (!slot) {
        if (this.#slots.size >= this.#size) return;
        slot = this.#spawn();
      }
      this.#start(slot, this.#queue.shift()!);
    }
  }

  #spawn(): Slot<In, Out> {
    const slot: Slot<In, Out> = { worker: new Worker(this.#module), ready: false };
    slot.starting = setTimeout(() => {
      this.#discard(slot, new TaskFailed('crashed', `The worker did not start within ${WORKER_START_LIMIT_MS} ms.`));
    }, WORKER_START_LIMIT_MS).unref();
    slot.worker.on('message', (reply: Reply<Out> | Ready) => {
      if ('ready' in reply) {
        slot.ready = true;
        clearTimeout(slot.starting);
        if (slot.task) this.#startTimer(slot, slot.task);
        return;
      }
      const task = this.#finish(slot);
      if (!task) return;
      if (reply.ok) task.resolve(reply.value);
      else task.reject(new TaskFailed(reply.reason, reply.message));
      this.#dispatch();
    });
    slot.worker.on('error', (e) => this.#discard(slot, new TaskFailed('crashed', `The worker failed: ${e.message}`)));
    slot.worker.on('exit', (code) => this.#discard(slot, new TaskFailed('crashed', `The worker exited (code ${code}).`)));
    slot.worker.unref(); // an idle worker doesn't keep the process alive
    this.#slots.add(slot);
    return slot;
  }

  #start(slot: Slot<In, Out>, task: Task<In, Out>): void {
    slot.task = task;
    slot.worker.ref();
    if (slot.ready) this.#startTimer(slot, task);
    slot.worker.postMessage(task.input, task.options.transfer);
  }

  #startTimer(slot: Slot<In, Out>, task: Task<In, Out>): void {
    slot.timer = setTimeout(() => {
      this.#discard(slot, new TaskFailed('timeout', `The task took longer than ${task.options.timeoutMs} ms.`));
    }, task.options.timeoutMs);
  }

  /** The slot's task, taken off it; the worker is idle again. */
  #finish(slot: Slot<In, Out>): Task<In, Out> | undefined {
    const task = slot.task;
    clearTimeout(slot.timer);
    slot.task = undefined;
    slot.timer = undefined;
    if (this.#slots.has(slot)) slot.worker.unref();
    if (task) task.options.signal?.removeEventListener('abort', task.onAbort);
    return task;
  }

  /** Terminates the slot's worker and fails its task (if any); the next task gets a new worker. */
  #discard(slot: Slot<In, Out>, error: TaskFailed): void {
    if (!this.#slots.delete(slot)) return;
    clearTimeout(slot.starting);
    const task = this.#finish(slot);
    const terminated = slot.worker.terminate().catch(() => {});
    this.#terminating.add(terminated);
    void terminated.finally(() => this.#terminating.delete(terminated));
    if (task) task.reject(error);
    if (!this.#closed) this.#dispatch();
  }

  #cancel(task: Task<In, Out>): void {
    const cancelled = new TaskFailed('cancelled', 'The task was cancelled.');
    const waiting = this.#queue.indexOf(task);
    if (waiting !== -1) {
      this.#queue.splice(waiting, 1);
      return this.#fail(task, cancelled);
    }
    const slot = [...this.#slots].find((s) => s.task === task);
    if (slot) this.#discard(slot, cancelled);
  }

  #fail(task: Task<In, Out>, error: TaskFailed): void {
    task.options.signal?.removeEventListener('abort', task.onAbort);
    task.reject(error);
  }
}
