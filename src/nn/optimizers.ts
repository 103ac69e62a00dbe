/**
 * Adam, RMSprop and SGD on a flat parameter array, computing each update as tfjs's optimizers do (same
 * defaults, same order of float32 operations, Adam's bias correction through running products β₁ᵗ and β₂ᵗ),
 * so a run can move between this engine and tfjs mid-way. State is exported in tfjs's getWeights() layout:
 * the iteration count, then each slot (Adam m, v; RMSprop ms, mom) per trainable weight.
 */
import type { OptimizerName } from '../agents/dqn-config';
import type { NamedWeight } from '../storage/checkpoint';
import type { ParamSlice } from './q-net';
import { plainMemory, type NnMemory, type SimdKernels } from './nn-memory';
import { pow } from '../util/portable-math';

const f = Math.fround;
/** tfjs's backend epsilon for float32 backends (cpu, wasm, webgpu; WebGL with float32 textures too). */
export const TFJS_EPSILON = 1e-7;
const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;
const RMSPROP_DECAY = 0.9;

export interface FlatOptimizer {
  readonly name: OptimizerName;
  /** Step size of the next apply() (a schedule may change it between steps). */
  learningRate: number;
  /** Gradient steps applied (tfjs's `iterations`). */
  iterations: number;
  /** params ← update(params, grads). */
  apply(params: Float32Array, grads: Float32Array): void;
  /** Slot names in tfjs's getWeights() order, e.g. ['m', 'v']. */
  readonly slotNames: readonly string[];
  /** The slot arrays (each as long as params), in slotNames order; empty before the first step. */
  slots(): Float32Array[];
  /** Scalars tfjs keeps outside getWeights() (Adam's β products), by name. */
  extras(): Record<string, number>;
  setSlots(slots: Float32Array[], extras: Record<string, number>): void;
}

class Adam implements FlatOptimizer {
  readonly name = 'adam';
  readonly slotNames = ['m', 'v'];
  iterations = 0;
  private m: Float32Array | null = null;
  private v: Float32Array | null = null;
  private accBeta1 = f(ADAM_BETA1);
  private accBeta2 = f(ADAM_BETA2);
  private readonly simd: SimdKernels | null;
  private readonly memory: NnMemory;
  /** In SIMD memory the slots live there from the start (m and v point at them once used). */
  private readonly storage: [Float32Array, Float32Array] | null;
  constructor(
    public learningRate: number,
    private readonly size: number,
    memory: NnMemory,
  ) {
    this.simd = memory.kernels;
    this.memory = memory;
    this.storage = memory.kernels ? [memory.alloc(size), memory.alloc(size)] : null;
  }

  apply(params: Float32Array, grads: Float32Array): void {
    const m = (this.m ??= this.storage ? this.storage[0].fill(0) : new Float32Array(this.size));
    const v = (this.v ??= this.storage ? this.storage[1].fill(0) : new Float32Array(this.size));
    const oneMinusAcc1 = f(1 - this.accBeta1);
    const oneMinusAcc2 = f(1 - this.accBeta2);
    const b1 = f(ADAM_BETA1);
    const b2 = f(ADAM_BETA2);
    const c1 = f(1 - ADAM_BETA1);
    const c2 = f(1 - ADAM_BETA2);
    const eps = f(TFJS_EPSILON);
    const negLr = f(-this.learningRate);
    if (this.simd && this.memory.holds(params) && this.memory.holds(grads)) {
      // The same float32 operations in the same order (bit-identical), four lanes at a time.
      const at = (a: Float32Array) => a.byteOffset;
      this.simd.adam(
        at(params),
        at(grads),
        at(m),
        at(v),
        params.length,
        b1,
        b2,
        c1,
        c2,
        eps,
        negLr,
        oneMinusAcc1,
        oneMinusAcc2,
      );
    } else
      for (let i = 0; i < params.length; i++) {
        const g = grads[i]!;
        const mi = f(f(m[i]! * b1) + f(g * c1));
        const vi = f(f(v[i]! * b2) + f(f(g * g) * c2));
        m[i] = mi;
        v[i] = vi;
        const mHat = f(mi / oneMinusAcc1);
        const vHat = f(vi / oneMinusAcc2);
        params[i] = f(f(f(mHat / f(f(Math.sqrt(vHat)) + eps)) * negLr) + params[i]!);
      }
    this.accBeta1 = f(this.accBeta1 * b1);
    this.accBeta2 = f(this.accBeta2 * b2);
    this.iterations++;
  }

  slots(): Float32Array[] {
    return this.m && this.v ? [this.m, this.v] : [];
  }

  extras(): Record<string, number> {
    return { accBeta1: this.accBeta1, accBeta2: this.accBeta2 };
  }

  setSlots(slots: Float32Array[], extras: Record<string, number>): void {
    if (slots.length === 2 && this.storage) {
      this.storage[0].set(slots[0]!);
      this.storage[1].set(slots[1]!);
      [this.m, this.v] = this.storage;
    } else [this.m, this.v] = slots.length === 2 ? [slots[0]!, slots[1]!] : [null, null];
    // Without saved products tfjs's setWeights() recomputes them as βᵗ; do the same.
    this.accBeta1 = f(extras.accBeta1 ?? pow(ADAM_BETA1, this.iterations + 1));
    this.accBeta2 = f(extras.accBeta2 ?? pow(ADAM_BETA2, this.iterations + 1));
  }
}

class RmsProp implements FlatOptimizer {
  readonly name = 'rmsprop';
  readonly slotNames = ['ms', 'mom'];
  iterations = 0;
  private ms: Float32Array | null = null;
  private mom: Float32Array | null = null;
  constructor(
    public learningRate: number,
    private readonly size: number,
  ) {}

  apply(params: Float32Array, grads: Float32Array): void {
    const ms = (this.ms ??= new Float32Array(this.size));
    const mom = (this.mom ??= new Float32Array(this.size));
    const decay = f(RMSPROP_DECAY);
    const c = f(1 - RMSPROP_DECAY);
    const eps = f(TFJS_EPSILON);
    const lr = f(this.learningRate);
    for (let i = 0; i < params.length; i++) {
      const g = grads[i]!;
      const msi = f(f(ms[i]! * decay) + f(f(g * g) * c));
      // tfjs's default momentum is 0: mom = 0·mom + lr·g / √(ms + ε).
      const momi = f(f(mom[i]! * 0) + f(f(g * lr) / f(Math.sqrt(f(msi + eps)))));
      ms[i] = msi;
      mom[i] = momi;
      params[i] = f(params[i]! - momi);
    }
    this.iterations++;
  }

  slots(): Float32Array[] {
    return this.ms && this.mom ? [this.ms, this.mom] : [];
  }

  extras(): Record<string, number> {
    return {};
  }

  setSlots(slots: Float32Array[]): void {
    [this.ms, this.mom] = slots.length === 2 ? [slots[0]!, slots[1]!] : [null, null];
  }
}

class Sgd implements FlatOptimizer {
  readonly name = 'sgd';
  readonly slotNames = [];
  iterations = 0;
  constructor(public learningRate: number) {}

  apply(params: Float32Array, grads: Float32Array): void {
    const negLr = f(-this.learningRate);
    // tfjs: value + (−lr)·g.
    for (let i = 0; i < params.length; i++) params[i] = f(params[i]! + f(grads[i]! * negLr));
    this.iterations++;
  }

  slots(): Float32Array[] {
    return [];
  }

  extras(): Record<string, number> {
    return {};
  }

  setSlots(): void {}
}

/** Adam in SIMD memory runs the SIMD kernel (bit-identical); RMSprop and SGD always run the JS loops. */
export function makeFlatOptimizer(
  name: OptimizerName,
  learningRate: number,
  size: number,
  memory: NnMemory = plainMemory,
): FlatOptimizer {
  switch (name) {
    case 'adam':
      return new Adam(learningRate, size, memory);
    case 'rmsprop':
      return new RmsProp(learningRate, size);
    case 'sgd':
      return new Sgd(learningRate);
  }
}

/**
 * The optimizer's state as named weights, in the layout DqnAgent.getOptimizerState() writes:
 * `optimizer/iter`, then `optimizer/<slot>/<weight>` per slot and trainable weight, then Adam's
 * `optimizer/accBeta1` and `optimizer/accBeta2`.
 */
export function exportOptimizerState(optimizer: FlatOptimizer, slices: readonly ParamSlice[]): NamedWeight[] {
  const out: NamedWeight[] = [
    { name: 'optimizer/iter', shape: [], data: Float32Array.of(optimizer.iterations) },
  ];
  optimizer.slots().forEach((slot, k) => {
    for (const s of slices) {
      out.push({
        name: `optimizer/${optimizer.slotNames[k]}/${s.name}`,
        shape: s.shape.slice(),
        data: slot.slice(s.offset, s.offset + s.size),
      });
    }
  });
  for (const [name, value] of Object.entries(optimizer.extras())) {
    out.push({ name: `optimizer/${name}`, shape: [], data: Float32Array.of(value) });
  }
  return out;
}

/** Loads state written by exportOptimizerState (or by the tfjs agent) into `optimizer`, checking every entry. */
export function importOptimizerState(
  optimizer: FlatOptimizer,
  slices: readonly ParamSlice[],
  size: number,
  state: readonly NamedWeight[],
): void {
  const extraNames = Object.keys(optimizer.extras());
  const extras: Record<string, number> = {};
  const main: NamedWeight[] = [];
  for (const w of state) {
    const extra = extraNames.find((name) => w.name === `optimizer/${name}`);
    if (extra === undefined) {
      main.push(w);
      continue;
    }
    if (w.data.length !== 1 || !Number.isFinite(w.data[0])) {
      throw new Error(`Expected ${w.name} as one finite value for an Adam optimizer`);
    }
    extras[extra] = w.data[0]!;
  }
  const expected = [
    'optimizer/iter',
    ...optimizer.slotNames.flatMap((slot) => slices.map((s) => `optimizer/${slot}/${s.name}`)),
  ];
  if (main.length !== 1 && main.length !== expected.length) {
    throw new Error(
      `Expected 1 or ${expected.length} ${optimizer.name} optimizer weights, got ${main.length}`,
    );
  }
  const iter = main[0]!;
  if (iter.name !== 'optimizer/iter')
    throw new Error(`Expected optimizer weight 0 named optimizer/iter, got ${iter.name}`);
  const iterations = iter.data[0];
  if (iter.data.length !== 1 || !Number.isInteger(iterations) || iterations! < 0) {
    throw new Error(`Expected optimizer/iter as one non-negative integer, got ${iter.data[0]}`);
  }
  const slots = optimizer.slotNames.map(() => new Float32Array(size));
  main.slice(1).forEach((w, j) => {
    const i = j + 1;
    if (w.name !== expected[i])
      throw new Error(`Expected optimizer weight ${i} named ${expected[i]}, got ${w.name}`);
    const s = slices[j % slices.length]!;
    if (w.shape.length !== s.shape.length || w.shape.some((d, k) => d !== s.shape[k])) {
      throw new Error(`Expected ${w.name} of shape [${s.shape}], got [${w.shape}]`);
    }
    if (w.data.length !== s.size)
      throw new Error(`Expected ${s.size} values for ${w.name}, got ${w.data.length}`);
    slots[Math.floor(j / slices.length)]!.set(w.data, s.offset);
  });
  optimizer.iterations = iterations!;
  optimizer.setSlots(main.length === 1 ? [] : slots, extras);
}
