/**
 * The Learn panels' worker: the models the panels train (the regularization fit, the MNIST classifier and
 * CNN, RNNs, the tiny transformer) run here, never on the page's thread. Each group of panels keeps its
 * session in src/workers/learn/; their method names are prefixed by the group so they cannot collide. job.worker.ts (the one
 * worker bundle) loads and exposes them in a worker named 'learn'.
 */
import { initBackend, type InitOptions } from './backend';
import { foundationsApi } from './learn/foundations-session';
import { visionApi } from './learn/vision/vision-api';
import { sequenceApi } from './learn/sequence-session';

export const api = {
  /** Picks the tfjs backend (as every worker does) and says which one and why. */
  init: (options: InitOptions) => initBackend(options),
  ...foundationsApi,
  ...visionApi,
  ...sequenceApi,
};

export type LearnApi = typeof api;
