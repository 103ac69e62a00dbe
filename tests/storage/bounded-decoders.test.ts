/**
 * Hostile links and files end in a clear CheckpointError after work bounded by the limits, never by what the
 * input claims. The work is counted, not timed (decode-meter.ts: JSON values scanned and walked, bytes
 * inflated), so these tests say the same on a busy machine. bench/decoders.mjs measures CPU and memory.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildAdversarialInputs,
  declareSize,
  fakeTopologies,
  INHERITED_NAMES,
  openLink,
  sealLink,
  type AdversarialInput,
} from '../../bench/adversarial-inputs';
import { decodeBase64Url, encodeBase64Url, concatBytes } from '../../src/storage/binary';
import type { Checkpoint } from '../../src/storage/checkpoint';
import { decodeWork, resetDecodeWork } from '../../src/storage/decode-meter';
import { exportCheckpointFile, importCheckpointFile } from '../../src/storage/export-file';
import { assertJson, findJsonProblem } from '../../src/storage/json';
import { MAX_JSON_NODES } from '../../src/storage/limits';
import { decodeShareLink, encodeShareLink } from '../../src/storage/share-link';
import { CheckpointError, validateCheckpoint } from '../../src/storage/validate';
import { clone, makeDqnCheckpoint, makeGanCheckpoint } from './fixtures';

function decode(input: AdversarialInput['input']): Checkpoint {
  return 'link' in input ? decodeShareLink(input.link).checkpoint : importCheckpointFile(input.file);
}

function refusalOf(work: () => unknown): CheckpointError {
  try {
    work();
  } catch (error) {
    if (error instanceof CheckpointError) return error;
    throw new Error(`expected a CheckpointError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the input to be refused');
}

/** An autoencoder checkpoint (any network names allowed) with an extra network named `extra`. */
function autoencoderWith(extra: string): Checkpoint {
  const gan = makeGanCheckpoint();
  return {
    ...gan,
    kind: 'autoencoder',
    subject: { type: 'dataset', datasetId: 'mnist', options: {} },
    config: {},
    networks: {
      encoder: gan.networks.generator,
      decoder: gan.networks.discriminator,
      [extra]: gan.networks.generator,
    },
    optimizers: {},
    state: {},
  } as Checkpoint;
}

describe('bounded decoders', () => {
  let inputs: AdversarialInput[];
  beforeAll(() => {
    inputs = buildAdversarialInputs(); // ~100 MB of text and zips: seconds on a busy machine
  }, 120_000);

  it('has an adversarial input for every class of fault', () => {
    const faults = new Set(inputs.map((i) => i.fault));
    expect([...faults].sort()).toEqual(['inherited names', 'limits', 'lying zip entry', 'trailing bytes']);
  });

  it('refuses each adversarial input with a clear CheckpointError, within its bounds of work', () => {
    for (const { name, input, refusal, bounds } of inputs) {
      resetDecodeWork();
      const error = refusalOf(() => decode(input));
      expect({ name, code: error.code }).toEqual({ name, code: refusal.code });
      expect(error.message, name).toContain(refusal.message);
      for (const [counter, bound] of Object.entries(bounds)) {
        expect(decodeWork[counter as keyof typeof decodeWork], `${name}: ${counter}`).toBeLessThanOrEqual(
          bound,
        );
      }
    }
  });

  it('groups a link’s networks by any name: every inherited name ends in a CheckpointError, not a TypeError', () => {
    const { header, weights } = openLink(
      encodeShareLink(makeDqnCheckpoint(), { quantization: 'float16' }).payload,
    );
    const tensors = header.tensors as Record<string, unknown>[];
    for (const name of INHERITED_NAMES) {
      const link = sealLink(
        { ...header, tensors: [{ ...tensors[0], network: name }, ...tensors.slice(1)] },
        weights,
      );
      const error = refusalOf(() => decodeShareLink(link));
      expect(error.message, name).not.toMatch(/Cannot read|is not a function|undefined/);
      expect(error.message, name).toMatch(/unexpected network|Expected a network name/);
    }
  });

  it('keeps a network named after an inherited property, exactly, through a link and a file', () => {
    for (const name of ['toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'toLocaleString']) {
      const checkpoint = validateCheckpoint(autoencoderWith(name));
      const linked = decodeShareLink(
        encodeShareLink(checkpoint, { quantization: 'float32', networks: ['encoder', 'decoder', name] })
          .payload,
      ).checkpoint;
      expect(Object.hasOwn(linked.networks, name), name).toBe(true);
      expect(linked.networks[name].weights).toEqual(checkpoint.networks[name].weights);

      const filed = importCheckpointFile(exportCheckpointFile(checkpoint, fakeTopologies(checkpoint)));
      expect(Object.keys(filed.networks), name).toEqual(['encoder', 'decoder', name]);
      expect(filed.networks[name].weights).toEqual(checkpoint.networks[name].weights);
    }
  });

  it('keeps optimizer, RNG and metric keys named after inherited properties in a file', () => {
    const checkpoint = makeDqnCheckpoint();
    const files = unzipSync(exportCheckpointFile(checkpoint, fakeTopologies(checkpoint)));
    const manifest = JSON.parse(strFromU8(files['checkpoint.json'])) as Record<
      string,
      Record<string, unknown>
    >;
    const hostile = {
      ...manifest,
      rngStates: { valueOf: [1, 2, 3, 4] },
      metrics: { ...manifest.metrics, latest: { toString: 1.5 } },
      optimizers: { isPrototypeOf: manifest.optimizers.online },
    };
    const imported = importCheckpointFile(
      zipSync({ ...files, 'checkpoint.json': strToU8(JSON.stringify(hostile)) }),
    );
    expect(imported.rngStates.valueOf).toEqual([1, 2, 3, 4]);
    expect(imported.metrics.latest.toString).toBe(1.5);
    expect(imported.optimizers.isPrototypeOf).toEqual(checkpoint.optimizers.online);
    expect(Object.keys(imported.optimizers)).toEqual(['isPrototypeOf']);
  });

  it('names the key or the value of a record that breaks the rules', () => {
    const checkpoint = clone(makeDqnCheckpoint());
    const badKey = {
      ...checkpoint,
      networks: { ...checkpoint.networks, 'no spaces': checkpoint.networks.online },
    };
    expect(refusalOf(() => validateCheckpoint(badKey)).message).toContain(
      'networks["no spaces"]: Expected a network name of letters, digits and _',
    );
    const badValue = { ...checkpoint, rngStates: { ...checkpoint.rngStates, env: [1, 2, 3] } };
    expect(refusalOf(() => validateCheckpoint(badValue)).message).toContain('rngStates.env');
    const many = Object.fromEntries(
      Array.from({ length: 17 }, (_, i) => [`net${i}`, checkpoint.networks.online]),
    );
    expect(refusalOf(() => validateCheckpoint({ ...checkpoint, networks: many })).message).toContain(
      'networks: Expected at most 16 entries, got 17',
    );
  });

  it('refuses a huge array in memory when it is opened, before visiting its items', () => {
    resetDecodeWork();
    const problem = findJsonProblem({ config: { list: new Array<number>(2 * MAX_JSON_NODES).fill(0) } }, '');
    expect(problem).toBe(`config.list: more than ${MAX_JSON_NODES} JSON values`);
    expect(decodeWork.jsonValuesWalked).toBe(3);
  });

  it('measures arrays in a checkpoint before checking their items', () => {
    let reads = 0;
    const returns = new Proxy(new Array<number>(1_000_000).fill(1), {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const checkpoint = clone(makeDqnCheckpoint());
    checkpoint.metrics = { ...checkpoint.metrics, recentReturns: returns };
    const error = refusalOf(() => validateCheckpoint(checkpoint));
    expect(error.message).toContain(
      'metrics.recentReturns: Invalid length: Expected <=10000 but received 1000000',
    );
    expect(reads).toBe(0);
  });

  it('still gives the path of a problem deep inside JSON', () => {
    const value = { state: { learner: { history: [1, 2, { odd: Number.NaN }] } } };
    expect(() => assertJson(value, 'Invalid checkpoint')).toThrow(
      'Invalid checkpoint: state.learner.history[2].odd: expected a finite number, got NaN',
    );
  });

  it('refuses a zip entry whose stream ends before its declared size', () => {
    const checkpoint = makeDqnCheckpoint();
    const file = exportCheckpointFile(checkpoint, fakeTopologies(checkpoint));
    const declared = unzipSync(file)['checkpoint.json'].length + 10;
    const error = refusalOf(() => importCheckpointFile(declareSize(file, 'checkpoint.json', declared)));
    expect(error.message).toContain(`checkpoint.json should hold ${declared} bytes, got ${declared - 10}`);
  });

  it('decodes a link byte for byte as encoded, and nothing more', () => {
    const checkpoint = makeDqnCheckpoint();
    const payload = encodeShareLink(checkpoint, { quantization: 'int8' }).payload;
    expect(decodeShareLink(payload).checkpoint.networks.online.weights).toHaveLength(6);
    const raw = decodeBase64Url(payload) as Uint8Array;
    for (const extra of [Uint8Array.of(0), Uint8Array.of(0xff, 0xff), raw.subarray(1)]) {
      const error = refusalOf(() => decodeShareLink(encodeBase64Url(concatBytes([raw, extra]))));
      expect(error.message).toBe(
        'Share link is damaged: there are bytes after the end of the compressed data',
      );
    }
  });
});
