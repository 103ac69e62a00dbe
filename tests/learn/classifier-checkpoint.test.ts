import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCheckpoint, type NetworkWeights } from '../../src/storage/checkpoint';
import { listCheckpoints, loadCheckpoint, saveCheckpoint } from '../../src/storage/db';
import { validateCheckpoint } from '../../src/storage/validate';
import { Cnn } from '../../src/learn/classifier';
import type { NamedWeight } from '../../src/agents/weights';
import { useTestBackend } from './tf-setup';

function classifierCheckpoint(
  weights: NamedWeight[],
  networks: Record<string, NetworkWeights> = { classifier: { weights } },
) {
  return createCheckpoint({
    kind: 'classifier',
    name: 'MNIST digit classifier (Learn)',
    appVersion: '0.1.0',
    backend: 'wasm',
    subject: { type: 'dataset', datasetId: 'mnist', options: {} },
    config: { seed: 1, learningRate: 0.003, batchSize: 64, architecture: 'cnn' },
    counters: { gradientSteps: 400, envSteps: 0, episodes: 0 },
    rngStates: {},
    metrics: { latest: { 'eval/testAccuracy': 0.97 }, recentReturns: [], recentLengths: [] },
    networks,
    optimizers: {},
    state: { history: [[25, 0.5, 0.9, 0.91]] },
  });
}

describe("the 'classifier' checkpoint kind", () => {
  let weights: NamedWeight[];
  beforeAll(async () => {
    await useTestBackend();
    const model = new Cnn(1);
    weights = await model.getWeights();
    model.dispose();
  });

  it('validates, saves under a fixed id (overwriting) and loads back the same weights', async () => {
    const checkpoint = classifierCheckpoint(weights);
    expect(validateCheckpoint(checkpoint).kind).toBe('classifier');
    await saveCheckpoint(checkpoint, { id: 'learn-mnist-cnn' });
    await saveCheckpoint(checkpoint, { id: 'learn-mnist-cnn' });
    const { records } = await listCheckpoints();
    expect(records.filter((r) => r.kind === 'classifier')).toHaveLength(1);
    const loaded = await loadCheckpoint('learn-mnist-cnn');
    expect(loaded.networks.classifier!.weights.map((w) => w.name)).toEqual(weights.map((w) => w.name));
    expect(Array.from(loaded.networks.classifier!.weights[2]!.data)).toEqual(Array.from(weights[2]!.data));
  });

  it('needs a network named classifier', () => {
    expect(() => validateCheckpoint(classifierCheckpoint(weights, { other: { weights } }))).toThrow(
      /network named classifier/,
    );
  });
});
