import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cnn, IMAGE_PIXELS } from '../../src/learn/classifier';
import { classifierLayersTopologies } from '../../src/learn/classifier-layers';
import { createCheckpoint } from '../../src/storage/checkpoint';
import {
  exportCheckpointFile,
  importCheckpointFile,
  readLayersModelFile,
} from '../../src/storage/export-file';
import { useTestBackend } from './tf-setup';

beforeAll(useTestBackend);

describe('the Learn classifier as a TF.js Layers model', () => {
  it('exports a model.json + weights.bin that stock tfjs loads and that gives our logits', async () => {
    const cnn = new Cnn(7);
    // Non-zero biases, so that a bias read from the wrong place would show.
    const weights = (await cnn.getWeights()).map((w) =>
      w.name.endsWith('/bias') ? { ...w, data: w.data.map((_, i) => 0.05 * Math.cos(i + 1)) } : w,
    );
    cnn.setWeights(weights);
    const checkpoint = createCheckpoint({
      kind: 'classifier',
      name: 'MNIST digit classifier (Learn)',
      appVersion: 't',
      backend: 'wasm',
      subject: { type: 'dataset', datasetId: 'mnist', options: {} },
      config: { seed: 7, learningRate: 0.003, batchSize: 64, architecture: 'cnn' },
      counters: { gradientSteps: 10, envSteps: 0, episodes: 0 },
      rngStates: {},
      metrics: { latest: {}, recentReturns: [], recentLengths: [] },
      networks: { classifier: { weights } },
      optimizers: {},
      state: {},
    });
    const file = exportCheckpointFile(checkpoint, await classifierLayersTopologies(checkpoint));
    expect(importCheckpointFile(file)).toEqual(checkpoint);

    const { modelJson, weightData } = readLayersModelFile(file, 'classifier');
    const stock = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0].weights,
        weightData,
      }),
    );
    const n = 5;
    const pixels = Float32Array.from({ length: n * IMAGE_PIXELS }, (_, i) => (Math.sin(i * 0.37) + 1) / 2);
    const [theirs, ours] = tf.tidy(() => {
      const x = tf.tensor2d(pixels, [n, IMAGE_PIXELS]);
      return [(stock.predict(x) as tf.Tensor).dataSync(), cnn.logits(x).dataSync()];
    });
    expect(theirs.length).toBe(n * 10);
    Array.from(theirs).forEach((value, i) => expect(value).toBeCloseTo(ours[i]!, 4));
    stock.dispose();
    cnn.dispose();
  });

  it('refuses another kind', async () => {
    await expect(classifierLayersTopologies({ kind: 'transformer', networks: {} } as never)).rejects.toThrow(
      /transformer checkpoint/,
    );
  });
});
