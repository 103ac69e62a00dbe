/**
 * The MLP nonlinearities with their first and second derivatives written in terms of the output y = σ(z), which
 * is what the forward pass keeps (hand-written backpropagation in mlp.ts needs both).
 */
import * as tf from '@tensorflow/tfjs';
import type { GanActivation } from './gan-config';

import { LEAKY_SLOPE } from '../nn/mlp-activations';

export { LEAKY_SLOPE };

export type FusedActivation = 'linear' | 'relu' | 'leakyrelu' | 'elu' | 'sigmoid';

/** The activation tf.fused.matMul can apply in the same kernel, or null (tanh) when it cannot. */
export const FUSED: Record<GanActivation, FusedActivation | null> = {
  relu: 'relu',
  leakyRelu: 'leakyrelu',
  elu: 'elu',
  sigmoid: 'sigmoid',
  linear: 'linear',
  tanh: null,
};

export function applyActivation(activation: GanActivation, z: tf.Tensor2D): tf.Tensor2D {
  switch (activation) {
    case 'relu':
      return tf.relu(z);
    case 'leakyRelu':
      return tf.leakyRelu(z, LEAKY_SLOPE);
    case 'tanh':
      return tf.tanh(z);
    case 'elu':
      return tf.elu(z);
    case 'sigmoid':
      return tf.sigmoid(z);
    case 'linear':
      return z;
  }
}

/** σ'(z) from y = σ(z). */
export function activationDerivative(activation: GanActivation, y: tf.Tensor2D): tf.Tensor2D {
  switch (activation) {
    case 'relu':
      return tf.step(y);
    case 'leakyRelu':
      // y and z have the same sign, so step(y) with the leak below zero is the derivative.
      return tf.step(y, LEAKY_SLOPE);
    case 'tanh':
      return tf.sub(1, tf.square(y));
    case 'elu':
      // 1 for y > 0, else e^z = y + 1.
      return tf.add(tf.minimum(y, 0), 1);
    case 'sigmoid':
      return tf.mul(y, tf.sub(1, y));
    case 'linear':
      return tf.onesLike(y);
  }
}

/** σ''(z) from y = σ(z), or null where it is 0 almost everywhere (piecewise-linear activations). */
export function activationSecondDerivative(activation: GanActivation, y: tf.Tensor2D): tf.Tensor2D | null {
  switch (activation) {
    case 'relu':
    case 'leakyRelu':
    case 'linear':
      return null;
    case 'tanh':
      return tf.mul<tf.Tensor2D>(tf.mul(y, -2), tf.sub(1, tf.square(y)));
    case 'elu':
      // e^z = y + 1 for y ≤ 0, else 0.
      return tf.mul<tf.Tensor2D>(tf.sub(1, tf.step(y)), tf.add(y, 1));
    case 'sigmoid':
      return tf.mul<tf.Tensor2D>(tf.mul(y, tf.sub(1, y)), tf.sub(1, tf.mul(y, 2)));
  }
}
