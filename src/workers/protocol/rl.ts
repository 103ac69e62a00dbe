/**
 * Types the arena's worker (rl.worker.ts) and its pages share. Plain data only: everything here crosses
 * postMessage.
 */
import type { DqnConfig } from '../../agents/dqn-config';
import type { StoredTransition } from '../../agents/replay-buffer';
import type { NamedWeight } from '../../agents/weights';
import type { EvaluationSettings } from '../../agents/solve-rules';

export type { RlApi } from '../rl.worker';

/** What one arena run trains: a game (with its options) and a DQN configuration. */
export interface RlRunSpec {
  envId: string;
  envOptions?: Record<string, unknown>;
  /** A full DqnConfig (validated in the worker: it may come from a link or storage). */
  config: DqnConfig;
  /** Greedy evaluation while training (the game's defaults when absent; checked in the worker). */
  evaluation?: EvaluationSettings;
}

export interface RlRunInfo {
  envId: string;
  obsSize: number;
  nActions: number;
  actionNames: string[];
  maxEpisodeSteps: number;
  rewardThreshold: number | null;
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

export interface RlEpisode {
  /** Env step at which the episode ended. */
  envStep: number;
  return: number;
  length: number;
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
  /** Step size of the next gradient steps (0 while learning is paused). */
  learningRate: number;
  /** The recent training returns reached the config's pauseLearningAtReturn: the weights are held. */
  learningPaused: boolean;
  /** Env steps per wall-clock second over the last update window. */
  stepsPerSec: number;
  /** Episodes that ended since the previous update. */
  newEpisodes: RlEpisode[];
  train: RlTrainPoint | null;
  /** Evaluations that ended since the previous update. */
  evaluations: RlEvaluation[];
  /** The best-evaluated online weights, sent when they change (transferred, not copied). */
  best?: NamedWeight[];
  /** Online-network weights for the watch view, sent about once a second (transferred, not copied). */
  weights?: NamedWeight[];
  /** Set with status 'diverged' (or on another stop) to say what happened. */
  message?: string;
}

export interface RlReplayPeek {
  size: number;
  capacity: number;
  /** Newest first. */
  recent: StoredTransition[];
  /** A uniform sample, as a training batch would draw. */
  sampled: StoredTransition[];
}
