import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { unzipSync } from 'fflate';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTestBackend } from './tf-setup';
import type { BackendReport } from '../../src/workers/protocol';

vi.mock('../../src/workers/backend', () => ({
  initBackend: async (): Promise<BackendReport> => ({
    preference: 'wasm',
    active: 'wasm',
    probes: [],
    why: 'pinned by the test',
  }),
}));

const { sequenceApi } = await import('../../src/workers/learn/sequence-session');
import { DEFAULT_TRANSFORMER } from '../../src/learn/transformer-trainer';
import { closePlaygroundDB, loadCheckpoint, saveCheckpoint } from '../../src/storage/db';
import { importCheckpointFile } from '../../src/storage/export-file';

beforeAll(useTestBackend);
beforeEach(async () => {
  await closePlaygroundDB();
  vi.stubGlobal('indexedDB', new IDBFactory());
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await closePlaygroundDB();
});

const rnnConfig = {
  task: { kind: 'remember' as const, length: 8, frequency: 0.05, noise: 0.5 },
  hiddenSize: 6,
  learningRate: 0.01,
  keepBias: 1,
  seed: 3,
  backend: 'wasm' as const,
};

describe('exporting the Learn sequence models', () => {
  it('writes the RNN race as checkpoint.json + checkpoint.bin only, which imports back and resumes', async () => {
    await sequenceApi.sequenceRnnSetup(rnnConfig);
    let seen = 0;
    await sequenceApi.sequenceRnnTrain(() => {
      if (++seen === 1) sequenceApi.sequenceRnnPause();
    });
    const saved = await sequenceApi.sequenceRnnSave('race');
    const original = await loadCheckpoint(saved.id);
    const file = sequenceApi.sequenceExportFile(original);
    expect(Object.keys(unzipSync(file)).sort()).toEqual(['checkpoint.bin', 'checkpoint.json']);
    const imported = importCheckpointFile(file);
    expect(imported).toEqual(original);
    const { record } = await saveCheckpoint(imported);
    const resumed = await sequenceApi.sequenceRnnResume(record.id, 'wasm');
    expect(resumed.steps).toBe(saved.steps);
  });

  it('writes the transformer the same way, and refuses other kinds', async () => {
    const attnConfig = { ...DEFAULT_TRANSFORMER, dModel: 16, batchSize: 8, length: 4, seed: 5 };
    await sequenceApi.sequenceAttnSetup(attnConfig, [3, 1, 4, 1], 'wasm');
    const saved = await sequenceApi.sequenceAttnSave('reverse');
    const original = await loadCheckpoint(saved.id);
    expect(importCheckpointFile(sequenceApi.sequenceExportFile(original))).toEqual(original);
    expect(() =>
      sequenceApi.sequenceExportFile({
        ...original,
        kind: 'classifier',
        networks: { classifier: original.networks.transformer! },
      }),
    ).toThrow(/not a Learn sequence model/);
  });
});
