import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useTestBackend } from '../generative/tf-setup';
import { makeRegressionData } from '../../src/learn/regression-data';
import {
  DEFAULT_FIT_CONFIG,
  RegressionFit,
  type EpochResult,
  type FitConfig,
} from '../../src/learn/regression-fit';

async function run(config: Partial<FitConfig>): Promise<{ fit: RegressionFit; history: EpochResult[] }> {
  const fit = new RegressionFit(makeRegressionData(), { ...DEFAULT_FIT_CONFIG, ...config });
  const history: EpochResult[] = [];
  for (;;) {
    const result = await fit.trainEpoch();
    if (!result) break;
    history.push(result);
  }
  return { fit, history };
}

let open: RegressionFit[] = [];

beforeAll(useTestBackend);
afterEach(() => {
  open.forEach((fit) => fit.dispose());
  open = [];
});

describe('regression fit', () => {
  it('overfits without regularization: training loss falls while validation loss rises from its minimum', async () => {
    const { fit, history } = await run({ maxEpochs: 1500 });
    open.push(fit);
    const first = history[0]!;
    const last = history.at(-1)!;
    const bestValidation = Math.min(...history.map((h) => h.validationLoss));
    expect(last.trainLoss).toBeLessThan(first.trainLoss / 4);
    expect(last.validationLoss).toBeGreaterThan(1.5 * bestValidation);
    expect(fit.stopped).toBe('max-epochs');
  });

  it('early stopping stops after `patience` epochs without improvement and restores the best weights', async () => {
    const { fit, history } = await run({ maxEpochs: 1500, patience: 200 });
    open.push(fit);
    expect(fit.stopped).toBe('early-stopping');
    expect(history.at(-1)!.epoch - fit.bestEpoch).toBe(200);
    // The restored weights give the best validation loss again.
    const data = fit.data.validation;
    const prediction = await fit.predict(data.x);
    const mse = data.y.reduce((s, y, i) => s + (prediction[i]! - y) ** 2, 0) / data.y.length;
    expect(mse).toBeCloseTo(fit.bestValidation, 4);
  });

  it('L2, dropout and input jitter each keep the net from memorising the noise', async () => {
    const plain = await run({ maxEpochs: 500 });
    open.push(plain.fit);
    const plainFinal = plain.history.at(-1)!;
    const gap = (r: EpochResult): number => r.validationLoss - r.trainLoss;
    for (const config of [{ l2: 1e-3 }, { dropout: 0.3 }, { jitter: 0.1 }]) {
      const { fit, history } = await run({ maxEpochs: 500, ...config });
      open.push(fit);
      const final = history.at(-1)!;
      expect(final.trainLoss, JSON.stringify(config)).toBeGreaterThan(2 * plainFinal.trainLoss);
      // Dropout on 16 points of a 1-D curve costs more bias than it saves variance (its gap is not smaller).
      if (!('dropout' in config)) expect(gap(final), JSON.stringify(config)).toBeLessThan(gap(plainFinal));
    }
  });

  it('is reproducible from its seed and keeps the tensor count flat', async () => {
    const a = await run({ maxEpochs: 30, dropout: 0.2, jitter: 0.05 });
    open.push(a.fit);
    const tensors = tf.memory().numTensors;
    const b = await run({ maxEpochs: 30, dropout: 0.2, jitter: 0.05 });
    expect(b.history).toEqual(a.history);
    b.fit.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('rejects a bad configuration with a clear message', () => {
    expect(() => new RegressionFit(makeRegressionData(), { ...DEFAULT_FIT_CONFIG, dropout: 1 })).toThrow(
      /dropout rate in \[0, 1\)/,
    );
  });
});
