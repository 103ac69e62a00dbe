/**
 * The Q-network: an MLP from an observation vector to one Q-value per action, optionally with a dueling head.
 * Built only from stock tf.layers so that `model.save()` writes the standard tfjs Layers format.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../envs/rng';
import type { Activation } from './dqn-config';
import type { NamedWeight } from '../storage/checkpoint';
import { exportModelWeights } from './weights';

export { argMax } from './arg-max';

export interface QNetworkOptions {
  obsSize: number;
  nActions: number;
  hiddenSizes: readonly number[];
  activation: Activation;
  dueling: boolean;
  /** Same seed → same initial weights. */
  seed: number;
}

/** Layer names are fixed so that weight names are stable across sessions (checkpoints match them). */
export const DUELING_MERGE_LAYER = 'dueling_merge';

/**
 * The dueling merge Q = V + A − mean(A) is linear in [V, A], so a frozen Dense layer (no bias) whose kernel
 * has a row of ones for V and I − 1/n for A computes it with no custom layer.
 */
function duelingMergeKernel(nActions: number): tf.Tensor2D {
  const k = new Float32Array((1 + nActions) * nActions);
  for (let j = 0; j < nActions; j++) k[j] = 1;
  for (let i = 0; i < nActions; i++) {
    for (let j = 0; j < nActions; j++) k[(1 + i) * nActions + j] = (i === j ? 1 : 0) - 1 / nActions;
  }
  return tf.tensor2d(k, [1 + nActions, nActions]);
}

export function buildQNetwork(options: QNetworkOptions): tf.LayersModel {
  const { obsSize, nActions, hiddenSizes, activation, dueling, seed } = options;
  if (!Number.isInteger(obsSize) || obsSize <= 0)
    throw new Error(`Expected a positive obsSize, got ${obsSize}`);
  if (!Number.isInteger(nActions) || nActions <= 0)
    throw new Error(`Expected a positive nActions, got ${nActions}`);
  // One independent initializer seed per layer, derived from the network seed.
  const seeds = new Rng(seed);
  const dense = (name: string, units: number, act: Activation): tf.layers.Layer =>
    tf.layers.dense({
      name,
      units,
      activation: act,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seeds.nextUint32() }),
      biasInitializer: 'zeros',
    });

  const input = tf.input({ shape: [obsSize], name: 'observation' });
  let x: tf.SymbolicTensor = input;
  hiddenSizes.forEach((units, i) => {
    x = dense(`hidden_${i}`, units, activation).apply(x) as tf.SymbolicTensor;
  });

  let q: tf.SymbolicTensor;
  if (!dueling) {
    q = dense('q_values', nActions, 'linear').apply(x) as tf.SymbolicTensor;
  } else {
    const value = dense('value', 1, 'linear').apply(x) as tf.SymbolicTensor;
    const advantage = dense('advantage', nActions, 'linear').apply(x) as tf.SymbolicTensor;
    const both = tf.layers
      .concatenate({ name: 'value_advantage' })
      .apply([value, advantage]) as tf.SymbolicTensor;
    const merge = tf.layers.dense({
      name: DUELING_MERGE_LAYER,
      units: nActions,
      useBias: false,
      trainable: false,
      kernelInitializer: 'zeros',
    });
    q = merge.apply(both) as tf.SymbolicTensor;
    const kernel = duelingMergeKernel(nActions);
    merge.setWeights([kernel]);
    kernel.dispose();
  }
  return tf.model({ inputs: input, outputs: q, name: 'q_network' });
}

/** The initial weights of a seeded Q-network as plain data, for an engine that does not run tfjs layers. */
export function initialQNetworkWeights(options: QNetworkOptions): NamedWeight[] {
  const model = buildQNetwork(options);
  try {
    return exportModelWeights(model, 'online');
  } finally {
    model.dispose();
  }
}
