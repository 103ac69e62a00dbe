/**
 * The 2-D GAN's plain types (what an iteration measured, the views it hands out, the state a resume needs) and
 * the small checks and helpers gan.ts uses. No tfjs values here, only types.
 */
import type * as tf from '@tensorflow/tfjs';
import type { RngState } from '../envs/rng';
import type { Bounds, Distribution2d } from './distributions';
import type { GanConfig } from './gan-config';
import type { NamedWeight } from './weights';

/** What one training iteration measured (D's numbers are from its last step of the iteration). */
export interface GanIterationStats {
  /** Iterations completed, this one included. */
  iteration: number;
  /**
   * All that D minimised on its last step: the game's loss plus the weighted penalties it applied (WGAN-GP's;
   * R1's with weight γ·r1Interval on the steps that apply it, so that its average over steps is the eager one).
   */
  dLoss: number;
  gLoss: number;
  /** Mean D output on the real batch: a probability for minimax/non-saturating, else the raw score. */
  dReal: number;
  /** Mean D output on the generated batch, as dReal. */
  dFake: number;
  /** WGAN-GP's penalty mean (‖∇D(x̂)‖ − 1)², unweighted (0 for the other losses). */
  gradientPenalty: number;
  /**
   * R1's penalty ½·mean ‖∇D(x)‖² on the real batch, unweighted, when D's last step applied it; 0 on the steps
   * lazy R1 skips (all but one in r1Interval) and when r1Weight is 0.
   */
  r1Penalty: number;
}

/** D's output on the centres of a resolution × resolution grid, row-major, row 0 at yMin, column 0 at xMin. */
export interface DiscriminatorGrid {
  resolution: number;
  bounds: Bounds;
  values: Float32Array;
  /** 'probability': σ(logit) in [0, 1], 1 = "real". 'score': raw output (least-squares, critic); higher = realer. */
  kind: 'probability' | 'score';
}

/** G applied to the regular noise grid of noise.ts: `count` points, flat [x0, y0, ...]. */
export interface Manifold {
  gridSize: number;
  /** 1: a curve of gridSize points; 2: a gridSize × gridSize mesh, row-major (z₂ is the row). */
  dims: 1 | 2;
  count: number;
  points: Float32Array;
}

/** Generated points and, for each, −∂ℓ/∂x: the way G's loss pushes that sample. */
export interface GeneratorGradients {
  points: Float32Array;
  directions: Float32Array;
}

/** Counters and RNG states needed, with weights and optimizer state, to resume a run exactly. */
export interface GanState {
  iterations: number;
  trainRngState: RngState;
  viewRngState: RngState;
}

export type NetName = 'generator' | 'discriminator';

/** Which code computes a 2-D GAN: tfjs ops on the active backend, or plain loops over typed arrays. */
export type Gan2dEngineName = 'tfjs' | 'js';

/**
 * What the lab, the session and checkpoints use of a 2-D GAN, whichever engine computes it (gan.ts on tfjs,
 * js-gan.ts on typed arrays). Both give the same numbers within float tolerance from the same seed, and their
 * weights and optimizer state have the same names, shapes and layout.
 */
export interface Gan2dTrainer {
  readonly engine: Gan2dEngineName;
  readonly config: GanConfig;
  readonly distribution: Distribution2d;
  setDistribution(distribution: Distribution2d): void;
  readonly iterations: number;
  trainIteration(): Promise<GanIterationStats>;
  train(count: number): Promise<GanIterationStats[]>;
  sample(n: number): Promise<Float32Array>;
  generate(noise: Float32Array): Promise<Float32Array>;
  discriminatorGrid(resolution: number, bounds?: Bounds): Promise<DiscriminatorGrid>;
  manifold(gridSize: number): Promise<Manifold>;
  generatorGradients(n: number, fixedNoise?: Float32Array): Promise<GeneratorGradients>;
  getWeights(): Promise<NamedWeight[]>;
  setWeights(weights: readonly NamedWeight[]): void;
  getOptimizerState(): Promise<NamedWeight[]>;
  setOptimizerState(state: readonly NamedWeight[]): void;
  getState(): GanState;
  setState(state: GanState): void;
  dispose(): void;
}

/** What D's step with statistics hands back (null: that penalty was not applied). */
export interface StepOutputs {
  dOut: tf.Tensor2D;
  gp: tf.Scalar | null;
  r1: tf.Scalar | null;
}

/** What one iteration leaves for the chunk's statistics (all still on the device). */
export interface PendingRow {
  /** D's output on [real; generated] at its last step, before the update. */
  dOut: tf.Tensor2D;
  /** WGAN-GP's penalty mean at that step (null for the other losses). */
  gp: tf.Scalar | null;
  /** R1's penalty mean if that step applied it (lazy R1: one D step in r1Interval), else null. */
  r1: tf.Scalar | null;
  /** D's output on the G step's batch. */
  gOut: tf.Tensor2D;
}

/**
 * Lazy R1 (Karras et al. 2020, StyleGAN2) is available: with r1Interval N the penalty's double backward pass
 * runs on one D step in N (steps 0, N, 2N, ... of D's optimizer, so a resumed run applies it on the same
 * steps) with its weight multiplied by N, so that its gradient is the eager one in expectation at 1/N of the
 * cost. The default stays eager: measured on the ring (σ 0.02, 5,000 iterations, seeds 1–10) N = 8 covered
 * all 8 modes on 7 seeds and N = 16 on 6, against 8 for eager R1, and with Adam the N-times-larger gradient
 * every Nth step is not the same as the eager penalty.
 */
export const R1_INTERVAL = 1;

export interface Gan2dOptions {
  /** D steps per R1 evaluation (default R1_INTERVAL = 1, the eager penalty on every step). */
  r1Interval?: number;
}

/** Rng.getState() can report words as negative int32; setState takes uint32. */
export function uint32State([a, b, c, d]: RngState): RngState {
  return [a >>> 0, b >>> 0, c >>> 0, d >>> 0];
}

export function checkPositiveInt(name: string, v: number, max = Infinity): void {
  if (!Number.isInteger(v) || v < 1 || v > max)
    throw new Error(`Expected ${name} to be an integer in [1, ${max}], got ${v}`);
}

/** The centres of a resolution × resolution grid over `bounds`, flat [x0, y0, ...], row 0 at yMin. */
export function gridCentres(resolution: number, bounds: Bounds): Float32Array {
  const { xMin, xMax, yMin, yMax } = bounds;
  if (![xMin, xMax, yMin, yMax].every(Number.isFinite) || xMax <= xMin || yMax <= yMin)
    throw new Error(`Expected finite bounds with xMin < xMax and yMin < yMax, got ${JSON.stringify(bounds)}`);
  const points = new Float32Array(resolution * resolution * 2);
  for (let row = 0; row < resolution; row++) {
    const y = yMin + ((row + 0.5) / resolution) * (yMax - yMin);
    for (let col = 0; col < resolution; col++) {
      const i = row * resolution + col;
      points[2 * i] = xMin + ((col + 0.5) / resolution) * (xMax - xMin);
      points[2 * i + 1] = y;
    }
  }
  return points;
}

/** Rows of [x, y, dx, dy] (n of them) split into points and directions, each flat [x0, y0, ...]. */
export function splitPointsAndDirections(rows: Float32Array, n: number): GeneratorGradients {
  const points = new Float32Array(2 * n);
  const directions = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    points.set(rows.subarray(4 * i, 4 * i + 2), 2 * i);
    directions.set(rows.subarray(4 * i + 2, 4 * i + 4), 2 * i);
  }
  return { points, directions };
}
