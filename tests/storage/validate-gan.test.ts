import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CLUSTERS,
  DEFAULT_GRID,
  DEFAULT_LINE,
  DEFAULT_RING,
  DEFAULT_SPIRAL,
  DEFAULT_TWO_MOONS,
} from '../../src/generative/distributions';
import { DEFAULT_GAN_CONFIG } from '../../src/generative/gan-config';
import { checkGanConfig, ganWeightShapes, parseDistributionSpec } from '../../src/storage/validate-gan';

describe('2-D GAN validation', () => {
  it('accepts every preset target and the user’s own points', () => {
    for (const spec of [
      DEFAULT_RING,
      DEFAULT_GRID,
      DEFAULT_TWO_MOONS,
      DEFAULT_SPIRAL,
      DEFAULT_LINE,
      DEFAULT_CLUSTERS,
    ])
      expect(parseDistributionSpec(structuredClone(spec), 'spec')).toEqual(spec);
    const custom = { kind: 'custom', points: [0, 0, 1, 1], jitter: 0.02 };
    expect(parseDistributionSpec(custom, 'spec')).toEqual(custom);
  });

  it('refuses unknown kinds, extra fields, non-finite or oversized values, with the field named', () => {
    expect(() => parseDistributionSpec({ kind: 'heart' }, 'spec')).toThrow(/spec: kind/);
    expect(() => parseDistributionSpec({ ...DEFAULT_RING, extra: 1 }, 'spec')).toThrow(
      /extra: unexpected field/,
    );
    expect(() => parseDistributionSpec({ ...DEFAULT_RING, radius: Infinity }, 'spec')).toThrow(/radius/);
    expect(() => parseDistributionSpec({ ...DEFAULT_GRID, size: 1000 }, 'spec')).toThrow(/size/);
    expect(() =>
      parseDistributionSpec({ kind: 'custom', points: new Array(20_002).fill(0), jitter: 0 }, 'spec'),
    ).toThrow(/points/);
    expect(() => parseDistributionSpec({ kind: 'clusters', modes: [] }, 'spec')).toThrow(/modes/);
  });

  it('checks a config’s keys and ranges, and derives Gan2d’s weight shapes from it', () => {
    expect(checkGanConfig(structuredClone(DEFAULT_GAN_CONFIG), 'cp')).toEqual(DEFAULT_GAN_CONFIG);
    expect(() => checkGanConfig({ ...DEFAULT_GAN_CONFIG, noiseDim: 0 }, 'cp')).toThrow(
      /cp: config: Expected noiseDim/,
    );
    const { seed: _seed, ...missing } = DEFAULT_GAN_CONFIG;
    expect(() => checkGanConfig(missing, 'cp')).toThrow(/seed: missing field/);
    const shapes = ganWeightShapes(DEFAULT_GAN_CONFIG);
    expect([...shapes.generator]).toEqual([
      ['dense_0/kernel', [2, 32]],
      ['dense_0/bias', [32]],
      ['dense_1/kernel', [32, 32]],
      ['dense_1/bias', [32]],
      ['dense_2/kernel', [32, 2]],
      ['dense_2/bias', [2]],
    ]);
    expect(shapes.discriminator.get('dense_2/kernel')).toEqual([32, 1]);
  });
});
