/**
 * The 2-D GAN on the typed-array engine (src/nn): gan.ts's algorithm step for step — k D steps on a fresh real
 * batch and a fresh generated batch ([real; generated] in one pass), WGAN-GP's and R1's penalties by double
 * backpropagation, then one G step through D — in loops over preallocated Float32Arrays. Same seed, same
 * random streams, same initial weights, same optimizer arithmetic, so both engines give the same run within
 * float tolerance, and their weights and optimizer state (same names, shapes, layout) move between them.
 * tfjs spends most of a step of networks this small in per-op overhead; this has none. No tfjs here.
 */
import { Rng } from '../envs/rng';
import { MlpNet, type MlpTape } from '../nn/mlp-net';
import type { Bounds, Distribution2d } from './distributions';
import { assertValidGanConfig, outputIsLogit, type GanConfig } from './gan-config';
import {
  discriminatorLossValue,
  discriminatorOutputGradient,
  generatorLossValue,
  generatorOutputGradient,
  meanReading,
  unitGradientPenalty,
  zeroGradientPenalty,
} from './gan-losses-js';
import {
  checkPositiveInt,
  gridCentres,
  R1_INTERVAL,
  uint32State,
  type DiscriminatorGrid,
  type Gan2dOptions,
  type Gan2dTrainer,
  type GanIterationStats,
  type GanState,
  type GeneratorGradients,
  type Manifold,
} from './gan-types';
import { JsFlatOptimizer } from './js-flat-optimizer';
import { drawNoise, noiseGrid } from './noise';
import { checkWeight, initialMlpWeights, mlpSizes, type NamedWeight } from './weights';

type Net = 'generator' | 'discriminator';
const NETS: readonly Net[] = ['generator', 'discriminator'];

/** What D's last step of an iteration measured, before its update. */
interface DiscriminatorStats {
  dLoss: number;
  dReal: number;
  dFake: number;
  gradientPenalty: number;
  r1Penalty: number;
}

export class JsGan2d implements Gan2dTrainer {
  readonly engine = 'js';
  readonly config: GanConfig;
  readonly r1Interval: number;
  private distributionValue: Distribution2d;
  private readonly nets: Record<Net, MlpNet>;
  private readonly optimizers: Record<Net, JsFlatOptimizer>;
  private readonly trainRng: Rng;
  private readonly viewRng: Rng;
  private iterationCount = 0;
  private disposed = false;
  // Training buffers, allocated once for the batch size.
  private readonly gTape: MlpTape;
  private readonly dTape: MlpTape;
  private readonly penaltyTape: MlpTape;
  private readonly combined: Float32Array;
  private readonly outGrad: Float32Array;
  private readonly inputGrad: Float32Array;
  private readonly penaltyGrad: Float32Array;
  private readonly between: Float32Array;
  // The views' own tapes (their batch sizes differ from training's).
  private readonly gView: MlpTape;
  private readonly dView: MlpTape;

  constructor(config: GanConfig, distribution: Distribution2d, options: Gan2dOptions = {}) {
    this.config = structuredClone(assertValidGanConfig(config));
    this.r1Interval = options.r1Interval ?? R1_INTERVAL;
    checkPositiveInt('the R1 interval', this.r1Interval, 1000);
    this.distributionValue = distribution;
    const { generator, discriminator, noiseDim, batchSize: n } = this.config;
    // The same draws in the same order as gan.ts: G's weights, D's weights, then the two streams' seeds.
    const initRng = new Rng(this.config.seed);
    const g = new MlpNet(mlpSizes(generator, noiseDim, 2), generator.activation);
    loadWeights(g, initialMlpWeights(generator, noiseDim, 2, initRng), '');
    const d = new MlpNet(mlpSizes(discriminator, 2, 1), discriminator.activation);
    loadWeights(d, initialMlpWeights(discriminator, 2, 1, initRng), '');
    this.nets = { generator: g, discriminator: d };
    this.optimizers = {
      generator: new JsFlatOptimizer(this.config.generatorOptimizer, g.params.length),
      discriminator: new JsFlatOptimizer(this.config.discriminatorOptimizer, d.params.length),
    };
    this.trainRng = new Rng(initRng.nextUint32());
    this.viewRng = new Rng(initRng.nextUint32());
    this.gTape = g.tape(n);
    this.dTape = d.tape(2 * n);
    this.penaltyTape = d.tape(n);
    this.combined = new Float32Array(4 * n);
    this.outGrad = new Float32Array(2 * n);
    this.inputGrad = new Float32Array(2 * n);
    this.penaltyGrad = new Float32Array(2 * n);
    this.between = new Float32Array(2 * n);
    this.gView = g.tape();
    this.dView = d.tape();
  }

  get distribution(): Distribution2d {
    return this.distributionValue;
  }

  setDistribution(distribution: Distribution2d): void {
    this.distributionValue = distribution;
  }

  get iterations(): number {
    return this.iterationCount;
  }

  async trainIteration(): Promise<GanIterationStats> {
    const [stats] = await this.train(1);
    return stats!;
  }

  /** `count` iterations, one stats row each (as gan.ts's train). */
  async train(count: number): Promise<GanIterationStats[]> {
    this.checkAlive();
    checkPositiveInt('the iteration count', count, 100_000);
    const rows: GanIterationStats[] = [];
    for (let i = 0; i < count; i++) {
      for (let step = 0; step + 1 < this.config.discriminatorSteps; step++) this.discriminatorStep();
      const d = this.discriminatorStep();
      const gLoss = this.generatorStep();
      this.iterationCount++;
      rows.push({ iteration: this.iterationCount, ...d, gLoss });
    }
    return rows;
  }

  /** One D step on fresh real and generated batches; returns what it measured before its update. */
  private discriminatorStep(): DiscriminatorStats {
    const { batchSize: n, noiseDim, noise, loss, gradientPenaltyWeight, r1Weight } = this.config;
    const { generator: g, discriminator: d } = this.nets;
    const realData = this.distributionValue.sample(n, this.trainRng);
    const noiseData = drawNoise(n, noiseDim, noise, this.trainRng);
    const wgan = loss === 'wasserstein-gp';
    // Lazy R1 by D's step counter (restored by checkpoints), as gan.ts.
    const r1Applies = r1Weight > 0 && this.optimizers.discriminator.stepCount % this.r1Interval === 0;
    const epsilon = wgan ? Float32Array.from({ length: n }, () => this.trainRng.nextFloat()) : null;

    const fake = g.forward(this.gTape, noiseData, n);
    this.combined.set(realData.subarray(0, 2 * n));
    this.combined.set(fake.subarray(0, 2 * n), 2 * n);
    const out = d.forward(this.dTape, this.combined, 2 * n);
    const stats: DiscriminatorStats = {
      dLoss: discriminatorLossValue(loss, out, n),
      dReal: meanReading(loss, out, 0, n),
      dFake: meanReading(loss, out, n, n),
      gradientPenalty: 0,
      r1Penalty: 0,
    };
    discriminatorOutputGradient(loss, out, n, this.outGrad);
    d.backward(this.dTape, this.outGrad, true, null);

    if (epsilon !== null) {
      // x̂ = G(z) + ε(x − G(z)), one ε per row.
      const x = this.combined;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < 2; j++) {
          const f = x[2 * n + 2 * i + j]!;
          this.between[2 * i + j] = f + epsilon[i]! * (x[2 * i + j]! - f);
        }
      }
      d.forward(this.penaltyTape, this.between, n);
      const grad = d.inputGradient(this.penaltyTape, n);
      stats.gradientPenalty = unitGradientPenalty(grad, n, 2, gradientPenaltyWeight, this.penaltyGrad);
      d.pullback(this.penaltyTape, this.penaltyGrad);
      stats.dLoss += gradientPenaltyWeight * stats.gradientPenalty;
    }
    if (r1Applies) {
      // The real rows are the first n of the combined pass: their activations are already on the tape.
      const weight = r1Weight * this.r1Interval;
      const grad = d.inputGradient(this.dTape, n);
      stats.r1Penalty = zeroGradientPenalty(grad, n, 2, weight, this.penaltyGrad);
      d.pullback(this.dTape, this.penaltyGrad);
      stats.dLoss += weight * stats.r1Penalty;
    }
    this.optimizers.discriminator.apply(d.params, d.grads);
    d.weightsChanged();
    return stats;
  }

  /** One G step on fresh noise, backpropagated through D (left unchanged); returns G's loss before it. */
  private generatorStep(): number {
    const { batchSize: n, noiseDim, noise, loss } = this.config;
    const { generator: g, discriminator: d } = this.nets;
    const noiseData = drawNoise(n, noiseDim, noise, this.trainRng);
    const x = g.forward(this.gTape, noiseData, n);
    const out = d.forward(this.dTape, x, n);
    const gLoss = generatorLossValue(loss, out, n);
    generatorOutputGradient(loss, out, n, 1 / n, this.outGrad);
    d.backward(this.dTape, this.outGrad, false, this.inputGrad);
    g.backward(this.gTape, this.inputGrad, true, null);
    this.optimizers.generator.apply(g.params, g.grads);
    g.weightsChanged();
    return gLoss;
  }

  async sample(n: number): Promise<Float32Array> {
    checkPositiveInt('the sample count', n, 1_000_000);
    return this.generate(drawNoise(n, this.config.noiseDim, this.config.noise, this.viewRng));
  }

  async generate(noise: Float32Array): Promise<Float32Array> {
    this.checkAlive();
    const dim = this.config.noiseDim;
    if (noise.length === 0 || noise.length % dim !== 0)
      throw new Error(`Expected a positive multiple of noiseDim ${dim} noise values, got ${noise.length}`);
    const rows = noise.length / dim;
    return this.nets.generator.forward(this.gView, noise, rows).slice(0, 2 * rows);
  }

  async discriminatorGrid(
    resolution: number,
    bounds: Bounds = this.distributionValue.bounds,
  ): Promise<DiscriminatorGrid> {
    this.checkAlive();
    checkPositiveInt('the grid resolution', resolution, 1024);
    const points = gridCentres(resolution, bounds);
    const count = resolution * resolution;
    const values = this.nets.discriminator.forward(this.dView, points, count).slice(0, count);
    const logit = outputIsLogit(this.config.loss);
    if (logit) for (let i = 0; i < count; i++) values[i] = 1 / (1 + Math.exp(-values[i]!));
    const { xMin, xMax, yMin, yMax } = bounds;
    return { resolution, bounds: { xMin, xMax, yMin, yMax }, values, kind: logit ? 'probability' : 'score' };
  }

  async manifold(gridSize: number): Promise<Manifold> {
    checkPositiveInt('the manifold grid size', gridSize, 256);
    const { noise, count } = noiseGrid(gridSize, this.config.noiseDim, this.config.noise);
    const points = await this.generate(noise);
    return { gridSize, dims: this.config.noiseDim === 1 ? 1 : 2, count, points };
  }

  /** n generated samples and −∂ℓᵢ/∂xᵢ for each (as gan.ts: per-sample losses, summed). */
  async generatorGradients(n: number, fixedNoise?: Float32Array): Promise<GeneratorGradients> {
    this.checkAlive();
    checkPositiveInt('the sample count', n, 100_000);
    const { noiseDim, noise, loss } = this.config;
    if (fixedNoise !== undefined && fixedNoise.length !== n * noiseDim)
      throw new Error(`Expected ${n * noiseDim} noise values for ${n} samples, got ${fixedNoise.length}`);
    const noiseData = fixedNoise ?? drawNoise(n, noiseDim, noise, this.viewRng);
    const { generator: g, discriminator: d } = this.nets;
    const points = g.forward(this.gView, noiseData, n).slice(0, 2 * n);
    const out = d.forward(this.dView, points, n);
    const outGrad = new Float32Array(n);
    generatorOutputGradient(loss, out, n, 1, outGrad);
    const directions = new Float32Array(2 * n);
    d.backward(this.dView, outGrad, false, directions);
    for (let i = 0; i < directions.length; i++) directions[i] = -directions[i]!;
    return { points, directions };
  }

  /** Weights as `generator/dense_i/kernel|bias` and `discriminator/...` (as gan.ts). */
  async getWeights(): Promise<NamedWeight[]> {
    this.checkAlive();
    return NETS.flatMap((net) =>
      this.nets[net].slices.map((s) => ({
        name: `${net}/${s.name}`,
        shape: s.shape.slice(),
        data: this.nets[net].params.slice(s.offset, s.offset + s.size),
      })),
    );
  }

  /** Loads getWeights() of either engine; both networks are checked before either is written. */
  setWeights(weights: readonly NamedWeight[]): void {
    this.checkAlive();
    for (const net of NETS) checkWeights(this.nets[net], weights, `${net}/`);
    for (const net of NETS) loadWeights(this.nets[net], weights, `${net}/`);
  }

  async getOptimizerState(): Promise<NamedWeight[]> {
    this.checkAlive();
    return NETS.flatMap((net) => this.optimizers[net].getState(`${net}/optimizer`));
  }

  setOptimizerState(state: readonly NamedWeight[]): void {
    this.checkAlive();
    for (const net of NETS) this.optimizers[net].setState(state, `${net}/optimizer`);
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

  /** Nothing to free (no tensors); the GAN is unusable afterwards, as gan.ts's. */
  dispose(): void {
    this.disposed = true;
  }

  private checkAlive(): void {
    if (this.disposed) throw new Error('This GAN was disposed');
  }
}

function findWeight(weights: readonly NamedWeight[], name: string): NamedWeight {
  const entry = weights.find((w) => w.name === name);
  if (entry === undefined) throw new Error(`Expected a weight named ${name}, got none`);
  return entry;
}

function checkWeights(net: MlpNet, weights: readonly NamedWeight[], prefix: string): void {
  for (const s of net.slices) checkWeight(findWeight(weights, prefix + s.name), s.shape);
}

function loadWeights(net: MlpNet, weights: readonly NamedWeight[], prefix: string): void {
  for (const s of net.slices) net.params.set(findWeight(weights, prefix + s.name).data, s.offset);
  net.weightsChanged();
}
