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

const rnnSpec = {
  task: { kind: 'remember' as const, length: 8, frequency: 0.05, noise: 0.5 },
  hiddenSize: 6,
  learningRate: 0.01,
  keepBias: 1,
  seed: 3,
};

describe('exporting the Learn sequence models', () => {
  it('writes the RNN race as checkpoint.json + checkpoint.bin only, which imports back and resumes', async () => {
    await sequenceApi.sequenceRnnStart(rnnSpec, 'wasm');
    await sequenceApi.sequenceRnnStep();
    await sequenceApi.sequenceRnnStep();
    const { record } = await saveCheckpoint(await sequenceApi.sequenceRnnCheckpoint('race'));
    const original = await loadCheckpoint(record.id);
    const file = sequenceApi.sequenceExportFile(original);
    expect(Object.keys(unzipSync(file)).sort()).toEqual(['checkpoint.bin', 'checkpoint.json']);
    const imported = importCheckpointFile(file);
    expect(imported).toEqual(original);
    const resumed = await sequenceApi.sequenceRnnResume(imported, 'wasm');
    expect(resumed.update.steps).toBe(2);
  });

  it('writes the transformer the same way, and refuses other kinds', async () => {
    const config = { ...DEFAULT_TRANSFORMER, dModel: 16, batchSize: 8, length: 4, seed: 5 };
    await sequenceApi.sequenceAttnStart({ config, probe: [3, 1, 4, 1] }, 'wasm');
    const { record } = await saveCheckpoint(await sequenceApi.sequenceAttnCheckpoint('reverse'));
    const original = await loadCheckpoint(record.id);
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
