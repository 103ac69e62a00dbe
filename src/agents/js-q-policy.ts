/**
 * The greedy policy in plain TypeScript: a forward pass of the Q-network from exported weights, with no tfjs.
 * The arena's watch view runs it on the main thread every frame (a few hundred thousand multiply-adds at
 * most), so watching the agent costs the trainer nothing and the page never loads tfjs.
 */
import type { Activation } from './dqn-config';
import type { NamedWeight } from './weights';
import { exp, expm1, tanh } from '../util/portable-math';

interface DenseLayer {
  kernel: Float32Array; // [inputs, units], row-major, as tfjs stores it
  bias: Float32Array | null;
  inputs: number;
  units: number;
}

const ACTIVATE: Record<Activation, (x: number) => number> = {
  relu: (x) => (x > 0 ? x : 0),
  tanh,
  elu: (x) => (x > 0 ? x : expm1(x)),
  selu: (x) => 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * expm1(x)),
  sigmoid: (x) => 1 / (1 + exp(-x)),
  linear: (x) => x,
};

function dense(weights: Map<string, NamedWeight>, name: string): DenseLayer | null {
  const kernel = weights.get(`${name}/kernel`);
  if (!kernel) return null;
  if (kernel.shape.length !== 2)
    throw new Error(`Expected a 2-D kernel for ${name}, got shape [${kernel.shape}]`);
  const [inputs, units] = kernel.shape as [number, number];
  if (kernel.data.length !== inputs * units) {
    throw new Error(`Expected ${inputs * units} values in ${name}/kernel, got ${kernel.data.length}`);
  }
  const bias = weights.get(`${name}/bias`);
  if (bias && bias.data.length !== units) {
    throw new Error(`Expected ${units} values in ${name}/bias, got ${bias.data.length}`);
  }
  return { kernel: kernel.data, bias: bias?.data ?? null, inputs, units };
}

function apply(
  layer: DenseLayer,
  input: Float32Array,
  output: Float32Array,
  activate: (x: number) => number,
): void {
  const { kernel, bias, inputs, units } = layer;
  for (let j = 0; j < units; j++) output[j] = bias ? bias[j]! : 0;
  for (let i = 0; i < inputs; i++) {
    const x = input[i]!;
    if (x === 0) continue; // one-hot and pixel observations are mostly zeros
    const row = i * units;
    for (let j = 0; j < units; j++) output[j] += x * kernel[row + j]!;
  }
  if (activate !== ACTIVATE.linear) for (let j = 0; j < units; j++) output[j] = activate(output[j]!);
}

export class JsQPolicy {
  readonly obsSize: number;
  readonly nActions: number;
  private readonly hidden: DenseLayer[] = [];
  private readonly head: { q: DenseLayer } | { value: DenseLayer; advantage: DenseLayer };
  private readonly buffers: Float32Array[];
  private readonly activate: (x: number) => number;

  /** `prefix` picks the network among the exported weights ("online" or "target"). */
  constructor(weights: readonly NamedWeight[], activation: Activation, prefix = 'online') {
    const byName = new Map(
      weights.filter((w) => w.name.startsWith(`${prefix}/`)).map((w) => [w.name.slice(prefix.length + 1), w]),
    );
    this.activate = ACTIVATE[activation];
    for (let i = 0; ; i++) {
      const layer = dense(byName, `hidden_${i}`);
      if (!layer) break;
      this.hidden.push(layer);
    }
    const q = dense(byName, 'q_values');
    const value = dense(byName, 'value');
    const advantage = dense(byName, 'advantage');
    if (q) this.head = { q };
    else if (value && advantage) this.head = { value, advantage };
    else
      throw new Error(
        `Expected ${prefix}/q_values or ${prefix}/value and ${prefix}/advantage weights, got none`,
      );
    const first = this.hidden[0] ?? ('q' in this.head ? this.head.q : this.head.value);
    this.obsSize = first.inputs;
    this.nActions = 'q' in this.head ? this.head.q.units : this.head.advantage.units;
    this.buffers = this.hidden.map((layer) => new Float32Array(layer.units));
  }

  qValues(observation: ArrayLike<number>): Float32Array {
    if (observation.length !== this.obsSize) {
      throw new Error(`Expected an observation of length ${this.obsSize}, got ${observation.length}`);
    }
    let x: Float32Array = Float32Array.from(observation);
    this.hidden.forEach((layer, i) => {
      apply(layer, x, this.buffers[i]!, this.activate);
      x = this.buffers[i]!;
    });
    if ('q' in this.head) {
      const out = new Float32Array(this.nActions);
      apply(this.head.q, x, out, ACTIVATE.linear);
      return out;
    }
    const value = new Float32Array(1);
    const advantage = new Float32Array(this.nActions);
    apply(this.head.value, x, value, ACTIVATE.linear);
    apply(this.head.advantage, x, advantage, ACTIVATE.linear);
    const mean = advantage.reduce((a, b) => a + b, 0) / this.nActions;
    return advantage.map((a) => value[0]! + a - mean);
  }

  /** The greedy action (first one on ties, as argMax in the trainer). */
  act(observation: ArrayLike<number>): number {
    const q = this.qValues(observation);
    let best = 0;
    for (let i = 1; i < q.length; i++) if (q[i]! > q[best]!) best = i;
    return best;
  }
}
