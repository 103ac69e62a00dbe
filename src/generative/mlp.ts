/**
 * A small MLP as plain tf.Variables (kernel/bias per dense layer). The GAN steps run hundreds of times a second,
 * and raw ops skip the Layers API's per-call bookkeeping; weights are initialised from our seeded Rng so that
 * the same seed gives the same network on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../envs/rng';
import {
  activationDerivative,
  activationSecondDerivative,
  applyActivation,
  FUSED,
  LEAKY_SLOPE,
  type FusedActivation,
} from './activations';
import type { GanActivation, MlpConfig } from './gan-config';
import { checkWeight, initialMlpWeights, type NamedWeight } from './weights';

export { checkWeight, type NamedWeight } from './weights';

// tfjs variable names are global to the engine: each network gets a unique internal prefix.
let instances = 0;

export class Mlp {
  /** Trainable variables in layer order: dense_0/kernel, dense_0/bias, dense_1/kernel, ... */
  readonly variables: tf.Variable[];
  /** Stable names of `variables` (no instance prefix), e.g. "dense_1/kernel". */
  readonly names: string[];
  readonly inputSize: number;
  readonly outputSize: number;
  private readonly activation: GanActivation;
  /** Tensors derived from the kernels (see `cached`), with the data they were derived from. */
  private readonly derived = new Map<string, { source: object; tensor: tf.Tensor }>();

  constructor(config: MlpConfig, inputSize: number, outputSize: number, rng: Rng, scope: string) {
    this.inputSize = inputSize;
    this.outputSize = outputSize;
    this.activation = config.activation;
    const prefix = `mlp${++instances}/${scope}`;
    this.variables = [];
    this.names = [];
    for (const w of initialMlpWeights(config, inputSize, outputSize, rng)) {
      const value =
        w.shape.length === 2 ? tf.tensor2d(w.data, [w.shape[0]!, w.shape[1]!]) : tf.zeros(w.shape);
      this.add(w.name, prefix, value);
    }
  }

  private add(name: string, prefix: string, value: tf.Tensor): void {
    this.variables.push(tf.variable(value, true, `${prefix}/${name}`));
    this.names.push(name);
    value.dispose();
  }

  get layers(): number {
    return this.variables.length / 2;
  }

  /** The network's output. */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    return this.forward(x)[this.layers];
  }

  /**
   * Forward pass that keeps every layer's output for `backward`: [x, h₁, ..., output]. Each layer is one fused
   * matMul+bias+activation kernel (tanh, which tfjs cannot fuse, adds one).
   */
  forward(x: tf.Tensor2D): tf.Tensor2D[] {
    const activations = [x];
    let h = x;
    for (let l = 1; l <= this.layers; l++) {
      const fused = l < this.layers ? FUSED[this.activation] : 'linear';
      h =
        fused !== null
          ? this.dense(l, h, fused)
          : applyActivation(this.activation, this.dense(l, h, 'linear'));
      activations.push(h);
    }
    return activations;
  }

  /**
   * σ(hW + b) as the one _FusedMatMul kernel that tf.fused.matMul runs, called directly: the op's wrapper
   * (three reshapes and customGrad's tape bookkeeping, for gradients we compute by hand anyway) cost more than
   * the kernel itself on these sizes. Same kernel, same inputs, so the numbers are identical.
   */
  private dense(layer: number, h: tf.Tensor2D, activation: FusedActivation): tf.Tensor2D {
    const kernel = this.kernel(layer);
    // Under autograd (tests compare our backprop with tf.grad) the op is needed: it records the gradient.
    if (tf.engine().state.gradientDepth > 0)
      return tf.fused.matMul({
        a: h,
        b: kernel,
        bias: this.bias(layer),
        activation,
        leakyreluAlpha: LEAKY_SLOPE,
      }) as tf.Tensor2D;
    const [rows, inner] = h.shape;
    const out = tf.engine().runKernel(
      '_FusedMatMul',
      {
        a: tf.reshape(h, [1, rows, inner]),
        b: this.cached(layer, 'rank3', () => tf.reshape(kernel, [1, inner, kernel.shape[1]])),
        bias: this.bias(layer),
      },
      { transposeA: false, transposeB: false, activation, leakyreluAlpha: LEAKY_SLOPE },
    ) as tf.Tensor3D;
    return tf.reshape(out, [rows, kernel.shape[1]]);
  }

  /**
   * Backpropagation by hand, from ∂L/∂output through the kept activations. Returns the gradients of the
   * variables (in `variables` order) when `parameters`, and ∂L/∂x when `input`. Autograd gives the same numbers
   * (tests check it) at several times the cost: tfjs's tape bookkeeping dominates on networks this small.
   */
  backward(
    activations: readonly tf.Tensor2D[],
    outputGradient: tf.Tensor2D,
    want: { parameters: boolean; input: boolean },
  ): { gradients: tf.Tensor[]; input: tf.Tensor2D | null } {
    const gradients: tf.Tensor[] = [];
    let dy = outputGradient;
    for (let l = this.layers; l >= 1; l--) {
      const dz = l < this.layers ? tf.mul(dy, activationDerivative(this.activation, activations[l])) : dy;
      // Explicit transposes: tfjs-wasm's matMul with transposeA/B flags is ~10× slower than transpose + matMul.
      if (want.parameters) {
        gradients[2 * (l - 1)] = tf.matMul(tf.transpose(activations[l - 1]), dz);
        gradients[2 * (l - 1) + 1] = tf.sum(dz, 0);
      }
      if (l > 1 || want.input) dy = tf.matMul(dz, this.transposedKernel(l));
    }
    return { gradients, input: want.input ? dy : null };
  }

  /**
   * Each row's input gradient gᵢ = ∇ₓ(Σ outputs)(xᵢ), and a `pullback` that turns ∂P/∂g of any penalty P(g)
   * into ∂P/∂(variables) (null where 0): double backpropagation by hand, for WGAN-GP and R1. (tfjs's own second-order
   * gradients fail here: fused kernels, and no gradient for the Greater and EluGrad ops.)
   *
   * With zₗ = hₗ₋₁Wₗ + bₗ, hₗ = σ(zₗ), sₗ = σ'(zₗ) and δ_L = 1, the backward pass is gₗ₋₁ = δₗWₗᵀ,
   * δₗ₋₁ = gₗ₋₁ ⊙ sₗ₋₁. Differentiating it: with a₀ = ∂P/∂g₀, ∂P/∂Wₗ = aₗ₋₁ᵀδₗ, then ∂P/∂δₗ = aₗ₋₁Wₗ and
   * aₗ = ∂P/∂δₗ ⊙ sₗ; where σ'' ≠ 0, sₗ's own dependence on zₗ adds cₗ = ∂P/∂δₗ ⊙ gₗ ⊙ σ''(zₗ), which flows
   * down through the forward pass like an ordinary gradient (this is the only way biases get a gradient).
   */
  inputGradient(x: tf.Tensor2D): {
    gradient: tf.Tensor2D;
    pullback: (dGradient: tf.Tensor2D) => (tf.Tensor | null)[];
  } {
    const L = this.layers;
    const h = this.forward(x);
    const s: tf.Tensor2D[] = [];
    for (let l = 1; l < L; l++) s[l] = activationDerivative(this.activation, h[l]);
    const delta: tf.Tensor2D[] = [];
    const g: tf.Tensor2D[] = [];
    delta[L] = tf.onesLike(h[L]);
    for (let l = L; l >= 1; l--) {
      g[l - 1] = tf.matMul(delta[l], this.transposedKernel(l));
      if (l > 1) delta[l - 1] = tf.mul(g[l - 1], s[l - 1]);
    }

    const pullback = (dGradient: tf.Tensor2D): (tf.Tensor | null)[] => {
      const gradients: (tf.Tensor | null)[] = [];
      const c: (tf.Tensor2D | null)[] = [];
      let a = dGradient;
      for (let l = 1; l <= L; l++) {
        gradients[2 * (l - 1)] = tf.matMul(tf.transpose(a), delta[l]);
        if (l === L) break; // δ_L = 1 does not depend on anything
        const dDelta = tf.matMul(a, this.kernel(l));
        a = tf.mul(dDelta, s[l]);
        const curvature = activationSecondDerivative(this.activation, h[l]);
        c[l] = curvature === null ? null : tf.mul<tf.Tensor2D>(tf.mul(dDelta, g[l]), curvature);
      }
      // Backpropagate the cₗ through the forward pass (top to bottom, accumulating).
      let e: tf.Tensor2D | null = null;
      for (let l = L - 1; l >= 1; l--) {
        const parts: tf.Tensor2D[] = [];
        if (e !== null) parts.push(tf.mul(tf.matMul(e, this.transposedKernel(l + 1)), s[l]));
        const cl = c[l];
        if (cl) parts.push(cl);
        e = parts.length > 0 ? tf.addN(parts) : null;
        if (e !== null) {
          gradients[2 * (l - 1)] = tf.add(
            gradients[2 * (l - 1)] as tf.Tensor,
            tf.matMul(tf.transpose(h[l - 1]), e),
          );
          gradients[2 * (l - 1) + 1] = tf.sum(e, 0);
        }
      }
      // Biases only get a gradient through σ''; null where it is 0.
      for (let l = 1; l <= L; l++) gradients[2 * (l - 1) + 1] ??= null;
      return gradients;
    };
    return { gradient: g[0], pullback };
  }

  /**
   * A tensor derived from a layer's kernel, reused until the kernel changes (an optimizer step or setWeights
   * gives the variable new data): D's transposed kernels, for one, serve both the G step and the next D step.
   */
  private cached<T extends tf.Tensor>(layer: number, kind: 'rank3' | 'transposed', make: () => T): T {
    const key = `${kind}${layer}`;
    const source = this.kernel(layer).dataId;
    const hit = this.derived.get(key);
    if (hit !== undefined && hit.source === source) return hit.tensor as T;
    hit?.tensor.dispose();
    const tensor = tf.keep(make());
    this.derived.set(key, { source, tensor });
    return tensor;
  }

  private transposedKernel(layer: number): tf.Tensor2D {
    return this.cached(layer, 'transposed', () => tf.transpose(this.kernel(layer)));
  }

  private kernel(layer: number): tf.Tensor2D {
    return this.variables[2 * (layer - 1)] as tf.Tensor2D;
  }

  private bias(layer: number): tf.Tensor {
    return this.variables[2 * (layer - 1) + 1];
  }

  /** Copies the weights out as `${prefix}/dense_i/kernel|bias` (one await per tensor; no sync reads). */
  async getWeights(prefix: string): Promise<NamedWeight[]> {
    const data = await Promise.all(this.variables.map((v) => v.data() as Promise<Float32Array>));
    return this.variables.map((v, i) => ({
      name: `${prefix}/${this.names[i]}`,
      shape: v.shape.slice(),
      data: Float32Array.from(data[i]),
    }));
  }

  /** Assigns weights named `${prefix}/...` in place; all must be present, finite and of the right shape. */
  setWeights(weights: readonly NamedWeight[], prefix: string): void {
    const byName = new Map(weights.map((w) => [w.name, w]));
    const values = this.variables.map((v, i) => {
      const name = `${prefix}/${this.names[i]}`;
      const entry = byName.get(name);
      if (entry === undefined) throw new Error(`Expected a weight named ${name}, got none`);
      checkWeight(entry, v.shape);
      return entry;
    });
    tf.tidy(() => this.variables.forEach((v, i) => v.assign(tf.tensor(values[i].data, v.shape, 'float32'))));
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
    for (const { tensor } of this.derived.values()) tensor.dispose();
    this.derived.clear();
  }
}

/** Throws unless `weights` holds a weight of the right shape for every variable of `mlp`, named `prefix/...`. */
export function checkWeightsFor(mlp: Mlp, prefix: string, weights: readonly NamedWeight[]): void {
  mlp.variables.forEach((v, i) => {
    const name = `${prefix}/${mlp.names[i]}`;
    const entry = weights.find((w) => w.name === name);
    if (entry === undefined) throw new Error(`Expected a weight named ${name}, got none`);
    checkWeight(entry, v.shape);
  });
}
