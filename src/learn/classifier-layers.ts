/**
 * The Learn panels' MNIST classifier (classifier.ts) as a stock TensorFlow.js Layers model, for exporting its
 * checkpoint as files that `tf.loadLayersModel` opens: Reshape [28, 28, 1] → Conv2D `conv_1` (8@5×5, 'valid',
 * ReLU) → MaxPooling2D `pool_1` → Conv2D `conv_2` (16@5×5, ReLU) → MaxPooling2D `pool_2` → Flatten → Dense
 * `logits` (10). Our variables already carry these names and Keras's layouts (HWIO kernels, NHWC flattening in
 * row, column, channel order), so the weights go in unchanged. The output is the logits (apply a softmax for
 * class probabilities), as Cnn.logits returns them.
 */
import * as tf from '@tensorflow/tfjs';
import type { Checkpoint } from '../storage/checkpoint';
import { CheckpointError } from '../storage/errors';
import { captureLayersTopology, type LayersTopology } from '../storage/tfjs-format';
import { CLASS_COUNT, IMAGE_PIXELS, IMAGE_SIDE } from './classifier';

export function classifierLayersModel(): tf.Sequential {
  const model = tf.sequential({ name: 'classifier' });
  model.add(
    tf.layers.reshape({
      name: 'image',
      targetShape: [IMAGE_SIDE, IMAGE_SIDE, 1],
      inputShape: [IMAGE_PIXELS],
    }),
  );
  model.add(
    tf.layers.conv2d({ name: 'conv_1', filters: 8, kernelSize: 5, padding: 'valid', activation: 'relu' }),
  );
  model.add(tf.layers.maxPooling2d({ name: 'pool_1', poolSize: 2, strides: 2, padding: 'valid' }));
  model.add(
    tf.layers.conv2d({ name: 'conv_2', filters: 16, kernelSize: 5, padding: 'valid', activation: 'relu' }),
  );
  model.add(tf.layers.maxPooling2d({ name: 'pool_2', poolSize: 2, strides: 2, padding: 'valid' }));
  model.add(tf.layers.flatten({ name: 'flat' }));
  model.add(tf.layers.dense({ name: 'logits', units: CLASS_COUNT }));
  return model;
}

/** The Layers topology of a classifier checkpoint's one network. */
export async function classifierLayersTopologies(
  checkpoint: Checkpoint,
): Promise<Record<string, LayersTopology>> {
  if (checkpoint.kind !== 'classifier')
    throw new CheckpointError(
      'invalid',
      `Cannot export a ${checkpoint.kind} checkpoint as the Learn classifier`,
    );
  const model = classifierLayersModel();
  try {
    const topology = await captureLayersTopology(model);
    return Object.fromEntries(Object.keys(checkpoint.networks).map((network) => [network, topology]));
  } finally {
    model.dispose();
  }
}
