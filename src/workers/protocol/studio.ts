/**
 * Types the Studio's worker (studio.worker.ts: the 2-D GAN lab's session) and its UI share. Plain data only:
 * everything here crosses postMessage.
 */
import type { Bounds, DistributionSpec } from '../../generative/distributions';
import type { GanConfig } from '../../generative/gan-config';

export type { StudioApi } from '../studio.worker';

export type Gan2dStatus = 'idle' | 'training' | 'paused' | 'diverged';

/** What one run trains: a GAN config and a target (both validated in the worker). */
export interface Gan2dRunSpec {
  config: GanConfig;
  distribution: DistributionSpec;
}

/** Losses averaged over the iterations since the previous point. */
export interface Gan2dLossPoint {
  iteration: number;
  dLoss: number;
  gLoss: number;
  /** Mean D output on real / generated samples (probability or score, as the heat map). */
  dReal: number;
  dFake: number;
}

/** Sample-quality metrics, computed every METRICS_EVERY iterations on 2,000 generated samples. */
export interface Gan2dMetricPoint {
  iteration: number;
  /** Modes with ≥ 1% of the samples within 3σ of their centre (null when the target is not a mixture). */
  modesCovered: number | null;
  modesTotal: number | null;
  /** Share of samples within 3σ of any mode centre (null when the target is not a mixture). */
  highQuality: number | null;
  /** KL(real ‖ generated) and JS between 30 × 30 grid histograms over the plot's bounds, in nats. */
  kl: number;
  js: number;
}

/** Everything the views draw, streamed ~12 times a second while training (buffers are transferred). */
export interface Gan2dSnapshot {
  status: Gan2dStatus;
  iteration: number;
  /** Training iterations per wall-clock second since the previous snapshot (0 when paused). */
  iterationsPerSec: number;
  bounds: Bounds;
  /** A fixed set of real samples, flat [x0, y0, ...]. */
  real: Float32Array;
  /** Generated samples from fixed noise (they move as G learns), flat [x0, y0, ...]. */
  fake: Float32Array;
  /** −∂(G's loss)/∂x at each generated sample, flat like `fake`. */
  arrows: Float32Array;
  /** D on a resolution² grid over `bounds`, row 0 at yMin. */
  grid: { resolution: number; values: Float32Array; kind: 'probability' | 'score' };
  /** G applied to a regular noise grid: a curve (1-D noise) or a gridSize² mesh (2-D or more). */
  manifold: { dims: 1 | 2; gridSize: number; points: Float32Array };
  /** Loss and metric points since the previous snapshot. */
  losses: Gan2dLossPoint[];
  metrics: Gan2dMetricPoint[];
  /** Why training stopped (divergence), for the UI to show. */
  message?: string;
}

/** Snapshot sizes; the same for every run so that the UI's buffers never change shape. */
export const GAN2D_VIEW = {
  /** Generated samples drawn (with arrows). */
  samples: 400,
  /** Real samples drawn. */
  realSamples: 400,
  /** D's heat map resolution per side. */
  gridResolution: 48,
  /** Manifold: points along the curve for 1-D noise, mesh lines per side for 2-D. */
  curvePoints: 120,
  meshSize: 16,
} as const;

/** Metrics are computed every this many iterations (they cost 2,000 samples and a histogram). */
export const METRICS_EVERY = 250;
/** Samples the metrics are measured on (the coverage rule's N). */
export const METRIC_SAMPLES = 2000;
