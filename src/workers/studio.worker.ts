/**
 * The Studio's worker: generative models train here, never on the page's thread. Each model keeps its
 * methods in src/workers/studio/<model>-api.ts, prefixed by the model so they cannot collide. job.worker.ts (the one worker bundle) loads and
 * exposes them in a worker named 'studio'.
 */
import { gan2dApi } from './studio/gan2d-api';

export const api = {
  ...gan2dApi,
};

export type StudioApi = typeof api;
