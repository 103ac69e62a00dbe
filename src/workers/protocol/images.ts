/**
 * Types the Studio's image worker (images.worker.ts) and its pages share. Plain data only: everything here
 * crosses postMessage.
 */
import type { NamedWeight } from '../../generative/mlp';
import type { ImageModelKind } from '../../generative/image-trainer';
import type { SessionStatus } from '../core/session-status';

export type { ImagesApi } from '../images.worker';
export type { ImageModelSpec } from '../../generative/image-config';
export type { ImageModelKind } from '../../generative/image-trainer';

/** What a starting run is doing (the digits are fetched and decoded only when a model first starts). */
export interface ImageLoadProgress {
  stage: 'digits' | 'backend' | 'model' | 'ready';
  text: string;
}

export interface ImageRunInfo {
  kind: ImageModelKind;
  trainCount: number;
  testCount: number;
  batchesPerEpoch: number;
  parameterCount: number;
}

/** Metrics averaged over the iterations since the previous update, at the last of them. */
export interface ImageMetricPoint {
  iteration: number;
  epoch: number;
  values: Record<string, number>;
}

/** A digit of the test set with its score (the autoencoder's anomaly view). */
export interface ScoredDigit {
  index: number;
  label: number;
  score: number;
}

export interface GanViews {
  type: 'gan';
  /** rows × cols digits, flat [rows · cols · 784], from the same fixed noise at every snapshot. */
  samples: Float32Array;
  rows: number;
  cols: number;
  /** The digit each row is conditioned on (null for an unconditional GAN). */
  rowLabels: number[] | null;
}

export interface AutoencoderViews {
  type: 'autoencoder';
  /** The same test digits at every snapshot: the encoder's input, its reconstruction and the clean original. */
  noisy: Float32Array;
  reconstruction: Float32Array;
  clean: Float32Array;
  labels: number[];
  noiseLevel: number;
  /** Test digits with the highest and lowest reconstruction error, and their pixels (same order). */
  anomaly?: {
    highest: ScoredDigit[];
    lowest: ScoredDigit[];
    highestPixels: Float32Array;
    lowestPixels: Float32Array;
  };
}

export interface VaeViews {
  type: 'vae';
  originals: Float32Array;
  reconstruction: Float32Array;
  labels: number[];
  /** The decoder over a size × size grid of the latent plane, [−extent, extent]², row 0 at the top. */
  grid?: { size: number; extent: number; pixels: Float32Array };
  /** μ(x) of test digits, flat [x, y, ...], and their labels. */
  latent?: { points: Float32Array; labels: Uint8Array };
  /** The decoder's weights, so the page decodes any latent point at once (dense_0, dense_1 kernels and biases). */
  decoder?: NamedWeight[];
}

export type ImageViews = GanViews | AutoencoderViews | VaeViews;

export interface ImageUpdate {
  /** Where the run is in the worker (its last update of a training run carries the status it stopped in). */
  status: SessionStatus;
  iteration: number;
  epoch: number;
  itersPerSec: number;
  /** Metrics averaged over the iterations since the previous update, or null when none ran. */
  train: ImageMetricPoint | null;
  /** Held-out metrics, computed about every second and a half. */
  test?: ImageMetricPoint;
  views?: ImageViews;
  message?: string;
}
