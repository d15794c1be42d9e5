// Runs the engine in a worker thread of its own, so its work (parsing, journaling, writing blobs) runs beside
// the application's event loop instead of on it. The driver reaches it over its socket exactly as before.
// The engine thread is part of the process: a kill -9 ends both, and what it acknowledged is in the journal.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { defaultEngineError, defaultEngineLog, type EngineOptions, type RunningEngine } from './server.ts';

/** What crosses to the engine thread: everything but the callbacks, which stay on this side. */
export type WorkerEngineOptions = Omit<EngineOptions, 'log' | 'onError'>;

export type ToEngineThread = { type: 'close' };
export type FromEngineThread =
  | { type: 'started'; uri: string; socketPath: string | undefined; port: number | undefined; host: string | undefined }
  | { type: 'failed'; message: string }
  | { type: 'log'; message: string }
  | { type: 'error'; message: string }
  | { type: 'closed' };

export interface InWorkerOptions extends EngineOptions {
  /**
   * Called once if the engine thread dies while it should be running (an uncaught error, out of memory).
   * Default: the error is thrown, uncaught, as the same failure of an engine on this thread would be.
   */
  onCrash?: (error: Error) => void;
  /** Heap limits of the engine thread (a small young generation by default, the rest Node's defaults). */
  resourceLimits?: ResourceLimits;
}

/**
 * The engine's garbage is short-lived (requests parsed, replies built) and its data is old: V8's default young
 * generation, which grows to tens of MB under a steady load, only held that much more memory for nothing.
 */
const YOUNG_GENERATION_MB = 8;

/** Starts the engine on its own thread; rejects with the engine's own message when it cannot start. */
export function startEngineInWorker(options: InWorkerOptions = {}): Promise<RunningEngine> {
  const { log: logOption, onError: onErrorOption, onCrash: onCrashOption, resourceLimits, ...shared } = options;
  const log = logOption ?? defaultEngineLog;
  const onError = onErrorOption ?? defaultEngineError;
  const onCrash =
    onCrashOption ??
    ((error: Error) => {
      throw error;
    });
  const worker = new Worker(new URL('./engine-worker.ts', import.meta.url), {
    workerData: shared satisfies WorkerEngineOptions,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, ...resourceLimits },
    execArgv: threadExecArgv(process.execArgv),
  });
  const persisted = Boolean(shared.dataDir) && !shared.inMemory;
  let closedCleanly = false;
  let lastError: string | undefined;
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));

  return new Promise<RunningEngine>((resolve, reject) => {
    let started = false;
    worker.on('message', (message: FromEngineThread) => {
      if (message.type === 'log') log(message.message);
      else if (message.type === 'error') onError(new Error(message.message));
      else if (message.type === 'failed') reject(new Error(message.message));
      else if (message.type === 'closed') closedCleanly = true;
      else if (message.type === 'started') {
        started = true;
        resolve(running(message));
      }
    });
    worker.on('error', (e) => (lastError = e.stack ?? e.message));
    worker.once('exit', (code) => {
      const reason = `The embedded database engine's thread stopped (exit code ${code})${lastError ? `: ${lastError}` : ''}`;
      if (!started) reject(new Error(reason));
      else if (!closedCleanly) onCrash(new Error(`${reason}.${persisted ? ' Acknowledged writes are in its journal; restart to reopen it.' : ''}`));
    });
  });

  function running(where: Extract<FromEngineThread, { type: 'started' }>): RunningEngine {
    let closed: Promise<void> | undefined;
    return {
      uri: where.uri,
      socketPath: where.socketPath,
      port: where.port,
      host: where.host,
      close() {
        closed ??= (async () => {
          worker.postMessage({ type: 'close' } satisfies ToEngineThread);
          await exited;
        })();
        return closed;
      },
    };
  }
}

/**
 * The flags a thread takes that shape how its modules load and how warnings print. The rest are left out: a
 * thread refuses V8 and process-wide flags (--max-old-space-size, --expose-gc, --title…), which apply to it
 * anyway, and fails with flags about the process's entry point (--input-type, --eval, --test, --watch…).
 */
const THREAD_FLAG =
  /^(?:-C|--conditions|--import|-r|--require|--loader|--experimental-loader|--disable-warning|--no-warnings|--enable-source-maps|--no-deprecation|--throw-deprecation|--trace-deprecation|--pending-deprecation|--trace-warnings|--(?:no-)?experimental-[a-z-]+)(?:=|$)/;
const THREAD_FLAG_WITH_VALUE = /^(?:-C|--conditions|--import|-r|--require|--loader|--experimental-loader|--disable-warning)$/;

/** The process's Node flags that the engine's thread takes (see THREAD_FLAG), with their values. */
export function threadExecArgv(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const flag = execArgv[i]!;
    if (!THREAD_FLAG.test(flag)) continue;
    kept.push(flag);
    if (THREAD_FLAG_WITH_VALUE.test(flag) && i + 1 < execArgv.length) kept.push(execArgv[++i]!);
  }
  return kept;
}
