/**
 * flat-optimizer.ts's SGD, RMSprop and Adam on a typed array instead of tf.Variables: the same update, in the
 * same order of float32 operations (each step rounded with Math.fround, as tfjs's float32 kernels round), and
 * the same state layout (`prefix/steps`, then each slot flat over all parameters), so a checkpoint's optimizer
 * state moves between the engines unchanged. No tfjs here.
 */
import type { GanOptimizerConfig, GanOptimizerName } from './gan-config';
import { checkWeight, type NamedWeight } from './weights';

const f = Math.fround;
/** As flat-optimizer.ts: tfjs's float32 epsilon and tf.train.rmsprop's decay. */
const EPSILON = 1e-7;
const RMSPROP_DECAY = 0.9;

const SLOTS: Record<GanOptimizerName, readonly string[]> = { sgd: [], rmsprop: ['ms'], adam: ['m', 'v'] };

export class JsFlatOptimizer {
  readonly config: GanOptimizerConfig;
  private readonly size: number;
  private readonly slots: Float32Array[];
  private steps = 0;

  constructor(config: GanOptimizerConfig, size: number) {
    this.config = { ...config };
    this.size = size;
    this.slots = SLOTS[config.name].map(() => new Float32Array(size));
  }

  /** Update steps taken (Adam's bias correction and lazy R1 depend on it). */
  get stepCount(): number {
    return this.steps;
  }

  /** θ ← θ − Δ(g). */
  apply(theta: Float32Array, g: Float32Array): void {
    this.steps++;
    const { name, learningRate: lr, beta1, beta2 } = this.config;
    const n = this.size;
    switch (name) {
      case 'sgd': {
        const rate = f(lr);
        for (let i = 0; i < n; i++) theta[i] = f(theta[i]! - f(g[i]! * rate));
        return;
      }
      case 'rmsprop': {
        const [ms] = this.slots as [Float32Array];
        const [decay, keep, rate, eps] = [f(RMSPROP_DECAY), f(1 - RMSPROP_DECAY), f(lr), f(EPSILON)];
        for (let i = 0; i < n; i++) {
          const gi = g[i]!;
          const msi = f(f(ms[i]! * decay) + f(f(gi * gi) * keep));
          ms[i] = msi;
          theta[i] = f(theta[i]! - f(f(gi * rate) / f(Math.sqrt(f(msi + eps)))));
        }
        return;
      }
      case 'adam': {
        const [m, v] = this.slots as [Float32Array, Float32Array];
        const c1 = 1 - beta1 ** this.steps;
        const c2 = 1 - beta2 ** this.steps;
        // As flat-optimizer.ts: lr·m̂/(√v̂ + ε) = (lr·√c2/c1)·m / (√v + ε·√c2), the two constants as float32.
        const scale = f((lr * Math.sqrt(c2)) / c1);
        const eps = f(EPSILON * Math.sqrt(c2));
        const [b1, k1, b2, k2] = [f(beta1), f(1 - beta1), f(beta2), f(1 - beta2)];
        for (let i = 0; i < n; i++) {
          const gi = g[i]!;
          const mi = f(f(m[i]! * b1) + f(gi * k1));
          const vi = f(f(v[i]! * b2) + f(f(gi * gi) * k2));
          m[i] = mi;
          v[i] = vi;
          theta[i] = f(theta[i]! - f(f(mi * scale) / f(f(Math.sqrt(vi)) + eps)));
        }
        return;
      }
    }
  }

  /** `${prefix}/steps` (shape []), then each slot flat over all parameters (Adam: m, v; RMSprop: ms). */
  getState(prefix: string): NamedWeight[] {
    return [
      { name: `${prefix}/steps`, shape: [], data: Float32Array.of(this.steps) },
      ...SLOTS[this.config.name].map((slot, i) => ({
        name: `${prefix}/${slot}`,
        shape: [this.size],
        data: this.slots[i]!.slice(),
      })),
    ];
  }

  /** Restores getState() (of either engine) of an optimizer with the same rule and size (all checked first). */
  setState(state: readonly NamedWeight[], prefix: string): void {
    const { find, steps } = readOptimizerState(state, prefix);
    const slots = SLOTS[this.config.name].map((slot) => find(`${prefix}/${slot}`));
    slots.forEach((w) => checkWeight(w, [this.size]));
    slots.forEach((w, i) => this.slots[i]!.set(w.data));
    this.steps = steps;
  }
}

/** The named entries of an optimizer state and its checked step count (both engines' setState read it so). */
export function readOptimizerState(
  state: readonly NamedWeight[],
  prefix: string,
): { find: (name: string) => NamedWeight; steps: number } {
  const find = (name: string): NamedWeight => {
    const entry = state.find((w) => w.name === name);
    if (entry === undefined) throw new Error(`Expected optimizer state ${name}, got none`);
    return entry;
  };
  const steps = find(`${prefix}/steps`);
  checkWeight(steps, []);
  if (!Number.isInteger(steps.data[0]) || steps.data[0]! < 0)
    throw new Error(`Expected a non-negative integer ${prefix}/steps, got ${steps.data[0]}`);
  return { find, steps: steps.data[0]! };
}
