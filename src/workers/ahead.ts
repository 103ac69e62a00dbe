/**
 * Workers started ahead of their page. The app shell knows the route before the page's code has downloaded;
 * for a page whose worker takes long to load (the image models: tfjs, its WASM backend and the MNIST digits)
 * it starts that worker at once, and the page's client takes it instead of starting its own. The work a worker
 * does while nobody has called it yet is only loading; a worker no page took ends when the route changes.
 */
export type AheadJob = 'images';

interface Started {
  worker: Worker;
  /** It raised an error before anyone listened (its code failed to load): it is not handed out. */
  failed: boolean;
}

const started = new Map<AheadJob, Started>();

/** Starts `job`'s worker now with `spawn` (the job's client's own `new Worker(...)`), unless one is waiting. */
export function startAhead(job: AheadJob, spawn: () => Worker): void {
  if (started.has(job)) return;
  const entry: Started = { worker: spawn(), failed: false };
  entry.worker.addEventListener('error', () => (entry.failed = true), { once: true });
  started.set(job, entry);
}

/** The worker started ahead for `job`, or a fresh one from `spawn` when none waits (or the waiting one failed). */
export function takeWorker(job: AheadJob, spawn: () => Worker): Worker {
  const entry = started.get(job);
  started.delete(job);
  if (entry && !entry.failed) return entry.worker;
  entry?.worker.terminate();
  return spawn();
}

/** Ends the workers started ahead that no page took, but `keep`'s. */
export function dropAhead(keep?: AheadJob): void {
  for (const [job, entry] of started) {
    if (job === keep) continue;
    entry.worker.terminate();
    started.delete(job);
  }
}
