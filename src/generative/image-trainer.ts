/**
 * What the Studio's image worker needs of a model (digit GAN, autoencoder, VAE): train a chunk of iterations,
 * hand its weights, optimizer slots and counters out as plain data, take them back. Each model owns its batches
 * and its random streams, so resuming from that data continues exactly as the run would have.
 */
import * as tf from '@tensorflow/tfjs';
import type { RngState } from '../envs/rng';
import type { BatcherState } from './mnist-batches';
import type { NamedWeight } from './mlp';
import type { FlatOptimizer } from './flat-optimizer';
import type { Net } from './image-nets';

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
