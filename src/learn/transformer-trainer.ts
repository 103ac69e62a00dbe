/** Trains the tiny transformer on reverse or sort with Adam, and reads out one input's attention. */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../envs/rng';
import { AdamTrainer } from './adam-trainer';
import { DIGIT_VOCAB, sampleDigits, type DigitBatch } from './digit-tasks';
import { TinyTransformer, tokenLoss } from './transformer';
import type { AttentionInspection, TransformerTrainerConfig } from './transformer-config';

export {
  DEFAULT_TRANSFORMER,
  type AttentionInspection,
  type TransformerTrainerConfig,
} from './transformer-config';

export interface TransformerStepResult {
  loss: number;
  /** Share of output digits right in this batch. */
  tokenAccuracy: number;
  /** Share of sequences with every digit right. */
  sequenceAccuracy: number;
}

export class TransformerTrainer extends AdamTrainer {
  readonly model: TinyTransformer;

  constructor(readonly config: TransformerTrainerConfig) {
    super(config.learningRate, new Rng(config.seed ^ 0xd161));
    this.model = new TinyTransformer({
      layers: config.layers,
      heads: config.heads,
      dModel: config.dModel,
      vocab: DIGIT_VOCAB,
      length: config.length,
      seed: config.seed,
    });
  }

  async step(): Promise<TransformerStepResult> {
    const batch = sampleDigits(this.config.task, this.config.length, this.config.batchSize, this.rng);
    const tokens = tf.tensor2d(batch.inputs, [batch.batch, batch.length], 'int32');
    const targets = tf.tensor2d(batch.targets, [batch.batch, batch.length], 'int32');
    let predicted: tf.Tensor | null = null;
    const loss = this.optimizer.minimize(
      () => {
        const { logits } = this.model.forward(tokens);
        predicted = tf.keep(tf.argMax(logits, -1));
        return tokenLoss(logits, targets);
      },
      true,
      this.model.variables,
    );
    tokens.dispose();
    targets.dispose();
    const lossValue = loss ? (await loss.data())[0]! : NaN;
    loss?.dispose();
    const guesses = predicted as tf.Tensor | null;
    const values = guesses ? await guesses.data() : new Int32Array(batch.inputs.length);
    guesses?.dispose();
    this.steps++;
    return { loss: lossValue, ...accuracyOf(batch, values) };
  }

  async inspect(input: readonly number[]): Promise<AttentionInspection> {
    const N = this.config.length;
    if (input.length !== N) throw new Error(`Expected ${N} digits, got ${input.length}`);
    const result = tf.tidy(() => {
      const { logits, attention } = this.model.forward(tf.tensor2d([...input], [1, N], 'int32'));
      const probs = tf.softmax(tf.reshape(logits, [N, DIGIT_VOCAB]));
      return { probs, attention: tf.stack(attention) };
    });
    const probs = await result.probs.data();
    const attention = (await result.attention.data()) as Float32Array; // [layers, 1, heads, N, N]
    tf.dispose([result.probs, result.attention]);
    const output: number[] = [];
    const confidence: number[] = [];
    for (let i = 0; i < N; i++) {
      const row = Array.from(probs.subarray(i * DIGIT_VOCAB, (i + 1) * DIGIT_VOCAB));
      const best = row.indexOf(Math.max(...row));
      output.push(best);
      confidence.push(row[best]!);
    }
    const { layers, heads } = this.config;
    const maps = Array.from({ length: layers }, (_, l) =>
      Array.from({ length: heads }, (_, h) =>
        attention.slice((l * heads + h) * N * N, (l * heads + h + 1) * N * N),
      ),
    );
    return { input: [...input], output, confidence, maps };
  }

  protected get variables(): readonly tf.Variable[] {
    return this.model.variables;
  }

  protected disposeModel(): void {
    this.model.dispose();
  }
}

export function accuracyOf(
  batch: DigitBatch,
  predicted: ArrayLike<number>,
): { tokenAccuracy: number; sequenceAccuracy: number } {
  let tokens = 0;
  let sequences = 0;
  for (let b = 0; b < batch.batch; b++) {
    let all = true;
    for (let i = 0; i < batch.length; i++) {
      const k = b * batch.length + i;
      if (predicted[k] === batch.targets[k]) tokens++;
      else all = false;
    }
    if (all) sequences++;
  }
  return { tokenAccuracy: tokens / (batch.batch * batch.length), sequenceAccuracy: sequences / batch.batch };
}
