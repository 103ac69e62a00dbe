/**
 * What a DQN checkpoint records of its evaluation in the worker (state.evaluation: the settings, the training
 * clock, the best and the solving evaluation) and its best-evaluated weights (the network `best`). Plain data:
 * the page reads it to show a saved run and to share its best agent.
 */
import * as v from 'valibot';
import { joinNetworkWeights, type Checkpoint, type NamedWeight } from './checkpoint';
import * as s from './schemas';
import { parseWith } from './validate';

/** Bounds on settings that may come from a link or a file: an evaluation must stay a small job. */
export const MAX_EVAL_EPISODES = 200;
export const MAX_EVAL_EVERY = 10_000_000;

const evaluationResult = v.strictObject({
  envStep: s.nonNegativeInteger,
  episode: s.nonNegativeInteger,
  seconds: v.pipe(s.finiteNumber, v.minValue(0)),
  mean: s.finiteNumber,
  episodes: v.pipe(s.positiveInteger, v.maxValue(MAX_EVAL_EPISODES)),
  ms: v.pipe(s.finiteNumber, v.minValue(0)),
  best: v.boolean(),
  solved: v.boolean(),
});

const evaluationRecord = v.strictObject({
  settings: v.strictObject({
    every: v.pipe(s.nonNegativeInteger, v.maxValue(MAX_EVAL_EVERY)),
    episodes: v.pipe(s.positiveInteger, v.maxValue(MAX_EVAL_EPISODES)),
    stopWhenSolved: v.boolean(),
  }),
  trainMs: v.pipe(s.finiteNumber, v.minValue(0)),
  best: v.nullable(evaluationResult),
  solved: v.nullable(evaluationResult),
});

export type DqnEvaluationResult = v.InferOutput<typeof evaluationResult>;
export type DqnEvaluationRecord = v.InferOutput<typeof evaluationRecord>;

/**
 * The evaluation a checkpoint recorded (null for checkpoints made before evaluation ran in the worker) and its
 * best weights renamed `online/...`, ready for a policy or an agent. Validates: it may come from a file.
 */
export function readDqnEvaluation(checkpoint: Checkpoint): {
  record: DqnEvaluationRecord | null;
  best: NamedWeight[] | null;
} {
  const what = 'Cannot read the evaluation of this checkpoint';
  const record =
    checkpoint.state.evaluation === undefined
      ? null
      : parseWith(evaluationRecord, checkpoint.state.evaluation, `${what}: state.evaluation`);
  const bestNetwork = Object.hasOwn(checkpoint.networks, 'best') ? checkpoint.networks.best : undefined;
  return { record, best: bestNetwork ? joinNetworkWeights({ online: bestNetwork }) : null };
}

export type AgentChoice = 'best' | 'latest';

/**
 * The checkpoint with the chosen weights as its online network (what a link, a file or the watch view plays).
 * 'best' without best weights is the latest. The target network and optimizer go: they belong to the latest.
 */
export function checkpointWithAgent(checkpoint: Checkpoint, choice: AgentChoice): Checkpoint {
  if (choice === 'latest' || !Object.hasOwn(checkpoint.networks, 'best')) return checkpoint;
  const { best } = checkpoint.networks;
  return { ...checkpoint, networks: { online: best! }, optimizers: {} };
}
