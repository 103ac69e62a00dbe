/** FGSM and PGD on the classifier: one digit with its before/after view, and accuracy against ε. */
import * as tf from '@tensorflow/tfjs';
import { fgsm, perExampleLoss, pgd } from '../../../learn/attacks';
import {
  argMaxOf,
  CLASS_COUNT,
  IMAGE_PIXELS,
  predictProbabilities,
  type Cnn,
  type LabelledSet,
} from '../../../learn/classifier';
import type { AttackRequest, AttackResult, Digit, SweepRequest } from '../../protocol/learn';

type AttackSettings = Pick<AttackRequest, 'method' | 'epsilon' | 'alpha' | 'steps'>;

async function attackBatch(
  net: Cnn,
  pixels: Float32Array,
  labels: Int32Array,
  request: AttackSettings,
): Promise<Float32Array> {
  const n = labels.length;
  const x = tf.tensor2d(pixels, [n, IMAGE_PIXELS]);
  const y = tf.tensor1d(labels, 'int32');
  const logits = (t: tf.Tensor2D) => net.logits(t);
  const adv =
    request.method === 'fgsm'
      ? fgsm(logits, x, y, request.epsilon)
      : pgd(logits, x, y, { epsilon: request.epsilon, alpha: request.alpha, steps: request.steps });
  const values = Float32Array.from(await adv.data());
  tf.dispose([x, y, adv]);
  return values;
}

async function lossOf(net: Cnn, pixels: Float32Array, label: number): Promise<number> {
  const t = tf.tidy(() =>
    perExampleLoss(
      (x) => net.logits(x),
      tf.tensor2d(pixels, [1, IMAGE_PIXELS]),
      tf.tensor1d([label], 'int32'),
    ),
  );
  const [value] = await t.data();
  t.dispose();
  return value!;
}

export async function attackDigit(net: Cnn, digit: Digit, request: AttackSettings): Promise<AttackResult> {
  const adversarial = await attackBatch(net, digit.pixels, Int32Array.of(digit.label), request);
  const perturbation = adversarial.map((v, i) => v - digit.pixels[i]!);
  return {
    digit,
    adversarial,
    perturbation,
    probabilities: await predictProbabilities(net, digit.pixels, 1),
    adversarialProbabilities: await predictProbabilities(net, adversarial, 1),
    loss: await lossOf(net, digit.pixels, digit.label),
    adversarialLoss: await lossOf(net, adversarial, digit.label),
    linf: perturbation.reduce((m, v) => Math.max(m, Math.abs(v)), 0),
  };
}

/** Accuracy on the first `count` test digits after attacking each at every ε (progress after each ε). */
export async function attackSweep(
  net: Cnn,
  test: LabelledSet,
  request: SweepRequest,
  onProgress: (done: number) => void,
  yieldToEvents: () => Promise<void>,
): Promise<number[]> {
  const count = Math.min(Math.max(1, Math.floor(request.count)), test.count);
  const pixels = test.pixels.subarray(0, count * IMAGE_PIXELS);
  const labels = Int32Array.from(test.labels.subarray(0, count));
  const accuracies: number[] = [];
  for (const epsilon of request.epsilons) {
    const adversarial = await attackBatch(net, pixels, labels, { ...request, epsilon });
    const probs = await predictProbabilities(net, adversarial, count);
    let hits = 0;
    for (let i = 0; i < count; i++) if (argMaxOf(probs, i * CLASS_COUNT) === labels[i]) hits++;
    accuracies.push(hits / count);
    onProgress(accuracies.length / request.epsilons.length);
    await yieldToEvents();
  }
  return accuracies;
}
