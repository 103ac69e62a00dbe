/**
 * The tfjs optimizers a DQN agent trains with, and what checkpoints need to know of their insides: the names
 * of their per-variable slots and Adam's running β products (which tfjs keeps outside getWeights()).
 */
import * as tf from '@tensorflow/tfjs';
import type { OptimizerName } from './dqn-config';

/** Names of the per-variable slots that each tfjs optimizer keeps, in its getWeights() order. */
export const OPTIMIZER_SLOTS: Record<OptimizerName, readonly string[]> = {
  adam: ['m', 'v'],
  rmsprop: ['ms', 'mom'],
  sgd: [],
};

export function makeOptimizer(name: OptimizerName, learningRate: number): tf.Optimizer {
  switch (name) {
    case 'adam':
      return tf.train.adam(learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate);
    case 'sgd':
      return tf.train.sgd(learningRate);
  }
}

export const ADAM_BETA_PRODUCTS = ['optimizer/accBeta1', 'optimizer/accBeta2'];

/** Adam's running products β₁ᵗ and β₂ᵗ (private fields of tfjs's AdamOptimizer), or null for other optimizers. */
export function adamBetaProducts(
  optimizer: tf.Optimizer,
): { accBeta1: tf.Variable; accBeta2: tf.Variable } | null {
  if (optimizer.getClassName() !== 'Adam') return null;
  const { accBeta1, accBeta2 } = optimizer as unknown as { accBeta1: tf.Variable; accBeta2: tf.Variable };
  return { accBeta1, accBeta2 };
}
