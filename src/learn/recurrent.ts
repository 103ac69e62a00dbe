/**
 * Recurrent cells written out equation by equation (so every gate can be read), in the layout PyTorch
 * documents for nn.RNN, nn.LSTM and nn.GRU: two biases (input and hidden), gates stacked along the last
 * axis in PyTorch's order (LSTM: i, f, g, o; GRU: r, z, n). Weights are stored as [in, gates·H] so that a
 * step is x·W_ih + b_ih + h·W_hh + b_hh.
 *
 *   RNN:  h' = tanh(x W_ih + b_ih + h W_hh + b_hh)
 *   LSTM: i = σ(..), f = σ(..), g = tanh(..), o = σ(..);  c' = f ⊙ c + i ⊙ g;  h' = o ⊙ tanh(c')
 *   GRU (Cho et al. 2014, PyTorch form): r = σ(x W_ir + b_ir + h W_hr + b_hr), z = σ(..),
 *         n = tanh(x W_in + b_in + r ⊙ (h W_hn + b_hn));  h' = (1 − z) ⊙ n + z ⊙ h
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../envs/rng';
import type { CellKind } from './cell-kinds';
import { constantVariable, uniformVariable } from './seeded';

export { CELL_KINDS, type CellKind } from './cell-kinds';

/** The gates each cell exposes, in the order its weights stack them. */
export const GATE_NAMES: Record<CellKind, readonly string[]> = {
  rnn: [],
  lstm: ['input', 'forget', 'cell candidate', 'output'],
  gru: ['reset', 'update', 'candidate'],
};

const GATE_COUNT: Record<CellKind, number> = { rnn: 1, lstm: 4, gru: 3 };

export interface CellWeights<T extends tf.Tensor = tf.Tensor> {
  /** [inputSize, gates·H] */
  wIh: T;
  /** [H, gates·H] */
  wHh: T;
  /** [gates·H] */
  bIh: T;
  /** [gates·H] */
  bHh: T;
}

export interface CellState {
  h: tf.Tensor2D;
  /** The LSTM's cell state (absent for RNN and GRU). */
  c?: tf.Tensor2D;
}

export interface CellStepResult {
  state: CellState;
  /** Gate activations [B, H] by name (see GATE_NAMES), after their nonlinearity. */
  gates: Record<string, tf.Tensor2D>;
}

/** One time step of a cell: x [B, in], state h (and c) [B, H]. */
export function cellStep(kind: CellKind, w: CellWeights, x: tf.Tensor2D, state: CellState): CellStepResult {
  const { h } = state;
  const fromX = tf.add(tf.matMul(x, w.wIh as tf.Tensor2D), w.bIh) as tf.Tensor2D;
  const fromH = tf.add(tf.matMul(h, w.wHh as tf.Tensor2D), w.bHh) as tf.Tensor2D;
  if (kind === 'rnn') {
    return { state: { h: tf.tanh(tf.add(fromX, fromH)) as tf.Tensor2D }, gates: {} };
  }
  if (kind === 'lstm') {
    if (!state.c) throw new Error('An LSTM step needs the cell state c');
    const [ai, af, ag, ao] = tf.split(tf.add(fromX, fromH), 4, 1) as tf.Tensor2D[];
    const i = tf.sigmoid(ai!);
    const f = tf.sigmoid(af!);
    const g = tf.tanh(ag!);
    const o = tf.sigmoid(ao!);
    const c = tf.add(tf.mul(f, state.c), tf.mul(i, g)) as tf.Tensor2D;
    const hNext = tf.mul(o, tf.tanh(c)) as tf.Tensor2D;
    return { state: { h: hNext, c }, gates: { input: i, forget: f, 'cell candidate': g, output: o } };
  }
  const [xr, xz, xn] = tf.split(fromX, 3, 1) as tf.Tensor2D[];
  const [hr, hz, hn] = tf.split(fromH, 3, 1) as tf.Tensor2D[];
  const r = tf.sigmoid(tf.add(xr!, hr!)) as tf.Tensor2D;
  const z = tf.sigmoid(tf.add(xz!, hz!)) as tf.Tensor2D;
  const n = tf.tanh(tf.add(xn!, tf.mul(r, hn!))) as tf.Tensor2D;
  const hNext = tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, h)) as tf.Tensor2D;
  return { state: { h: hNext }, gates: { reset: r, update: z, candidate: n } };
}

export interface RecurrentConfig {
  cell: CellKind;
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  seed: number;
  /**
   * Starting bias of the gate that keeps the old state: the LSTM's forget gate f and the GRU's update
   * gate z (added to both of its biases' halves). 0 is PyTorch's plain default; 1 is Keras'
   * `unitForgetBias` (Jozefowicz et al. 2015); larger values make the cell start out remembering longer,
   * the idea behind chrono initialisation (Tallec & Ollivier 2018).
   */
  keepBias: number;
}

export interface SequenceRun {
  /** Read-out at every step: [B, T, out]. */
  outputs: tf.Tensor3D;
  /** Hidden state after each step, T tensors of [B, H]. */
  hiddens: tf.Tensor2D[];
  /** Gate activations per step: name → T tensors of [B, H]. */
  gates: Record<string, tf.Tensor2D[]>;
}

/** A recurrent cell followed by a linear read-out y_t = h_t W_out + b_out at every step. */
export class RecurrentNet {
  readonly weights: CellWeights<tf.Variable>;
  readonly wOut: tf.Variable;
  readonly bOut: tf.Variable;

  constructor(readonly config: RecurrentConfig) {
    const { cell, inputSize, hiddenSize: H, outputSize, seed } = config;
    const rng = new Rng(seed);
    // PyTorch's default for all three cells: U(-1/√H, 1/√H) for every weight and bias.
    const k = 1 / Math.sqrt(H);
    const G = GATE_COUNT[cell] * H;
    this.weights = {
      wIh: uniformVariable(rng, [inputSize, G], k, `${cell}_wIh`),
      wHh: uniformVariable(rng, [H, G], k, `${cell}_wHh`),
      bIh: uniformVariable(rng, [G], k, `${cell}_bIh`),
      bHh: uniformVariable(rng, [G], k, `${cell}_bHh`),
    };
    if (cell !== 'rnn' && config.keepBias !== 0) {
      // Both gates sit at [H, 2H) (LSTM: i, f, g, o; GRU: r, z, n): shift both biases by half the bias.
      const shift = new Float32Array(G);
      shift.fill(config.keepBias / 2, H, 2 * H);
      for (const bias of [this.weights.bIh, this.weights.bHh]) {
        tf.tidy(() => bias.assign(tf.add(bias, tf.tensor1d(shift))));
      }
    }
    this.wOut = uniformVariable(rng, [H, outputSize], k, `${cell}_wOut`);
    this.bOut = constantVariable([outputSize], 0, `${cell}_bOut`);
  }

  get variables(): tf.Variable[] {
    const { wIh, wHh, bIh, bHh } = this.weights;
    return [wIh, wHh, bIh, bHh, this.wOut, this.bOut];
  }

  initialState(batch: number): CellState {
    const H = this.config.hiddenSize;
    const h = tf.zeros([batch, H]) as tf.Tensor2D;
    return this.config.cell === 'lstm' ? { h, c: tf.zeros([batch, H]) as tf.Tensor2D } : { h };
  }

  /**
   * Runs the cell over xs [B, T, in]. `probes` (T tensors of [B, H], zeros) are added to each h_t before it
   * is used: the gradient of a loss with respect to probe t is ∂L/∂h_t, the signal that vanishes.
   * Call inside tf.tidy (or a gradient function): it allocates per-step tensors.
   */
  run(xs: tf.Tensor3D, probes?: readonly tf.Tensor[]): SequenceRun {
    const [B, T] = xs.shape;
    const steps = tf.unstack(xs, 1) as tf.Tensor2D[];
    let state = this.initialState(B);
    const hiddens: tf.Tensor2D[] = [];
    const gates: Record<string, tf.Tensor2D[]> = {};
    for (const name of GATE_NAMES[this.config.cell]) gates[name] = [];
    const outs: tf.Tensor2D[] = [];
    for (let t = 0; t < T; t++) {
      const result = cellStep(this.config.cell, this.weights, steps[t]!, state);
      const probe = probes?.[t];
      const h = probe ? (tf.add(result.state.h, probe) as tf.Tensor2D) : result.state.h;
      state = { ...result.state, h };
      hiddens.push(h);
      for (const [name, value] of Object.entries(result.gates)) gates[name]!.push(value);
      outs.push(tf.add(tf.matMul(h, this.wOut as tf.Tensor2D), this.bOut) as tf.Tensor2D);
    }
    return { outputs: tf.stack(outs, 1) as tf.Tensor3D, hiddens, gates };
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

/** Which steps a task scores: every step (next-value prediction) or only the last (remember the first). */
export type LossSteps = 'all' | 'last';

/** Mean squared error of the read-out against ys [B, T, out] on the scored steps. */
export function sequenceLoss(outputs: tf.Tensor3D, ys: tf.Tensor3D, steps: LossSteps): tf.Scalar {
  if (steps === 'all') return tf.losses.meanSquaredError(ys, outputs) as tf.Scalar;
  const T = ys.shape[1];
  const lastY = tf.slice(ys, [0, T - 1, 0], [-1, 1, -1]);
  const lastOut = tf.slice(outputs, [0, T - 1, 0], [-1, 1, -1]);
  return tf.losses.meanSquaredError(lastY, lastOut) as tf.Scalar;
}

/**
 * ‖∂L/∂h_t‖ for every step t, where L is the loss at the last step only (so the curve shows how much of
 * the final error reaches back to step t). Norms are per sequence, averaged over the batch.
 */
export async function hiddenGradientNorms(
  net: RecurrentNet,
  xs: tf.Tensor3D,
  ys: tf.Tensor3D,
): Promise<Float32Array> {
  const [B, T] = xs.shape;
  const H = net.config.hiddenSize;
  const norms = tf.tidy(() => {
    const probes = Array.from({ length: T }, () => tf.zeros([B, H]));
    const lossOf = (...p: tf.Tensor[]): tf.Scalar => sequenceLoss(net.run(xs, p).outputs, ys, 'last');
    const grads = tf.grads(lossOf)(probes);
    // [T, B] per-sequence norms → mean over the batch.
    return tf.mean(tf.sqrt(tf.sum(tf.square(tf.stack(grads)), 2)), 1);
  });
  const values = (await norms.data()) as Float32Array;
  norms.dispose();
  return values;
}
