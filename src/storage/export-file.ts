/**
 * A checkpoint as one zip file that a user keeps or attaches:
 *   <network>/model.json + <network>/weights.bin   the standard TensorFlow.js Layers format, per network
 *   checkpoint.bin                                  weights of networks with no Layers topology (a custom
 *                                                   RNN or transformer), optimizer slots and replay,
 *                                                   float32 etc. little-endian, in that order
 *   checkpoint.json                                 everything else; tensors referenced, not duplicated,
 *                                                   with the size and CRC-32 of each binary file
 * Importing reads only those names, refuses a zip bomb before inflating, and validates the result.
 */
import { zipSync, type Zippable } from 'fflate';
import * as v from 'valibot';
import { bytesOf, concatBytes, copyBytes, crc32 } from './binary';
import type { Checkpoint, CheckpointReplay, NamedWeight, NetworkWeights } from './checkpoint';
import { CheckpointError, guard } from './errors';
import { jsonBytes, parseJsonBytes } from './json';
import { MAX_JSON_TEXT_BYTES, MAX_NETWORKS, MAX_REPLAY_VALUES, MAX_TENSORS, MAX_ZIP_ENTRIES } from './limits';
import { readZipDirectory, type ZipEntry } from './safe-unzip';
import * as s from './schemas';
import {
  modelJsonBytes,
  packWeights,
  parseLayersModelJson,
  unpackWeights,
  type LayersModelJson,
  type LayersTopology,
  type WeightSpec,
} from './tfjs-format';
import {
  checkTensorTable,
  parseWith,
  upgradeCheckpoint,
  validateCheckpoint,
  type TensorEntry,
} from './validate';

export const CHECKPOINT_JSON = 'checkpoint.json';
export const CHECKPOINT_BIN = 'checkpoint.bin';
export const modelPath = (network: string): string => `${network}/model.json`;
export const weightsPath = (network: string): string => `${network}/weights.bin`;

/** The only names ever inflated from an imported zip. */
function isExpectedName(name: string): boolean {
  return (
    name === CHECKPOINT_JSON ||
    name === CHECKPOINT_BIN ||
    /^[A-Za-z][A-Za-z0-9_]{0,31}\/(model\.json|weights\.bin)$/.test(name)
  );
}

const fileRef = v.strictObject({ bytes: s.nonNegativeInteger, crc32: s.uint32 });
const replayHeader = v.strictObject({
  ...s.replaySizes,
  prioritized: v.boolean(),
  /** Whether checkpoint.bin holds the steps of each transition (n-step returns; files before them do not). */
  steps: v.optional(v.boolean()),
  maxPriority: v.optional(s.finiteNumber),
});
const manifestSchema = v.strictObject({
  ...v.omit(s.checkpoint, ['networks', 'optimizers', 'replay']).entries,
  networks: s.namedRecord(
    s.networkName,
    // A Layers model in its own folder, or (no Layers topology) weights listed here, stored in checkpoint.bin.
    v.union([
      v.strictObject({ model: v.string() }),
      v.strictObject({ weights: s.boundedArray(s.tensorSpec, MAX_TENSORS) }),
    ]),
    MAX_NETWORKS,
  ),
  optimizers: s.namedRecord(s.networkName, s.boundedArray(s.tensorSpec, MAX_TENSORS), MAX_NETWORKS),
  replay: v.optional(replayHeader),
  files: s.namedRecord(v.string(), fileRef, MAX_ZIP_ENTRIES),
});
type Manifest = v.InferOutput<typeof manifestSchema>;

/** The typed arrays of a replay buffer in file order, with their element types. */
const REPLAY_ARRAYS = [
  ['observations', Float32Array],
  ['nextObservations', Float32Array],
  ['actions', Int32Array],
  ['rewards', Float32Array],
  ['terminated', Uint8Array],
  ['priorities', Float64Array],
  // After the older arrays, so that files written before n-step returns read as they did.
  ['steps', Uint8Array],
] as const;

function replayLengths(
  r: NonNullable<Manifest['replay']>,
): Record<(typeof REPLAY_ARRAYS)[number][0], number> {
  const o = r.size * r.obsSize;
  return {
    observations: o,
    nextObservations: o,
    actions: r.size,
    rewards: r.size,
    terminated: r.size,
    priorities: r.prioritized ? r.size : 0,
    steps: r.steps === true ? r.size : 0,
  };
}

/** A file name for the download: the checkpoint's name reduced to safe characters. */
export function checkpointFileName(checkpoint: Pick<Checkpoint, 'name'>): string {
  const base = checkpoint.name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'checkpoint'}.zip`;
}

/** Topologies for a checkpoint none of whose networks has a Layers topology: all go into checkpoint.bin. */
export function withoutLayersTopologies(checkpoint: Pick<Checkpoint, 'networks'>): Record<string, null> {
  return Object.fromEntries(Object.keys(checkpoint.networks).map((network) => [network, null]));
}

/**
 * Writes the zip. `topologies` holds, per network, what captureLayersTopology() read from a model of the same
 * architecture (DQN's online and target share one), or null for a network that no stock Layers model computes
 * (its weights then go into checkpoint.bin, listed in checkpoint.json). Throws only CheckpointError.
 */
export function exportCheckpointFile(
  checkpoint: Checkpoint,
  topologies: Readonly<Record<string, LayersTopology | null>>,
): Uint8Array {
  return guard('Cannot export the checkpoint', 'invalid', () => {
    const cp = validateCheckpoint(checkpoint, 'Cannot export this checkpoint');
    const files: Zippable = {};
    const refs: Manifest['files'] = {};
    const addBinary = (path: string, data: Uint8Array): void => {
      files[path] = [data, { level: 1 }];
      refs[path] = { bytes: data.length, crc32: crc32(data) };
    };

    const networks: Manifest['networks'] = {};
    const parts: Uint8Array[] = [];
    for (const [network, { weights }] of Object.entries(cp.networks)) {
      const topology = Object.hasOwn(topologies, network) ? topologies[network] : undefined;
      if (topology === null) {
        networks[network] = { weights: weights.map((w) => ({ name: w.name, shape: w.shape })) };
        for (const w of weights) parts.push(bytesOf(w.data));
        continue;
      }
      if (!topology) {
        throw new CheckpointError(
          'invalid',
          `Cannot export network ${network}: no model topology was given for it`,
        );
      }
      files[modelPath(network)] = [modelJsonBytes(topology), { level: 6 }];
      addBinary(weightsPath(network), packWeights(network, weights, topology.weightSpecs));
      networks[network] = { model: modelPath(network) };
    }

    const optimizers: Manifest['optimizers'] = {};
    for (const [name, slots] of Object.entries(cp.optimizers)) {
      optimizers[name] = slots.map((w) => ({ name: w.name, shape: w.shape }));
      for (const w of slots) parts.push(bytesOf(w.data));
    }
    let replay: Manifest['replay'];
    if (cp.replay) {
      const r = cp.replay as CheckpointReplay & { priorities?: Float64Array; maxPriority?: number };
      const { capacity, obsSize, size, position } = r;
      replay = { capacity, obsSize, size, position, prioritized: r.priorities !== undefined };
      if (r.steps !== undefined) replay.steps = true;
      if (r.maxPriority !== undefined) replay.maxPriority = r.maxPriority;
      for (const [key] of REPLAY_ARRAYS) {
        const array = r[key];
        if (array) parts.push(bytesOf(array));
      }
    }
    addBinary(CHECKPOINT_BIN, concatBytes(parts));

    const { networks: _networks, optimizers: _optimizers, replay: _replay, ...rest } = cp;
    const manifest = {
      ...rest,
      networks,
      optimizers,
      ...(replay ? { replay } : {}),
      files: refs,
    };
    files[CHECKPOINT_JSON] = [jsonBytes(manifest), { level: 6 }];
    // A fixed time stamp keeps the file the same byte for byte when exported twice (zip needs ≥ 1980).
    const time = Date.parse(cp.createdAt);
    return zipSync(files, { mtime: time >= Date.UTC(1980, 1, 1) ? time : Date.UTC(1980, 1, 1) });
  });
}

function corrupt(what: string, message: string): CheckpointError {
  return new CheckpointError('corrupt', `${what}: ${message}`);
}

/**
 * A binary file, present, of the size its tables need (checked on the zip's directory, before inflating it),
 * and of the recorded checksum. `needs` names the table that sets the size.
 */
function binaryFile(
  zip: Map<string, ZipEntry>,
  manifest: Manifest,
  path: string,
  expected: number,
  needs: string,
  what: string,
): Uint8Array {
  const entry = zip.get(path);
  if (!entry) throw corrupt(what, `${path} is missing`);
  const ref = manifest.files[path];
  if (!ref) throw corrupt(what, `checkpoint.json does not list ${path}`);
  if (entry.size !== expected)
    throw corrupt(what, `${path} holds ${entry.size} bytes, ${needs} needs ${expected}`);
  if (ref.bytes !== entry.size) throw corrupt(what, `${path} is damaged (checksum mismatch)`);
  const data = entry.read();
  if (crc32(data) !== ref.crc32) throw corrupt(what, `${path} is damaged (checksum mismatch)`);
  return data;
}

/** A JSON entry, refused by its declared size before it is inflated. */
function jsonEntry(zip: Map<string, ZipEntry>, path: string, what: string): Uint8Array | undefined {
  const entry = zip.get(path);
  if (!entry) return undefined;
  if (entry.size > MAX_JSON_TEXT_BYTES) {
    throw new CheckpointError(
      'too-large',
      `${what}: ${path} declares ${entry.size} bytes, at most ${MAX_JSON_TEXT_BYTES} allowed`,
    );
  }
  return entry.read();
}

/** The weight specs of each network stored as a Layers model (from its model.json), in manifest order. */
function readNetworkSpecs(
  zip: Map<string, ZipEntry>,
  manifest: Manifest,
  what: string,
): Map<string, WeightSpec[]> {
  const specs = new Map<string, WeightSpec[]>();
  for (const [network, entry] of Object.entries(manifest.networks)) {
    if (!('model' in entry)) continue;
    const { model } = entry;
    if (model !== modelPath(network))
      throw corrupt(
        what,
        `networks.${network}.model: expected ${modelPath(network)}, got ${JSON.stringify(model)}`,
      );
    const bytes = jsonEntry(zip, model, what);
    if (!bytes) throw corrupt(what, `${model} is missing`);
    specs.set(network, parseLayersModelJson(bytes, `${what}: ${model}`).weightsManifest[0].weights);
  }
  return specs;
}

/**
 * Reads a file written by exportCheckpointFile back into a validated checkpoint. Throws only CheckpointError.
 * Order of work: the zip's directory; checkpoint.json and each model.json (each at most MAX_JSON_TEXT_BYTES,
 * by declared size); every tensor table against the limits; each binary's declared size against its tables;
 * only then the binaries are inflated, each at most to its declared size.
 */
export function importCheckpointFile(bytes: Uint8Array): Checkpoint {
  const what = 'Invalid checkpoint file';
  return guard(what, 'corrupt', () => {
    if (!(bytes instanceof Uint8Array)) throw corrupt(what, 'expected the bytes of a file');
    const zip = readZipDirectory(bytes, isExpectedName, what);
    const json = jsonEntry(zip, CHECKPOINT_JSON, what);
    if (!json) throw corrupt(what, `no ${CHECKPOINT_JSON} inside (not a playground checkpoint)`);
    const where = `${what}: ${CHECKPOINT_JSON}`;
    const manifest = parseWith(
      manifestSchema,
      upgradeCheckpoint(parseJsonBytes(json, where, MAX_JSON_TEXT_BYTES), where),
      where,
    );
    const specs = readNetworkSpecs(zip, manifest, what);
    const binNetworks = Object.entries(manifest.networks).flatMap(([network, entry]) =>
      'weights' in entry ? [[network, entry.weights] as const] : [],
    );

    // Every size is checked on the tables before any array is allocated.
    const entries: TensorEntry[] = [];
    for (const [network, list] of specs)
      list.forEach((w, i) => entries.push({ path: `networks.${network}.weights[${i}]`, ...w }));
    for (const [network, list] of binNetworks)
      list.forEach((w, i) => entries.push({ path: `networks.${network}.weights[${i}]`, ...w }));
    for (const [name, list] of Object.entries(manifest.optimizers))
      list.forEach((w, i) => entries.push({ path: `optimizers.${name}[${i}]`, ...w }));
    const sizes = checkTensorTable(entries, what);
    let replayBytes = 0;
    const r = manifest.replay;
    if (r) {
      if (r.size > r.capacity)
        throw new CheckpointError(
          'invalid',
          `${what}: replay: size ${r.size} exceeds capacity ${r.capacity}`,
        );
      if (r.capacity * r.obsSize > MAX_REPLAY_VALUES) {
        throw new CheckpointError(
          'too-large',
          `${what}: replay: ${r.capacity} × ${r.obsSize} values, at most ${MAX_REPLAY_VALUES} allowed`,
        );
      }
      const lengths = replayLengths(r);
      for (const [key, Type] of REPLAY_ARRAYS) replayBytes += lengths[key] * Type.BYTES_PER_ELEMENT;
    }

    let k = 0;
    const networks: Record<string, NetworkWeights> = Object.create(null) as Record<string, NetworkWeights>;
    for (const [network, list] of specs) {
      const own = sizes.slice(k, k + list.length);
      k += list.length;
      const expected = own.reduce((n, size) => n + size * 4, 0);
      const bin = binaryFile(zip, manifest, weightsPath(network), expected, 'model.json', what);
      networks[network] = { weights: unpackWeights(list, own, bin) };
    }

    const tensorBytes = sizes.slice(k).reduce((n, size) => n + size * 4, 0);
    const bin = binaryFile(zip, manifest, CHECKPOINT_BIN, tensorBytes + replayBytes, 'checkpoint.json', what);
    let offset = 0;
    const readTensors = (list: readonly { name: string; shape: number[] }[]): NamedWeight[] =>
      list.map((w) => {
        const size = sizes[k++];
        const data = new Float32Array(copyBytes(bin, offset, size * 4));
        offset += size * 4;
        return { name: w.name, shape: w.shape.slice(), data };
      });
    // Networks in the manifest's order, whichever file holds them.
    const binWeights = new Map(binNetworks.map(([network, list]) => [network, readTensors(list)]));
    const ordered: Record<string, NetworkWeights> = Object.create(null) as Record<string, NetworkWeights>;
    for (const network of Object.keys(manifest.networks))
      ordered[network] = networks[network] ?? { weights: binWeights.get(network)! };
    const optimizers: Record<string, NamedWeight[]> = Object.create(null) as Record<string, NamedWeight[]>;
    for (const [name, list] of Object.entries(manifest.optimizers)) optimizers[name] = readTensors(list);
    let replay: Record<string, unknown> | undefined;
    if (r) {
      const lengths = replayLengths(r);
      replay = { capacity: r.capacity, obsSize: r.obsSize, size: r.size, position: r.position };
      for (const [key, Type] of REPLAY_ARRAYS) {
        if (key === 'priorities' && !r.prioritized) continue;
        if (key === 'steps' && r.steps !== true) continue;
        const length = lengths[key] * Type.BYTES_PER_ELEMENT;
        replay[key] = new Type(copyBytes(bin, offset, length));
        offset += length;
      }
      if (r.maxPriority !== undefined) replay.maxPriority = r.maxPriority;
    }

    const {
      files: _files,
      networks: _networks,
      optimizers: _optimizers,
      replay: _replay,
      ...rest
    } = manifest;
    return validateCheckpoint(
      { ...rest, networks: ordered, optimizers, ...(replay ? { replay } : {}) },
      what,
    );
  });
}

/**
 * One network of an exported file as stock tfjs reads it: the parsed model.json and weights.bin. Feed them to
 * `tf.io.getModelArtifactsForJSON` (or `tf.io.fromMemory`) and `tf.loadLayersModel`.
 */
export function readLayersModelFile(
  bytes: Uint8Array,
  network: string,
): { modelJson: LayersModelJson; weightData: ArrayBuffer } {
  const what = 'Invalid checkpoint file';
  return guard(what, 'corrupt', () => {
    const zip = readZipDirectory(
      bytes,
      (name) => name === modelPath(network) || name === weightsPath(network),
      what,
    );
    const binEntry = zip.get(weightsPath(network));
    const json = binEntry && jsonEntry(zip, modelPath(network), what);
    if (!json || !binEntry) throw corrupt(what, `no network ${JSON.stringify(network)} inside`);
    const modelJson = parseLayersModelJson(json, `${what}: ${modelPath(network)}`);
    const list = modelJson.weightsManifest[0].weights;
    const sizes = checkTensorTable(
      list.map((w, i) => ({ path: `${modelPath(network)} weights[${i}]`, ...w })),
      what,
    );
    const expected = sizes.reduce((n, size) => n + size * 4, 0);
    if (binEntry.size !== expected)
      throw corrupt(
        what,
        `${weightsPath(network)} holds ${binEntry.size} bytes, model.json needs ${expected}`,
      );
    const bin = binEntry.read();
    return { modelJson, weightData: copyBytes(bin, 0, bin.length) };
  });
}
