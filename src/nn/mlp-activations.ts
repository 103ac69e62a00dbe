/**
 * The 2-D GAN's nonlinearities on typed arrays, with the first and second derivatives written in terms of the
 * output y = σ(z) (what the forward pass keeps), each matching the tfjs op src/generative/activations.ts uses.
 * Separate from activations.ts (the Q-networks' set, which has selu but no leaky ReLU).
 */

export type MlpActivation = 'relu' | 'leakyRelu' | 'tanh' | 'elu' | 'sigmoid' | 'linear';

/** Slope of leakyRelu below zero, for both engines (src/generative/activations.ts uses it with tfjs). */
export const LEAKY_SLOPE = 0.2;

/** y[0..count) ← σ(y). */
export function activate(activation: MlpActivation, y: Float32Array, count: number): void {
  switch (activation) {
    case 'linear':
      return;
    case 'relu':
      for (let i = 0; i < count; i++) if (y[i]! < 0) y[i] = 0;
      return;
    case 'leakyRelu':
      for (let i = 0; i < count; i++) if (y[i]! < 0) y[i] = LEAKY_SLOPE * y[i]!;
      return;
    case 'tanh':
      for (let i = 0; i < count; i++) y[i] = Math.tanh(y[i]!);
      return;
    case 'elu':
      for (let i = 0; i < count; i++) if (y[i]! < 0) y[i] = Math.expm1(y[i]!);
      return;
    case 'sigmoid':
      for (let i = 0; i < count; i++) y[i] = 1 / (1 + Math.exp(-y[i]!));
      return;
  }
}

/** s[i] = σ'(z) from y = σ(z) (tfjs: step(y), step(y, 0.2), 1 − y², min(y, 0) + 1, y(1 − y), 1). */
export function derivative(activation: MlpActivation, y: Float32Array, s: Float32Array, count: number): void {
  switch (activation) {
    case 'linear':
      s.fill(1, 0, count);
      return;
    case 'relu':
      for (let i = 0; i < count; i++) s[i] = y[i]! > 0 ? 1 : 0;
      return;
    case 'leakyRelu':
      for (let i = 0; i < count; i++) s[i] = y[i]! > 0 ? 1 : LEAKY_SLOPE;
      return;
    case 'tanh':
      for (let i = 0; i < count; i++) s[i] = 1 - y[i]! * y[i]!;
      return;
    case 'elu':
      for (let i = 0; i < count; i++) s[i] = y[i]! > 0 ? 1 : y[i]! + 1;
      return;
    case 'sigmoid':
      for (let i = 0; i < count; i++) s[i] = y[i]! * (1 - y[i]!);
      return;
  }
}

/** Whether σ'' is 0 almost everywhere (piecewise-linear activations): double backprop then skips its term. */
export function isPiecewiseLinear(activation: MlpActivation): boolean {
  return activation === 'relu' || activation === 'leakyRelu' || activation === 'linear';
}

/** out[i] = σ''(z) from y = σ(z), for the smooth activations (0 for the piecewise-linear ones). */
export function secondDerivative(
  activation: MlpActivation,
  y: Float32Array,
  out: Float32Array,
  count: number,
): void {
  switch (activation) {
    case 'relu':
    case 'leakyRelu':
    case 'linear':
      out.fill(0, 0, count);
      return;
    case 'tanh':
      for (let i = 0; i < count; i++) out[i] = -2 * y[i]! * (1 - y[i]! * y[i]!);
      return;
    case 'elu':
      for (let i = 0; i < count; i++) out[i] = y[i]! > 0 ? 0 : y[i]! + 1;
      return;
    case 'sigmoid':
      for (let i = 0; i < count; i++) out[i] = y[i]! * (1 - y[i]!) * (1 - 2 * y[i]!);
      return;
  }
}
