/**
 * The standard TensorFlow.js Layers format (what `model.save('downloads://…')` writes and stock
 * `tf.loadLayersModel` reads): model.json = { modelTopology, format: 'layers-model', generatedBy, convertedBy,
 * weightsManifest: [{ paths: ['weights.bin'], weights: [{ name, shape, dtype }] }] } + weights.bin, the
 * float32 values of those weights, little-endian, concatenated in manifest order.
 * Nothing comes from tfjs, not even types: the topology is taken from the caller's model through its own
 * save(), whose shape is described below (a tfjs LayersModel fits it).
 */
import * as v from 'valibot';
import { bytesOf, concatBytes, copyBytes } from './binary';
import type { JsonRecord, NamedWeight } from './checkpoint';
import { CheckpointError, guardAsync } from './errors';
import { assertJson, jsonBytes, parseJsonBytes } from './json';
import { MAX_JSON_TEXT_BYTES, MAX_TENSORS } from './limits';
import * as s from './schemas';
import { parseWith, show } from './validate';

export const LAYERS_MODEL_FORMAT = 'layers-model';
export const WEIGHTS_FILE = 'weights.bin';

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

/** What a model's save() reports, minus the weight values (those come from the checkpoint). */
export interface LayersTopology {
  /** Keras-style JSON of the architecture (`model.toJSON(null, false)`). */
  modelTopology: JsonRecord;
  /** Names, shapes and order of the weights, as tfjs expects them in weights.bin. */
  weightSpecs: WeightSpec[];
  /** e.g. 'TensorFlow.js tfjs-layers v4.22.0'. */
  generatedBy: string;
}

export interface LayersModelJson {
  modelTopology: JsonRecord;
  format: typeof LAYERS_MODEL_FORMAT;
  generatedBy: string;
  convertedBy: null;
  weightsManifest: [{ paths: [typeof WEIGHTS_FILE]; weights: WeightSpec[] }];
}

const weightSpec = v.strictObject({ name: s.weightName, shape: s.shape, dtype: v.literal('float32') });

const modelJsonSchema = v.object({
  modelTopology: s.jsonObject,
  format: v.literal(LAYERS_MODEL_FORMAT),
  generatedBy: v.pipe(v.string(), v.maxLength(256)),
  convertedBy: v.nullable(v.pipe(v.string(), v.maxLength(256))),
  weightsManifest: v.tuple([
    v.strictObject({
      paths: v.tuple([v.literal(WEIGHTS_FILE)]),
      weights: s.boundedArray(weightSpec, MAX_TENSORS),
    }),
  ]),
});

/** What a tfjs model hands its save handler (the parts of `tf.io.ModelArtifacts` read here). */
export interface SavedArtifacts {
  modelTopology?: object | ArrayBuffer;
  weightSpecs?: { name: string; shape: number[]; dtype: string; quantization?: unknown }[];
  generatedBy?: string;
}

/** What a tfjs save handler answers (`tf.io.SaveResult`). */
interface SaveResult {
  modelArtifactsInfo: { dateSaved: Date; modelTopologyType: 'JSON' };
}

/** A model that saves itself through a handler: a tfjs `LayersModel`, described without importing tfjs. */
export interface SavableModel {
  save(handler: { save(artifacts: SavedArtifacts): Promise<SaveResult> }): Promise<unknown>;
}

/**
 * The topology and weight specs of `model`, exactly as tfjs writes them, obtained through model.save() with
 * an in-memory handler (tf.io.withSaveHandler does the same; a plain object keeps tfjs out of this module).
 */
export function captureLayersTopology(model: SavableModel): Promise<LayersTopology> {
  return guardAsync('Cannot read the model topology', 'invalid', async () => {
    let captured: SavedArtifacts | undefined;
    await model.save({
      save: async (artifacts: SavedArtifacts): Promise<SaveResult> => {
        captured = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      },
    });
    const artifacts = captured;
    if (!artifacts || artifacts.modelTopology instanceof ArrayBuffer || !artifacts.weightSpecs) {
      throw new CheckpointError('invalid', 'Expected a Layers model with a JSON topology');
    }
    const weightSpecs = artifacts.weightSpecs.map((w): WeightSpec => {
      if (w.dtype !== 'float32' || w.quantization) {
        throw new CheckpointError('invalid', `Expected float32 weights, got ${w.name} as ${w.dtype}`);
      }
      return { name: w.name, shape: w.shape.slice(), dtype: 'float32' };
    });
    // A JSON round trip makes the topology plain data (it crosses workers and goes into a file).
    const modelTopology: unknown = JSON.parse(JSON.stringify(artifacts.modelTopology));
    assertJson(modelTopology, 'Model topology');
    return {
      modelTopology: modelTopology as JsonRecord,
      weightSpecs,
      generatedBy: artifacts.generatedBy ?? 'TensorFlow.js',
    };
  });
}

export function layersModelJson(topology: LayersTopology): LayersModelJson {
  return {
    modelTopology: topology.modelTopology,
    format: LAYERS_MODEL_FORMAT,
    generatedBy: topology.generatedBy,
    convertedBy: null,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: topology.weightSpecs }],
  };
}

export function modelJsonBytes(topology: LayersTopology): Uint8Array {
  return jsonBytes(layersModelJson(topology));
}

/** weights.bin for `weights`, in the order and with the shapes the specs name; every weight exactly once. */
export function packWeights(
  network: string,
  weights: readonly NamedWeight[],
  specs: readonly WeightSpec[],
): Uint8Array {
  const byName = new Map(weights.map((w) => [w.name, w]));
  const parts = specs.map((spec) => {
    const w = byName.get(spec.name);
    if (!w)
      throw new CheckpointError(
        'invalid',
        `networks.${network}: the model has ${spec.name}, the checkpoint does not`,
      );
    if (w.shape.length !== spec.shape.length || w.shape.some((d, i) => d !== spec.shape[i])) {
      throw new CheckpointError(
        'invalid',
        `networks.${network}: ${spec.name} is [${w.shape}] here, [${spec.shape}] in the model`,
      );
    }
    byName.delete(spec.name);
    return bytesOf(w.data);
  });
  const extra = [...byName.keys()][0];
  if (extra !== undefined)
    throw new CheckpointError('invalid', `networks.${network}: the model has no weight ${show(extra)}`);
  return concatBytes(parts);
}

/** Reads and validates a model.json from outside. */
export function parseLayersModelJson(bytes: Uint8Array, what: string): LayersModelJson {
  const json = parseJsonBytes(bytes, what, MAX_JSON_TEXT_BYTES);
  return parseWith(modelJsonSchema, json, what) as LayersModelJson;
}

/** Weights from weights.bin, given sizes already checked against the limits and the file length. */
export function unpackWeights(
  specs: readonly WeightSpec[],
  sizes: readonly number[],
  bin: Uint8Array,
): NamedWeight[] {
  let offset = 0;
  return specs.map((spec, i) => {
    const data = new Float32Array(copyBytes(bin, offset, sizes[i] * 4));
    offset += sizes[i] * 4;
    return { name: spec.name, shape: spec.shape.slice(), data };
  });
}
