/** The UI's handle on a Studio MNIST run's worker (one worker per page). */
import type { ImagesApi } from './protocol/images';
import { WorkerBridge } from './bridge';

export function createImagesWorker(onCrash?: (message: string) => void): WorkerBridge<ImagesApi> {
  return new WorkerBridge<ImagesApi>(
    () => new Worker(new URL('./job.worker.ts', import.meta.url), { type: 'module', name: 'images' }),
    onCrash,
  );
}
