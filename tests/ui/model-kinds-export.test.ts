import { describe, expect, it, vi } from 'vitest';
import type { Checkpoint } from '../../src/storage/checkpoint';

/** Each client factory gives a fake bridge that records which worker started, what it was asked and its end. */
const log: string[] = [];
function fakeBridge(worker: string) {
  return () => {
    log.push(`${worker}: start`);
    const call = (method: string) => async (cp: Checkpoint) => {
      log.push(`${worker}: ${method}(${cp.kind})`);
      if (cp.name === 'fails') throw new Error('refused');
      return new Uint8Array([1, 2, 3]);
    };
    return {
      api: {
        exportFile: call('exportFile'),
        gan2dExportFile: call('gan2dExportFile'),
        visionExportFile: call('visionExportFile'),
        sequenceExportFile: call('sequenceExportFile'),
      },
      terminate: () => log.push(`${worker}: terminate`),
    };
  };
}
vi.mock('../../src/workers/rl-client', () => ({ createRlWorker: fakeBridge('rl') }));
vi.mock('../../src/workers/studio-client', () => ({ createStudioWorker: fakeBridge('studio') }));
vi.mock('../../src/workers/images-client', () => ({ createImagesWorker: fakeBridge('images') }));
vi.mock('../../src/workers/learn-client', () => ({ createLearnWorker: fakeBridge('learn') }));

const { MODEL_KINDS } = await import('../../src/ui/model-kinds');

describe('the model-kind registry exports through the worker that owns each kind', () => {
  it('starts that worker, calls its export method once, and ends it, also when the export fails', async () => {
    const expected: Record<string, string> = {
      dqn: 'rl: exportFile',
      'gan-2d': 'studio: gan2dExportFile',
      'digit-gan': 'images: exportFile',
      autoencoder: 'images: exportFile',
      vae: 'images: exportFile',
      classifier: 'learn: visionExportFile',
      'sequence-rnn': 'learn: sequenceExportFile',
      transformer: 'learn: sequenceExportFile',
    };
    for (const row of Object.values(MODEL_KINDS)) {
      log.length = 0;
      const cp = { kind: row.checkpointKind, name: 'ok' } as Checkpoint;
      expect(await row.exportFile(cp)).toEqual(new Uint8Array([1, 2, 3]));
      const [worker, method] = expected[row.id]!.split(': ');
      expect(row.worker).toBe(worker);
      expect(log).toEqual([
        `${worker}: start`,
        `${worker}: ${method}(${row.checkpointKind})`,
        `${worker}: terminate`,
      ]);

      log.length = 0;
      await expect(row.exportFile({ ...cp, name: 'fails' })).rejects.toThrow('refused');
      expect(log.at(-1)).toBe(`${worker}: terminate`);
    }
  });
});
