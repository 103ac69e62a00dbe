import { describe, expect, it } from 'vitest';
import { ENV_IDS, listEnvs, makeEnv, makeEnvFromConfig } from '../../src/envs/registry';
import { checkEnv, ENV_CHECKS, type CheckEnvOptions, type EnvFactory } from './check-env';

interface Case extends CheckEnvOptions {
  label: string;
  make: EnvFactory;
}

const CASES: Case[] = [
  ...ENV_IDS.map((id) => ({ label: `${id} (defaults)`, make: () => makeEnv(id) })),
  {
    label: 'FrozenLake-v1 8x8 slippery',
    make: () => makeEnv('FrozenLake-v1', { map: '8x8', isSlippery: true }),
  },
  {
    label: 'FrozenLake-v1 4x4 solid ice',
    make: () => makeEnv('FrozenLake-v1', { map: '4x4', isSlippery: false }),
    stochastic: false,
  },
  {
    label: 'FrozenLake-v1 custom map',
    make: () => makeEnv('FrozenLake-v1', { map: ['SFFH', 'FHFF', 'FFFG'] }),
  },
  { label: 'Snake-v0 grid 10x10', make: () => makeEnv('Snake-v0', { observation: 'grid' }) },
  { label: 'Snake-v0 grid 5x7', make: () => makeEnv('Snake-v0', { rows: 5, cols: 7, observation: 'grid' }) },
  { label: 'Catch-v0 pixels', make: () => makeEnv('Catch-v0', { observation: 'pixels' }) },
  { label: 'Catch-v0 16x8, 3 balls', make: () => makeEnv('Catch-v0', { rows: 16, cols: 8, balls: 3 }) },
];

describe.each(CASES)('checkEnv: $label', ({ make, label: _label, ...options }) => {
  for (const [name, check] of Object.entries(ENV_CHECKS)) {
    it(name, () => check(make, options));
  }
});

describe('checkEnv itself', () => {
  it('every registered game passes it in one call', () => {
    for (const id of ENV_IDS) expect(() => checkEnv(() => makeEnv(id))).not.toThrow();
  });

  it('fails an env whose observations leave their space', () => {
    const make = () => {
      const env = makeEnv('CartPole-v1');
      const step = env.step.bind(env);
      env.step = (action) => ({ ...step(action), observation: Float32Array.of(99, 0, 0, 0) });
      return env;
    };
    expect(() => ENV_CHECKS['shapes and spaces'](make)).toThrow(/outside its space/);
  });

  it('fails an env whose reset ignores the seed', () => {
    let calls = 0;
    const make = () => {
      const env = makeEnv('MountainCar-v0');
      const reset = env.reset.bind(env);
      // Every env gets a different seed, whatever the caller asks for.
      env.reset = () => reset({ seed: calls++ });
      return env;
    };
    expect(() => ENV_CHECKS.determinism(make)).toThrow();
  });

  it('fails an env whose reset() without a seed reseeds', () => {
    const make = () => {
      const env = makeEnv('CartPole-v1');
      const reset = env.reset.bind(env);
      env.reset = (options) => reset({ seed: options?.seed ?? 31337 });
      return env;
    };
    expect(() => ENV_CHECKS.seeding(make)).toThrow();
  });

  it('fails an env that never truncates', () => {
    const make = () => {
      const env = makeEnv('MountainCar-v0');
      const step = env.step.bind(env);
      env.step = (action) => ({ ...step(action), truncated: false });
      return env;
    };
    expect(() => ENV_CHECKS['episode limits'](make)).toThrow();
  });
});

describe('registry', () => {
  it('lists every id once, in order, with its default spec', () => {
    const infos = listEnvs();
    expect(infos.map((info) => info.id)).toEqual([...ENV_IDS]);
    expect(ENV_IDS).toEqual(['CartPole-v1', 'MountainCar-v0', 'FrozenLake-v1', 'Snake-v0', 'Catch-v0']);
    for (const info of infos) {
      expect(info.spec.id).toBe(info.id);
      expect(info.description).toBe(info.spec.description);
      expect(info.presets.length).toBeGreaterThan(0);
      for (const preset of info.presets) expect(() => makeEnv(info.id, preset.options)).not.toThrow();
    }
    const frozen = infos.find((info) => info.id === 'FrozenLake-v1')!;
    expect(frozen.options.map((option) => option.key)).toEqual(['map', 'isSlippery']);
  });

  it('rejects an unknown id with the list of known ids', () => {
    expect(() => makeEnvFromConfig('Pong-v5')).toThrow(
      'Unknown environment id "Pong-v5"; known ids: CartPole-v1, MountainCar-v0, FrozenLake-v1, Snake-v0, Catch-v0',
    );
  });

  it('rejects unknown or badly typed options with a clear message', () => {
    expect(() => makeEnvFromConfig('CartPole-v1', { gravity: 3 })).toThrow(
      'Unknown option "gravity" for CartPole-v1; expected no options',
    );
    expect(() => makeEnvFromConfig('Snake-v0', { size: 3 })).toThrow(
      'Unknown option "size" for Snake-v0; expected one of rows, cols, observation',
    );
    expect(() => makeEnv('Snake-v0', { rows: 2 })).toThrow(
      'Expected Snake-v0 option rows to be an integer in [4, 32], got 2',
    );
    expect(() => makeEnvFromConfig('Catch-v0', { observation: 'rgb' })).toThrow(
      'Expected Catch-v0 option observation to be one of features, pixels, got "rgb"',
    );
    expect(() => makeEnvFromConfig('FrozenLake-v1', { isSlippery: 'yes' })).toThrow(
      'Expected FrozenLake-v1 option isSlippery to be true or false, got "yes"',
    );
    expect(() => makeEnvFromConfig('Catch-v0', 5)).toThrow('Expected an options object for Catch-v0, got 5');
    // The typed makeEnv checks at run time too (JavaScript callers, casts).
    expect(() => makeEnv('Pong-v5' as 'CartPole-v1')).toThrow('Unknown environment id "Pong-v5"');
    expect(() => makeEnv('Snake-v0', { rows: 33 })).toThrow(
      'Expected Snake-v0 option rows to be an integer in [4, 32], got 33',
    );
  });

  it('makes independent instances with the spec for their options', () => {
    const a = makeEnv('Snake-v0', { rows: 6, cols: 8, observation: 'grid' });
    const b = makeEnv('Snake-v0');
    expect(a.spec.observationSpace.shape).toEqual([48]);
    expect(b.spec.observationSpace.shape).toEqual([11]);
    a.reset({ seed: 1 });
    b.reset({ seed: 1 });
    a.step(0);
    expect(a.elapsedSteps).toBe(1);
    expect(b.elapsedSteps).toBe(0);
    expect(makeEnv('FrozenLake-v1', { map: '8x8' }).spec.maxEpisodeSteps).toBe(200);
  });
});
