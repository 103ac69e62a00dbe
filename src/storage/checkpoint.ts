/**
 * The checkpoint format: plain data that holds everything needed to resume a run exactly (weights of every
 * network, optimizer slots, counters, RNG states, config) and to show it (subject, metrics summary). It
 * crosses workers, goes into IndexedDB, a file or a link without change. One format for every kind of model.
 */
import type { DqnConfig } from '../agents/dqn-config';
import type { PrioritizedReplayData } from '../agents/prioritized-replay';
import type { ReplayBufferData } from '../agents/replay-buffer';
import type { RngState } from '../envs/rng';
import { CheckpointError } from './errors';

/** One tensor as plain data: a name (`online/hidden_0/kernel`), a shape and float32 values in row-major order. */
export interface NamedWeight {
  name: string;
  shape: number[];
  data: Float32Array;
}

export const CHECKPOINT_FORMAT = 'rl-gan-playground/checkpoint';
/** Bump when the shape of a checkpoint changes; validate.ts upgrades older versions on the way in. */
export const CHECKPOINT_VERSION = 1;

export const CHECKPOINT_KINDS = [
  'dqn',
  'gan',
  'autoencoder',
  'vae',
  'classifier',
  'sequence-rnn',
  'transformer',
] as const;
export type CheckpointKind = (typeof CHECKPOINT_KINDS)[number];

/** Networks each kind must hold (others may come along, e.g. DQN's target). */
export const REQUIRED_NETWORKS: Readonly<Record<CheckpointKind, readonly string[]>> = {
  dqn: ['online'],
  gan: ['generator'],
  autoencoder: ['encoder', 'decoder'],
  vae: ['encoder', 'decoder'],
  classifier: ['classifier'],
  // The Learn RNN panel races all three cells; its checkpoint holds each one.
  'sequence-rnn': ['rnn', 'lstm', 'gru'],
  transformer: ['transformer'],
};

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonRecord = { [key: string]: JsonValue };

/** What the model learned from: a game (RL) or a dataset (generative models). */
export type CheckpointSubject =
  | {
      type: 'game';
      /** Registry id, e.g. 'CartPole-v1'. */
      gameId: string;
      envOptions: JsonRecord;
      /** Input and output sizes of the Q-network, so a network can be rebuilt without the registry. */
      observationSize: number;
      actionCount: number;
    }
  | { type: 'dataset'; datasetId: string; options: JsonRecord };

export interface CheckpointCounters {
  /** Optimizer updates: DQN gradient steps, or training iterations of a GAN / autoencoder / VAE. */
  gradientSteps: number;
  /** Environment steps taken (0 for generative models). */
  envSteps: number;
  /** Finished episodes (0 for generative models). */
  episodes: number;
}

/** A small summary for lists and share links; the full history, if kept, lives in `state`. */
export interface MetricsSummary {
  /** Latest value of namespaced metrics, e.g. 'charts/epsilon', 'losses/td', 'losses/generator'. */
  latest: Record<string, number>;
  /** Returns and lengths of the most recent episodes, oldest first (empty for generative models). */
  recentReturns: number[];
  recentLengths: number[];
}

/** Replay contents as the agents export them (prioritized replay adds priorities and maxPriority). */
export type CheckpointReplay = ReplayBufferData | PrioritizedReplayData;

export interface NetworkWeights {
  /** Named as tfjs names them inside the model (`hidden_0/kernel`), so model.json can reference them. */
  weights: NamedWeight[];
}

interface CheckpointBase {
  format: typeof CHECKPOINT_FORMAT;
  version: typeof CHECKPOINT_VERSION;
  /** Shown in lists; chosen by the user. */
  name: string;
  /** ISO 8601 time the checkpoint was taken. */
  createdAt: string;
  /** App version that wrote it (package.json version). */
  appVersion: string;
  /** tfjs backend it was trained on (webgpu, webgl, wasm, cpu): results can differ slightly between them. */
  backend: string;
  subject: CheckpointSubject;
  counters: CheckpointCounters;
  /** Named RNG states (e.g. agent, env), each four uint32 words of an sfc32 generator. */
  rngStates: Record<string, RngState>;
  metrics: MetricsSummary;
  /** online/target for DQN; generator/discriminator for a GAN; encoder/decoder for an (V)AE. */
  networks: Record<string, NetworkWeights>;
  /** Optimizer slots (iteration count, Adam moments) per optimizer, as DqnAgent.getOptimizerState() returns. */
  optimizers: Record<string, NamedWeight[]>;
  /** Kind-specific resume state that is not a tensor (an episode in progress, the return history). */
  state: JsonRecord;
  /** Optional, since it can be large: the user chooses. */
  replay?: CheckpointReplay;
}

export interface DqnCheckpoint extends CheckpointBase {
  kind: 'dqn';
  config: DqnConfig;
}

/** GAN, autoencoder and VAE configs are validated as bounded JSON until their trainers define them. */
export interface GenerativeCheckpoint extends CheckpointBase {
  kind: Exclude<CheckpointKind, 'dqn'>;
  config: JsonRecord;
}

export type Checkpoint = DqnCheckpoint | GenerativeCheckpoint;

/** The fields a caller provides; format, version and (by default) createdAt are filled in. */
export type DqnCheckpointInput = Omit<DqnCheckpoint, 'format' | 'version' | 'createdAt'> & {
  createdAt?: string;
};
export type GenerativeCheckpointInput = Omit<GenerativeCheckpoint, 'format' | 'version' | 'createdAt'> & {
  createdAt?: string;
};

export function createCheckpoint(input: DqnCheckpointInput): DqnCheckpoint;
export function createCheckpoint(input: GenerativeCheckpointInput): GenerativeCheckpoint;
export function createCheckpoint(input: DqnCheckpointInput | GenerativeCheckpointInput): Checkpoint {
  return {
    ...input,
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    createdAt: input.createdAt ?? new Date().toISOString(),
  } as Checkpoint;
}

export const EMPTY_METRICS: MetricsSummary = { latest: {}, recentReturns: [], recentLengths: [] };

/**
 * Splits weights named `<network>/<layer>/<weight>` (as DqnAgent.getWeights() returns them) into networks
 * whose weights carry the tfjs names (`<layer>/<weight>`).
 */
export function splitNetworkWeights(weights: readonly NamedWeight[]): Record<string, NetworkWeights> {
  // A Map, then fromEntries: a prefix such as "__proto__" becomes a plain key that validation rejects.
  const networks = new Map<string, NamedWeight[]>();
  for (const w of weights) {
    const slash = w.name.indexOf('/');
    if (slash <= 0) {
      throw new CheckpointError(
        'invalid',
        `Expected a weight named <network>/<name>, got ${JSON.stringify(w.name)}`,
      );
    }
    const network = w.name.slice(0, slash);
    if (!networks.has(network)) networks.set(network, []);
    networks.get(network)!.push({ ...w, name: w.name.slice(slash + 1) });
  }
  return Object.fromEntries([...networks].map(([network, list]) => [network, { weights: list }]));
}

/** The inverse of splitNetworkWeights: one list of `<network>/<name>` weights (DqnAgent.setWeights takes it). */
export function joinNetworkWeights(networks: Readonly<Record<string, NetworkWeights>>): NamedWeight[] {
  return Object.entries(networks).flatMap(([network, { weights }]) =>
    weights.map((w) => ({ ...w, name: `${network}/${w.name}` })),
  );
}

/** Bytes of tensor and replay data: what dominates the stored size. */
export function checkpointDataBytes(checkpoint: Checkpoint): number {
  let bytes = 0;
  for (const { weights } of Object.values(checkpoint.networks))
    for (const w of weights) bytes += w.data.byteLength;
  for (const slots of Object.values(checkpoint.optimizers)) for (const w of slots) bytes += w.data.byteLength;
  const r = checkpoint.replay;
  if (r) {
    bytes += r.observations.byteLength + r.nextObservations.byteLength + r.actions.byteLength;
    bytes += r.rewards.byteLength + r.terminated.byteLength + (r.steps?.byteLength ?? 0);
    if ('priorities' in r) bytes += r.priorities.byteLength;
  }
  return bytes;
}
