/** Builds a DQN agent on the engine the backend choice picked: tfjs layers, or the typed-array engine. */
import { DqnAgent } from './dqn';
import type { DqnAgentBase } from './dqn-agent-base';
import type { DqnConfig } from './dqn-config';
import { JsDqnAgent } from './js-dqn';
import { initialQNetworkWeights } from './q-network';

export type DqnEngine = 'tfjs' | 'js';

/** Either engine starts from the same seeded weights, so a seed names one run whichever computes it. */
export function createDqnAgent(
  config: DqnConfig,
  obsSize: number,
  nActions: number,
  engine: DqnEngine,
): DqnAgentBase {
  return engine === 'js'
    ? new JsDqnAgent(config, obsSize, nActions, initialQNetworkWeights)
    : new DqnAgent(config, obsSize, nActions);
}
