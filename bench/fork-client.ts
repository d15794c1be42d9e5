// Runs a bench's load generator in a child process (so it does not compete with the servers for
// this process's event loop) and hands it one job at a time.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LoadClient<Job, Result> {
  run(job: Job): Promise<Result>;
  close(): void;
}

export function forkLoadClient<Job, Result>(script: URL): LoadClient<Job, Result> {
  const child = fork(fileURLToPath(script), [], {
    execArgv: [], // not the parent's (e.g. --cpu-prof)
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let pending: { resolve(r: Result): void; reject(e: Error): void } | undefined;
  child.on('message', (result: Result) => {
    pending?.resolve(result);
    pending = undefined;
  });
  child.on('exit', (code) => {
    pending?.reject(new Error(`the load client exited (${code})`));
    pending = undefined;
  });
  return {
    run(job) {
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        child.send(job as object);
      });
    },
    close() {
      if (child.connected) child.disconnect();
    },
  };
}
