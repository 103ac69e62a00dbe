/**
 * Vanishing and exploding gradients, measured: a stack of `depth` dense layers of `width` units (no biases),
 * h_l = f(W_l·h_{l−1}), takes a seeded Gaussian batch forward; the loss is L = 1/(2B)·Σ‖h_L − y‖² against
 * seeded Gaussian targets; backpropagation gives ∂L/∂W_l, and we report its Frobenius norm per layer.
 */
import { Rng } from '../envs/rng';
import { activate, derivative, type ActivationName } from './activations';

export const INIT_SCHEMES = ['small', 'xavier', 'he', 'large'] as const;
export type InitScheme = (typeof INIT_SCHEMES)[number];

export const INIT_LABELS: Record<InitScheme, string> = {
  small: 'Small (σ = 0.01)',
  xavier: 'Xavier / Glorot (σ = √(2/(fan_in + fan_out)))',
  he: 'He (σ = √(2/fan_in))',
  large: 'Large (σ = 1)',
};

export function initStd(scheme: InitScheme, fanIn: number, fanOut: number): number {
  switch (scheme) {
    case 'small':
      return 0.01;
    case 'xavier':
      return Math.sqrt(2 / (fanIn + fanOut));
    case 'he':
      return Math.sqrt(2 / fanIn);
    case 'large':
      return 1;
  }
}

export interface DeepStackOptions {
  depth: number;
  width: number;
  batch: number;
  activation: ActivationName;
  init: InitScheme;
  seed: number;
}

export interface DeepStackResult {
  /** ‖∂L/∂W_l‖_F for l = 1..depth (index l − 1). */
  gradNorms: number[];
  /** RMS of the activations h_l for l = 1..depth, to see the forward signal die or blow up too. */
  activationRms: number[];
  loss: number;
}

export function deepStackGradients(options: DeepStackOptions): DeepStackResult {
  const { depth, width, batch, activation, init, seed } = options;
  for (const [name, value, max] of [
    ['depth', depth, 200],
    ['width', width, 512],
    ['batch', batch, 1024],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw new Error(`Expected an integer ${name} in 1..${max}, got ${value}`);
    }
  }
  const rng = new Rng(seed);
  const weights: Float64Array[] = [];
  for (let l = 0; l < depth; l++) {
    const std = initStd(init, width, width);
    const w = new Float64Array(width * width);
    for (let k = 0; k < w.length; k++) w[k] = std * rng.normal();
    weights.push(w);
  }
  // Activations stored batch-major: h[b * width + i].
  const input = new Float64Array(batch * width);
  for (let k = 0; k < input.length; k++) input[k] = rng.normal();
  const targets = new Float64Array(batch * width);
  for (let k = 0; k < targets.length; k++) targets[k] = rng.normal();

  const hs: Float64Array[] = [input];
  const zs: Float64Array[] = [];
  for (let l = 0; l < depth; l++) {
    const w = weights[l]!;
    const previous = hs[l]!;
    const z = new Float64Array(batch * width);
    const h = new Float64Array(batch * width);
    for (let b = 0; b < batch; b++) {
      for (let j = 0; j < width; j++) {
        let sum = 0;
        for (let i = 0; i < width; i++) sum += w[j * width + i]! * previous[b * width + i]!;
        z[b * width + j] = sum;
        h[b * width + j] = activate(activation, sum);
      }
    }
    zs.push(z);
    hs.push(h);
  }
  const output = hs[depth]!;
  let loss = 0;
  let upstream = new Float64Array(batch * width);
  for (let k = 0; k < output.length; k++) {
    const d = output[k]! - targets[k]!;
    loss += (d * d) / (2 * batch);
    upstream[k] = d / batch;
  }
  const gradNorms = new Array<number>(depth).fill(0);
  for (let l = depth - 1; l >= 0; l--) {
    const z = zs[l]!;
    const dz = new Float64Array(batch * width);
    for (let k = 0; k < dz.length; k++) dz[k] = upstream[k]! * derivative(activation, z[k]!);
    const previous = hs[l]!;
    let norm2 = 0;
    for (let j = 0; j < width; j++) {
      for (let i = 0; i < width; i++) {
        let g = 0;
        for (let b = 0; b < batch; b++) g += dz[b * width + j]! * previous[b * width + i]!;
        norm2 += g * g;
      }
    }
    gradNorms[l] = Math.sqrt(norm2);
    if (l > 0) {
      const w = weights[l]!;
      const next = new Float64Array(batch * width);
      for (let b = 0; b < batch; b++) {
        for (let i = 0; i < width; i++) {
          let sum = 0;
          for (let j = 0; j < width; j++) sum += w[j * width + i]! * dz[b * width + j]!;
          next[b * width + i] = sum;
        }
      }
      upstream = next;
    }
  }
  const activationRms = hs.slice(1).map((h) => Math.sqrt(h.reduce((s, v) => s + v * v, 0) / h.length));
  return { gradNorms, activationRms, loss };
}
