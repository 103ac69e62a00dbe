/**
 * A dense layer on typed arrays: y = f(x·W + b) for a batch of rows, and its backward pass. The kernel is
 * [inputs, units] row-major, as tfjs stores it, so weights move between engines as they are. The weights and
 * their gradients are views into flat arrays owned by the network (one optimizer loop covers them all), and
 * every activation buffer is allocated once for the largest batch.
 */
import type { Activation } from '../agents/dqn-config';
import { activateInPlace, activationBackwardInPlace } from './activations';

export interface DenseSpec {
  name: string;
  inputs: number;
  units: number;
  activation: Activation;
}

export class Dense {
  readonly name: string;
  readonly inputs: number;
  readonly units: number;
  readonly activation: Activation;
  kernel: Float32Array;
  bias: Float32Array;
  gradKernel: Float32Array;
  gradBias: Float32Array;
  /** Outputs of the last forward pass, [maxBatch, units]. */
  readonly output: Float32Array;
  /** Gradient with respect to the outputs, then (in place) the pre-activations. */
  readonly gradOutput: Float32Array;

  constructor(spec: DenseSpec, maxBatch: number) {
    this.name = spec.name;
    this.inputs = spec.inputs;
    this.units = spec.units;
    this.activation = spec.activation;
    this.kernel = new Float32Array(0);
    this.bias = new Float32Array(0);
    this.gradKernel = new Float32Array(0);
    this.gradBias = new Float32Array(0);
    this.output = new Float32Array(maxBatch * spec.units);
    this.gradOutput = new Float32Array(maxBatch * spec.units);
  }

  get parameterCount(): number {
    return this.inputs * this.units + this.units;
  }

  /** Points the weights and gradients at `[offset, offset + parameterCount)` of the network's flat arrays. */
  bind(params: Float32Array, grads: Float32Array, offset: number): number {
    const k = this.inputs * this.units;
    this.kernel = params.subarray(offset, offset + k);
    this.bias = params.subarray(offset + k, offset + k + this.units);
    this.gradKernel = grads.subarray(offset, offset + k);
    this.gradBias = grads.subarray(offset + k, offset + k + this.units);
    return offset + k + this.units;
  }

  /** output[0..rows) = f(input·W + b). */
  forward(input: Float32Array, rows: number): Float32Array {
    const { inputs, units, kernel, bias, output } = this;
    for (let r = 0; r < rows; r++) {
      const o = r * units;
      for (let j = 0; j < units; j++) output[o + j] = bias[j]!;
      const xi = r * inputs;
      for (let i = 0; i < inputs; i++) {
        const x = input[xi + i]!;
        if (x === 0) continue; // ReLU outputs and one-hot observations are often zero
        const w = i * units;
        for (let j = 0; j < units; j++) output[o + j] += x * kernel[w + j]!;
      }
    }
    activateInPlace(this.activation, output, rows * units);
    return output;
  }

  /**
   * From gradOutput (filled by the caller) and the forward pass's `input`: sets gradKernel and gradBias, and
   * writes the gradient with respect to the input into `gradInput` unless it is null (the first layer); with
   * `accumulate` it adds to gradInput instead (two heads reading one layer).
   */
  backward(input: Float32Array, rows: number, gradInput: Float32Array | null, accumulate = false): void {
    const { inputs, units, kernel, gradKernel, gradBias, output, gradOutput: dz } = this;
    activationBackwardInPlace(this.activation, output, dz, rows * units);
    gradKernel.fill(0);
    gradBias.fill(0);
    for (let r = 0; r < rows; r++) {
      const o = r * units;
      for (let j = 0; j < units; j++) gradBias[j] += dz[o + j]!;
      const xi = r * inputs;
      for (let i = 0; i < inputs; i++) {
        const x = input[xi + i]!;
        if (x === 0) continue;
        const w = i * units;
        for (let j = 0; j < units; j++) gradKernel[w + j] += x * dz[o + j]!;
      }
      if (gradInput === null) continue;
      for (let i = 0; i < inputs; i++) {
        const w = i * units;
        let s = 0;
        for (let j = 0; j < units; j++) s += dz[o + j]! * kernel[w + j]!;
        gradInput[xi + i] = accumulate ? gradInput[xi + i]! + s : s;
      }
    }
  }
}
