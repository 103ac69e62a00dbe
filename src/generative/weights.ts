/**
 * The 2-D GAN's weights as plain data, shared by both engines (mlp.ts on tfjs, js-gan.ts on typed arrays):
 * the seeded initial values, and the checks every loaded weight passes. No tfjs here.
 */
import type { Rng } from '../envs/rng';
import type { MlpConfig } from './gan-config';

/** Weights as plain data (the same shape as src/agents' NamedWeight): they cross workers and go into storage. */
export interface NamedWeight {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** Layer widths of an MLP: input, the hidden layers, output. */
export function mlpSizes(config: MlpConfig, inputSize: number, outputSize: number): number[] {
  return [inputSize, ...Array<number>(config.hiddenLayers).fill(config.hiddenUnits), outputSize];
}

/**
 * The initial weights of an MLP, drawn from `rng` layer by layer (kernel values in row-major order, zero
 * biases), named dense_i/kernel|bias: the same seed gives the same network on every engine and backend.
 */
export function initialMlpWeights(
  config: MlpConfig,
  inputSize: number,
  outputSize: number,
  rng: Rng,
): NamedWeight[] {
  const sizes = mlpSizes(config, inputSize, outputSize);
  const weights: NamedWeight[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const [fanIn, fanOut] = [sizes[i]!, sizes[i + 1]!];
    const hidden = i + 2 < sizes.length;
    // He-uniform for ReLU-like hidden layers keeps activations from shrinking; Glorot-uniform otherwise.
    const reluLike = hidden && ['relu', 'leakyRelu', 'elu'].includes(config.activation);
    const limit = reluLike ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut));
    const kernel = new Float32Array(fanIn * fanOut);
    for (let j = 0; j < kernel.length; j++) kernel[j] = rng.uniform(-limit, limit);
    weights.push({ name: `dense_${i}/kernel`, shape: [fanIn, fanOut], data: kernel });
    weights.push({ name: `dense_${i}/bias`, shape: [fanOut], data: new Float32Array(fanOut) });
  }
  return weights;
}

/** Throws unless `w` has `shape`, the matching number of values, and only finite ones. */
export function checkWeight(w: NamedWeight, shape: readonly number[]): void {
  if (!Array.isArray(w.shape) || w.shape.length !== shape.length || w.shape.some((d, i) => d !== shape[i]))
    throw new Error(`Expected ${w.name} of shape [${shape}], got [${w.shape}]`);
  const size = shape.reduce((a, b) => a * b, 1);
  if (!(w.data instanceof Float32Array) || w.data.length !== size)
    throw new Error(`Expected ${size} float32 values for ${w.name}, got ${w.data?.length ?? 'none'}`);
  for (let i = 0; i < w.data.length; i++) {
    if (!Number.isFinite(w.data[i])) throw new Error(`Expected finite values in ${w.name}, got ${w.data[i]}`);
  }
}
