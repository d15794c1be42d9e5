// The embedded MongoDB-wire-compatible engine. It imports nothing from the application.
export { startEngine, type EngineOptions, type RunningEngine } from './server.ts';
export { startEngineInWorker, type InWorkerOptions } from './in-worker.ts';
export type { EngineCredentials } from './scram.ts';
export { socketPathIn, socketPathTooLong } from './socket-path.ts';
