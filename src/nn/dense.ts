/**
 * A dense layer on typed arrays: y = f(x·W + b) for a batch of rows, and its backward pass. The kernel is
 * [inputs, units] row-major, as tfjs stores it, so weights move between engines as they are. The weights and
 * their gradients are views into flat arrays owned by the network (one optimizer loop covers them all), and
 * every activation buffer is allocated once for the largest batch.
 */
import type { Activation } from '../agents/dqn-config';
import { activateInPlace, activationBackwardInPlace } from './activations';
import {
  GEMM_ACCUMULATE,
  GEMM_BIAS,
  GEMM_RELU,
  plainMemory,
  type NnMemory,
  type SimdKernels,
} from './nn-memory';

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
  /** The SIMD kernels when this layer's arrays lie in SIMD memory (then every array passed in must too). */
  private readonly simd: SimdKernels | null;
  // Scratch for the blocked products (allocated once; the SIMD kernels need only kernelT).
  private readonly kernelT: Float32Array;
  private readonly inputT: Float32Array;
  private readonly gradOutputT: Float32Array;
  private readonly inputScratch: Float32Array;

  constructor(spec: DenseSpec, maxBatch: number, memory: NnMemory = plainMemory) {
    this.name = spec.name;
    this.inputs = spec.inputs;
    this.units = spec.units;
    this.activation = spec.activation;
    this.simd = memory.kernels;
    this.kernel = new Float32Array(0);
    this.bias = new Float32Array(0);
    this.gradKernel = new Float32Array(0);
    this.gradBias = new Float32Array(0);
    this.output = memory.alloc(maxBatch * spec.units);
    this.gradOutput = memory.alloc(maxBatch * spec.units);
    this.kernelT = memory.alloc(spec.inputs * spec.units);
    const scratch = (length: number) => (this.simd ? new Float32Array(0) : memory.alloc(length));
    this.inputT = scratch(maxBatch * spec.inputs);
    this.gradOutputT = scratch(maxBatch * spec.units);
    this.inputScratch = scratch(maxBatch * spec.inputs);
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
    if (this.simd) return this.forwardSimd(this.simd, input, rows);
    if (rows < BLOCKED_MIN_ROWS) this.forwardRows(input, rows);
    else {
      // Dot products against the transposed kernel: two rows × two units per pass keep four sums in
      // registers and load each operand once per two multiply-adds (V8 does far better than with axpy).
      transpose(this.kernel, this.inputs, this.units, this.kernelT);
      dotBlocked(input, this.kernelT, rows, this.units, this.inputs, this.output, this.bias);
    }
    activateInPlace(this.activation, this.output, rows * this.units);
    return this.output;
  }

  /** One kernel call: bias, product and (for ReLU) the clamp fused. */
  private forwardSimd(simd: SimdKernels, input: Float32Array, rows: number): Float32Array {
    const { inputs, units, output } = this;
    const relu = this.activation === 'relu';
    const flags = GEMM_BIAS | (relu ? GEMM_RELU : 0);
    const k = this.kernel.byteOffset;
    simd.gemm(
      output.byteOffset,
      input.byteOffset,
      inputs,
      1,
      k,
      rows,
      units,
      inputs,
      this.bias.byteOffset,
      flags,
    );
    if (!relu) activateInPlace(this.activation, output, rows * units);
    return output;
  }

  /** The plain loop, for a row or two (acting): transposing the kernel would cost more than it saves. */
  private forwardRows(input: Float32Array, rows: number): void {
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
  }

  /**
   * From gradOutput (filled by the caller) and the forward pass's `input`: sets gradKernel and gradBias, and
   * writes the gradient with respect to the input into `gradInput` unless it is null (the first layer); with
   * `accumulate` it adds to gradInput instead (two heads reading one layer).
   */
  backward(input: Float32Array, rows: number, gradInput: Float32Array | null, accumulate = false): void {
    if (this.simd) return this.backwardSimd(this.simd, input, rows, gradInput, accumulate);
    const { inputs, units, kernel, gradKernel, gradBias, output, gradOutput: dz } = this;
    activationBackwardInPlace(this.activation, output, dz, rows * units);
    gradBias.fill(0);
    for (let r = 0; r < rows; r++) {
      const o = r * units;
      for (let j = 0; j < units; j++) gradBias[j] += dz[o + j]!;
    }
    // dW = Xᵀ·dZ as dot products over the batch: both operands transposed to rows of length `rows`.
    transpose(input, rows, inputs, this.inputT);
    transpose(dz, rows, units, this.gradOutputT);
    dotBlocked(this.inputT, this.gradOutputT, inputs, units, rows, gradKernel, null);
    if (gradInput === null) return;
    // dX = dZ·Wᵀ: W's rows are already the right operand.
    if (!accumulate) {
      dotBlocked(dz, kernel, rows, inputs, units, gradInput, null);
      return;
    }
    const scratch = this.inputScratch;
    dotBlocked(dz, kernel, rows, inputs, units, scratch, null);
    for (let i = 0; i < rows * inputs; i++) gradInput[i] = gradInput[i]! + scratch[i]!;
  }

  /** dW = Xᵀ·dZ reads X transposed in place (strides); dX = dZ·Wᵀ against a transposed copy of W. */
  private backwardSimd(
    simd: SimdKernels,
    input: Float32Array,
    rows: number,
    gradInput: Float32Array | null,
    accumulate: boolean,
  ): void {
    const { inputs, units, output, gradOutput: dz } = this;
    if (this.activation === 'relu') simd.reluBackward(dz.byteOffset, output.byteOffset, rows * units);
    else activationBackwardInPlace(this.activation, output, dz, rows * units);
    simd.columnSums(this.gradBias.byteOffset, dz.byteOffset, rows, units);
    simd.gemm(
      this.gradKernel.byteOffset,
      input.byteOffset,
      1,
      inputs,
      dz.byteOffset,
      inputs,
      units,
      rows,
      0,
      0,
    );
    if (gradInput === null) return;
    simd.transpose(this.kernelT.byteOffset, this.kernel.byteOffset, inputs, units);
    const flags = accumulate ? GEMM_ACCUMULATE : 0;
    simd.gemm(
      gradInput.byteOffset,
      dz.byteOffset,
      units,
      1,
      this.kernelT.byteOffset,
      rows,
      inputs,
      units,
      0,
      flags,
    );
  }
}

/** Rows below this go through the plain loop. */
const BLOCKED_MIN_ROWS = 4;

/** out[c·r + ... ] = a[r × c] transposed into [c × r]. */
function transpose(a: Float32Array, r: number, c: number, out: Float32Array): void {
  for (let i = 0; i < r; i++) {
    const row = i * c;
    for (let j = 0; j < c; j++) out[j * r + i] = a[row + j]!;
  }
}

/**
 * out[i·m + j] = (bias[j] or 0) + Σ_k a[i·len + k]·b[j·len + k] for i < n, j < m: every output is a dot
 * product of a row of `a` with a row of `b`, computed two by two with double-precision sums.
 */
function dotBlocked(
  a: Float32Array,
  b: Float32Array,
  n: number,
  m: number,
  len: number,
  out: Float32Array,
  bias: Float32Array | null,
): void {
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const a0 = i * len;
    const a1 = a0 + len;
    let j = 0;
    for (; j + 1 < m; j += 2) {
      const b0 = j * len;
      const b1 = b0 + len;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let k = 0; k < len; k++) {
        const x0 = a[a0 + k]!;
        const x1 = a[a1 + k]!;
        const w0 = b[b0 + k]!;
        const w1 = b[b1 + k]!;
        s00 += x0 * w0;
        s01 += x0 * w1;
        s10 += x1 * w0;
        s11 += x1 * w1;
      }
      const c0 = bias ? bias[j]! : 0;
      const c1 = bias ? bias[j + 1]! : 0;
      out[i * m + j] = s00 + c0;
      out[i * m + j + 1] = s01 + c1;
      out[(i + 1) * m + j] = s10 + c0;
      out[(i + 1) * m + j + 1] = s11 + c1;
    }
    for (; j < m; j++) {
      const b0 = j * len;
      let s0 = 0;
      let s1 = 0;
      for (let k = 0; k < len; k++) {
        const w = b[b0 + k]!;
        s0 += a[a0 + k]! * w;
        s1 += a[a1 + k]! * w;
      }
      const c = bias ? bias[j]! : 0;
      out[i * m + j] = s0 + c;
      out[(i + 1) * m + j] = s1 + c;
    }
  }
  for (; i < n; i++) {
    const a0 = i * len;
    for (let j = 0; j < m; j++) {
      const b0 = j * len;
      let s = 0;
      for (let k = 0; k < len; k++) s += a[a0 + k]! * b[b0 + k]!;
      out[i * m + j] = s + (bias ? bias[j]! : 0);
    }
  }
}
