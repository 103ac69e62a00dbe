/** Seeded weight initialisation for the Learn models (no unseeded randomness: runs repeat exactly). */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../envs/rng';

let serial = 0;
/** tfjs registers variables by name globally: several models of one kind need distinct names. */
function uniqueName(name: string): string {
  return `${name}_${serial++}`;
}

/** A trainable variable filled with U(-limit, limit) draws from `rng`. */
export function uniformVariable(rng: Rng, shape: number[], limit: number, name: string): tf.Variable {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(size);
  for (let i = 0; i < size; i++) data[i] = rng.uniform(-limit, limit);
  const init = tf.tensor(data, shape);
  const variable = tf.variable(init, true, uniqueName(name));
  init.dispose();
  return variable;
}

/** A trainable variable filled with one value (biases, layer-norm gains). */
export function constantVariable(shape: number[], value: number, name: string): tf.Variable {
  const init = tf.fill(shape, value);
  const variable = tf.variable(init, true, uniqueName(name));
  init.dispose();
  return variable;
}

/** Glorot/Xavier uniform limit for a fan-in × fan-out matrix. */
export function glorotLimit(fanIn: number, fanOut: number): number {
  return Math.sqrt(6 / (fanIn + fanOut));
}
