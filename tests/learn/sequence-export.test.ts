import { unzipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { SMALL_RNN_SPEC, useSequenceSessionSetup } from './sequence-fixtures';

vi.mock('../../src/workers/backend', async () => (await import('./sequence-fixtures')).pinnedWasmBackend());

const { sequenceApi } = await import('../../src/workers/learn/sequence-session');
import { DEFAULT_TRANSFORMER } from '../../src/learn/transformer-trainer';
import { loadCheckpoint, saveCheckpoint } from '../../src/storage/db';
import { importCheckpointFile } from '../../src/storage/export-file';

useSequenceSessionSetup();

describe('exporting the Learn sequence models', () => {
  it('writes the RNN race as checkpoint.json + checkpoint.bin only, which imports back and resumes', async () => {
    await sequenceApi.sequenceRnnStart(SMALL_RNN_SPEC, 'wasm');
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
