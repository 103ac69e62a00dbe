import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildQNetwork, DUELING_MERGE_LAYER, type QNetworkOptions } from '../../src/agents/q-network';
import { useTestBackend } from './tf-setup';

beforeAll(useTestBackend);

const options: QNetworkOptions = {
  obsSize: 3,
  nActions: 4,
  hiddenSizes: [8, 6],
  activation: 'tanh',
  dueling: false,
  seed: 11,
};

function weightsOf(model: tf.LayersModel): number[][] {
  return model.weights.map((w) => Array.from(w.read().dataSync()));
}

function predict(model: tf.LayersModel, rows: number[][]): number[][] {
  return tf.tidy(() => (model.predict(tf.tensor2d(rows)) as tf.Tensor2D).arraySync());
}

describe('buildQNetwork', () => {
  it('maps observations to one Q-value per action through the configured layers', () => {
    const net = buildQNetwork(options);
    expect(net.outputs[0].shape).toEqual([null, 4]);
    expect(net.layers.map((l) => l.name)).toEqual(['observation', 'hidden_0', 'hidden_1', 'q_values']);
    expect(net.weights.map((w) => w.originalName)).toEqual([
      'hidden_0/kernel',
      'hidden_0/bias',
      'hidden_1/kernel',
      'hidden_1/bias',
      'q_values/kernel',
      'q_values/bias',
    ]);
    net.dispose();
  });

  it('gives the same initial weights for the same seed, different ones for another', () => {
    const a = buildQNetwork(options);
    const b = buildQNetwork(options);
    const c = buildQNetwork({ ...options, seed: 12 });
    expect(weightsOf(b)).toEqual(weightsOf(a));
    expect(weightsOf(c)[0]).not.toEqual(weightsOf(a)[0]);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('dueling head computes V + A − mean(A) with a frozen merge layer', () => {
    const net = buildQNetwork({ ...options, dueling: true });
    expect(net.trainableWeights.map((w) => w.originalName)).not.toContain(`${DUELING_MERGE_LAYER}/kernel`);
    const heads = tf.model({
      inputs: net.inputs,
      outputs: [net.getLayer('value').output, net.getLayer('advantage').output] as tf.SymbolicTensor[],
    });
    const rows = [
      [0.1, -0.5, 2],
      [1, 1, -1],
    ];
    const q = predict(net, rows);
    const [v, a] = tf.tidy(() =>
      (heads.predict(tf.tensor2d(rows)) as tf.Tensor[]).map((t) => t.arraySync() as number[][]),
    );
    rows.forEach((_, i) => {
      const meanA = a[i].reduce((s, x) => s + x, 0) / a[i].length;
      a[i].forEach((ai, j) => expect(q[i][j]).toBeCloseTo(v[i][0] + ai - meanA, 5));
    });
    net.dispose();
  });

  it('saves in the standard tfjs Layers format and loads back with the same outputs', async () => {
    const net = buildQNetwork({ ...options, dueling: true });
    let saved: tf.io.ModelArtifacts | undefined;
    await net.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    expect(saved?.format).toBe('layers-model');
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved as tf.io.ModelArtifacts));
    const rows = [[0.3, 0.2, -0.7]];
    expect(predict(loaded, rows)[0]).toEqual(predict(net, rows)[0]);
    net.dispose();
    loaded.dispose();
  });
});
