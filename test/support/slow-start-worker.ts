// spin-worker.ts behind a module load that takes 1.5 s (a worker starting on a busy machine).
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
await import('./spin-worker.ts');
