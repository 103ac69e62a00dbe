/**
 * The Q-network on typed arrays: the same MLP as src/agents/q-network.ts (hidden layers, then a Q head or a
 * dueling head Q = V + A − mean(A)) with the same weight names, so weights, optimizer slots and checkpoints
 * move between this engine and tfjs unchanged. All parameters live in one flat array (and their gradients in
 * another) so the optimizer, clipping and target updates are single loops.
 */
import type { Activation } from '../agents/dqn-config';
import type { NamedWeight } from '../storage/checkpoint';
import { Dense } from './dense';
import { plainMemory, type NnMemory } from './nn-memory';

export interface QNetSpec {
  obsSize: number;
  nActions: number;
  hiddenSizes: readonly number[];
  activation: Activation;
  dueling: boolean;
  /** A factor per observation feature the network multiplies its input by first (agents' observationScale). */
  inputScale?: Float32Array | null;
}

/** One trainable weight's place in the flat parameter array. */
export interface ParamSlice {
  name: string;
  shape: number[];
  offset: number;
  size: number;
}

const DUELING_MERGE_KERNEL = 'dueling_merge/kernel';

export class QNet {
  readonly spec: QNetSpec;
  readonly maxBatch: number;
  readonly params: Float32Array<ArrayBuffer>;
  readonly grads: Float32Array;
  /** Trainable weights in tfjs's `trainableWeights` order. */
  readonly slices: readonly ParamSlice[];
  private readonly hidden: Dense[];
  private readonly head: Dense[];
  /** Q-values of the last forward pass, [maxBatch, nActions]. */
  readonly q: Float32Array;
  private readonly gradQ: Float32Array;
  private readonly memory: NnMemory;
  /**
   * Observations copied into SIMD memory when they come from elsewhere (a replay batch, one env step), and
   * scaled there when the spec has an inputScale.
   */
  private readonly staged: Float32Array;
  private readonly inputScale: Float32Array | null;

  /** In SIMD memory (nn-memory.ts) the layers run the SIMD kernels; the results agree within float rounding. */
  constructor(spec: QNetSpec, maxBatch: number, memory: NnMemory = plainMemory) {
    this.inputScale = spec.inputScale ? Float32Array.from(spec.inputScale) : null;
    if (this.inputScale && this.inputScale.length !== spec.obsSize) {
      throw new Error(`Expected ${spec.obsSize} input scale factors, got ${this.inputScale.length}`);
    }
    this.spec = { ...spec, hiddenSizes: [...spec.hiddenSizes], inputScale: this.inputScale };
    this.maxBatch = maxBatch;
    this.memory = memory;
    let inputs = spec.obsSize;
    this.hidden = spec.hiddenSizes.map((units, i) => {
      const layer = new Dense(
        { name: `hidden_${i}`, inputs, units, activation: spec.activation },
        maxBatch,
        memory,
      );
      inputs = units;
      return layer;
    });
    const linear = (name: string, units: number) =>
      new Dense({ name, inputs, units, activation: 'linear' }, maxBatch, memory);
    this.head = spec.dueling
      ? [linear('value', 1), linear('advantage', spec.nActions)]
      : [linear('q_values', spec.nActions)];
    const layers = [...this.hidden, ...this.head];
    const total = layers.reduce((sum, l) => sum + l.parameterCount, 0);
    this.params = memory.alloc(total);
    this.grads = memory.alloc(total);
    const slices: ParamSlice[] = [];
    let offset = 0;
    for (const layer of layers) {
      const start = offset;
      offset = layer.bind(this.params, this.grads, offset);
      const k = layer.inputs * layer.units;
      slices.push({
        name: `${layer.name}/kernel`,
        shape: [layer.inputs, layer.units],
        offset: start,
        size: k,
      });
      slices.push({ name: `${layer.name}/bias`, shape: [layer.units], offset: start + k, size: layer.units });
    }
    this.slices = slices;
    this.q = spec.dueling ? memory.alloc(maxBatch * spec.nActions) : this.head[0]!.output;
    this.gradQ = spec.dueling ? memory.alloc(maxBatch * spec.nActions) : this.head[0]!.gradOutput;
    const staging = memory.kernels !== null || this.inputScale !== null;
    this.staged = staging ? memory.alloc(maxBatch * spec.obsSize) : new Float32Array(0);
  }

  /** `observations` as the first layer reads them: in place, or copied (and scaled) into `staged`. */
  private input(observations: Float32Array, rows: number): Float32Array {
    const scale = this.inputScale;
    if (scale === null) {
      if (!this.memory.kernels || this.memory.holds(observations)) return observations;
      const length = rows * this.spec.obsSize;
      this.staged.set(length === observations.length ? observations : observations.subarray(0, length));
      return this.staged;
    }
    const size = this.spec.obsSize;
    for (let r = 0; r < rows; r++) {
      for (let i = 0; i < size; i++) this.staged[r * size + i] = observations[r * size + i]! * scale[i]!;
    }
    return this.staged;
  }

  /** Q(s, ·) for `rows` observations laid out row by row; returns the shared q buffer. */
  forward(observations: Float32Array, rows: number): Float32Array {
    if (rows > this.maxBatch) throw new Error(`Expected at most ${this.maxBatch} rows, got ${rows}`);
    let x = this.input(observations, rows);
    for (const layer of this.hidden) x = layer.forward(x, rows);
    if (!this.spec.dueling) return this.head[0]!.forward(x, rows);
    const n = this.spec.nActions;
    const value = this.head[0]!.forward(x, rows);
    const advantage = this.head[1]!.forward(x, rows);
    for (let r = 0; r < rows; r++) {
      let mean = 0;
      for (let a = 0; a < n; a++) mean += advantage[r * n + a]!;
      mean /= n;
      for (let a = 0; a < n; a++) this.q[r * n + a] = value[r]! + advantage[r * n + a]! - mean;
    }
    return this.q;
  }

  /** The buffer the caller fills with dLoss/dQ before backward() (after a forward of the same rows). */
  get gradQValues(): Float32Array {
    return this.gradQ;
  }

  /** Gradients of every parameter into `grads`, from gradQValues and the last forward pass of `observations`. */
  backward(observations: Float32Array, rows: number): void {
    const n = this.spec.nActions;
    const input = this.input(observations, rows);
    const last = this.hidden.at(-1);
    const headInput = last ? last.output : input;
    const headGradInput = last ? last.gradOutput : null;
    if (!this.spec.dueling) {
      this.head[0]!.backward(headInput, rows, headGradInput);
    } else {
      // Through Q = V + A − mean(A): dV = Σ_a dQ_a, dA_a = dQ_a − mean(dQ).
      const [value, advantage] = this.head as [Dense, Dense];
      for (let r = 0; r < rows; r++) {
        let sum = 0;
        for (let a = 0; a < n; a++) sum += this.gradQ[r * n + a]!;
        value.gradOutput[r] = sum;
        const mean = sum / n;
        for (let a = 0; a < n; a++) advantage.gradOutput[r * n + a] = this.gradQ[r * n + a]! - mean;
      }
      value.backward(headInput, rows, headGradInput);
      advantage.backward(headInput, rows, headGradInput, true);
    }
    for (let i = this.hidden.length - 1; i >= 0; i--) {
      const x = i === 0 ? input : this.hidden[i - 1]!.output;
      this.hidden[i]!.backward(x, rows, i === 0 ? null : this.hidden[i - 1]!.gradOutput);
    }
  }

  /** Every weight as tfjs's `model.weights` lists it (the dueling merge's frozen kernel included). */
  exportWeights(prefix: string): NamedWeight[] {
    const out = this.slices.map((s) => ({
      name: `${prefix}/${s.name}`,
      shape: s.shape.slice(),
      data: this.params.slice(s.offset, s.offset + s.size),
    }));
    if (this.spec.dueling) {
      out.push({
        name: `${prefix}/${DUELING_MERGE_KERNEL}`,
        shape: [1 + this.spec.nActions, this.spec.nActions],
        data: duelingMergeKernel(this.spec.nActions),
      });
    }
    return out;
  }

  /** Loads `${prefix}/...` weights: each must be present, of the right shape and finite. */
  importWeights(weights: readonly NamedWeight[], prefix: string): void {
    const byName = new Map(weights.map((w) => [w.name, w]));
    const checked = this.slices.map((s) => {
      const name = `${prefix}/${s.name}`;
      const entry = byName.get(name);
      if (entry === undefined) throw new Error(`Expected a weight named ${name}, got none`);
      if (entry.shape.length !== s.shape.length || entry.shape.some((d, i) => d !== s.shape[i])) {
        throw new Error(`Expected ${name} of shape [${s.shape}], got [${entry.shape}]`);
      }
      if (entry.data.length !== s.size)
        throw new Error(`Expected ${s.size} values for ${name}, got ${entry.data.length}`);
      for (let i = 0; i < entry.data.length; i++) {
        if (!Number.isFinite(entry.data[i]))
          throw new Error(`Expected finite values in ${name}, got ${entry.data[i]}`);
      }
      return entry;
    });
    checked.forEach((entry, i) => this.params.set(entry.data, this.slices[i]!.offset));
  }
}

/** [V, A] · K = V + A − mean(A): the frozen kernel tfjs's dueling model carries (see q-network.ts). */
function duelingMergeKernel(nActions: number): Float32Array<ArrayBuffer> {
  const k = new Float32Array((1 + nActions) * nActions);
  for (let j = 0; j < nActions; j++) k[j] = 1;
  for (let i = 0; i < nActions; i++) {
    for (let j = 0; j < nActions; j++) k[(1 + i) * nActions + j] = (i === j ? 1 : 0) - 1 / nActions;
  }
  return k;
}
