/**
 * Types the System page's worker (system.worker.ts) shares with its page, and the backend report every worker
 * returns when it picks its tfjs backend. Plain data only: everything here crosses postMessage.
 */

import type { BackendMeasurement, BackendName, BackendPreference } from '../../backend-preference';

export type { SystemApi } from '../system.worker';

export {
  BACKENDS,
  isBackendPreference,
  type BackendMeasurement,
  type BackendName,
  type BackendPreference,
} from '../../backend-preference';

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
  /**
   * Set when "auto" started on a default because this device has no measurement for the profile: what the
   * page measures in the background (src/ui/backend-measure.ts) so that the next run picks the fastest.
   */
  measureLater?: { profile: ModelProfile; unsupported: Partial<Record<BackendName, string>> };
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
