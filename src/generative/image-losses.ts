/**
 * Losses of the MNIST models, per example (callers average over the batch). Written from logits, in their
 * numerically stable forms, so that saturated outputs give finite losses and gradients.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * −log p(x | logits) of a Bernoulli per pixel, summed over each row's pixels: the binary cross-entropy
 * Σ −[x log σ(l) + (1 − x) log(1 − σ(l))] = Σ max(l, 0) − l·x + log(1 + e^−|l|). x may be grey (in [0, 1]),
 * as in Kingma & Welling's MNIST experiments.
 */
export function bernoulliNll(logits: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const perPixel = tf.add(
      tf.sub(tf.relu(logits), tf.mul(logits, x)),
      tf.log1p(tf.exp(tf.neg(tf.abs(logits)))),
    );
    return tf.sum(perPixel, 1) as tf.Tensor1D;
  });
}

/**
 * KL(N(μ, diag σ²) ‖ N(0, I)) per row, with logVar = log σ²: −½ Σ (1 + log σ² − μ² − σ²), the analytic term of
 * Kingma & Welling (2014), appendix B.
 */
export function gaussianKl(mu: tf.Tensor2D, logVar: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(
    () =>
      tf.mul(
        -0.5,
        tf.sum(tf.sub(tf.sub(tf.add(1, logVar), tf.square(mu)), tf.exp(logVar)), 1),
      ) as tf.Tensor1D,
  );
}

/**
 * Mean binary cross-entropy of logits against one target t (1 = "real", 0 = "generated", 0.9 for one-sided
 * label smoothing): −[t log σ(l) + (1 − t) log(1 − σ(l))] = softplus(l) − t·l.
 */
export function sigmoidCrossEntropy(logits: tf.Tensor, target: number): tf.Scalar {
  return tf.tidy(() =>
    target === 0
      ? (tf.mean(tf.softplus(logits)) as tf.Scalar)
      : (tf.mean(tf.sub(tf.softplus(logits), tf.mul(target, logits))) as tf.Scalar),
  );
}

/** Mean squared error per row (mean over the row's pixels). */
export function meanSquaredErrorPerRow(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.mean(tf.squaredDifference(a, b), 1) as tf.Tensor1D);
}
