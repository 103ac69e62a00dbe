/** Trains one RecurrentNet on a sequence task with Adam, and reads out what the panel shows. */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../envs/rng';
import { AdamTrainer } from './adam-trainer';
import {
  GATE_NAMES,
  RecurrentNet,
  hiddenGradientNorms,
  sequenceLoss,
  type CellKind,
  type LossSteps,
} from './recurrent';
import { sampleSequences, type SequenceBatch, type SequenceTaskConfig } from './sequence-tasks';

export interface RecurrentTrainerConfig {
  cell: CellKind;
  task: SequenceTaskConfig;
  hiddenSize: number;
  learningRate: number;
  batchSize: number;
  seed: number;
  keepBias: number;
}

export interface RecurrentStepResult {
  loss: number;
  /** 'remember' only: share of sequences whose last output has the sign of the first input. */
  accuracy: number | null;
}

/** What the panel draws for one chosen sequence. */
export interface RecurrentInspection {
  cell: CellKind;
  length: number;
  hiddenSize: number;
  inputs: number[];
  targets: number[];
  predictions: number[];
  /** [T · H], time-major: row t holds h_t. */
  hidden: Float32Array;
  /** Gate name → [T · H] time-major activations. */
  gates: { name: string; values: Float32Array }[];
  /** ‖∂L_last/∂h_t‖ for t = 0..T-1, averaged over a batch of sequences. */
  gradientNorms: Float32Array;
}

export function batchTensors(batch: SequenceBatch): { xs: tf.Tensor3D; ys: tf.Tensor3D } {
  return {
    xs: tf.tensor3d(batch.inputs, [batch.batch, batch.length, 1]),
    ys: tf.tensor3d(batch.targets, [batch.batch, batch.length, 1]),
  };
}

export class RecurrentTrainer extends AdamTrainer {
  readonly net: RecurrentNet;

  constructor(readonly config: RecurrentTrainerConfig) {
    // The data stream has its own seed (the same for every cell, so they race on the same sequences).
    super(config.learningRate, new Rng(config.seed ^ 0x5eed));
    this.net = new RecurrentNet({
      cell: config.cell,
      inputSize: 1,
      hiddenSize: config.hiddenSize,
      outputSize: 1,
      seed: config.seed,
      keepBias: config.keepBias,
    });
  }

  get lossSteps(): LossSteps {
    return this.config.task.kind === 'remember' ? 'last' : 'all';
  }

  async step(): Promise<RecurrentStepResult> {
    const batch = sampleSequences(this.config.task, this.config.batchSize, this.rng);
    const { xs, ys } = batchTensors(batch);
    let lastOut: tf.Tensor | null = null;
    const loss = this.optimizer.minimize(
      () => {
        const { outputs } = this.net.run(xs);
        if (this.config.task.kind === 'remember') {
          lastOut = tf.keep(tf.slice(outputs, [0, batch.length - 1, 0], [-1, 1, -1]));
        }
        return sequenceLoss(outputs, ys, this.lossSteps);
      },
      true,
      this.net.variables,
    );
    xs.dispose();
    ys.dispose();
    const lossValue = loss ? (await loss.data())[0]! : NaN;
    loss?.dispose();
    let accuracy: number | null = null;
    const out = lastOut as tf.Tensor | null;
    if (out) {
      const values = await out.data();
      out.dispose();
      let right = 0;
      for (let b = 0; b < batch.batch; b++) {
        if (Math.sign(values[b]!) === Math.sign(batch.inputs[b * batch.length]!)) right++;
      }
      accuracy = right / batch.batch;
    }
    this.steps++;
    return { loss: lossValue, accuracy };
  }

  /** Runs the net on `sequence` (row 0 shown) and measures gradient norms over the whole batch. */
  async inspect(sequences: SequenceBatch): Promise<RecurrentInspection> {
    const { xs, ys } = batchTensors(sequences);
    const T = sequences.length;
    const H = this.config.hiddenSize;
    const first = tf.tidy(() => {
      const x0 = tf.slice(xs, [0, 0, 0], [1, -1, -1]);
      const run = this.net.run(x0);
      return {
        predictions: tf.reshape(run.outputs, [T]),
        hidden: tf.concat(run.hiddens, 0),
        gates: GATE_NAMES[this.config.cell].map((name) => tf.concat(run.gates[name]!, 0)),
      };
    });
    const gradientNorms = await hiddenGradientNorms(this.net, xs, ys);
    const predictions = Array.from(await first.predictions.data());
    const hidden = (await first.hidden.data()) as Float32Array;
    const gates = await Promise.all(
      first.gates.map(async (g, i) => ({
        name: GATE_NAMES[this.config.cell][i]!,
        values: (await g.data()) as Float32Array,
      })),
    );
    tf.dispose([xs, ys, first.predictions, first.hidden, ...first.gates]);
    return {
      cell: this.config.cell,
      length: T,
      hiddenSize: H,
      inputs: Array.from(sequences.inputs.subarray(0, T)),
      targets: Array.from(sequences.targets.subarray(0, T)),
      predictions,
      hidden,
      gates,
      gradientNorms,
    };
  }

  protected get variables(): readonly tf.Variable[] {
    return this.net.variables;
  }

  protected disposeModel(): void {
    this.net.dispose();
  }
}
