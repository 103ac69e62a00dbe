/**
 * A tiny fully connected network in plain numbers, small enough to show every weighted sum and every
 * gradient: forward propagation layer by layer, backpropagation by the chain rule, a central-difference
 * check of each weight gradient, and one SGD step. The hidden layers use a chosen activation; the output
 * layer is linear and the loss is the mean squared error over the outputs, L = (1/n)·Σₖ (aₖ − tₖ)².
 */
import { Rng } from '../envs/rng';
import { activate, derivative, type ActivationName } from './activations';

export interface TinyMlp {
  /** Layer widths, inputs first, e.g. [3, 4, 2]. */
  sizes: readonly number[];
  /** weights[l][j][i]: from neuron i of layer l to neuron j of layer l + 1. */
  weights: number[][][];
  /** biases[l][j]: of neuron j of layer l + 1. */
  biases: number[][];
  /** Activation of the hidden layers (the output layer is linear). */
  activation: ActivationName;
}

/** Seeded weights drawn from U(−1, 1)·√(3/fan_in) (variance 1/fan_in), biases from U(−0.5, 0.5). */
export function makeTinyMlp(sizes: readonly number[], activation: ActivationName, seed: number): TinyMlp {
  if (sizes.length < 2 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error(`Expected at least two positive integer layer sizes, got [${sizes.join(', ')}]`);
  }
  const rng = new Rng(seed);
  const weights: number[][][] = [];
  const biases: number[][] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l]!;
    const scale = Math.sqrt(3 / fanIn);
    weights.push(
      Array.from({ length: sizes[l + 1]! }, () =>
        Array.from({ length: fanIn }, () => rng.uniform(-scale, scale)),
      ),
    );
    biases.push(Array.from({ length: sizes[l + 1]! }, () => rng.uniform(-0.5, 0.5)));
  }
  return { sizes: [...sizes], weights, biases, activation };
}

export function cloneMlp(net: TinyMlp): TinyMlp {
  return {
    sizes: [...net.sizes],
    weights: net.weights.map((layer) => layer.map((row) => [...row])),
    biases: net.biases.map((layer) => [...layer]),
    activation: net.activation,
  };
}

export interface ForwardTrace {
  /** z[l][j] for layers 1..L (index l − 1). */
  z: number[][];
  /** a[l][j] for layers 0..L (a[0] is the input). */
  a: number[][];
}

function isOutputLayer(net: TinyMlp, layer: number): boolean {
  return layer === net.sizes.length - 1;
}

/** f of neuron layer `layer` (1-based over weight layers): the chosen activation, or identity at the output. */
export function layerActivation(net: TinyMlp, layer: number, z: number): number {
  return isOutputLayer(net, layer) ? z : activate(net.activation, z);
}

export function layerDerivative(net: TinyMlp, layer: number, z: number): number {
  return isOutputLayer(net, layer) ? 1 : derivative(net.activation, z);
}

export function forward(net: TinyMlp, input: readonly number[]): ForwardTrace {
  if (input.length !== net.sizes[0]) {
    throw new Error(`Expected ${net.sizes[0]} inputs, got ${input.length}`);
  }
  const a: number[][] = [[...input]];
  const z: number[][] = [];
  for (let l = 0; l < net.weights.length; l++) {
    const previous = a[l]!;
    const zl = net.weights[l]!.map((row, j) =>
      row.reduce((sum, w, i) => sum + w * previous[i]!, net.biases[l]![j]!),
    );
    z.push(zl);
    a.push(zl.map((value) => layerActivation(net, l + 1, value)));
  }
  return { z, a };
}

/** L = (1/n)·Σ (aₖ − tₖ)² over the n outputs. */
export function mseLoss(output: readonly number[], target: readonly number[]): number {
  if (output.length !== target.length)
    throw new Error(`Expected ${output.length} targets, got ${target.length}`);
  return output.reduce((sum, a, k) => sum + (a - target[k]!) ** 2, 0) / output.length;
}

export function lossOf(net: TinyMlp, input: readonly number[], target: readonly number[]): number {
  return mseLoss(forward(net, input).a.at(-1)!, target);
}

export interface BackwardTrace {
  /** dL/da[l][j] for layers 1..L (index l − 1). */
  dA: number[][];
  /** dL/dz[l][j] = dL/da · f′(z) for layers 1..L (index l − 1). */
  dZ: number[][];
  /** dL/dw[l][j][i] = dL/dz[l+1][j] · a[l][i]. */
  dW: number[][][];
  /** dL/db[l][j] = dL/dz[l+1][j]. */
  dB: number[][];
}

/** Backpropagation: from the output back to the first layer, by the chain rule. */
export function backward(net: TinyMlp, trace: ForwardTrace, target: readonly number[]): BackwardTrace {
  const layers = net.weights.length;
  const dA: number[][] = new Array<number[]>(layers);
  const dZ: number[][] = new Array<number[]>(layers);
  const dW: number[][][] = new Array<number[][]>(layers);
  const dB: number[][] = new Array<number[]>(layers);
  const output = trace.a[layers]!;
  dA[layers - 1] = output.map((a, k) => (2 * (a - target[k]!)) / output.length);
  for (let l = layers - 1; l >= 0; l--) {
    dZ[l] = dA[l]!.map((g, j) => g * layerDerivative(net, l + 1, trace.z[l]![j]!));
    dW[l] = dZ[l]!.map((g) => trace.a[l]!.map((a) => g * a));
    dB[l] = [...dZ[l]!];
    if (l > 0) {
      // dL/da_i of the layer below = Σ_j w_ji · dL/dz_j
      dA[l - 1] = trace.a[l]!.map((_, i) =>
        net.weights[l]!.reduce((sum, row, j) => sum + row[i]! * dZ[l]![j]!, 0),
      );
    }
  }
  return { dA, dZ, dW, dB };
}

/** (L(w + h) − L(w − h)) / 2h for one weight. */
export function numericalWeightGradient(
  net: TinyMlp,
  input: readonly number[],
  target: readonly number[],
  layer: number,
  to: number,
  from: number,
  h = 1e-5,
): number {
  const probe = cloneMlp(net);
  const w = net.weights[layer]![to]![from]!;
  probe.weights[layer]![to]![from] = w + h;
  const plus = lossOf(probe, input, target);
  probe.weights[layer]![to]![from] = w - h;
  const minus = lossOf(probe, input, target);
  return (plus - minus) / (2 * h);
}

/** |a − n| / max(|a| + |n|, tiny): 0 when both agree, 1 when they have opposite signs. */
export function relativeError(analytic: number, numerical: number): number {
  const scale = Math.abs(analytic) + Math.abs(numerical);
  return scale < 1e-12 ? 0 : Math.abs(analytic - numerical) / scale;
}

export interface GradientCheckRow {
  layer: number;
  to: number;
  from: number;
  analytic: number;
  numerical: number;
  relativeError: number;
}

export function gradientCheck(
  net: TinyMlp,
  input: readonly number[],
  target: readonly number[],
): GradientCheckRow[] {
  const { dW } = backward(net, forward(net, input), target);
  const rows: GradientCheckRow[] = [];
  net.weights.forEach((layer, l) =>
    layer.forEach((row, j) =>
      row.forEach((_, i) => {
        const analytic = dW[l]![j]![i]!;
        const numerical = numericalWeightGradient(net, input, target, l, j, i);
        rows.push({
          layer: l,
          to: j,
          from: i,
          analytic,
          numerical,
          relativeError: relativeError(analytic, numerical),
        });
      }),
    ),
  );
  return rows;
}

/** θ ← θ − lr·∇θ L for every weight and bias; returns the updated copy. */
export function sgdUpdate(net: TinyMlp, grads: BackwardTrace, lr: number): TinyMlp {
  const next = cloneMlp(net);
  next.weights.forEach((layer, l) =>
    layer.forEach((row, j) => row.forEach((w, i) => (row[i] = w - lr * grads.dW[l]![j]![i]!))),
  );
  next.biases.forEach((layer, l) => layer.forEach((b, j) => (layer[j] = b - lr * grads.dB[l]![j]!)));
  return next;
}
