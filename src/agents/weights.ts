/**
 * Weights as plain data: named float32 arrays with shapes, so they cross workers, go into IndexedDB or a
 * link, and load into a model built from the same config.
 */
import * as tf from '@tensorflow/tfjs';
import type { NamedWeight } from '../storage/checkpoint';

export type { NamedWeight } from '../storage/checkpoint';

/**
 * Copies every weight of `model` (trainable or not) out as `${prefix}/${layer}/${weight}`, reading
 * synchronously: only for models on the CPU backend (seeded initial weights, tests). A training loop uses
 * readModelWeights, which WebGPU supports.
 */
export function exportModelWeights(model: tf.LayersModel, prefix: string): NamedWeight[] {
  return model.weights.map((w) => {
    const value = w.read();
    // dataSync may hand back the backend's own buffer: copy it.
    return {
      name: `${prefix}/${w.originalName}`,
      shape: value.shape.slice(),
      data: Float32Array.from(value.dataSync()),
    };
  });
}

/** Copies every weight of `model` out as exportModelWeights does, reading back asynchronously (any backend). */
export function readModelWeights(model: tf.LayersModel, prefix: string): Promise<NamedWeight[]> {
  // All reads are issued at once: on a GPU each one waits for the device, and they can overlap.
  return Promise.all(
    model.weights.map(async (w) => {
      const value = w.read();
      return {
        name: `${prefix}/${w.originalName}`,
        shape: value.shape.slice(),
        data: Float32Array.from(await value.data()),
      };
    }),
  );
}

/**
 * Loads weights named `${prefix}/...` into `model`. Every model weight must be present with the right shape;
 * extra entries with other prefixes are ignored. Assigns in place (no new variables).
 */
export function importModelWeights(
  model: tf.LayersModel,
  weights: readonly NamedWeight[],
  prefix: string,
): void {
  const byName = new Map(weights.map((w) => [w.name, w]));
  const values = model.weights.map((w) => {
    const name = `${prefix}/${w.originalName}`;
    const entry = byName.get(name);
    if (entry === undefined) throw new Error(`Expected a weight named ${name}, got none`);
    const expectedShape = w.shape.map((d) => d ?? -1);
    if (entry.shape.length !== expectedShape.length || entry.shape.some((d, i) => d !== expectedShape[i])) {
      throw new Error(`Expected ${name} of shape [${expectedShape}], got [${entry.shape}]`);
    }
    const size = expectedShape.reduce((a, b) => a * b, 1);
    if (entry.data.length !== size)
      throw new Error(`Expected ${size} values for ${name}, got ${entry.data.length}`);
    for (let i = 0; i < entry.data.length; i++) {
      if (!Number.isFinite(entry.data[i]))
        throw new Error(`Expected finite values in ${name}, got ${entry.data[i]}`);
    }
    return entry;
  });
  tf.tidy(() => {
    model.weights.forEach((w, i) => w.write(tf.tensor(values[i].data, values[i].shape, 'float32')));
  });
}

/** Hard copy θ_to ← θ_from by assignment (the target keeps its own variables). */
export function copyModelWeights(from: tf.LayersModel, to: tf.LayersModel): void {
  tf.tidy(() => {
    to.weights.forEach((w, i) => w.write(from.weights[i].read()));
  });
}

/** Polyak averaging θ_to ← τ·θ_from + (1 − τ)·θ_to. */
export function softUpdateModelWeights(from: tf.LayersModel, to: tf.LayersModel, tau: number): void {
  tf.tidy(() => {
    to.weights.forEach((w, i) => {
      if (!w.trainable) return;
      w.write(tf.add(tf.mul(from.weights[i].read(), tau), tf.mul(w.read(), 1 - tau)));
    });
  });
}
