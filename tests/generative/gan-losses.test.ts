import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GAN_LOSSES } from '../../src/generative/gan-config';
import {
  discriminatorLoss,
  discriminatorLossGradient,
  generatorLoss,
  generatorLossGradient,
  generatorLossPerSample,
  interpolates,
  unitGradientPenalty,
  zeroGradientPenalty,
} from '../../src/generative/gan-losses';
import { expectAllClose } from './close';
import { useTestBackend } from './tf-setup';

beforeAll(useTestBackend);

const col = (values: number[]) => tf.tensor2d(values, [values.length, 1]);
const valueOf = async (t: tf.Tensor) => {
  const v = (await t.data())[0];
  t.dispose();
  return v;
};

describe('loss values, checked by hand', () => {
  it('minimax and non-saturating: D loss is binary cross-entropy on logits', async () => {
    // D(x) = σ(0) = ½ on both: −log ½ − log(1 − ½) = 2 ln 2.
    expect(await valueOf(discriminatorLoss('non-saturating', col([0]), col([0])))).toBeCloseTo(
      2 * Math.LN2,
      6,
    );
    expect(await valueOf(discriminatorLoss('minimax', col([0, 0]), col([0, 0])))).toBeCloseTo(
      2 * Math.LN2,
      6,
    );
    // A confident, right D has a loss near 0 and stays finite at huge logits.
    expect(await valueOf(discriminatorLoss('minimax', col([100]), col([-100])))).toBeCloseTo(0, 6);
    expect(await valueOf(discriminatorLoss('minimax', col([-100]), col([100])))).toBeCloseTo(200, 3);
  });

  it('generator losses: minimax saturates where non-saturating does not', async () => {
    expect(await valueOf(generatorLoss('non-saturating', col([0])))).toBeCloseTo(Math.LN2, 6);
    expect(await valueOf(generatorLoss('minimax', col([0])))).toBeCloseTo(-Math.LN2, 6);
    // D rejects the sample (logit −10): minimax's gradient ≈ −σ(−10) ≈ 0, non-saturating's ≈ −1.
    const mm = await generatorLossGradient('minimax', col([-10])).data();
    const ns = await generatorLossGradient('non-saturating', col([-10])).data();
    expect(Math.abs(mm[0])).toBeLessThan(1e-4);
    expect(ns[0]).toBeCloseTo(-1, 4);
  });

  it('least squares and Wasserstein', async () => {
    expect(await valueOf(discriminatorLoss('least-squares', col([1, 1]), col([0, 0])))).toBeCloseTo(0, 6);
    expect(await valueOf(discriminatorLoss('least-squares', col([0]), col([1])))).toBeCloseTo(1, 6);
    expect(await valueOf(generatorLoss('least-squares', col([0, 2])))).toBeCloseTo(0.5, 6);
    expect(await valueOf(discriminatorLoss('wasserstein-gp', col([2, 4]), col([1, 1])))).toBeCloseTo(-2, 6);
    expect(await valueOf(generatorLoss('wasserstein-gp', col([1, 3])))).toBeCloseTo(-2, 6);
  });
});

describe('hand-written loss gradients match autograd', () => {
  const real = [1.5, -0.3, 0.2, 2.5];
  const fake = [-1.2, 0.7, 0.1, -2.2];
  it.each(GAN_LOSSES.map((l) => [l]))('%s', async (loss) => {
    const n = real.length;
    const out = col([...real, ...fake]);
    const targets = col([...real.map(() => 1), ...fake.map(() => 0)]);
    const auto = tf.grad((o) => {
      const [r, f] = tf.split(o, 2, 0);
      return discriminatorLoss(loss, r, f);
    })(out);
    const mine = discriminatorLossGradient(loss, out, targets, n);
    expectAllClose(await mine.data(), await auto.data());
    const fakeOut = col(fake);
    const autoG = tf.grad((o) => tf.sum(generatorLossPerSample(loss, o)))(fakeOut);
    const mineG = generatorLossGradient(loss, fakeOut);
    expectAllClose(await mineG.data(), await autoG.data());
    tf.dispose([out, targets, auto, mine, fakeOut, autoG, mineG]);
  });
});

describe('gradient penalties', () => {
  const rows = () => tf.tensor2d([3, 4, 0.3, 0.4, 0, 0], [3, 2]);

  it('unitGradientPenalty: mean (‖g‖ − 1)², checked by hand, and its derivative matches autograd', async () => {
    const g = rows();
    const { value, dGradient } = unitGradientPenalty(g, 1);
    // Norms 5, 0.5, 0: ((5 − 1)² + (0.5 − 1)² + (0 − 1)²)/3 = (16 + 0.25 + 1)/3.
    expect(await valueOf(value())).toBeCloseTo(17.25 / 3, 4);
    // Row 0: 2·4·(3, 4)/5/3; row 1: 2·(−0.5)·(0.3, 0.4)/0.5/3; row 2: 0.
    expectAllClose(await dGradient.data(), [1.6, 2.1333333, -0.2, -0.2666667, 0, 0], 1e-4);
    const auto = tf.grad((x) => unitGradientPenalty(x as tf.Tensor2D, 1).value())(g);
    expectAllClose(await dGradient.data(), await auto.data(), 1e-4);
    // The weight scales the gradient, not the reported value.
    const weighted = unitGradientPenalty(g, 10);
    expectAllClose(await weighted.dGradient.data(), [16, 21.333333, -2, -2.666667, 0, 0], 1e-4);
    expect(await valueOf(weighted.value())).toBeCloseTo(17.25 / 3, 4);
    tf.dispose([g, dGradient, auto, weighted.dGradient]);
  });

  it('zeroGradientPenalty: ½ mean ‖g‖², and its derivative g/n', async () => {
    const g = rows();
    const { value, dGradient } = zeroGradientPenalty(g, 1);
    expect(await valueOf(value())).toBeCloseTo((0.5 * (25 + 0.25 + 0)) / 3, 4);
    expectAllClose(await dGradient.data(), [1, 4 / 3, 0.1, 0.4 / 3, 0, 0], 1e-5);
    tf.dispose([g, dGradient]);
  });

  it('interpolates: εx + (1 − ε)y per row', async () => {
    const x = tf.tensor2d([1, 1, 2, 2], [2, 2]);
    const y = tf.tensor2d([0, 0, 4, 0], [2, 2]);
    const between = interpolates(x, y, tf.tensor2d([0.25, 1], [2, 1]));
    expectAllClose(await between.data(), [0.25, 0.25, 2, 2]);
    tf.dispose([x, y, between]);
  });
});
