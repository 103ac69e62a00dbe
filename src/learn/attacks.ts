/**
 * Adversarial examples on any differentiable classifier given as a logits function over flat inputs in [0, 1].
 *
 * FGSM (Goodfellow, Shlens & Szegedy 2015): x' = clip(x + ε·sign(∇ₓ L(x, y)), 0, 1), one step.
 * PGD (Madry et al. 2018, started at x): x_{t+1} = Π(x_t + α·sign(∇ₓ L(x_t, y))), where Π clips to the L∞ ball
 * of radius ε around the original x and then to [0, 1]. L is the softmax cross-entropy with the true label.
 */
import * as tf from '@tensorflow/tfjs';

/** [n, d] inputs → [n, classes] logits. Must be differentiable (built from tf ops). */
export type LogitsFn = (x: tf.Tensor2D) => tf.Tensor2D;

/** Per-example cross-entropy, summed: its gradient per row is that row's own loss gradient. */
function summedLoss(logits: LogitsFn, labels: tf.Tensor1D): (x: tf.Tensor) => tf.Scalar {
  return (x) => {
    const out = logits(x as tf.Tensor2D);
    return tf.losses.softmaxCrossEntropy(
      tf.oneHot(labels, out.shape[1]),
      out,
      undefined,
      undefined,
      tf.Reduction.SUM,
    ) as tf.Scalar;
  };
}

/** sign(∇ₓ L) for each row. */
function lossGradientSign(logits: LogitsFn, x: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor2D {
  return tf.sign(tf.grad(summedLoss(logits, labels))(x)) as tf.Tensor2D;
}

function checkEpsilon(epsilon: number): void {
  if (!(epsilon >= 0) || !Number.isFinite(epsilon)) throw new Error(`Expected ε ≥ 0, got ${epsilon}`);
}

/** One FGSM step. `x` is [n, d] in [0, 1]; `labels` int32 [n]. Returns a new tensor; the caller disposes it. */
export function fgsm(logits: LogitsFn, x: tf.Tensor2D, labels: tf.Tensor1D, epsilon: number): tf.Tensor2D {
  checkEpsilon(epsilon);
  return tf.tidy(
    () =>
      tf.clipByValue(tf.add(x, tf.mul(lossGradientSign(logits, x, labels), epsilon)), 0, 1) as tf.Tensor2D,
  );
}

export interface PgdOptions {
  epsilon: number;
  /** Step size of each signed-gradient step (often ε/4 or 2.5·ε/steps). */
  alpha: number;
  steps: number;
}

/** Projected gradient descent on the loss (ascent, to be exact), kept inside the ε ball and [0, 1]. */
export function pgd(logits: LogitsFn, x: tf.Tensor2D, labels: tf.Tensor1D, options: PgdOptions): tf.Tensor2D {
  const { epsilon, alpha, steps } = options;
  checkEpsilon(epsilon);
  if (!(alpha > 0) || !Number.isFinite(alpha)) throw new Error(`Expected a step size α > 0, got ${alpha}`);
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`Expected at least one PGD step, got ${steps}`);
  return tf.tidy(() => {
    const low = tf.clipByValue(tf.sub(x, epsilon), 0, 1);
    const high = tf.clipByValue(tf.add(x, epsilon), 0, 1);
    let current: tf.Tensor2D = x.clone();
    for (let i = 0; i < steps; i++) {
      const stepped = tf.add(current, tf.mul(lossGradientSign(logits, current, labels), alpha));
      const next = tf.minimum(tf.maximum(stepped, low), high) as tf.Tensor2D;
      current.dispose();
      current = next;
    }
    return current;
  }) as tf.Tensor2D;
}

/** Per-example cross-entropy losses (for tests and for showing how much an attack raised the loss). */
export function perExampleLoss(logits: LogitsFn, x: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const out = logits(x);
    return tf.losses.softmaxCrossEntropy(
      tf.oneHot(labels, out.shape[1]),
      out,
      undefined,
      undefined,
      tf.Reduction.NONE,
    ) as tf.Tensor1D;
  });
}
