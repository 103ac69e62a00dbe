/** Loading an exported checkpoint's Layers model the way a stock tfjs program does (tf.io.browserFiles, http). */
import * as tf from '@tensorflow/tfjs';
import { readLayersModelFile } from '../../src/storage/export-file';

/** The network `network` of an exported checkpoint file, opened by tf.loadLayersModel from its model.json. */
export async function loadWithStockTfjs(file: Uint8Array, network: string): Promise<tf.LayersModel> {
  const { modelJson, weightData } = readLayersModelFile(file, network);
  const handler: tf.io.IOHandler = {
    load: () =>
      tf.io.getModelArtifactsForJSON(modelJson as unknown as tf.io.ModelJSON, async (manifest) => [
        manifest.flatMap((group) => group.weights),
        weightData,
      ]),
  };
  return tf.loadLayersModel(handler);
}
