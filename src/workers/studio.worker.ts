/**
 * The Studio's worker: generative models train here, never on the page's thread. Each model keeps its
 * methods in src/workers/studio/<model>-api.ts, prefixed by the model so they cannot collide.
 */
import { expose } from 'comlink';
import { gan2dApi } from './studio/gan2d-api';

const api = {
  ...gan2dApi,
};

export type StudioApi = typeof api;
expose(api);
