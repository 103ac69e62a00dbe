/**
 * A GAN on 2-D points (as GAN Lab, but any of four losses, any MLP sizes, and checkpoints). One training
 * iteration is k discriminator steps then one generator step; the views (samples, D's heat map, the noise
 * manifold, gradient arrows) are computed here and handed out as plain arrays. No synchronous reads anywhere:
 * every number leaves through one `await tensor.data()` (WebGPU loses its device on dataSync).
 */
import * as tf from '@tensorflow/tfjs';
import { Rng, type RngState } from '../envs/rng';
import type { Bounds, Distribution2d } from './distributions';
import { FlatOptimizer } from './flat-optimizer';
import { assertValidGanConfig, type GanConfig } from './gan-config';
import {
  discriminatorLoss,
  discriminatorLossGradient,
  generatorLoss,
  generatorLossGradient,
  interpolates,
  outputIsLogit,
  unitGradientPenalty,
  zeroGradientPenalty,
  type PenaltyRule,
} from './gan-losses';
import { checkWeight, Mlp, type NamedWeight } from './mlp';
import { drawNoise, noiseGrid } from './noise';

export type { NamedWeight } from './mlp';

/** What one training iteration measured (D's numbers are from its last step of the iteration). */
export interface GanIterationStats {
  /** Iterations completed, this one included. */
  iteration: number;
  /** All that D minimises: the game's loss plus the weighted penalties (WGAN-GP's, R1's). */
  dLoss: number;
  gLoss: number;
  /** Mean D output on the real batch: a probability for minimax/non-saturating, else the raw score. */
  dReal: number;
  /** Mean D output on the generated batch, as dReal. */
  dFake: number;
  /** WGAN-GP's penalty mean (‖∇D(x̂)‖ − 1)², unweighted (0 for the other losses). */
  gradientPenalty: number;
  /** R1's penalty ½·mean ‖∇D(x)‖² on the real batch, unweighted (0 when r1Weight is 0). */
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

type NetName = 'generator' | 'discriminator';

/** Rng.getState() can report words as negative int32; setState takes uint32. */
function uint32State([a, b, c, d]: RngState): RngState {
  return [a >>> 0, b >>> 0, c >>> 0, d >>> 0];
}

function checkPositiveInt(name: string, v: number, max = Infinity): void {
  if (!Number.isInteger(v) || v < 1 || v > max)
    throw new Error(`Expected ${name} to be an integer in [1, ${max}], got ${v}`);
}

export class Gan2d {
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

  constructor(config: GanConfig, distribution: Distribution2d) {
    this.config = structuredClone(assertValidGanConfig(config));
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

  /** Training iterations completed. */
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
    const rows: tf.Tensor1D[] = [];
    let packed: tf.Tensor | null = null;
    try {
      for (let i = 0; i < count; i++) rows.push(this.iterate());
      packed = tf.stack(rows);
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
      tf.dispose([...rows, ...(packed ? [packed] : [])]);
    }
  }

  /** Runs one iteration and returns [dLoss, dReal, dFake, gp, r1, gLoss] still on the device. */
  private iterate(): tf.Tensor1D {
    const k = this.config.discriminatorSteps;
    for (let step = 0; step + 1 < k; step++) this.discriminatorStep(false);
    const dStats = this.discriminatorStep(true) as tf.Tensor1D;
    const gLoss = this.generatorStep();
    const row = tf.tidy(() => tf.concat([dStats, tf.reshape(gLoss, [1])]));
    dStats.dispose();
    gLoss.dispose();
    this.iterationCount++;
    return row as tf.Tensor1D;
  }

  /**
   * One D step on a fresh real batch and a fresh generated batch; with `withStats`, returns
   * [loss, dReal, dFake, gp] (else nothing, and no loss is computed at all).
   */
  private discriminatorStep(withStats: boolean): tf.Tensor1D | undefined {
    const { batchSize: n, noiseDim, noise, loss: lossType, gradientPenaltyWeight, r1Weight } = this.config;
    const realData = this.distributionValue.sample(n, this.trainRng);
    const noiseData = drawNoise(n, noiseDim, noise, this.trainRng);
    const wgan = lossType === 'wasserstein-gp';
    const epsilonData = wgan ? Float32Array.from({ length: n }, () => this.trainRng.nextFloat()) : null;
    const d = this.discriminator;

    return tf.tidy((): tf.Tensor1D | undefined => {
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
      const zero = (): tf.Scalar => tf.scalar(0);
      let gp = zero;
      let r1 = zero;
      if (epsilonData !== null) {
        const between = interpolates(real, fake, tf.tensor2d(epsilonData, [n, 1]));
        gp = addPenalty(between, unitGradientPenalty, gradientPenaltyWeight);
      }
      if (r1Weight > 0) r1 = addPenalty(real, zeroGradientPenalty, r1Weight);

      this.optimizers.discriminator.applyGradients(gradients);
      return withStats ? this.discriminatorStats(out, gp(), r1()) : undefined;
    });
  }

  /** [loss, dReal, dFake, gp, r1] from D's output on the combined batch (before this step's update). */
  private discriminatorStats(out: tf.Tensor2D, gp: tf.Scalar, r1: tf.Scalar): tf.Tensor1D {
    const { loss: lossType, gradientPenaltyWeight, r1Weight } = this.config;
    const [realOut, fakeOut] = tf.split(out, 2, 0);
    const loss = tf.addN([
      discriminatorLoss(lossType, realOut, fakeOut),
      tf.mul(gradientPenaltyWeight, gp),
      tf.mul(r1Weight, r1),
    ]);
    const read = (t: tf.Tensor) => tf.mean(outputIsLogit(lossType) ? tf.sigmoid(t) : t);
    return tf.stack([loss, read(realOut), read(fakeOut), gp, r1]) as tf.Tensor1D;
  }

  /** One G step on fresh noise, backpropagated through D (left unchanged); returns G's loss. */
  private generatorStep(): tf.Scalar {
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
      return generatorLoss(lossType, out);
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
    const { xMin, xMax, yMin, yMax } = bounds;
    if (![xMin, xMax, yMin, yMax].every(Number.isFinite) || xMax <= xMin || yMax <= yMin)
      throw new Error(
        `Expected finite bounds with xMin < xMax and yMin < yMax, got ${JSON.stringify(bounds)}`,
      );
    const points = new Float32Array(resolution * resolution * 2);
    for (let row = 0; row < resolution; row++) {
      const y = yMin + ((row + 0.5) / resolution) * (yMax - yMin);
      for (let col = 0; col < resolution; col++) {
        const i = row * resolution + col;
        points[2 * i] = xMin + ((col + 0.5) / resolution) * (xMax - xMin);
        points[2 * i + 1] = y;
      }
    }
    const logit = outputIsLogit(this.config.loss);
    const out = tf.tidy(() => {
      const raw = this.discriminator.apply(tf.tensor2d(points, [resolution * resolution, 2]));
      return logit ? tf.sigmoid(raw) : raw;
    });
    try {
      const values = Float32Array.from((await out.data()) as Float32Array);
      return {
        resolution,
        bounds: { xMin, xMax, yMin, yMax },
        values,
        kind: logit ? 'probability' : 'score',
      };
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
      const values = (await packed.data()) as Float32Array;
      const points = new Float32Array(2 * n);
      const directions = new Float32Array(2 * n);
      for (let i = 0; i < n; i++) {
        points[2 * i] = values[4 * i];
        points[2 * i + 1] = values[4 * i + 1];
        directions[2 * i] = values[4 * i + 2];
        directions[2 * i + 1] = values[4 * i + 3];
      }
      return { points, directions };
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
    for (const [net, mlp] of this.nets()) {
      mlp.variables.forEach((v, i) => {
        const name = `${net}/${mlp.names[i]}`;
        const entry = weights.find((w) => w.name === name);
        if (entry === undefined) throw new Error(`Expected a weight named ${name}, got none`);
        checkWeight(entry, v.shape);
      });
    }
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

  private nets(): [NetName, Mlp][] {
    return [
      ['generator', this.generator],
      ['discriminator', this.discriminator],
    ];
  }

  private checkAlive(): void {
    if (this.disposed) throw new Error('This GAN was disposed');
  }
}
