/**
 * The arena's worker: one DQN run (a game and its learner) trains here under the session driver, never on the
 * page's thread. The methods live in src/workers/rl/rl-api.ts; this file only wires and exposes them.
 */
import { expose } from 'comlink';
import { workerEnvironment } from './core/worker-environment';
import { createRlApi } from './rl/rl-api';

const api = {
  ...createRlApi(workerEnvironment),
};

export type RlApi = typeof api;
expose(api);
