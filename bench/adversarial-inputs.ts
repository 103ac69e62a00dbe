/**
 * Hostile share links and checkpoint files, one or more per class of fault the decoders must bound: names
 * that every object inherits, JSON that crosses a limit (values, nesting, array lengths), zip entries that
 * inflate past their declared size, and bytes after a link's deflate stream. Built deterministically from
 * the storage fixtures (no tfjs). tests/storage/bounded-decoders.test.ts checks each refusal and the work
 * done before it; bench/decoders.mjs measures the worst CPU time and memory over them.
 */
import { deflateSync, inflateSync, strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import {
  concatBytes,
  crc32,
  decodeBase64Url,
  encodeBase64Url,
  readUint32,
  uint32Bytes,
} from '../src/storage/binary';
import type { Checkpoint } from '../src/storage/checkpoint';
import type { DecodeWork } from '../src/storage/decode-meter';
import type { CheckpointErrorCode } from '../src/storage/errors';
import { exportCheckpointFile } from '../src/storage/export-file';
import { MAX_JSON_NODES, MAX_JSON_TEXT_BYTES } from '../src/storage/limits';
import { encodeShareLink, MAX_SHARE_BODY_BYTES } from '../src/storage/share-link';
import type { LayersTopology } from '../src/storage/tfjs-format';
import { makeDqnCheckpoint } from '../tests/storage/fixtures';

/** Deflate's largest expansion per input byte; inflating stops within one 1 KiB slice's worth past a cap. */
const ONE_SLICE_OVERSHOOT = 1032 * 1024 + 32 * 1024;

export interface AdversarialInput {
  name: string;
  fault: 'inherited names' | 'limits' | 'lying zip entry' | 'trailing bytes';
  /** A share link's payload, or the bytes of a checkpoint file. */
  input: { link: string } | { file: Uint8Array };
  /** The refusal: its code and a part of its message. */
  refusal: { code: CheckpointErrorCode; message: string };
  /** Upper bounds on the work done before the refusal (decode-meter.ts). */
  bounds: Partial<DecodeWork>;
}

/** Every name a plain object inherits from Object.prototype (toString, isPrototypeOf, __proto__, …). */
export const INHERITED_NAMES = Object.getOwnPropertyNames(Object.prototype);

/** Topologies that satisfy the exporter without tfjs: importing reads only the weight specs of model.json. */
export function fakeTopologies(checkpoint: Checkpoint): Record<string, LayersTopology> {
  const topologies: Record<string, LayersTopology> = {};
  for (const [network, { weights }] of Object.entries(checkpoint.networks)) {
    topologies[network] = {
      modelTopology: { class_name: 'Sequential', config: { name: network } },
      weightSpecs: weights.map((w) => ({ name: w.name, shape: w.shape.slice(), dtype: 'float32' })),
      generatedBy: 'bench/adversarial-inputs.ts',
    };
  }
  return topologies;
}

/** The pieces of a link's payload, to tamper with them and seal a well-formed link around the damage. */
export function openLink(payload: string): { header: Record<string, unknown>; weights: Uint8Array } {
  const bytes = decodeBase64Url(payload) as Uint8Array;
  const body = inflateSync(bytes.subarray(1));
  const length = readUint32(body, 4);
  const header = JSON.parse(strFromU8(body.subarray(8, 8 + length))) as Record<string, unknown>;
  return { header, weights: body.subarray(8 + length) };
}

export function sealLink(header: unknown, weights: Uint8Array): string {
  const head = strToU8(typeof header === 'string' ? header : JSON.stringify(header));
  const rest = concatBytes([uint32Bytes(head.length), head, weights]);
  const body = concatBytes([uint32Bytes(crc32(rest)), rest]);
  return encodeBase64Url(concatBytes([Uint8Array.of(1), deflateSync(body)]));
}

/** Sets the uncompressed size that the central directory declares for `name` (offset 24 of its record). */
export function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const wanted = strToU8(name);
  for (let at = 0; at + 46 <= out.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50 || view.getUint16(at + 28, true) !== wanted.length) continue;
    if (out.subarray(at + 46, at + 46 + wanted.length).every((b, i) => b === wanted[i])) {
      view.setUint32(at + 24, size, true);
      return out;
    }
  }
  throw new Error(`no directory record for ${name}`);
}

/** A JSON array of `count` copies of `item`, as text, without building the array. */
function repeated(item: string, count: number): string {
  return `[${`${item},`.repeat(count - 1)}${item}]`;
}

/** Zips fast (level 1): the inputs are large and built for every test run. */
function zip(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files, { level: 1 });
}

export function buildAdversarialInputs(): AdversarialInput[] {
  const checkpoint = makeDqnCheckpoint({ replay: true });
  const file = exportCheckpointFile(checkpoint, fakeTopologies(checkpoint));
  const files = unzipSync(file);
  const manifest = JSON.parse(strFromU8(files['checkpoint.json'])) as Record<string, unknown>;
  const link = encodeShareLink(checkpoint, { quantization: 'int8' }).payload;
  const { header, weights } = openLink(link);
  const tensors = header.tensors as Record<string, unknown>[];
  const withManifest = (changed: Record<string, unknown>): Uint8Array =>
    zip({ ...files, 'checkpoint.json': strToU8(JSON.stringify({ ...manifest, ...changed })) });
  /** Room left under the JSON text cap once the rest of checkpoint.json is written. */
  const room = MAX_JSON_TEXT_BYTES - files['checkpoint.json'].length - 64;
  const inputs: AdversarialInput[] = [];

  // Inherited names where the link's networks are grouped and where the file's records are keyed.
  for (const name of ['isPrototypeOf', 'toLocaleString', 'propertyIsEnumerable', 'hasOwnProperty']) {
    inputs.push({
      name: `link: a tensor of network "${name}"`,
      fault: 'inherited names',
      input: {
        link: sealLink(
          { ...header, tensors: [{ ...tensors[0], network: name }, ...tensors.slice(1)] },
          weights,
        ),
      },
      refusal: { code: 'invalid', message: `unexpected network "${name}"` },
      bounds: { bytesInflated: 2 * MAX_SHARE_BODY_BYTES },
    });
  }
  inputs.push({
    name: 'file: optimizer, RNG, metric and file keys named after inherited properties',
    fault: 'inherited names',
    input: {
      file: withManifest({
        rngStates: { valueOf: [1, 2, 3, 4] },
        metrics: { ...(manifest.metrics as object), latest: { toString: 1 } },
        optimizers: { isPrototypeOf: (manifest.optimizers as Record<string, unknown>).online },
        files: { ...(manifest.files as object), hasOwnProperty: { bytes: 1, crc32: 1 } },
        networks: { ...(manifest.networks as object), toString: { model: 'toString/model.json' } },
      }),
    },
    refusal: { code: 'corrupt', message: 'toString/model.json is missing' },
    bounds: { jsonValuesWalked: 100_000 },
  });

  // Limits: one huge array just under the JSON text cap, in checkpoint.json and in model.json; millions of
  // empty objects; nesting past the depth limit; a link header whose arrays pass their length limits.
  const zeros = Math.floor(room / 2);
  inputs.push({
    name: `file: checkpoint.json holds one array of ${zeros} numbers (~16 MiB)`,
    fault: 'limits',
    input: { file: zip({ ...files, 'checkpoint.json': strToU8(`{"state":${repeated('0', zeros)}}`) }) },
    refusal: { code: 'too-large', message: `more than ${MAX_JSON_NODES} JSON values` },
    bounds: { jsonValuesScanned: MAX_JSON_NODES + 1, jsonValuesWalked: 0 },
  });
  inputs.push({
    name: `file: checkpoint.json holds ${Math.floor(room / 3)} empty objects (~16 MiB)`,
    fault: 'limits',
    input: { file: zip({ ...files, 'checkpoint.json': strToU8(repeated('{}', Math.floor(room / 3))) }) },
    refusal: { code: 'too-large', message: `more than ${MAX_JSON_NODES} JSON values` },
    bounds: { jsonValuesScanned: MAX_JSON_NODES + 1, jsonValuesWalked: 0 },
  });
  const model = JSON.parse(strFromU8(files['online/model.json'])) as Record<string, unknown>;
  const modelZeros = Math.floor((MAX_JSON_TEXT_BYTES - files['online/model.json'].length - 64) / 2);
  inputs.push({
    name: 'file: online/model.json holds one array of ~8M numbers in its topology',
    fault: 'limits',
    input: {
      file: zip({
        ...files,
        'online/model.json': strToU8(
          JSON.stringify({ ...model, modelTopology: {} }).replace(
            '"modelTopology":{}',
            `"modelTopology":{"x":${repeated('0', modelZeros)}}`,
          ),
        ),
      }),
    },
    refusal: { code: 'too-large', message: `more than ${MAX_JSON_NODES} JSON values` },
    bounds: { jsonValuesScanned: MAX_JSON_NODES + 1 + 10_000 }, // checkpoint.json's own values come first
  });
  inputs.push({
    name: 'file: checkpoint.json nested a million levels deep',
    fault: 'limits',
    input: {
      file: zip({ ...files, 'checkpoint.json': strToU8(`${'['.repeat(1e6)}${']'.repeat(1e6)}`) }),
    },
    refusal: { code: 'too-large', message: 'nested deeper than 16 levels' },
    bounds: { jsonValuesScanned: 20, jsonValuesWalked: 0 },
  });
  const longArray = Array<number>(200_000).fill(1);
  inputs.push({
    name: 'link: a header with 200,000 recent returns and 200,000 tensors',
    fault: 'limits',
    input: {
      link: sealLink(
        {
          ...header,
          metrics: { ...(header.metrics as object), recentReturns: longArray },
          tensors: longArray.map(() => 0),
        },
        weights,
      ),
    },
    refusal: { code: 'invalid', message: 'metrics.recentReturns: Invalid length' },
    bounds: { jsonValuesWalked: 500_000, bytesInflated: 2 * MAX_SHARE_BODY_BYTES },
  });

  // Zip entries whose deflate streams expand far past what their directory records declare.
  const bomb = new Uint8Array(8 * 2 ** 20);
  const jsonDeclared = files['checkpoint.json'].length;
  inputs.push({
    name: `file: checkpoint.json declares ${jsonDeclared} bytes and inflates to 8 MiB`,
    fault: 'lying zip entry',
    input: {
      file: declareSize(zip({ ...files, 'checkpoint.json': bomb }), 'checkpoint.json', jsonDeclared),
    },
    refusal: { code: 'corrupt', message: 'checkpoint.json inflates past the' },
    bounds: { bytesInflated: jsonDeclared + ONE_SLICE_OVERSHOOT, jsonValuesWalked: 0 },
  });
  const weightsDeclared = files['online/weights.bin'].length;
  inputs.push({
    name: `file: online/weights.bin declares the ${weightsDeclared} bytes its table needs and inflates to 8 MiB`,
    fault: 'lying zip entry',
    input: {
      file: declareSize(zip({ ...files, 'online/weights.bin': bomb }), 'online/weights.bin', weightsDeclared),
    },
    refusal: { code: 'corrupt', message: 'online/weights.bin inflates past the' },
    bounds: {
      bytesInflated:
        files['checkpoint.json'].length +
        files['online/model.json'].length +
        files['target/model.json'].length +
        weightsDeclared +
        ONE_SLICE_OVERSHOOT,
    },
  });
  inputs.push({
    name: 'file: checkpoint.json declares 4 GiB',
    fault: 'lying zip entry',
    input: { file: declareSize(file, 'checkpoint.json', 0xfffffff0) },
    refusal: { code: 'too-large', message: 'refusing to unpack it' },
    bounds: { bytesInflated: 0 },
  });

  // Bytes after the end of a link's deflate stream: one zero, and a whole second stream.
  const raw = decodeBase64Url(link) as Uint8Array;
  const secondStream = deflateSync(new Uint8Array(1024));
  for (const [what, extra] of [
    ['one zero byte', Uint8Array.of(0)],
    ['a second deflate stream', secondStream],
  ] as const) {
    inputs.push({
      name: `link: ${what} after the deflate stream`,
      fault: 'trailing bytes',
      input: { link: encodeBase64Url(concatBytes([raw, extra])) },
      refusal: { code: 'corrupt', message: 'bytes after the end of the compressed data' },
      bounds: { bytesInflated: 2 * MAX_SHARE_BODY_BYTES },
    });
  }
  return inputs;
}
