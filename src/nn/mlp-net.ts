/**
 * A plain MLP on typed arrays (hidden layers with one activation, then a linear output), with the weights named
 * and ordered as src/generative/mlp.ts names its tf.Variables (dense_i/kernel [in, out] row-major, dense_i/bias),
 * so weights and flat optimizer slots move between the two engines unchanged. Besides forward and backward it
 * does the double backpropagation the gradient penalties need (∂P(∇ₓD)/∂θ), the same algebra as mlp.ts.
 * Every buffer lives in an MlpTape, so one network can keep several forward passes at once.
 */
import type { ParamSlice } from './q-net';
import { matMul, transposeInto } from './matmul';
import {
  activate,
  derivative,
  isPiecewiseLinear,
  secondDerivative,
  type MlpActivation,
} from './mlp-activations';

export class MlpNet {
  /** Layer widths, input first. */
  readonly sizes: readonly number[];
  /** The hidden layers' nonlinearity (the output layer is linear). */
  readonly activation: MlpActivation;
  readonly params: Float32Array;
  /** Gradients of the last backward pass (plus any pullback added to them), as `params`. */
  readonly grads: Float32Array;
  /** dense_0/kernel, dense_0/bias, dense_1/kernel, ... */
  readonly slices: readonly ParamSlice[];
  /** Transposed kernels [out × in] for the backward products, rebuilt after `weightsChanged`. */
  private readonly kernelsT: Float32Array[];
  private transposedValid = false;

  constructor(sizes: readonly number[], activation: MlpActivation) {
    if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1))
      throw new Error(`Expected at least two positive integer layer widths, got [${sizes.join(', ')}]`);
    this.sizes = [...sizes];
    this.activation = activation;
    const slices: ParamSlice[] = [];
    let offset = 0;
    for (let i = 0; i + 1 < sizes.length; i++) {
      const [fanIn, fanOut] = [sizes[i]!, sizes[i + 1]!];
      slices.push({ name: `dense_${i}/kernel`, shape: [fanIn, fanOut], offset, size: fanIn * fanOut });
      offset += fanIn * fanOut;
      slices.push({ name: `dense_${i}/bias`, shape: [fanOut], offset, size: fanOut });
      offset += fanOut;
    }
    this.slices = slices;
    this.params = new Float32Array(offset);
    this.grads = new Float32Array(offset);
    this.kernelsT = this.sizes.slice(1).map((out, i) => new Float32Array(out * this.sizes[i]!));
  }

  get layers(): number {
    return this.sizes.length - 1;
  }

  /** Call after anything writes `params` (an optimizer step, loading weights). */
  weightsChanged(): void {
    this.transposedValid = false;
  }

  /** Layer l's kernel (1-based), [sizes[l−1] × sizes[l]]. */
  kernel(l: number, of: Float32Array = this.params): Float32Array {
    const s = this.slices[2 * (l - 1)]!;
    return of.subarray(s.offset, s.offset + s.size);
  }

  bias(l: number, of: Float32Array = this.params): Float32Array {
    const s = this.slices[2 * (l - 1) + 1]!;
    return of.subarray(s.offset, s.offset + s.size);
  }

  private kernelT(l: number): Float32Array {
    if (!this.transposedValid) {
      for (let k = 1; k <= this.layers; k++)
        transposeInto(this.kernel(k), this.sizes[k - 1]!, this.sizes[k]!, this.kernelsT[k - 1]!);
      this.transposedValid = true;
    }
    return this.kernelsT[l - 1]!;
  }

  /** A tape for up to `rows` rows at a time (it grows on demand). */
  tape(rows = 1): MlpTape {
    return new MlpTape(this.sizes, rows);
  }

  /** The output for `rows` inputs (x: [rows × sizes[0]]); the tape keeps every layer for backward. */
  forward(tape: MlpTape, x: Float32Array, rows: number): Float32Array {
    tape.reserve(rows);
    tape.rows = rows;
    const h = tape.h;
    h[0]!.set(x.subarray(0, rows * this.sizes[0]!));
    for (let l = 1; l <= this.layers; l++) {
      matMul(h[l - 1]!, this.kernel(l), rows, this.sizes[l - 1]!, this.sizes[l]!, h[l]!, this.bias(l));
      if (l < this.layers) activate(this.activation, h[l]!, rows * this.sizes[l]!);
    }
    return h[this.layers]!;
  }

  /**
   * Backpropagates ∂L/∂output (`dOut`, [rows × out]) through the tape's forward pass: sets `grads` when
   * `parameters`, and writes ∂L/∂x into `dx` unless it is null.
   */
  backward(tape: MlpTape, dOut: Float32Array, parameters: boolean, dx: Float32Array | null): void {
    const rows = tape.rows;
    const { sizes } = this;
    let dy = dOut;
    for (let l = this.layers; l >= 1; l--) {
      const [fanIn, fanOut] = [sizes[l - 1]!, sizes[l]!];
      const count = rows * fanOut;
      let dz = dy;
      if (l < this.layers) {
        dz = tape.buffer('dz', l);
        derivative(this.activation, tape.h[l]!, dz, count);
        for (let i = 0; i < count; i++) dz[i] = dz[i]! * dy[i]!;
      }
      if (parameters) {
        this.outerInto(tape, tape.h[l - 1]!, dz, l, false);
        const gb = this.bias(l, this.grads);
        gb.fill(0);
        sumRowsInto(dz, rows, fanOut, gb);
      }
      if (l === 1 && dx === null) break;
      const next = l === 1 ? dx! : tape.buffer('dy', l - 1);
      matMul(dz, this.kernelT(l), rows, fanOut, fanIn, next);
      dy = next;
    }
  }

  /**
   * gᵢ = ∇ₓ(Σ outputs)(xᵢ) for the first `rows` rows of the tape's forward pass, kept for `pullback`. With
   * zₗ = hₗ₋₁Wₗ + bₗ, sₗ = σ'(zₗ) and δ_L = 1: gₗ₋₁ = δₗWₗᵀ and δₗ₋₁ = gₗ₋₁ ⊙ sₗ₋₁.
   */
  inputGradient(tape: MlpTape, rows: number): Float32Array {
    const { sizes } = this;
    const L = this.layers;
    tape.penaltyRows = rows;
    for (let l = 1; l < L; l++)
      derivative(this.activation, tape.h[l]!, tape.buffer('s', l), rows * sizes[l]!);
    const deltaL = tape.buffer('delta', L);
    deltaL.fill(1, 0, rows * sizes[L]!);
    for (let l = L; l >= 1; l--) {
      const g = tape.buffer('g', l - 1);
      matMul(tape.buffer('delta', l), this.kernelT(l), rows, sizes[l]!, sizes[l - 1]!, g);
      if (l > 1) multiplyInto(g, tape.buffer('s', l - 1), tape.buffer('delta', l - 1), rows * sizes[l - 1]!);
    }
    return tape.buffer('g', 0);
  }

  /**
   * Adds ∂P/∂θ to `grads` for a penalty P(g) on inputGradient's g, given ∂P/∂g (`dG`). Differentiating the
   * backward pass: with a₀ = ∂P/∂g₀, ∂P/∂Wₗ += aₗ₋₁ᵀδₗ, ∂P/∂δₗ = aₗ₋₁Wₗ and aₗ = ∂P/∂δₗ ⊙ sₗ; for smooth σ,
   * sₗ's dependence on zₗ adds cₗ = ∂P/∂δₗ ⊙ gₗ ⊙ σ''(zₗ), backpropagated through the forward pass (the only
   * way the biases get a gradient).
   */
  pullback(tape: MlpTape, dG: Float32Array): void {
    const { sizes } = this;
    const L = this.layers;
    const rows = tape.penaltyRows;
    const smooth = !isPiecewiseLinear(this.activation);
    let a = dG;
    for (let l = 1; l <= L; l++) {
      this.outerInto(tape, a, tape.buffer('delta', l), l, true);
      if (l === L) break;
      const count = rows * sizes[l]!;
      const dDelta = tape.buffer('dDelta', l);
      matMul(a, this.kernel(l), rows, sizes[l - 1]!, sizes[l]!, dDelta);
      const next = tape.buffer('a', l);
      multiplyInto(dDelta, tape.buffer('s', l), next, count);
      a = next;
      if (smooth) {
        const c = tape.buffer('c', l);
        secondDerivative(this.activation, tape.h[l]!, c, count);
        const g = tape.buffer('g', l);
        for (let i = 0; i < count; i++) c[i] = c[i]! * dDelta[i]! * g[i]!;
      }
    }
    if (!smooth) return;
    // e_l = (e_{l+1}·W_{l+1}ᵀ) ⊙ s_l + c_l, from the top hidden layer down.
    let e: Float32Array | null = null;
    for (let l = L - 1; l >= 1; l--) {
      const count = rows * sizes[l]!;
      const el = tape.buffer('e', l);
      const c = tape.buffer('c', l);
      if (e === null) el.set(c.subarray(0, count));
      else {
        matMul(e, this.kernelT(l + 1), rows, sizes[l + 1]!, sizes[l]!, el);
        const s = tape.buffer('s', l);
        for (let i = 0; i < count; i++) el[i] = el[i]! * s[i]! + c[i]!;
      }
      e = el;
      this.outerInto(tape, tape.h[l - 1]!, el, l, true, rows);
      sumRowsInto(el, rows, sizes[l]!, this.bias(l, this.grads));
    }
  }

  /** Layer l's kernel gradient (= or +=) leftᵀ·right, for `rows` rows (default: the tape's). */
  private outerInto(
    tape: MlpTape,
    left: Float32Array,
    right: Float32Array,
    l: number,
    accumulate: boolean,
    rows = accumulate ? tape.penaltyRows : tape.rows,
  ): void {
    const [fanIn, fanOut] = [this.sizes[l - 1]!, this.sizes[l]!];
    const leftT = tape.scratch('leftT', rows * fanIn);
    transposeInto(left, rows, fanIn, leftT);
    matMul(leftT, right, fanIn, rows, fanOut, this.kernel(l, this.grads), null, accumulate);
  }
}

/** The buffers of forward passes and their backward and double-backward passes, grown on demand. */
export class MlpTape {
  /** Rows of the last forward pass. */
  rows = 0;
  /** Rows of the last inputGradient. */
  penaltyRows = 0;
  /** Layer outputs, input first, each [capacity × width]. */
  readonly h: Float32Array[] = [];
  private capacity = 0;
  private readonly buffers = new Map<string, Float32Array>();

  constructor(
    private readonly sizes: readonly number[],
    rows: number,
  ) {
    this.reserve(rows);
  }

  reserve(rows: number): void {
    if (rows <= this.capacity) return;
    // Kept values are forward outputs of an earlier pass: nothing to preserve across a resize.
    this.capacity = rows;
    this.h.length = 0;
    for (const width of this.sizes) this.h.push(new Float32Array(rows * width));
    this.buffers.clear();
  }

  /** A per-layer buffer [capacity × sizes[layer]] named `kind`. */
  buffer(kind: string, layer: number): Float32Array {
    return this.scratch(`${kind}${layer}`, this.capacity * this.sizes[layer]!);
  }

  /** A named buffer of at least `length` values. */
  scratch(name: string, length: number): Float32Array {
    let b = this.buffers.get(name);
    if (b === undefined || b.length < length) {
      b = new Float32Array(Math.max(length, this.capacity * Math.max(...this.sizes)));
      this.buffers.set(name, b);
    }
    return b;
  }
}

function multiplyInto(a: Float32Array, b: Float32Array, out: Float32Array, count: number): void {
  for (let i = 0; i < count; i++) out[i] = a[i]! * b[i]!;
}

/** out[j] += Σᵢ a[i·width + j]. */
function sumRowsInto(a: Float32Array, rows: number, width: number, out: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const o = r * width;
    for (let j = 0; j < width; j++) out[j] = out[j]! + a[o + j]!;
  }
}
