/** The agents package: DQN and its parts. Pure TS + tfjs; the worker picks the backend. */
export { DqnAgent, type DqnAgentState, type TrainStats } from './dqn';
export {
  ACTIVATIONS,
  assertValidDqnConfig,
  DEFAULT_DQN_CONFIG,
  OPTIMIZERS,
  validateDqnConfig,
  type Activation,
  type DqnConfig,
  type OptimizerName,
  type TargetUpdate,
} from './dqn-config';
export {
  DqnLearner,
  dqnStepMetrics,
  type DqnCounters,
  type DqnLearnerState,
  type DqnStepResult,
  type EnvLike,
  type EpisodeSummary,
} from './dqn-learner';
export { DQN_PRESETS, dqnPreset, isDqnGameId, type DqnGameId } from './presets';
export {
  PrioritizedReplayBuffer,
  SegmentTree,
  type PrioritizedReplayData,
  type PrioritizedReplayOptions,
} from './prioritized-replay';
export { argMax, buildQNetwork, DUELING_MERGE_LAYER, type QNetworkOptions } from './q-network';
export { QPolicy } from './q-policy';
export {
  createReplayBatch,
  ReplayBuffer,
  type ReplayBatch,
  type ReplayBufferData,
  type Transition,
} from './replay-buffer';
export { epsilonAt, linearSchedule, priorityBetaAt } from './schedules';
export {
  copyModelWeights,
  exportModelWeights,
  importModelWeights,
  softUpdateModelWeights,
  type NamedWeight,
} from './weights';
