/**
 * The two formulas of "Attention Is All You Need" (Vaswani et al. 2017) that the attention panel shows:
 * scaled dot-product attention, Attention(Q, K, V) = softmax(Q Kᵀ / √d_k) V (section 3.2.1), and the
 * sinusoidal positional encoding PE(pos, 2i) = sin(pos / 10000^(2i/d_model)),
 * PE(pos, 2i+1) = cos(pos / 10000^(2i/d_model)) (section 3.5).
 */
import * as tf from '@tensorflow/tfjs';

export { sinusoidalEncoding } from './positional-encoding';

export interface AttentionResult<T extends tf.Tensor = tf.Tensor> {
  /** softmax(QKᵀ/√d_k) V: [..., queries, d_v] */
  output: T;
  /** The attention weights softmax(QKᵀ/√d_k): [..., queries, keys]; every row sums to 1. */
  weights: T;
}

/** Scaled dot-product attention over the last two axes (any leading batch/head axes). */
export function scaledDotProductAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor): AttentionResult {
  const dk = q.shape[q.shape.length - 1]!;
  return tf.tidy(() => {
    const scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(dk));
    const weights = tf.softmax(scores);
    return { output: tf.matMul(weights, v), weights };
  });
}
