import { describe, expect, it } from 'vitest';
import { CHECKPOINT_KINDS, REQUIRED_NETWORKS, type CheckpointSubject } from '../../src/storage/checkpoint';
import { DEFAULT_SHARED_NETWORKS } from '../../src/storage/share-link';
import { MODEL_KINDS, modelKindOf, resumeTarget, type ModelKindId } from '../../src/ui/model-kinds';
import { CLASSIFIER_CHECKPOINT_ID } from '../../src/workers/protocol/learn';

const dataset = (datasetId: string): CheckpointSubject => ({ type: 'dataset', datasetId, options: {} });
const game: CheckpointSubject = {
  type: 'game',
  gameId: 'CartPole-v1',
  envOptions: {},
  observationSize: 4,
  actionCount: 2,
};

describe('the model-kind registry', () => {
  it('has one row per checkpoint kind, and two for gan (2-D and digit), each under its own id', () => {
    const rows = Object.entries(MODEL_KINDS);
    for (const [id, row] of rows) expect(row.id).toBe(id);
    expect(new Set(rows.map(([, row]) => row.checkpointKind))).toEqual(new Set(CHECKPOINT_KINDS));
    expect(rows.filter(([, row]) => row.checkpointKind === 'gan').map(([id]) => id)).toEqual([
      'gan-2d',
      'digit-gan',
    ]);
    expect(new Set(rows.map(([, row]) => row.label)).size).toBe(rows.length);
  });

  it('resolves gan by subject: MNIST is the digit GAN, every 2-D target the 2-D GAN', () => {
    expect(modelKindOf({ kind: 'gan', subject: dataset('mnist') }).id).toBe('digit-gan');
    for (const target of ['ring', 'grid', 'custom'])
      expect(modelKindOf({ kind: 'gan', subject: dataset(target) }).id).toBe('gan-2d');
    expect(modelKindOf({ kind: 'dqn', subject: game }).id).toBe('dqn');
    expect(modelKindOf({ kind: 'vae', subject: dataset('mnist') }).label).toBe('VAE');
  });

  it('names only networks the kind holds, and says in words what a file of it holds', () => {
    for (const row of Object.values(MODEL_KINDS)) {
      const known = new Set([...REQUIRED_NETWORKS[row.checkpointKind], 'target', 'discriminator']);
      for (const network of row.layersNetworks)
        expect(known.has(network), `${row.id}: ${network}`).toBe(true);
      expect(row.fileContents.length).toBeGreaterThan(20);
      if (row.layersNetworks.length === 0) expect(row.fileContents).toMatch(/^checkpoint\.json .*only/);
      else expect(row.fileContents).toContain('TF.js Layers');
    }
    // Which kinds export no Layers model at all, and why: stated, and tested so that a change is deliberate.
    const checkpointOnly = Object.values(MODEL_KINDS).filter((row) => row.layersNetworks.length === 0);
    expect(checkpointOnly.map((row) => row.id)).toEqual(['sequence-rnn', 'transformer']);
  });

  it('offers a link from #/checkpoints only for the agents it can verify by playing', () => {
    const share = Object.fromEntries(Object.values(MODEL_KINDS).map((row) => [row.id, row.shareLink]));
    expect(share).toEqual({
      dqn: 'checkpoints-page',
      'gan-2d': 'own-page',
      'digit-gan': null,
      autoencoder: null,
      vae: null,
      classifier: null,
      'sequence-rnn': null,
      transformer: null,
    } satisfies Record<ModelKindId, unknown>);
    // A kind shared from anywhere has the networks a link carries.
    for (const row of Object.values(MODEL_KINDS))
      if (row.shareLink) expect(DEFAULT_SHARED_NETWORKS[row.checkpointKind].length).toBeGreaterThan(0);
  });

  it('keeps the one-slot classifier under the id its panels load', () => {
    expect(MODEL_KINDS.classifier.slotId).toBe(CLASSIFIER_CHECKPOINT_ID);
    expect(
      Object.values(MODEL_KINDS)
        .filter((row) => row.slotId)
        .map((row) => row.id),
    ).toEqual(['classifier']);
  });

  it('sends each kind to its page, with the id escaped', () => {
    expect(resumeTarget({ id: 'a b', kind: 'dqn', subject: game })).toEqual({
      href: '#/arena/resume/a%20b',
      label: 'Resume in the arena',
    });
    expect(resumeTarget({ id: 'x', kind: 'gan', subject: dataset('ring') }).href).toBe(
      '#/studio/gan-2d/resume/x',
    );
    expect(resumeTarget({ id: 'x', kind: 'gan', subject: dataset('custom') }).href).toBe(
      '#/studio/gan-2d/resume/x',
    );
    expect(resumeTarget({ id: 'x/y', kind: 'gan', subject: dataset('mnist') }).href).toBe(
      '#/studio/digit-gan/resume/x%2Fy',
    );
    expect(resumeTarget({ id: 'x', kind: 'autoencoder', subject: dataset('mnist') }).href).toBe(
      '#/studio/autoencoder/resume/x',
    );
    expect(resumeTarget({ id: 'x', kind: 'vae', subject: dataset('mnist') })).toEqual({
      href: '#/studio/vae/resume/x',
      label: 'Resume in the studio',
    });
    expect(
      resumeTarget({ id: CLASSIFIER_CHECKPOINT_ID, kind: 'classifier', subject: dataset('mnist') }),
    ).toEqual({
      href: '#/learn/cnn',
      label: 'Open in Learn',
    });
    expect(resumeTarget({ id: 'r 1', kind: 'sequence-rnn', subject: dataset('seq-remember') })).toEqual({
      href: '#/learn/rnn/resume/r%201',
      label: 'Resume in Learn',
    });
    expect(resumeTarget({ id: 't', kind: 'transformer', subject: dataset('digits-reverse') }).href).toBe(
      '#/learn/attention/resume/t',
    );
  });
});
