/** The UI's handle on an arena run's worker (one worker per run). */
import type { RlApi } from './protocol/rl';
import { WorkerBridge } from './bridge';

export function createRlWorker(onCrash?: (message: string) => void): WorkerBridge<RlApi> {
  return new WorkerBridge<RlApi>(
    () => new Worker(new URL('./job.worker.ts', import.meta.url), { type: 'module', name: 'rl' }),
    onCrash,
  );
}
