/**
 * The arena's worker: one DQN run (a game and its learner) trains here under the session driver, never on the
 * page's thread. The methods live in src/workers/rl/rl-api.ts; this file only wires them, and job.worker.ts (the
 * one worker bundle) loads and exposes them in a worker named 'rl'.
 */
import { workerEnvironment } from './core/worker-environment';
import { createRlApi } from './rl/rl-api';

export const api = {
  ...createRlApi(workerEnvironment),
};

export type RlApi = typeof api;
