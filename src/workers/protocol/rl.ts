/**
 * Types the arena's worker (rl.worker.ts) and its pages share. Plain data only: everything here crosses
 * postMessage.
 */
import type { DqnConfig } from '../../agents/dqn-config';
import type { StoredTransition } from '../../agents/replay-buffer';
import type { NamedWeight } from '../../agents/weights';

export type { RlApi } from '../rl.worker';

/** What one arena run trains: a game (with its options) and a DQN configuration. */
export interface RlRunSpec {
  envId: string;
  envOptions?: Record<string, unknown>;
  /** A full DqnConfig (validated in the worker: it may come from a link or storage). */
  config: DqnConfig;
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
