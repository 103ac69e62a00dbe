/**
 * Feature attribution for one input of a differentiable model F (a class probability, a Q-value):
 *
 * - vanilla gradient (saliency): ∂F/∂xᵢ at x;
 * - gradient × input: xᵢ · ∂F/∂xᵢ;
 * - integrated gradients (Sundararajan, Taly & Yan 2017), with the paper's Riemann sum over m steps:
 *   IGᵢ(x) ≈ (xᵢ − x'ᵢ) · (1/m) Σ_{k=1..m} ∂F(x' + (k/m)(x − x'))/∂xᵢ.
 *   Completeness: Σᵢ IGᵢ = F(x) − F(x') exactly in the limit; the residual shows how good m steps are.
 */
import * as tf from '@tensorflow/tfjs';

/** [n, d] inputs → [n] outputs, one scalar per row (differentiable). */
export type ScalarFn = (x: tf.Tensor2D) => tf.Tensor1D;

function asRow(x: Float32Array): tf.Tensor2D {
  return tf.tensor2d(x, [1, x.length]);
}

/** ∂F/∂x at x. */
export async function vanillaGradient(f: ScalarFn, x: Float32Array): Promise<Float32Array> {
  const grad = tf.tidy(() => tf.grad((input: tf.Tensor) => tf.sum(f(input as tf.Tensor2D)))(asRow(x)));
  const values = Float32Array.from(await grad.data());
  grad.dispose();
  return values;
}

/** x ⊙ ∂F/∂x. */
export async function gradientTimesInput(f: ScalarFn, x: Float32Array): Promise<Float32Array> {
  const grad = await vanillaGradient(f, x);
  return grad.map((g, i) => g * x[i]!);
}

export interface IntegratedGradients {
  attributions: Float32Array;
  /** F(x) and F(baseline). */
  output: number;
  baselineOutput: number;
  /** Σ attributions, to compare with output − baselineOutput. */
  sum: number;
}

/**
 * Integrated gradients along the straight path from `baseline` to `x` (m steps, right Riemann sum as in the
 * paper). Gradients are taken in batches of `batch` path points so memory stays bounded for large m.
 */
export async function integratedGradients(
  f: ScalarFn,
  x: Float32Array,
  baseline: Float32Array,
  steps: number,
  batch = 64,
): Promise<IntegratedGradients> {
  if (baseline.length !== x.length)
    throw new Error(`Expected a baseline of ${x.length} values, got ${baseline.length}`);
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`Expected m ≥ 1 steps, got ${steps}`);
  const d = x.length;
  const total = new Float32Array(d);
  const gradOf = tf.grad((input: tf.Tensor) => tf.sum(f(input as tf.Tensor2D)));
  for (let start = 1; start <= steps; start += batch) {
    const n = Math.min(batch, steps - start + 1);
    const summed = tf.tidy(() => {
      const alphas = tf.tensor2d(
        Float32Array.from({ length: n }, (_, i) => (start + i) / steps),
        [n, 1],
      );
      const from = asRow(baseline);
      const points = tf.add(from, tf.mul(alphas, tf.sub(asRow(x), from))) as tf.Tensor2D;
      return tf.sum(gradOf(points), 0);
    });
    const values = await summed.data();
    summed.dispose();
    for (let i = 0; i < d; i++) total[i] += values[i]!;
  }
  const attributions = new Float32Array(d);
  let sum = 0;
  for (let i = 0; i < d; i++) {
    attributions[i] = ((x[i]! - baseline[i]!) * total[i]!) / steps;
    sum += attributions[i]!;
  }
  const outputs = tf.tidy(() => f(tf.stack([x, baseline].map((v) => tf.tensor1d(v))) as tf.Tensor2D));
  const [output, baselineOutput] = await outputs.data();
  outputs.dispose();
  return { attributions, output: output!, baselineOutput: baselineOutput!, sum };
}
