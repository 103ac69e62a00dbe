/**
 * Activation functions and their derivatives, as PyTorch defines them (torch.nn.ReLU, LeakyReLU with
 * negative_slope 0.01, ELU with alpha 1, GELU with the exact erf form — approximate='none' —, Sigmoid, Tanh,
 * Softplus with beta 1, SiLU). At a kink (ReLU at 0) the derivative is the one autograd returns: 0.
 */

export const ACTIVATIONS = [
  'relu',
  'leaky-relu',
  'elu',
  'gelu',
  'sigmoid',
  'tanh',
  'softplus',
  'swish',
] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

export interface ActivationInfo {
  name: ActivationName;
  label: string;
  formula: string;
}

export const ACTIVATION_INFO: Record<ActivationName, ActivationInfo> = {
  relu: { name: 'relu', label: 'ReLU', formula: 'max(0, x)' },
  'leaky-relu': { name: 'leaky-relu', label: 'Leaky ReLU', formula: 'x if x > 0, else 0.01·x' },
  elu: { name: 'elu', label: 'ELU', formula: 'x if x > 0, else eˣ − 1 (α = 1)' },
  gelu: { name: 'gelu', label: 'GELU', formula: 'x·Φ(x) = x·½(1 + erf(x/√2)), exact erf' },
  sigmoid: { name: 'sigmoid', label: 'Sigmoid', formula: '1 / (1 + e⁻ˣ)' },
  tanh: { name: 'tanh', label: 'tanh', formula: '(eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)' },
  softplus: { name: 'softplus', label: 'Softplus', formula: 'ln(1 + eˣ)' },
  swish: { name: 'swish', label: 'Swish / SiLU', formula: 'x·σ(x)' },
};

export const LEAKY_SLOPE = 0.01;
export const ELU_ALPHA = 1;

/**
 * The error function to about 1e-15: its Maclaurin series near 0 and a continued fraction for erfc in the
 * tails (JavaScript has no Math.erf).
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax > 6) return Math.sign(x);
  if (ax < 2.5) {
    // erf(x) = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1))
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let n = 1; n < 80; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated backwards.
  let fraction = ax;
  for (let k = 60; k >= 1; k--) fraction = ax + k / 2 / fraction;
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / fraction;
  return Math.sign(x) * (1 - erfc);
}

export function sigmoid(x: number): number {
  // Split by sign so that exp never overflows.
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** f(x). */
export function activate(name: ActivationName, x: number): number {
  switch (name) {
    case 'relu':
      return x > 0 ? x : 0;
    case 'leaky-relu':
      return x > 0 ? x : LEAKY_SLOPE * x;
    case 'elu':
      return x > 0 ? x : ELU_ALPHA * Math.expm1(x);
    case 'gelu':
      return 0.5 * x * (1 + erf(x / Math.SQRT2));
    case 'sigmoid':
      return sigmoid(x);
    case 'tanh':
      return Math.tanh(x);
    case 'softplus':
      return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    case 'swish':
      return x * sigmoid(x);
  }
}

/** f′(x). */
export function derivative(name: ActivationName, x: number): number {
  switch (name) {
    case 'relu':
      return x > 0 ? 1 : 0;
    case 'leaky-relu':
      return x > 0 ? 1 : LEAKY_SLOPE;
    case 'elu':
      return x > 0 ? 1 : ELU_ALPHA * Math.exp(x);
    case 'gelu':
      // d/dx x·Φ(x) = Φ(x) + x·φ(x)
      return 0.5 * (1 + erf(x / Math.SQRT2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    case 'sigmoid': {
      const s = sigmoid(x);
      return s * (1 - s);
    }
    case 'tanh': {
      const t = Math.tanh(x);
      return 1 - t * t;
    }
    case 'softplus':
      return sigmoid(x);
    case 'swish': {
      const s = sigmoid(x);
      return s * (1 + x * (1 - s));
    }
  }
}

export function isActivationName(value: string): value is ActivationName {
  return (ACTIVATIONS as readonly string[]).includes(value);
}
