import { describe, expect, it } from 'vitest';
import { zlibSync } from 'fflate';
import { encodeMnistAsset, readMnistPackage } from '../../scripts/mnist-asset.mjs';
import {
  decodeMnistAsset,
  decodeMnistResponse,
  MnistAssetError,
  MNIST_PIXELS,
  splitMnist,
} from '../../src/generative/mnist-asset';

describe('MNIST asset', () => {
  const digits = readMnistPackage();
  const asset = encodeMnistAsset(digits);
  const decoded = decodeMnistAsset(asset);

  it('is compact: under 2 MB for the 10,000 digits', () => {
    expect(decoded.labels.length).toBe(10_000);
    expect(asset.length).toBeLessThan(2_000_000);
  });

  it('decodes to exactly the package numbers, digit by digit and pixel by pixel', () => {
    let digit = 0;
    for (const { label, raw } of digits) {
      for (let start = 0; start < raw.length; start += MNIST_PIXELS, digit++) {
        expect(decoded.labels[digit]).toBe(label);
        for (let i = 0; i < MNIST_PIXELS; i++) {
          const value = decoded.levels[decoded.indices[digit * MNIST_PIXELS + i]!];
          if (value !== raw[start + i])
            throw new Error(`digit ${digit} pixel ${i}: ${value} ≠ ${raw[start + i]}`);
        }
      }
    }
    expect(digit).toBe(10_000);
  });

  it('splits into 8,000 train and 2,000 test digits with every class in both', () => {
    const { train, test } = splitMnist(decoded);
    expect(train.count + test.count).toBe(10_000);
    expect(test.count).toBeGreaterThanOrEqual(1_990);
    for (let label = 0; label < 10; label++) {
      const inTest = test.labels.filter((l) => l === label).length;
      const inTrain = train.labels.filter((l) => l === label).length;
      expect(inTest).toBeGreaterThan(150);
      expect(inTrain).toBeGreaterThan(4 * inTest - 5);
    }
    // The first test digit is the package's 5th zero.
    expect(Array.from(test.pixels.subarray(0, MNIST_PIXELS))).toEqual(
      digits[0]!.raw.slice(4 * 784, 5 * 784).map(Math.fround),
    );
  });

  it('refuses truncated, foreign and corrupt bytes with a clear error', () => {
    expect(() => decodeMnistAsset(asset.subarray(0, 1000))).toThrow(MnistAssetError);
    expect(() =>
      decodeMnistAsset(zlibSync(new TextEncoder().encode('not mnist at all, not at all'))),
    ).toThrow(/truncated/);
    const foreign = zlibSync(new Uint8Array(12 + 2048).fill(65));
    expect(() => decodeMnistAsset(foreign)).toThrow(/Expected an MNST v1 asset/);
  });

  it('decodes a response to the same digits with the platform inflater and with fflate', async () => {
    const native = await decodeMnistResponse(new Response(asset as Uint8Array<ArrayBuffer>), true);
    const fallback = await decodeMnistResponse(new Response(asset as Uint8Array<ArrayBuffer>), false);
    for (const other of [native, fallback]) {
      expect(other.levels).toEqual(decoded.levels);
      expect(other.labels).toEqual(decoded.labels);
      expect(Buffer.from(other.indices).equals(Buffer.from(decoded.indices))).toBe(true);
    }
  });

  it('refuses a corrupt or truncated download with a clear error, on either inflater', async () => {
    const corrupt = asset.slice();
    corrupt.fill(7, 100, 400);
    for (const native of [true, false]) {
      await expect(
        decodeMnistResponse(new Response(corrupt as Uint8Array<ArrayBuffer>), native),
      ).rejects.toThrow(MnistAssetError);
      await expect(
        decodeMnistResponse(new Response(asset.subarray(0, 5000) as Uint8Array<ArrayBuffer>), native),
      ).rejects.toThrow(MnistAssetError);
    }
  });

  it('splits exactly as a digit-by-digit reference does: same digits, labels and float32 pixels', () => {
    const { train, test } = splitMnist(decoded);
    const seen = new Array<number>(10).fill(0);
    const rows = { train: 0, test: 0 };
    decoded.labels.forEach((label, digit) => {
      const set = seen[label]!++ % 5 === 4 ? 'test' : 'train';
      const target = set === 'test' ? test : train;
      const row = rows[set]++;
      expect(target.labels[row]).toBe(label);
      for (let i = 0; i < MNIST_PIXELS; i++) {
        const want = Math.fround(decoded.levels[decoded.indices[digit * MNIST_PIXELS + i]!]!);
        if (target.pixels[row * MNIST_PIXELS + i] !== want)
          throw new Error(`digit ${digit} pixel ${i}: ${target.pixels[row * MNIST_PIXELS + i]} ≠ ${want}`);
      }
    });
    expect(rows).toEqual({ train: train.count, test: test.count });
    expect(train.pixels.length).toBe(train.count * MNIST_PIXELS);
    expect(test.pixels.length).toBe(test.count * MNIST_PIXELS);
  });
});
