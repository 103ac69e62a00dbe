/** Types shared by the workers and the UI. Plain data only: everything here crosses postMessage. */

import type { BackendMeasurement, BackendName, BackendPreference } from '../backend-preference';

export {
  BACKENDS,
  isBackendPreference,
  type BackendMeasurement,
  type BackendName,
  type BackendPreference,
} from '../backend-preference';

/** The outcome of really trying one backend: set it, run a tiny op, read the result back. */
export interface BackendProbe {
  backend: BackendName;
  ok: boolean;
  /** Why it was passed over (when `ok` is false), in words a user can act on. */
  reason?: string;
  /** Wall time of the attempt, including initialisation. */
  initMs: number;
}

/**
 * The size of the model a job will train, so "auto" can measure the backends on something like it.
 * A dense MLP is described by its layer widths, e.g. [4, 64, 64, 2] for a CartPole Q-network.
 */
export interface ModelProfile {
  /** Stable key for caching a measurement, e.g. "mlp-4-64-64-2-b64". */
  key: string;
  layers: number[];
  batch: number;
}

export interface BackendReport {
  preference: BackendPreference;
  /** The backend tfjs really runs on now (read back with tf.getBackend()). */
  active: BackendName;
  probes: BackendProbe[];
  /** Present when the choice came from a measurement (fresh or cached). */
  measurement?: BackendMeasurement;
  /** One sentence on why `active` was chosen. */
  why: string;
}

export interface BenchStats {
  medianMs: number;
  minMs: number;
  runs: number;
}

export interface BackendBenchmark {
  backend: BackendName;
  ok: boolean;
  reason?: string;
  matmul512?: BenchStats;
  mlpTrainStep?: BenchStats;
  forwardBatch1?: BenchStats;
}

export interface BenchProgress {
  backend: BackendName;
  task: string;
  /** 0..1 over the whole benchmark. */
  fraction: number;
}

export interface TinyTrainProgress {
  step: number;
  loss: number;
}

export interface TinyTrainResult {
  backend: BackendName;
  losses: number[];
  msPerStep: number;
}

/* ---------- Arena (DQN) ---------- */

/** What one arena run trains: a game (with its options) and a DQN configuration. */
export interface RlRunSpec {
  envId: string;
  envOptions?: Record<string, unknown>;
  /** A full DqnConfig (validated in the worker: it may come from a link or storage). */
  config: import('../agents/dqn-config').DqnConfig;
  /** Greedy evaluation while training (the game's defaults when absent; checked in the worker). */
  evaluation?: import('../agents/solve-rules').EvaluationSettings;
}

export interface RlRunInfo {
  envId: string;
  obsSize: number;
  nActions: number;
  actionNames: string[];
  maxEpisodeSteps: number;
  rewardThreshold: number | null;
}

export interface RlEpisode {
  /** Env step at which the episode ended. */
  envStep: number;
  return: number;
  length: number;
}

/** One greedy evaluation in the worker: K seeded episodes on separate copies of the game, no exploration. */
export interface RlEvaluation {
  /** Env step (of training) at which the weights were evaluated. */
  envStep: number;
  /** Training episodes finished by then (the return chart's x axis). */
  episode: number;
  /** Seconds of training (evaluation excluded) up to this point. */
  seconds: number;
  mean: number;
  /** Episodes played (the mean is over this many). */
  episodes: number;
  /** Wall time the evaluation took, to keep its cost in view. */
  ms: number;
  /** These weights are now the best kept. */
  best: boolean;
  /** The mean reached the game's threshold. */
  solved: boolean;
}

/** Averages over the gradient steps since the previous update (null when none ran). */
export interface RlTrainPoint {
  envStep: number;
  loss: number;
  tdErrorMean: number;
  meanMaxQ: number;
  gradNorm: number;
}

export type RlStatus = 'idle' | 'training' | 'paused' | 'diverged' | 'finished';

/** Streamed to the UI several times a second while a run trains. */
export interface RlUpdate {
  status: RlStatus;
  envSteps: number;
  episodes: number;
  gradientSteps: number;
  epsilon: number;
  /** Env steps per wall-clock second over the last update window. */
  stepsPerSec: number;
  /** Episodes that ended since the previous update. */
  newEpisodes: RlEpisode[];
  train: RlTrainPoint | null;
  /** Evaluations that ended since the previous update. */
  evaluations: RlEvaluation[];
  /** The best-evaluated online weights, sent when they change (transferred, not copied). */
  best?: import('../agents/weights').NamedWeight[];
  /** Online-network weights for the watch view, sent about once a second (transferred, not copied). */
  weights?: import('../agents/weights').NamedWeight[];
  /** Set with status 'diverged' (or on another stop) to say what happened. */
  message?: string;
}

export interface RlReplayPeek {
  size: number;
  capacity: number;
  /** Newest first. */
  recent: import('../agents/replay-buffer').StoredTransition[];
  /** A uniform sample, as a training batch would draw. */
  sampled: import('../agents/replay-buffer').StoredTransition[];
}
