// A worker for WorkerPool tests: echoes, throws with a reason, or spins forever (only terminating it ends that).
import { serveTasks } from '../../src/capture/worker-pool.ts';

export type SpinTask = { echo: string; bytes?: Uint8Array } | { fail: string } | { spin: true };

serveTasks((task: SpinTask) => {
  if ('echo' in task) return task.echo;
  if ('fail' in task) throw Object.assign(new Error(task.fail), { reason: 'custom' });
  for (;;) {
    /* until terminated */
  }
});
