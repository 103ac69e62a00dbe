/** The UI's handle on the Learn worker (one per open panel that trains something). */
import type { LearnApi } from './protocol/learn';
import { WorkerBridge } from './bridge';

export function createLearnWorker(onCrash?: (message: string) => void): WorkerBridge<LearnApi> {
  return new WorkerBridge<LearnApi>(
    () => new Worker(new URL('./job.worker.ts', import.meta.url), { type: 'module', name: 'learn' }),
    onCrash,
  );
}
