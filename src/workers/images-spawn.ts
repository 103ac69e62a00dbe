/** Starts a Studio image worker (job.worker.ts named 'images'); no Comlink here, so the app shell can import it. */
export const spawnImagesWorker = (): Worker =>
  new Worker(new URL('./job.worker.ts', import.meta.url), { type: 'module', name: 'images' });
