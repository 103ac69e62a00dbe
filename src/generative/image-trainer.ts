/**
 * What the Studio's image worker needs of a model (digit GAN, autoencoder, VAE): train a chunk of iterations,
 * hand its weights, optimizer slots and counters out as plain data, take them back. Each model owns its batches
 * and its random streams, so resuming from that data continues exactly as the run would have.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng, type RngState } from '../envs/rng';
import { MnistBatcher, uint32State, type BatcherState } from './mnist-batches';
import { MNIST_PIXELS, type MnistSet } from './mnist-asset';
import type { NamedWeight } from './mlp';
import { FlatOptimizer } from './flat-optimizer';
import type { ImageOptimizerConfig } from './image-config';
import { Net, type LayerSpec } from './image-nets';

export type ImageModelKind = 'gan' | 'autoencoder' | 'vae';

/** Namespaced metrics of one training iteration, e.g. 'losses/reconstruction'. */
export type StepMetrics = Record<string, number>;

/** Counters and random-stream states; with the weights and optimizer slots, all a resume needs. */
export interface TrainerState {
  iterations: number;
  batcher: BatcherState;
  /** The stream of per-step noise (GAN z and labels, VAE ε, denoising corruption). */
  rngState: RngState;
}

export interface ImageTrainer {
  readonly kind: ImageModelKind;
  /** Iterations (optimizer updates of every network) completed. */
  readonly iterations: number;
  /** Training epochs completed, fractional. */
  readonly epochs: number;
  /** Runs `count` iterations with one read-back at the end; one metrics row per iteration. */
  train(count: number): Promise<StepMetrics[]>;
  networkWeights(): Promise<Record<string, NamedWeight[]>>;
  setNetworkWeights(weights: Record<string, NamedWeight[]>): void;
  optimizerStates(): Promise<Record<string, NamedWeight[]>>;
  setOptimizerStates(states: Record<string, NamedWeight[]>): void;
  getState(): TrainerState;
  setState(state: TrainerState): void;
  dispose(): void;
}

/** Gradients of `nets`' variables (in their order) from a variableGrads result. */
export function gradientsFor(net: Net, grads: tf.NamedTensorMap): tf.Tensor[] {
  return net.variables.map((variable) => {
    const g = grads[variable.name];
    if (!g) throw new Error(`No gradient for ${variable.name}`);
    return g;
  });
}

/** Optimizer slots of a set of named optimizers. */
export async function optimizerStatesOf(
  optimizers: Record<string, FlatOptimizer>,
): Promise<Record<string, NamedWeight[]>> {
  const entries = await Promise.all(
    Object.entries(optimizers).map(
      async ([name, optimizer]) => [name, await optimizer.getState(name)] as const,
    ),
  );
  return Object.fromEntries(entries);
}

export function setOptimizerStatesOf(
  optimizers: Record<string, FlatOptimizer>,
  states: Record<string, NamedWeight[]>,
): void {
  for (const [name, optimizer] of Object.entries(optimizers)) {
    const state = states[name];
    if (!state) throw new Error(`Expected optimizer state for ${name}, got none`);
    optimizer.setState(state, name);
  }
}

/** Reads a [count, width] stack of metric rows once and names its columns. */
export async function readRows(rows: tf.Tensor1D[], keys: readonly string[]): Promise<StepMetrics[]> {
  if (rows.length === 0) return [];
  const packed = tf.stack(rows);
  try {
    const values = (await packed.data()) as Float32Array;
    return rows.map((_, i) => Object.fromEntries(keys.map((key, k) => [key, values[i * keys.length + k]])));
  } finally {
    packed.dispose();
  }
}

export function checkCount(count: number): void {
  if (!Number.isInteger(count) || count < 1 || count > 100_000)
    throw new Error(`Expected an iteration count in [1, 100000], got ${count}`);
}

/**
 * What every image model shares: one optimizer per network (named by `N`), the stream of MNIST batches, the
 * stream of per-step noise and the iteration count; the `train` loop with one read-back per chunk; and the
 * persistence of all of these. A model builds its networks, calls `startTraining`, and writes `trainStep`.
 */
export abstract class MnistTrainer<N extends string> implements ImageTrainer {
  abstract readonly kind: ImageModelKind;
  /** Names of the columns of `trainStep`'s metrics row. */
  protected abstract readonly metricKeys: readonly string[];
  protected optimizers!: Record<N, FlatOptimizer>;
  protected batcher!: MnistBatcher;
  /** Per-step noise (GAN z and labels, VAE ε, denoising corruption). */
  protected rng!: Rng;
  protected iterationCount = 0;

  /** The end of a model's constructor, once its networks have drawn their initial weights from `initRng`. */
  protected startTraining(
    optimizers: Record<N, FlatOptimizer>,
    train: MnistSet,
    batchSize: number,
    initRng: Rng,
  ): void {
    this.optimizers = optimizers;
    this.batcher = new MnistBatcher(train, batchSize, initRng.nextUint32());
    this.rng = new Rng(initRng.nextUint32());
  }

  get iterations(): number {
    return this.iterationCount;
  }

  get epochs(): number {
    return this.batcher.epochs;
  }

  /** One iteration on the next batch (noise from `this.rng`); its metrics row stays on the device. */
  protected abstract trainStep(): tf.Tensor1D;

  async train(count: number): Promise<StepMetrics[]> {
    checkCount(count);
    const rows: tf.Tensor1D[] = [];
    try {
      for (let i = 0; i < count; i++) {
        rows.push(this.trainStep());
        this.iterationCount++;
      }
      return await readRows(rows, this.metricKeys);
    } finally {
      tf.dispose(rows);
    }
  }

  abstract networkWeights(): Promise<Record<string, NamedWeight[]>>;
  abstract setNetworkWeights(weights: Record<string, NamedWeight[]>): void;

  optimizerStates(): Promise<Record<string, NamedWeight[]>> {
    return optimizerStatesOf(this.optimizers);
  }

  setOptimizerStates(states: Record<string, NamedWeight[]>): void {
    setOptimizerStatesOf(this.optimizers, states);
  }

  getState(): TrainerState {
    return {
      iterations: this.iterationCount,
      batcher: this.batcher.getState(),
      rngState: uint32State(this.rng.getState()),
    };
  }

  setState(state: TrainerState): void {
    this.batcher.setState(state.batcher);
    this.rng.setState(state.rngState);
    this.iterationCount = state.iterations;
  }

  protected abstract disposeNetworks(): void;

  dispose(): void {
    this.disposeNetworks();
    for (const optimizer of Object.values<FlatOptimizer>(this.optimizers)) optimizer.dispose();
  }
}

/** The fields of the autoencoder's and the VAE's configs that shape their networks and training. */
export interface EncoderDecoderConfig {
  hiddenUnits: number;
  optimizer: ImageOptimizerConfig;
  batchSize: number;
  seed: number;
}

/**
 * The autoencoder's and the VAE's shape: a dense encoder 784 → hidden → `codeUnits` and a dense decoder
 * `latentUnits` → hidden → 784 pixel logits, each with its own optimizer.
 */
/** Encoder 784 → hidden → code units; decoder latent → hidden → 784 pixel logits (autoencoder and VAE). */
export function encoderDecoderLayerSpecs(
  hiddenUnits: number,
  codeUnits: number,
): { encoder: LayerSpec[]; decoder: LayerSpec[] } {
  return {
    encoder: [
      { type: 'dense', units: hiddenUnits, activation: 'relu' },
      { type: 'dense', units: codeUnits, activation: 'linear' },
    ],
    decoder: [
      { type: 'dense', units: hiddenUnits, activation: 'relu' },
      { type: 'dense', units: MNIST_PIXELS, activation: 'linear' },
    ],
  };
}

export abstract class EncoderDecoderTrainer extends MnistTrainer<'encoder' | 'decoder'> {
  readonly encoder: Net;
  readonly decoder: Net;

  constructor(config: EncoderDecoderConfig, codeUnits: number, latentUnits: number, train: MnistSet) {
    super();
    const { hiddenUnits, optimizer, batchSize, seed } = config;
    const initRng = new Rng(seed);
    const layers = encoderDecoderLayerSpecs(hiddenUnits, codeUnits);
    this.encoder = new Net([MNIST_PIXELS], layers.encoder, initRng, 'encoder', false);
    this.decoder = new Net([latentUnits], layers.decoder, initRng, 'decoder');
    const optimizers = {
      encoder: new FlatOptimizer(optimizer, this.encoder.variables),
      decoder: new FlatOptimizer(optimizer, this.decoder.variables),
    };
    this.startTraining(optimizers, train, batchSize, initRng);
  }

  async networkWeights(): Promise<Record<string, NamedWeight[]>> {
    return { encoder: await this.encoder.getWeights(), decoder: await this.decoder.getWeights() };
  }

  setNetworkWeights(weights: Record<string, NamedWeight[]>): void {
    this.encoder.setWeights(weights.encoder ?? []);
    this.decoder.setWeights(weights.decoder ?? []);
  }

  protected disposeNetworks(): void {
    this.encoder.dispose();
    this.decoder.dispose();
  }
}
