import { describe, expect, it, vi } from 'vitest';
import { SMALL_RNN_SPEC, useSequenceSessionSetup } from './sequence-fixtures';

vi.mock('../../src/workers/backend', async () => (await import('./sequence-fixtures')).pinnedWasmBackend());

const { sequenceApi } = await import('../../src/workers/learn/sequence-session');
import { RecurrentTrainer } from '../../src/learn/recurrent-trainer';
import { DEFAULT_TRANSFORMER, TransformerTrainer } from '../../src/learn/transformer-trainer';
import { exportVariables } from '../../src/learn/trainer-state';
import type { Checkpoint, NamedWeight } from '../../src/storage/checkpoint';
import { loadCheckpoint, saveCheckpoint } from '../../src/storage/db';
import { CheckpointError } from '../../src/storage/errors';

useSequenceSessionSetup();

const attnConfig = { ...DEFAULT_TRANSFORMER, dModel: 16, batchSize: 8, length: 4, seed: 5 };

/** Saves the model as the page does: the worker makes the checkpoint, the page stores it. */
async function save(make: Promise<Checkpoint>): Promise<{ id: string; steps: number }> {
  const { record } = await saveCheckpoint(await make);
  return { id: record.id, steps: (await loadCheckpoint(record.id)).counters.gradientSteps };
}

/** Trains through the session until `updates` updates came, then pauses. */
async function trainAttn(updates: number): Promise<void> {
  let seen = 0;
  await sequenceApi.sequenceAttnTrain(() => {
    if (++seen === updates) sequenceApi.sequenceAttnPause();
  });
}

function tensorsOf(cp: Checkpoint): Record<string, NamedWeight[]> {
  const out: Record<string, NamedWeight[]> = {};
  for (const [net, { weights }] of Object.entries(cp.networks)) out[`net:${net}`] = weights;
  for (const [net, slots] of Object.entries(cp.optimizers)) out[`opt:${net}`] = slots;
  return out;
}

describe('Learn sequence checkpoints', () => {
  it('a trainer loaded from its saved state takes the same next step as the uninterrupted one', async () => {
    for (const make of [
      () =>
        new RecurrentTrainer({ ...SMALL_RNN_SPEC, cell: 'lstm', batchSize: 16 }) as
          RecurrentTrainer | TransformerTrainer,
      () => new TransformerTrainer(attnConfig),
    ]) {
      const original = make();
      for (let i = 0; i < 5; i++) await original.step();
      const state = await original.exportState();
      const resumed = make();
      await resumed.importState(structuredClone(state));
      expect(resumed.steps).toBe(5);
      const variables = (t: RecurrentTrainer | TransformerTrainer) =>
        t instanceof RecurrentTrainer ? t.net.variables : t.model.variables;
      expect(await exportVariables(variables(resumed))).toEqual(state.weights);
      const [a, b] = [await original.step(), await resumed.step()];
      expect(b.loss).toBe(a.loss); // bit-identical: same weights, Adam moments, β products and data stream
      expect(await exportVariables(variables(resumed))).toEqual(await exportVariables(variables(original)));
      original.dispose();
      resumed.dispose();
    }
  });

  it('refuses a state whose weights do not fit, leaving the fresh trainer as it was', async () => {
    const original = new TransformerTrainer(attnConfig);
    await original.step();
    const state = await original.exportState();
    const fresh = new TransformerTrainer(attnConfig);
    const before = await exportVariables(fresh.model.variables);
    const bad = structuredClone(state);
    bad.optimizer = bad.optimizer.filter((w) => w.name !== 'w_out/v');
    await expect(fresh.importState(bad)).rejects.toThrow(/Expected a weight named w_out\/v/);
    expect(await exportVariables(fresh.model.variables)).toEqual(before);
    expect(fresh.steps).toBe(0);
    original.dispose();
    fresh.dispose();
  });

  it('saves the transformer to IndexedDB and resumes it with the same weights, config and step count', async () => {
    await sequenceApi.sequenceAttnStart({ config: attnConfig, probe: [3, 1, 4, 1] }, 'wasm');
    await trainAttn(2);
    const saved = await save(sequenceApi.sequenceAttnCheckpoint('reverse, briefly'));
    expect(saved.steps).toBeGreaterThan(0);
    const first = await loadCheckpoint(saved.id);
    expect(first.kind).toBe('transformer');
    expect(first.name).toBe('reverse, briefly');
    expect(Number.isFinite(first.metrics.latest['losses/token'])).toBe(true);

    // Another model in between, so the resume really rebuilds from storage.
    await sequenceApi.sequenceAttnStart({ config: { ...attnConfig, seed: 9 }, probe: [0, 0, 0, 0] }, 'wasm');
    const resumed = await sequenceApi.sequenceAttnResume(await loadCheckpoint(saved.id), 'wasm');
    expect(resumed.spec.config).toEqual(attnConfig);
    expect(resumed.spec.probe).toEqual([3, 1, 4, 1]);
    expect(resumed.update.steps).toBe(saved.steps);
    const again = await loadCheckpoint((await save(sequenceApi.sequenceAttnCheckpoint('again'))).id);
    expect(tensorsOf(again)).toEqual(tensorsOf(first));
    expect(again.rngStates).toEqual(first.rngStates);

    // Training continues from there: the step counter goes on from the saved count.
    let lastSteps = 0;
    let seen = 0;
    await sequenceApi.sequenceAttnTrain((u) => {
      lastSteps = u.steps;
      if (++seen === 1) sequenceApi.sequenceAttnPause();
    });
    expect(lastSteps).toBeGreaterThan(saved.steps);
  });

  it('saves and resumes the three-cell race', async () => {
    await sequenceApi.sequenceRnnStart(SMALL_RNN_SPEC, 'wasm');
    let seen = 0;
    await sequenceApi.sequenceRnnTrain(() => {
      if (++seen === 1) sequenceApi.sequenceRnnPause();
    });
    const saved = await save(sequenceApi.sequenceRnnCheckpoint('race'));
    const first = await loadCheckpoint(saved.id);
    expect(Object.keys(first.networks).sort()).toEqual(['gru', 'lstm', 'rnn']);
    await sequenceApi.sequenceRnnStart({ ...SMALL_RNN_SPEC, seed: 11 }, 'wasm');
    const resumed = await sequenceApi.sequenceRnnResume(first, 'wasm');
    expect(resumed.spec).toEqual(SMALL_RNN_SPEC);
    expect(resumed.update.steps).toBe(saved.steps);
    expect(resumed.update.inspections?.map((i) => i.cell)).toEqual(['rnn', 'lstm', 'gru']);
    const again = await loadCheckpoint((await save(sequenceApi.sequenceRnnCheckpoint('again'))).id);
    expect(tensorsOf(again)).toEqual(tensorsOf(first));
  });

  it('explains a checkpoint of the wrong kind, a tampered one and a missing one', async () => {
    await sequenceApi.sequenceRnnStart(SMALL_RNN_SPEC, 'wasm');
    const race = await loadCheckpoint((await save(sequenceApi.sequenceRnnCheckpoint('race'))).id);
    await expect(sequenceApi.sequenceAttnResume(race, 'wasm')).rejects.toThrow(
      /holds a sequence-rnn model, not one this attention panel trains/,
    );

    await sequenceApi.sequenceAttnStart({ config: attnConfig, probe: [1, 2, 3, 4] }, 'wasm');
    await trainAttn(1);
    const good = await loadCheckpoint((await save(sequenceApi.sequenceAttnCheckpoint('t'))).id);

    // A config the model cannot have is refused by validation, on save as on load.
    const badConfig = structuredClone(good);
    badConfig.config = { ...badConfig.config, heads: 3 };
    const refused = saveCheckpoint(badConfig);
    await expect(refused).rejects.toBeInstanceOf(CheckpointError);
    await expect(refused).rejects.toThrow(/config: expected an even dModel that the 3 heads divide/);

    // Weights that are a valid table but do not fit the model: the resume says which one.
    const badWeights = structuredClone(good);
    const embedding = badWeights.networks.transformer!.weights.find((w) => w.name === 'tok_embedding')!;
    embedding.shape = [embedding.shape[1]!, embedding.shape[0]!];
    const { record } = await saveCheckpoint(badWeights);
    await expect(sequenceApi.sequenceAttnResume(await loadCheckpoint(record.id), 'wasm')).rejects.toThrow(
      /Cannot resume checkpoint .*: Expected tok_embedding of shape \[10,16\], got \[16,10\]/,
    );
    await expect(loadCheckpoint('nope')).rejects.toThrow(/No checkpoint with id/);
  });
});
