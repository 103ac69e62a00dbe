import { deflateSync, inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  concatBytes,
  crc32,
  decodeBase64Url,
  encodeBase64Url,
  readUint32,
  uint32Bytes,
} from '../../src/storage/binary';
import type { Checkpoint } from '../../src/storage/checkpoint';
import {
  dequantize,
  quantize,
  quantizationErrorBound,
  quantizedBytes,
  QUANTIZATIONS,
  type Quantization,
} from '../../src/storage/quantize';
import {
  decodeShareLink,
  encodeShareLink,
  MAX_SHARE_PAYLOAD_CHARS,
  quantizeCheckpoint,
  SHARE_LINK_MAX_CHARS,
  shareLinkFits,
} from '../../src/storage/share-link';
import { CheckpointError } from '../../src/storage/validate';
import { makeDqnCheckpoint, makeGanCheckpoint } from './fixtures';

/** The pieces of a payload, to tamper with them and re-encode a well-formed link around the damage. */
function openPayload(payload: string): { header: Record<string, unknown>; weights: Uint8Array } {
  const bytes = decodeBase64Url(payload) as Uint8Array;
  const body = inflateSync(bytes.subarray(1));
  const length = readUint32(body, 4);
  const header = JSON.parse(new TextDecoder().decode(body.subarray(8, 8 + length))) as Record<
    string,
    unknown
  >;
  return { header, weights: body.subarray(8 + length) };
}

function sealPayload(header: unknown, weights: Uint8Array, version = 1): string {
  const head = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const rest = concatBytes([uint32Bytes(head.length), head, weights]);
  const body = concatBytes([uint32Bytes(crc32(rest)), rest]);
  return encodeBase64Url(concatBytes([Uint8Array.of(version), deflateSync(body)]));
}

function rejectionOf(input: string): CheckpointError {
  try {
    decodeShareLink(input);
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointError);
    return error as CheckpointError;
  }
  throw new Error('expected the link to be rejected');
}

function maxError(original: Checkpoint, decoded: Checkpoint, q: Quantization, network: string): number {
  let worst = 0;
  const decodedWeights = decoded.networks[network].weights;
  original.networks[network].weights.forEach((w, i) => {
    const got = decodedWeights[i].data;
    let maxAbs = 0;
    for (const x of w.data) maxAbs = Math.max(maxAbs, Math.abs(x));
    const scale = Math.fround(maxAbs / 127);
    for (let j = 0; j < w.data.length; j++) {
      const error = Math.abs(got[j] - w.data[j]);
      expect(error).toBeLessThanOrEqual(quantizationErrorBound(w.data[j], q, scale));
      worst = Math.max(worst, error);
    }
  });
  return worst;
}

describe('share links', () => {
  const dqn = makeDqnCheckpoint();

  it('round-trips a CartPole DQN (4-64-64-2) at every quantization and reports the size', () => {
    const sizes: Record<string, number> = {};
    for (const quantization of QUANTIZATIONS) {
      const link = encodeShareLink(dqn, { quantization, extraMetrics: { 'share/verifiedMeanReturn': 500 } });
      sizes[quantization] = link.length;
      expect(link.hash.startsWith('#/share/')).toBe(true);
      expect(link.length).toBe(link.hash.length);
      expect(link.weightCount).toBe(4 * 64 + 64 + 64 * 64 + 64 + 64 * 2 + 2);
      expect(link.fits).toBe(link.length + 100 <= SHARE_LINK_MAX_CHARS);

      const decoded = decodeShareLink(`https://example.org/app/${link.hash}`);
      expect(decoded.quantization).toBe(quantization);
      const cp = decoded.checkpoint;
      expect(Object.keys(cp.networks)).toEqual(['online']); // the target stays home
      expect(cp.config).toEqual(dqn.config);
      expect(cp.subject).toEqual(dqn.subject);
      expect(cp.counters).toEqual(dqn.counters);
      expect(cp.metrics.latest['share/verifiedMeanReturn']).toBe(500);
      expect(cp.optimizers).toEqual({});
      const worst = maxError(dqn, cp, quantization, 'online');
      if (quantization === 'float32') {
        expect(cp.networks.online).toEqual(dqn.networks.online); // bit for bit
        expect(worst).toBe(0);
      } else {
        expect(worst).toBeGreaterThan(0);
      }
    }
    console.info(`CartPole DQN 4-64-64-2 share link length: ${JSON.stringify(sizes)}`);
    expect(sizes.float16).toBeLessThan(sizes.float32 * 0.6);
    expect(sizes.int8).toBeLessThan(sizes.float16 * 0.6);
    expect(sizes.int8).toBeLessThan(SHARE_LINK_MAX_CHARS);
  });

  it('round-trips a GAN generator, and the discriminator when asked', () => {
    const gan = makeGanCheckpoint();
    const link = encodeShareLink(gan, { quantization: 'float16', networks: ['generator', 'discriminator'] });
    const { checkpoint } = decodeShareLink(link.hash);
    expect(checkpoint.kind).toBe('gan');
    expect(Object.keys(checkpoint.networks)).toEqual(['generator', 'discriminator']);
    expect(checkpoint.config).toEqual(gan.config);
    maxError(gan, checkpoint, 'float16', 'discriminator');
    expect(() => encodeShareLink(gan, { quantization: 'int8', networks: ['critic'] })).toThrow(
      /Cannot share network "critic"/,
    );
  });

  it('gives the weights a recipient would get, for playing them before sharing', () => {
    const quantized = quantizeCheckpoint(dqn, { quantization: 'int8' });
    expect(quantized.networks.online.weights[0].data).not.toEqual(dqn.networks.online.weights[0].data);
    maxError(dqn, quantized, 'int8', 'online');
  });

  it('refuses weights float16 cannot hold, instead of sharing infinities', () => {
    const big = makeDqnCheckpoint();
    big.networks.online.weights[0].data[0] = 1e6;
    expect(() => encodeShareLink(big, { quantization: 'float16' })).toThrow(/beyond float16's range/);
    expect(encodeShareLink(big, { quantization: 'int8' }).length).toBeGreaterThan(0);
  });

  it('says whether a URL fits the link limit', () => {
    expect(shareLinkFits('x'.repeat(SHARE_LINK_MAX_CHARS))).toBe(true);
    expect(shareLinkFits(SHARE_LINK_MAX_CHARS + 1)).toBe(false);
  });
});

describe('decodeShareLink on damaged or hostile input', () => {
  const link = encodeShareLink(makeDqnCheckpoint(), { quantization: 'float16' });
  const { header, weights } = openPayload(link.payload);

  it('rejects truncated links at any length', () => {
    for (const cut of [0, 1, 2, 3, 10, 100, link.payload.length / 2, link.payload.length - 1]) {
      const error = rejectionOf(link.payload.slice(0, Math.floor(cut)));
      expect(['corrupt', 'too-large']).toContain(error.code);
      expect(error.message).toMatch(/^Share link is damaged|Invalid share link/);
    }
  });

  it('rejects flipped bits (checksum, deflate or validation), never throwing anything else', () => {
    const bytes = decodeBase64Url(link.payload) as Uint8Array;
    for (let i = 1; i < bytes.length; i += 29) {
      const flipped = bytes.slice();
      flipped[i] ^= 1 << (i % 8);
      rejectionOf(encodeBase64Url(flipped));
    }
  });

  it('rejects garbage, wrong versions and absurd lengths with clear messages', () => {
    expect(rejectionOf('#/share/').message).toContain('it is empty');
    expect(rejectionOf('not base64!').message).toContain('character " " at position 3 is not base64url');
    expect(rejectionOf('AAAAAAAA').code).toBe('unsupported-version');
    const v9 = sealPayload(header, weights, 9);
    expect(rejectionOf(v9).message).toBe('Share link version 9 is not supported; this app reads version 1');
    const huge = rejectionOf('A'.repeat(MAX_SHARE_PAYLOAD_CHARS + 1));
    expect(huge.code).toBe('too-large');
    expect(rejectionOf(encodeBase64Url(Uint8Array.of(1, 0xff, 0xff, 0xff))).code).toBe('corrupt');
  });

  it('stops a decompression bomb at the size cap', () => {
    const bomb = encodeBase64Url(concatBytes([Uint8Array.of(1), deflateSync(new Uint8Array(17 * 2 ** 20))]));
    expect(bomb.length).toBeLessThan(100_000);
    const error = rejectionOf(bomb);
    expect(error.code).toBe('too-large');
    expect(error.message).toContain('refusing to decode');
  });

  it('rejects a header with prototype-polluting keys', () => {
    const text = JSON.stringify(header).replace('"config":{', '"config":{"__proto__":{"polluted":1},');
    const error = rejectionOf(sealPayload(text, weights));
    expect(error.message).toContain('config: key "__proto__" is not allowed');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('checks the tensor table before allocating: oversized shapes, wrong byte counts, bad scales', () => {
    const tensors = header.tensors as { network: string; name: string; shape: number[]; scale?: number }[];
    const oversized = {
      ...header,
      tensors: [{ ...tensors[0], shape: [1_000_000, 1_000_000] }, ...tensors.slice(1)],
    };
    const big = rejectionOf(sealPayload(oversized, weights));
    expect(big.code).toBe('too-large');
    expect(big.message).toContain('networks.online.weights[0]: shape [1000000,1000000] has more than');

    const reshaped = { ...header, tensors: [{ ...tensors[0], shape: [4, 65] }, ...tensors.slice(1)] };
    expect(rejectionOf(sealPayload(reshaped, weights)).message).toContain('bytes of weights');

    const renamed = { ...header, tensors: [{ ...tensors[0], name: 'hidden_9/kernel' }, ...tensors.slice(1)] };
    expect(rejectionOf(sealPayload(renamed, weights)).message).toContain(
      'networks.online.weights[0]: unexpected weight "hidden_9/kernel"',
    );

    const scaled = { ...header, tensors: [{ ...tensors[0], scale: 2 }, ...tensors.slice(1)] };
    expect(rejectionOf(sealPayload(scaled, weights)).message).toContain('a scale goes with int8 weights');

    const reserved = { ...header, tensors: [{ ...tensors[0], network: 'constructor' }, ...tensors.slice(1)] };
    expect(rejectionOf(sealPayload(reserved, weights)).message).toContain(
      'tensors[0].network: Expected a network name that can be a JSON key (not constructor or prototype)',
    );

    const unknownKind = { ...header, kind: 'diffusion' };
    expect(rejectionOf(sealPayload(unknownKind, weights)).message).toContain('kind');

    expect(rejectionOf(sealPayload('{"kind":', weights)).message).toContain('not valid JSON');
  });

  it('rejects non-finite weights and out-of-range int8 codes', () => {
    const nan = weights.slice();
    nan.set([0x00, 0x7e], 6); // float16 NaN as weight 3 of the first tensor
    expect(rejectionOf(sealPayload(header, nan)).message).toContain(
      'networks.online.weights[0]: value 3 is NaN; weights must be finite',
    );

    const int8 = openPayload(encodeShareLink(makeDqnCheckpoint(), { quantization: 'int8' }).payload);
    const codes = int8.weights.slice();
    codes[5] = 0x80;
    expect(rejectionOf(sealPayload(int8.header, codes)).message).toContain('value 5 is -128');
  });
});

describe('per-channel int8', () => {
  it('keeps a small channel next to a large one, where one scale per tensor rounds it away', () => {
    // A 2×2 kernel: channel 0 holds large weights, channel 1 weights 1000 times smaller.
    const kernel = Float32Array.from([1, 0.001, -0.5, -0.0007]);
    const perTensor = quantize(kernel, 'int8', 'k', [2, 2]);
    const perChannel = quantize(kernel, 'int8-channel', 'k', [2, 2]);
    expect(perChannel.bytes.length).toBe(quantizedBytes('int8-channel', 4, [2, 2]));
    const a = dequantize(perTensor.bytes.slice().buffer, 'int8', 4, perTensor.scale) as Float32Array;
    const b = dequantize(
      perChannel.bytes.slice().buffer,
      'int8-channel',
      4,
      undefined,
      [2, 2],
    ) as Float32Array;
    expect(a[1]).toBe(0); // rounded away
    expect(Math.abs(b[1]! - 0.001)).toBeLessThan(0.001 / 100);
    expect(Math.abs(b[3]! + 0.0007)).toBeLessThan(0.001 / 100);
    expect(Math.abs(b[0]! - 1)).toBeLessThan(1 / 200);
  });

  it('refuses a channel scale that is not finite', () => {
    const bytes = quantize(Float32Array.from([1, 2]), 'int8-channel', 'b', [2]).bytes.slice();
    bytes[0] = 0x00;
    bytes[1] = 0x7c; // float16 +Infinity
    expect(dequantize(bytes.buffer, 'int8-channel', 2, undefined, [2])).toMatch(
      /channel scale 0 is Infinity/,
    );
  });
});
