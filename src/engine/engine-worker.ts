// The embedded engine's own thread (see in-worker.ts): starts the engine with the options it was given,
// says where it listens, forwards its notices and errors, and closes it when asked.
import { parentPort, workerData } from 'node:worker_threads';
import { startEngine, type RunningEngine } from './server.ts';
import type { FromEngineThread, ToEngineThread, WorkerEngineOptions } from './in-worker.ts';

if (!parentPort) throw new Error('engine-worker.ts runs in a worker thread');
const port = parentPort;
const send = (message: FromEngineThread) => port.postMessage(message);

let engine: RunningEngine | undefined;
try {
  engine = await startEngine({
    ...(workerData as WorkerEngineOptions),
    log: (message) => send({ type: 'log', message }),
    onError: (error) => send({ type: 'error', message: describe(error) }),
  });
  send({ type: 'started', uri: engine.uri, socketPath: engine.socketPath, port: engine.port, host: engine.host });
} catch (e) {
  send({ type: 'failed', message: (e as Error)?.message ?? String(e) });
  port.close();
}

port.on('message', (message: ToEngineThread) => {
  if (message.type !== 'close' || !engine) return;
  void engine.close().then(() => {
    send({ type: 'closed' });
    port.close();
  });
});

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
