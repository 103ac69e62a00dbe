/**
 * A GAN on 2-D points (as GAN Lab, but any of four losses, any MLP sizes, and checkpoints). One training
 * iteration is k discriminator steps then one generator step; the views (samples, D's heat map, the noise
 * manifold, gradient arrows) are computed here and handed out as plain arrays. No synchronous reads anywhere:
 * every number leaves through one `await tensor.data()` (WebGPU loses its device on dataSync).
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../envs/rng';
import type { Bounds, Distribution2d } from './distributions';
import { FlatOptimizer } from './flat-optimizer';
import { assertValidGanConfig, type GanConfig } from './gan-config';
import {
  discriminatorLossGradient,
  discriminatorLossRows,
  generatorLossGradient,
  generatorLossRows,
  interpolates,
  outputIsLogit,
  unitGradientPenalty,
  zeroGradientPenalty,
  type PenaltyRule,
} from './gan-losses';
import { checkWeightsFor, Mlp, type NamedWeight } from './mlp';
import { drawNoise, noiseGrid } from './noise';
import {
  checkPositiveInt,
  gridCentres,
  splitPointsAndDirections,
  R1_INTERVAL,
  uint32State,
  type DiscriminatorGrid,
  type GanIterationStats,
  type GanState,
  type Gan2dOptions,
  type GeneratorGradients,
  type Manifold,
  type NetName,
  type PendingRow,
  type StepOutputs,
  type Gan2dTrainer,
} from './gan-types';

export type { NamedWeight } from './mlp';
export type {
  DiscriminatorGrid,
  GanIterationStats,
  GanState,
  Gan2dOptions,
  GeneratorGradients,
  Manifold,
} from './gan-types';
export { R1_INTERVAL } from './gan-types';

export class Gan2d implements Gan2dTrainer {
  readonly engine = 'tfjs';
  readonly config: GanConfig;
  private distributionValue: Distribution2d;
  private readonly generator: Mlp;
  private readonly discriminator: Mlp;
  private readonly optimizers: Record<NetName, FlatOptimizer>;
  /** D's targets on a combined [real; generated] batch: n ones then n zeros. */
  private readonly targets: tf.Tensor2D;
  /** Real batches, training noise and interpolation weights: the training trajectory depends on this only. */
  private readonly trainRng: Rng;
  /** Noise for the views, so that drawing (at any rate) never changes the training trajectory. */
  private readonly viewRng: Rng;
  private iterationCount = 0;
  private disposed = false;
  /** D steps per R1 evaluation. */
  readonly r1Interval: number;

  constructor(config: GanConfig, distribution: Distribution2d, options: Gan2dOptions = {}) {
    this.config = structuredClone(assertValidGanConfig(config));
    this.r1Interval = options.r1Interval ?? R1_INTERVAL;
    checkPositiveInt('the R1 interval', this.r1Interval, 1000);
    this.distributionValue = distribution;
    const initRng = new Rng(config.seed);
    this.generator = new Mlp(config.generator, config.noiseDim, 2, initRng, 'generator');
    this.discriminator = new Mlp(config.discriminator, 2, 1, initRng, 'discriminator');
    this.optimizers = {
      generator: new FlatOptimizer(config.generatorOptimizer, this.generator.variables),
      discriminator: new FlatOptimizer(config.discriminatorOptimizer, this.discriminator.variables),
    };
    const n = config.batchSize;
    this.targets = tf.tidy(() => tf.concat([tf.ones([n, 1]), tf.zeros([n, 1])]) as tf.Tensor2D);
    this.trainRng = new Rng(initRng.nextUint32());
    this.viewRng = new Rng(initRng.nextUint32());
  }

  get distribution(): Distribution2d {
    return this.distributionValue;
  }

  /** Switches the target; training continues from the current weights. */
  setDistribution(distribution: Distribution2d): void {
    this.distributionValue = distribution;
  }

  get iterations(): number {
    return this.iterationCount;
  }

  /** One iteration: k D steps, then one G step. */
  async trainIteration(): Promise<GanIterationStats> {
    const [stats] = await this.train(1);
    return stats;
  }

  /**
   * `count` iterations with a single read-back at the end (one stats row per iteration), so a worker can run
   * a chunk between two snapshots without a GPU round trip per iteration.
   */
  async train(count: number): Promise<GanIterationStats[]> {
    this.checkAlive();
    checkPositiveInt('the iteration count', count, 100_000);
    const rows: PendingRow[] = [];
    let packed: tf.Tensor | null = null;
    try {
      for (let i = 0; i < count; i++) rows.push(this.iterate());
      packed = this.statistics(rows);
      const values = (await packed.data()) as Float32Array;
      const first = this.iterationCount - count + 1;
      return rows.map((_, i) => ({
        iteration: first + i,
        dLoss: values[6 * i],
        dReal: values[6 * i + 1],
        dFake: values[6 * i + 2],
        gradientPenalty: values[6 * i + 3],
        r1Penalty: values[6 * i + 4],
        gLoss: values[6 * i + 5],
      }));
    } finally {
      tf.dispose(rows.flatMap((r) => [r.dOut, r.gOut, ...(r.gp ? [r.gp] : []), ...(r.r1 ? [r.r1] : [])]));
      packed?.dispose();
    }
  }

  /** Runs one iteration and keeps what its statistics need (computed for the whole chunk at once). */
  private iterate(): PendingRow {
    const k = this.config.discriminatorSteps;
    for (let step = 0; step + 1 < k; step++) this.discriminatorStep(false);
    const { dOut, gp, r1 } = this.discriminatorStep(true) as StepOutputs;
    const gOut = this.generatorStep();
    this.iterationCount++;
    return { dOut, gp, r1, gOut };
  }

  /**
   * One D step on a fresh real batch and a fresh generated batch; with `withStats`, returns D's output on
   * [real; generated] before the update and the penalties it applied (else nothing).
   */
  private discriminatorStep(withStats: boolean): StepOutputs | undefined {
    const { batchSize: n, noiseDim, noise, loss: lossType, gradientPenaltyWeight, r1Weight } = this.config;
    const realData = this.distributionValue.sample(n, this.trainRng);
    const noiseData = drawNoise(n, noiseDim, noise, this.trainRng);
    const wgan = lossType === 'wasserstein-gp';
    // Lazy R1: decided by D's step counter, which checkpoints restore, so resumed runs stay exact.
    const lazyR1 = r1Weight > 0 && this.optimizers.discriminator.stepCount % this.r1Interval === 0;
    const epsilonData = wgan ? Float32Array.from({ length: n }, () => this.trainRng.nextFloat()) : null;
    const d = this.discriminator;

    const kept = tf.tidy((): Record<string, tf.Tensor> | undefined => {
      const real = tf.tensor2d(realData, [n, 2]);
      // D's step treats G's samples as constants: no gradient flows into G here.
      const fake = this.generator.apply(tf.tensor2d(noiseData, [n, noiseDim]));
      // One pass over real and generated together halves the number of kernel launches.
      const activations = d.forward(tf.concat([real, fake], 0));
      const out = activations[activations.length - 1];
      const dOut = discriminatorLossGradient(lossType, out, this.targets, n);
      const { gradients } = d.backward(activations, dOut, { parameters: true, input: false });

      // Penalties on D's input gradient: their weighted gradients are added to the loss's.
      const addPenalty = (at: tf.Tensor2D, rule: PenaltyRule, weight: number) => {
        const { gradient, pullback } = d.inputGradient(at);
        const { value, dGradient } = rule(gradient, weight);
        pullback(dGradient).forEach((extra, i) => {
          if (extra !== null) gradients[i] = tf.add(gradients[i], extra);
        });
        return value;
      };
      let gp: (() => tf.Scalar) | null = null;
      if (epsilonData !== null) {
        const between = interpolates(real, fake, tf.tensor2d(epsilonData, [n, 1]));
        gp = addPenalty(between, unitGradientPenalty, gradientPenaltyWeight);
      }
      let r1: (() => tf.Scalar) | null = null;
      if (lazyR1) r1 = addPenalty(real, zeroGradientPenalty, r1Weight * this.r1Interval);

      this.optimizers.discriminator.applyGradients(gradients);
      if (!withStats) return undefined;
      const kept: Record<string, tf.Tensor> = { dOut: out };
      if (gp) kept.gp = gp();
      if (r1) kept.r1 = r1();
      return kept;
    });
    if (kept === undefined) return undefined;
    return {
      dOut: kept.dOut as tf.Tensor2D,
      gp: (kept.gp as tf.Scalar | undefined) ?? null,
      r1: (kept.r1 as tf.Scalar | undefined) ?? null,
    };
  }

  /**
   * [count, 6] rows of [dLoss, dReal, dFake, gp, r1, gLoss] for a chunk, in a handful of batched kernels
   * (per iteration they would cost about a tenth of the iteration). Training never reads them.
   */
  private statistics(rows: readonly PendingRow[]): tf.Tensor2D {
    const { loss: lossType, gradientPenaltyWeight, r1Weight, batchSize: n } = this.config;
    // The R1 a step applied carries weight γ·interval (lazy R1).
    const r1Scale = r1Weight * this.r1Interval;
    const c = rows.length;
    return tf.tidy(() => {
      const dOut = tf.reshape<tf.Rank.R2>(tf.stack(rows.map((r) => r.dOut)), [c, 2 * n]);
      const [realOut, fakeOut] = tf.split<tf.Tensor2D>(dOut, 2, 1);
      const gOut = tf.reshape<tf.Rank.R2>(tf.stack(rows.map((r) => r.gOut)), [c, n]);
      const zero = tf.scalar(0);
      const gp = tf.stack(rows.map((r) => r.gp ?? zero)) as tf.Tensor1D;
      const r1 = tf.stack(rows.map((r) => r.r1 ?? zero)) as tf.Tensor1D;
      const dLoss = tf.addN([
        discriminatorLossRows(lossType, realOut, fakeOut),
        tf.mul(gradientPenaltyWeight, gp),
        tf.mul(r1Scale, r1),
      ]);
      const read = (t: tf.Tensor2D) => tf.mean(outputIsLogit(lossType) ? tf.sigmoid(t) : t, 1);
      return tf.stack(
        [dLoss, read(realOut), read(fakeOut), gp, r1, generatorLossRows(lossType, gOut)],
        1,
      ) as tf.Tensor2D;
    });
  }

  /** One G step on fresh noise, backpropagated through D (left unchanged); returns D's output on the batch. */
  private generatorStep(): tf.Tensor2D {
    const { batchSize: n, noiseDim, noise, loss: lossType } = this.config;
    const noiseData = drawNoise(n, noiseDim, noise, this.trainRng);
    return tf.tidy(() => {
      const g = this.generator.forward(tf.tensor2d(noiseData, [n, noiseDim]));
      const d = this.discriminator.forward(g[g.length - 1]);
      const out = d[d.length - 1];
      const dOut = tf.mul(generatorLossGradient(lossType, out), 1 / n) as tf.Tensor2D;
      const dx = this.discriminator.backward(d, dOut, { parameters: false, input: true })
        .input as tf.Tensor2D;
      const { gradients } = this.generator.backward(g, dx, { parameters: true, input: false });
      this.optimizers.generator.applyGradients(gradients);
      return out;
    });
  }

  /** n generated points, flat [x0, y0, ...], from the view noise stream. */
  async sample(n: number): Promise<Float32Array> {
    checkPositiveInt('the sample count', n, 1_000_000);
    return this.generate(drawNoise(n, this.config.noiseDim, this.config.noise, this.viewRng));
  }

  /** G(z) for given noise, flat [count * noiseDim] in, [count * 2] out (fixed noise gives smooth animations). */
  async generate(noise: Float32Array): Promise<Float32Array> {
    this.checkAlive();
    const dim = this.config.noiseDim;
    if (noise.length === 0 || noise.length % dim !== 0)
      throw new Error(`Expected a positive multiple of noiseDim ${dim} noise values, got ${noise.length}`);
    const out = tf.tidy(() => this.generator.apply(tf.tensor2d(noise, [noise.length / dim, dim])));
    try {
      return Float32Array.from((await out.data()) as Float32Array);
    } finally {
      out.dispose();
    }
  }

  /** D on a resolution × resolution grid over `bounds` (default: the distribution's), for the heat map. */
  async discriminatorGrid(
    resolution: number,
    bounds: Bounds = this.distributionValue.bounds,
  ): Promise<DiscriminatorGrid> {
    this.checkAlive();
    checkPositiveInt('the grid resolution', resolution, 1024);
    const points = gridCentres(resolution, bounds);
    const { xMin, xMax, yMin, yMax } = bounds;
    const logit = outputIsLogit(this.config.loss);
    const out = tf.tidy(() => {
      const raw = this.discriminator.apply(tf.tensor2d(points, [resolution * resolution, 2]));
      return logit ? tf.sigmoid(raw) : raw;
    });
    try {
      const values = Float32Array.from((await out.data()) as Float32Array);
      const kind = logit ? 'probability' : 'score';
      return { resolution, bounds: { xMin, xMax, yMin, yMax }, values, kind };
    } finally {
      out.dispose();
    }
  }

  /**
   * G applied to a regular noise grid (GAN Lab's manifold): gridSize points for 1-D noise, gridSize² for 2-D;
   * with more noise dimensions the first two vary and the rest stay at 0.
   */
  async manifold(gridSize: number): Promise<Manifold> {
    checkPositiveInt('the manifold grid size', gridSize, 256);
    const { noise, count } = noiseGrid(gridSize, this.config.noiseDim, this.config.noise);
    const points = await this.generate(noise);
    return { gridSize, dims: this.config.noiseDim === 1 ? 1 : 2, count, points };
  }

  /**
   * n generated samples and, per sample, −∂ℓᵢ/∂xᵢ where ℓᵢ is G's loss on that sample: the direction in which
   * G's update pulls it (GAN Lab's arrows). Per-sample losses are summed, not averaged, so an arrow does not
   * shrink when more samples are drawn. `fixedNoise` (n × noiseDim values) replaces the random draw.
   */
  async generatorGradients(n: number, fixedNoise?: Float32Array): Promise<GeneratorGradients> {
    this.checkAlive();
    checkPositiveInt('the sample count', n, 100_000);
    const { noiseDim, noise, loss: lossType } = this.config;
    if (fixedNoise !== undefined && fixedNoise.length !== n * noiseDim)
      throw new Error(`Expected ${n * noiseDim} noise values for ${n} samples, got ${fixedNoise.length}`);
    // Fixed noise (the same z every frame) makes the drawn samples move smoothly instead of re-drawing.
    const noiseData = fixedNoise ?? drawNoise(n, noiseDim, noise, this.viewRng);
    const packed = tf.tidy(() => {
      const x = this.generator.apply(tf.tensor2d(noiseData, [n, noiseDim]));
      const d = this.discriminator.forward(x);
      const dOut = generatorLossGradient(lossType, d[d.length - 1]);
      const dx = this.discriminator.backward(d, dOut, { parameters: false, input: true })
        .input as tf.Tensor2D;
      return tf.concat([x, tf.neg(dx)], 1);
    });
    try {
      return splitPointsAndDirections((await packed.data()) as Float32Array, n);
    } finally {
      packed.dispose();
    }
  }

  /** Weights as `generator/dense_i/kernel|bias` and `discriminator/...`. */
  async getWeights(): Promise<NamedWeight[]> {
    this.checkAlive();
    return [
      ...(await this.generator.getWeights('generator')),
      ...(await this.discriminator.getWeights('discriminator')),
    ];
  }

  /** Loads weights from getWeights() of a GAN with the same network shapes (validated before any change). */
  setWeights(weights: readonly NamedWeight[]): void {
    this.checkAlive();
    // Both networks are checked before either is written, so a bad checkpoint leaves the GAN as it was.
    checkWeightsFor(this.generator, 'generator', weights);
    checkWeightsFor(this.discriminator, 'discriminator', weights);
    this.generator.setWeights(weights, 'generator');
    this.discriminator.setWeights(weights, 'discriminator');
  }

  /**
   * Both optimizers' state as plain data: `${net}/optimizer/steps`, then each slot flat over the network's
   * parameters (Adam: m, v; RMSprop: ms; SGD: none).
   */
  async getOptimizerState(): Promise<NamedWeight[]> {
    this.checkAlive();
    return [
      ...(await this.optimizers.generator.getState('generator/optimizer')),
      ...(await this.optimizers.discriminator.getState('discriminator/optimizer')),
    ];
  }

  /** Restores getOptimizerState() of a GAN with the same config. */
  setOptimizerState(state: readonly NamedWeight[]): void {
    this.checkAlive();
    this.optimizers.generator.setState(state, 'generator/optimizer');
    this.optimizers.discriminator.setState(state, 'discriminator/optimizer');
  }

  getState(): GanState {
    return {
      iterations: this.iterationCount,
      trainRngState: uint32State(this.trainRng.getState()),
      viewRngState: uint32State(this.viewRng.getState()),
    };
  }

  setState(state: GanState): void {
    if (!Number.isInteger(state.iterations) || state.iterations < 0)
      throw new Error(`Expected a non-negative integer iterations, got ${state.iterations}`);
    this.trainRng.setState(state.trainRngState);
    this.viewRng.setState(state.viewRngState);
    this.iterationCount = state.iterations;
  }

  /** Frees both networks and optimizers; the GAN is unusable afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.generator.dispose();
    this.discriminator.dispose();
    this.optimizers.generator.dispose();
    this.optimizers.discriminator.dispose();
    this.targets.dispose();
  }

  private checkAlive(): void {
    if (this.disposed) throw new Error('This GAN was disposed');
  }
}
