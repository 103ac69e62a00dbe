/** The UI's handle on a Studio worker (one per open studio section that trains). */
import type { StudioApi } from './protocol/studio';
import { WorkerBridge } from './bridge';

export function createStudioWorker(onCrash?: (message: string) => void): WorkerBridge<StudioApi> {
  return new WorkerBridge<StudioApi>(
    () => new Worker(new URL('./job.worker.ts', import.meta.url), { type: 'module', name: 'studio' }),
    onCrash,
  );
}
