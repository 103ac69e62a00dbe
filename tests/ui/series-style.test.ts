import { describe, expect, it } from 'vitest';
import { seriesStyle, swatchFor } from '../../src/ui/components/series-style';

describe('seriesStyle', () => {
  it('gives the first 16 series distinct (colour, dash) pairs', () => {
    const pairs = new Set(
      Array.from({ length: 16 }, (_, i) => `${seriesStyle(i).color}|${seriesStyle(i).dash.join(',')}`),
    );
    expect(pairs.size).toBe(16);
  });

  it('makes neighbouring series differ in colour and in dash', () => {
    for (let i = 0; i < 40; i++) {
      const a = seriesStyle(i);
      const b = seriesStyle(i + 1);
      expect(a.color).not.toBe(b.color);
      expect(a.dash.join(',')).not.toBe(b.dash.join(','));
      expect(a.swatch).not.toBe(b.swatch);
    }
  });

  it('tells the first four runs apart without colour', () => {
    const swatches = [0, 1, 2, 3].map((i) => seriesStyle(i).swatch);
    expect(new Set(swatches).size).toBe(4);
    expect(seriesStyle(0).dash).toEqual([]);
  });

  it('hands out copies, so a caller cannot change the next chart', () => {
    seriesStyle(1).dash.push(99);
    expect(seriesStyle(1).dash).not.toContain(99);
  });
});

describe('swatchFor', () => {
  it('maps a dash back to its legend swatch', () => {
    for (let i = 0; i < 4; i++) expect(swatchFor(seriesStyle(i).dash)).toBe(seriesStyle(i).swatch);
    expect(swatchFor(undefined)).toBe('solid');
    expect(swatchFor([3, 9])).toBe('dashed');
  });
});
