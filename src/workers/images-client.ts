/** The UI's handle on a Studio MNIST run's worker (one worker per page). */
import type { ImagesApi } from './protocol/images';
import { WorkerBridge } from './bridge';
import { takeWorker } from './ahead';
import { spawnImagesWorker } from './images-spawn';

/**
 * `takeAhead`: a training page takes the worker the app shell started for its route (ahead.ts), if one waits;
 * other uses (exporting a checkpoint) start their own.
 */
export function createImagesWorker(
  onCrash?: (message: string) => void,
  takeAhead = false,
): WorkerBridge<ImagesApi> {
  return new WorkerBridge<ImagesApi>(
    takeAhead ? () => takeWorker('images', spawnImagesWorker) : spawnImagesWorker,
    onCrash,
  );
}
