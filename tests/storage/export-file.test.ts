import * as tf from '@tensorflow/tfjs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildQNetwork } from '../../src/agents/q-network';
import { exportModelWeights } from '../../src/agents/weights';
import { createCheckpoint, splitNetworkWeights, type DqnCheckpoint } from '../../src/storage/checkpoint';
import { dqnLayersTopologies } from '../../src/agents/dqn-checkpoint';
import {
  checkpointFileName,
  exportCheckpointFile,
  importCheckpointFile,
  readLayersModelFile,
} from '../../src/storage/export-file';
import { captureLayersTopology, type LayersTopology } from '../../src/storage/tfjs-format';
import { crc32 } from '../../src/storage/binary';
import { CheckpointError } from '../../src/storage/validate';
import { CARTPOLE_CONFIG, makeDqnCheckpoint, makeGanCheckpoint } from './fixtures';
import { loadWithStockTfjs } from './stock-tfjs';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const OBSERVATIONS = [
  [0.01, -0.02, 0.03, 0.04],
  [0.5, 1.2, -0.1, -0.8],
  [-2, 0, 0.2, 1.5],
];

function predict(model: tf.LayersModel): number[][] {
  return tf.tidy(() => (model.predict(tf.tensor2d(OBSERVATIONS)) as tf.Tensor2D).arraySync());
}

/** A DQN checkpoint whose weights come from real (differently seeded) tfjs models, plus its topologies. */
async function tfjsDqnCheckpoint(
  dueling: boolean,
): Promise<{ checkpoint: DqnCheckpoint; online: tf.LayersModel }> {
  const config = { ...CARTPOLE_CONFIG, dueling };
  const options = {
    obsSize: 4,
    nActions: 2,
    hiddenSizes: config.hiddenSizes,
    activation: config.activation,
    dueling,
  };
  const online = buildQNetwork({ ...options, seed: 1 });
  const target = buildQNetwork({ ...options, seed: 2 });
  const base = makeDqnCheckpoint({ config, replay: true });
  const networks = splitNetworkWeights([
    ...exportModelWeights(online, 'online'),
    ...exportModelWeights(target, 'target'),
  ]);
  target.dispose();
  const trainable = networks.online.weights.filter((w) => !w.name.startsWith('dueling_merge'));
  const moments = (slot: string) =>
    trainable.map((w) => ({ ...w, name: `optimizer/${slot}/${w.name}`, data: w.data.map((x) => x * 1e-3) }));
  const checkpoint = createCheckpoint({
    ...base,
    networks,
    optimizers: {
      online: [
        { name: 'optimizer/iter', shape: [], data: Float32Array.of(42) },
        ...moments('m'),
        ...moments('v'),
      ],
    },
  });
  return { checkpoint, online };
}

function unzipped(file: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(file);
}

function rezip(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files);
}

function rejectionOf(file: Uint8Array): CheckpointError {
  try {
    importCheckpointFile(file);
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointError);
    return error as CheckpointError;
  }
  throw new Error('expected the file to be rejected');
}

describe('checkpoint files', () => {
  it('exports a DQN checkpoint whose networks stock tf.loadLayersModel opens and that predicts the same', async () => {
    for (const dueling of [false, true]) {
      const { checkpoint, online } = await tfjsDqnCheckpoint(dueling);
      const file = exportCheckpointFile(checkpoint, await dqnLayersTopologies(checkpoint));
      const names = Object.keys(unzipped(file)).sort();
      expect(names).toEqual([
        'checkpoint.bin',
        'checkpoint.json',
        'online/model.json',
        'online/weights.bin',
        'target/model.json',
        'target/weights.bin',
      ]);
      const modelJson = JSON.parse(new TextDecoder().decode(unzipped(file)['online/model.json'])) as Record<
        string,
        unknown
      >;
      expect(modelJson.format).toBe('layers-model');
      expect(modelJson.convertedBy).toBeNull();
      expect(modelJson.generatedBy).toMatch(/^TensorFlow\.js tfjs-layers v/);
      expect(modelJson.weightsManifest).toEqual([
        {
          paths: ['weights.bin'],
          weights: online.weights.map((w) => ({ name: w.originalName, shape: w.shape, dtype: 'float32' })),
        },
      ]);
      const checkpointJson = new TextDecoder().decode(unzipped(file)['checkpoint.json']);
      expect(checkpointJson).not.toContain('"data"'); // weights are referenced, not duplicated

      const loaded = await loadWithStockTfjs(file, 'online');
      expect(predict(loaded)).toEqual(predict(online));
      loaded.dispose();
      online.dispose();

      const back = importCheckpointFile(file);
      expect(back).toEqual(checkpoint); // bit for bit, optimizer slots and replay included
    }
  });

  it('keeps prioritized replay (priorities as float64) through a file', async () => {
    const base = makeDqnCheckpoint({ config: { ...CARTPOLE_CONFIG, prioritized: true }, replay: true });
    const replay = {
      ...base.replay!,
      priorities: Float64Array.from({ length: 10 }, (_, i) => 0.1 + i / 3),
      maxPriority: 3.5,
    };
    const checkpoint = createCheckpoint({ ...base, replay });
    const back = importCheckpointFile(
      exportCheckpointFile(checkpoint, await dqnLayersTopologies(checkpoint)),
    );
    expect(back).toEqual(checkpoint);
    expect(back.replay && 'priorities' in back.replay && back.replay.priorities).toBeInstanceOf(Float64Array);
  });

  it('keeps the steps of n-step transitions through a file, and reads files without them as before', async () => {
    const base = makeDqnCheckpoint({
      config: { ...CARTPOLE_CONFIG, nStep: 3, prioritized: true },
      replay: true,
    });
    const replay = {
      ...base.replay!,
      steps: Uint8Array.from({ length: 10 }, (_, i) => (i < 7 ? 3 : 10 - i)),
      priorities: Float64Array.from({ length: 10 }, (_, i) => 0.1 + i / 3),
      maxPriority: 3.5,
    };
    const checkpoint = createCheckpoint({ ...base, replay });
    const topologies = await dqnLayersTopologies(checkpoint);
    const back = importCheckpointFile(exportCheckpointFile(checkpoint, topologies));
    expect(back).toEqual(checkpoint);
    expect(back.replay!.steps).toBeInstanceOf(Uint8Array);
    const old = createCheckpoint({ ...base, replay: base.replay! });
    expect(old.replay!.steps).toBeUndefined();
    expect(importCheckpointFile(exportCheckpointFile(old, topologies))).toEqual(old);
  });

  it('exports the same bytes twice and names the file after the checkpoint', async () => {
    const { checkpoint, online } = await tfjsDqnCheckpoint(false);
    online.dispose();
    const topologies = await dqnLayersTopologies(checkpoint);
    expect(exportCheckpointFile(checkpoint, topologies)).toEqual(
      exportCheckpointFile(checkpoint, topologies),
    );
    expect(checkpointFileName(checkpoint)).toBe('CartPole-run-1.zip');
    expect(checkpointFileName({ name: '../../etc/passwd' })).toBe('etc-passwd.zip');
  });

  it('round-trips a GAN with generator, discriminator and both Adam states', async () => {
    const gan = makeGanCheckpoint();
    const mlp = (sizes: number[]): tf.LayersModel => {
      const model = tf.sequential();
      sizes
        .slice(1)
        .forEach((units, i) =>
          model.add(
            tf.layers.dense({ name: `dense_${i}`, units, inputShape: i === 0 ? [sizes[0]] : undefined }),
          ),
        );
      return model;
    };
    const topologies: Record<string, LayersTopology> = {};
    for (const [name, sizes] of [
      ['generator', [8, 32, 2]],
      ['discriminator', [2, 32, 1]],
    ] as const) {
      const model = mlp([...sizes]);
      topologies[name] = await captureLayersTopology(model);
      model.dispose();
    }
    const file = exportCheckpointFile(gan, topologies);
    expect(importCheckpointFile(file)).toEqual(gan);
    const generator = await loadWithStockTfjs(file, 'generator');
    expect(generator.getWeights()[0].dataSync()).toEqual(gan.networks.generator.weights[0].data);
    generator.dispose();
    expect(() => exportCheckpointFile(gan, { generator: topologies.generator })).toThrow(/no model topology/);
    expect(() =>
      exportCheckpointFile(gan, {
        generator: topologies.discriminator,
        discriminator: topologies.discriminator,
      }),
    ).toThrow(CheckpointError);
  });

  it('keeps a network with no Layers topology (null) in checkpoint.json and checkpoint.bin', async () => {
    const gan = makeGanCheckpoint();
    const model = tf.sequential();
    model.add(tf.layers.dense({ name: 'dense_0', units: 32, inputShape: [8] }));
    model.add(tf.layers.dense({ name: 'dense_1', units: 2 }));
    const generator = await captureLayersTopology(model);
    model.dispose();
    const mixed = exportCheckpointFile(gan, { generator, discriminator: null });
    expect(importCheckpointFile(mixed)).toEqual(gan);
    const files = unzipped(mixed);
    expect(Object.keys(files).sort()).toEqual([
      'checkpoint.bin',
      'checkpoint.json',
      'generator/model.json',
      'generator/weights.bin',
    ]);
    const manifest = JSON.parse(new TextDecoder().decode(files['checkpoint.json']));
    expect(manifest.networks.discriminator.weights[0]).toEqual({
      name: gan.networks.discriminator.weights[0].name,
      shape: gan.networks.discriminator.weights[0].shape,
    });
    // Only checkpoint.json and checkpoint.bin: every network's weights in checkpoint.bin.
    const plain = exportCheckpointFile(gan, { generator: null, discriminator: null });
    expect(Object.keys(unzipped(plain)).sort()).toEqual(['checkpoint.bin', 'checkpoint.json']);
    expect(importCheckpointFile(plain)).toEqual(gan);
    // A checkpoint.bin one byte short of what the listed weights need is refused.
    const short = unzipped(plain);
    const bin = short['checkpoint.bin'].slice(0, -4);
    const json = JSON.parse(new TextDecoder().decode(short['checkpoint.json']));
    json.files['checkpoint.bin'] = { bytes: bin.length, crc32: crc32(bin) };
    expect(
      rejectionOf(rezip({ 'checkpoint.json': strToU8(JSON.stringify(json)), 'checkpoint.bin': bin })).message,
    ).toMatch(/checkpoint\.bin holds/);
  });

  it('refuses a zip bomb before inflating anything', async () => {
    const { checkpoint, online } = await tfjsDqnCheckpoint(false);
    online.dispose();
    const file = exportCheckpointFile(checkpoint, await dqnLayersTopologies(checkpoint));
    // Claim 4 GB for every entry in the central directory (uncompressed size at offset 24 of each header).
    const bomb = file.slice();
    const view = new DataView(bomb.buffer);
    for (let i = 0; i + 4 <= bomb.length; i++) {
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 0xfffffff0, true);
    }
    const error = rejectionOf(bomb);
    expect(error.code).toBe('too-large');
    expect(error.message).toContain('refusing to unpack it');
  });

  it('reads only the expected names and rejects damaged, foreign or inconsistent files', async () => {
    const { checkpoint, online } = await tfjsDqnCheckpoint(false);
    online.dispose();
    const files = unzipped(exportCheckpointFile(checkpoint, await dqnLayersTopologies(checkpoint)));

    // Extra entries (even path-traversal names) are never read.
    const withExtras = rezip({ ...files, '../evil.js': strToU8('alert(1)'), 'notes.txt': strToU8('hi') });
    expect(importCheckpointFile(withExtras)).toEqual(checkpoint);

    expect(rejectionOf(strToU8('not a zip at all')).message).toContain('not a readable zip file');
    expect(rejectionOf(rezip({ 'model.json': files['online/model.json'] })).message).toContain(
      'no checkpoint.json inside',
    );

    const flipped = files['online/weights.bin'].slice();
    flipped[100] ^= 0x10;
    expect(rejectionOf(rezip({ ...files, 'online/weights.bin': flipped })).message).toContain(
      'online/weights.bin is damaged (checksum mismatch)',
    );

    const { 'target/weights.bin': _gone, ...missing } = files;
    expect(rejectionOf(rezip(missing)).message).toContain('target/weights.bin is missing');

    const modelJson = JSON.parse(new TextDecoder().decode(files['online/model.json'])) as {
      weightsManifest: { weights: { shape: number[] }[] }[];
    };
    modelJson.weightsManifest[0].weights[0].shape = [4, 65];
    const reshaped = rezip({ ...files, 'online/model.json': strToU8(JSON.stringify(modelJson)) });
    expect(rejectionOf(reshaped).message).toContain(
      'online/weights.bin holds 18440 bytes, model.json needs 18456',
    );

    const json = JSON.parse(new TextDecoder().decode(files['checkpoint.json'])) as Record<string, unknown>;
    const newer = rezip({ ...files, 'checkpoint.json': strToU8(JSON.stringify({ ...json, version: 2 })) });
    expect(rejectionOf(newer).code).toBe('unsupported-version');
    const hostile = new TextDecoder()
      .decode(files['checkpoint.json'])
      .replace('"state":{', '"state":{"__proto__":{"x":1},');
    expect(rejectionOf(rezip({ ...files, 'checkpoint.json': strToU8(hostile) })).message).toContain(
      'key "__proto__" is not allowed',
    );

    expect(() => readLayersModelFile(rezip(files), 'critic')).toThrow('no network "critic" inside');

    const truncated = exportCheckpointFile(checkpoint, await dqnLayersTopologies(checkpoint)).slice(0, 5000);
    expect(rejectionOf(truncated).code).toBe('corrupt');
  });
});
