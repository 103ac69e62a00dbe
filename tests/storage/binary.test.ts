import { describe, expect, it } from 'vitest';
import {
  crc32,
  decodeBase64Url,
  encodeBase64Url,
  fromFloat16Bits,
  LITTLE_ENDIAN,
  toFloat16Bits,
} from '../../src/storage/binary';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('base64url', () => {
  it('round-trips every length and matches the RFC 4648 alphabet without padding', () => {
    for (let n = 0; n < 40; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n * 11) & 0xff);
      expect(decodeBase64Url(encodeBase64Url(data))).toEqual(data);
    }
    expect(encodeBase64Url(Uint8Array.of(0xfb, 0xff, 0xbf))).toBe('-_-_');
    expect(encodeBase64Url(bytes('foob'))).toBe('Zm9vYg');
  });

  it('rejects foreign characters, impossible lengths and non-canonical endings with a message', () => {
    expect(decodeBase64Url('Zm9v+g')).toMatch(/character "\+" at position 4/);
    expect(decodeBase64Url('Zm9v Yg')).toMatch(/not base64url/);
    expect(decodeBase64Url('Zm9vY')).toMatch(/impossible/);
    expect(decodeBase64Url('Zm9vYh')).toMatch(/not canonical/); // 'h' sets bits that 'g' leaves zero
    expect(decodeBase64Url('Zm9vYg\u00e9')).toMatch(/not base64url/);
  });
});

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(bytes('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('float16', () => {
  it('encodes known values, rounding to nearest even', () => {
    expect(toFloat16Bits(1)).toBe(0x3c00);
    expect(toFloat16Bits(-2)).toBe(0xc000);
    expect(toFloat16Bits(0.1)).toBe(0x2e66);
    expect(toFloat16Bits(65504)).toBe(0x7bff);
    expect(toFloat16Bits(65520)).toBe(0x7c00); // rounds up past the largest half
    expect(toFloat16Bits(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(toFloat16Bits(2 ** -25)).toBe(0x0000); // halfway to zero: ties to even
    expect(toFloat16Bits(3 * 2 ** -25)).toBe(0x0002); // halfway between 1 and 2 ulps: ties to even
    expect(toFloat16Bits(1 + 2 ** -11)).toBe(0x3c00); // halfway: ties to even (down)
    expect(toFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02); // halfway: ties to even (up)
    expect(toFloat16Bits(-0)).toBe(0x8000);
  });

  it('decodes every non-NaN half and encodes it back to the same bits', () => {
    const wrong: number[] = [];
    for (let h = 0; h < 0x10000; h++) {
      const value = fromFloat16Bits(h);
      if (!Number.isNaN(value) && toFloat16Bits(value) !== h) wrong.push(h);
    }
    expect(wrong).toEqual([]);
  });

  it('runs on a little-endian platform, as the codecs assume', () => {
    expect(LITTLE_ENDIAN).toBe(true);
  });
});
