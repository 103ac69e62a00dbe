import { describe, expect, it } from 'vitest';
import { FROZEN_LAKE_MAPS, FrozenLakeSim, validateFrozenLakeMap } from '../../src/envs/gridworld/sim';
import { makeEnv, makeEnvFromConfig } from '../../src/envs/registry';

const LEFT = 0;
const DOWN = 1;
const RIGHT = 2;
const UP = 3;

/** Index of the single 1 in a one-hot observation. */
const position = (observation: Float32Array) => observation.indexOf(1);

describe('FrozenLake-v1 maps and spec', () => {
  it('ships Gymnasium’s 4x4 and 8x8 maps', () => {
    expect(FROZEN_LAKE_MAPS['4x4']).toEqual(['SFFF', 'FHFH', 'FFFH', 'HFFG']);
    expect(FROZEN_LAKE_MAPS['8x8']).toEqual([
      'SFFFFFFF',
      'FFFFFFFF',
      'FFFHFFFF',
      'FFFFFHFF',
      'FFFHFFFF',
      'FHHFFFHF',
      'FHFFHFHF',
      'FFFHFFFG',
    ]);
  });

  it('uses Gymnasium’s time limits and thresholds, and a one-hot observation', () => {
    const small = makeEnv('FrozenLake-v1');
    expect(small.spec).toMatchObject({ maxEpisodeSteps: 100, rewardThreshold: 0.7 });
    expect(small.spec.observationSpace.shape).toEqual([16]);
    expect(small.spec.actionNames).toEqual(['Left', 'Down', 'Right', 'Up']);
    const large = makeEnv('FrozenLake-v1', { map: '8x8' });
    expect(large.spec).toMatchObject({ maxEpisodeSteps: 200, rewardThreshold: 0.85 });
    expect(large.spec.observationSpace.shape).toEqual([64]);
    const custom = makeEnv('FrozenLake-v1', { map: ['SFFFFFFFFF', 'FFFFFFFFFG'] });
    expect(custom.spec).toMatchObject({ maxEpisodeSteps: 100, rewardThreshold: null });
    // Larger custom maps get 3 steps per tile.
    const big = ['S' + 'F'.repeat(11), ...Array<string>(10).fill('F'.repeat(12)), 'F'.repeat(11) + 'G'];
    expect(makeEnv('FrozenLake-v1', { map: big }).spec.maxEpisodeSteps).toBe(432);
  });

  it('is slippery by default, as in Gymnasium', () => {
    expect((makeEnv('FrozenLake-v1').unwrapped as FrozenLakeSim).isSlippery).toBe(true);
  });

  it('starts on S with a one-hot observation and info.prob = 1', () => {
    const env = makeEnv('FrozenLake-v1', { map: ['FFF', 'FSF', 'HFG'] });
    const { observation, info } = env.reset({ seed: 0 });
    expect(Array.from(observation)).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(info).toEqual({ prob: 1 });
    expect(env.snapshot()).toMatchObject({ row: 1, col: 1, rows: 3, cols: 3, tile: 'S', lastAction: null });
  });
});

describe('FrozenLake-v1 on solid ice', () => {
  it('walks the safe path to G: reward 1 only there, terminated only there', () => {
    const env = makeEnv('FrozenLake-v1', { map: '4x4', isSlippery: false });
    env.reset({ seed: 0 });
    const path = [RIGHT, RIGHT, DOWN, DOWN, DOWN, RIGHT];
    const cells = [1, 2, 6, 10, 14, 15];
    path.forEach((action, i) => {
      const result = env.step(action);
      expect(position(result.observation)).toBe(cells[i]);
      const last = i === path.length - 1;
      expect(result).toMatchObject({
        reward: last ? 1 : 0,
        terminated: last,
        truncated: false,
        info: { prob: 1 },
      });
    });
    expect(env.snapshot()).toMatchObject({ row: 3, col: 3, tile: 'G', lastAction: RIGHT, lastMove: RIGHT });
  });

  it('ends with reward 0 in a hole', () => {
    const env = makeEnv('FrozenLake-v1', { isSlippery: false });
    env.reset();
    expect(env.step(DOWN)).toMatchObject({ reward: 0, terminated: false });
    expect(env.step(RIGHT)).toMatchObject({ reward: 0, terminated: true, truncated: false });
    expect(env.snapshot().tile).toBe('H');
  });

  it('stays in place when walking into the edge', () => {
    const env = makeEnv('FrozenLake-v1', { isSlippery: false });
    env.reset();
    expect(position(env.step(LEFT).observation)).toBe(0);
    expect(position(env.step(UP).observation)).toBe(0);
  });

  it('keeps H and G absorbing on the raw sim (reward 0, still terminated)', () => {
    const sim = new FrozenLakeSim({ map: ['SG', 'FF'], isSlippery: false });
    sim.reset();
    expect(sim.step(RIGHT)).toMatchObject({ reward: 1, terminated: true });
    expect(sim.step(LEFT)).toMatchObject({ reward: 0, terminated: true });
    expect(sim.snapshot().col).toBe(1);
  });

  it('truncates at the time limit when walking into a wall forever', () => {
    const env = makeEnv('FrozenLake-v1', { isSlippery: false });
    env.reset();
    for (let t = 1; t <= 100; t++) expect(env.step(UP).truncated).toBe(t === 100);
  });
});

describe('FrozenLake-v1 on slippery ice', () => {
  it('moves in the intended direction or either perpendicular one, each with probability 1/3', () => {
    const sim = new FrozenLakeSim({ map: ['FFF', 'FSF', 'FFG'] });
    sim.reset({ seed: 42 });
    const trials = 6000;
    for (const action of [LEFT, DOWN, RIGHT, UP]) {
      const counts = [0, 0, 0, 0];
      for (let i = 0; i < trials; i++) {
        sim.reset();
        const { info } = sim.step(action);
        expect(info.prob).toBeCloseTo(1 / 3, 15);
        counts[info.move as number]! += 1;
      }
      // Never the opposite direction; the other three about 1/3 each (4 standard deviations: ±0.024).
      expect(counts[(action + 2) % 4]).toBe(0);
      for (const move of [(action + 3) % 4, action, (action + 1) % 4]) {
        expect(Math.abs(counts[move]! / trials - 1 / 3)).toBeLessThan(0.024);
      }
    }
  });

  it('moves to the cell of the direction it slipped to', () => {
    const sim = new FrozenLakeSim({ map: ['FFF', 'FSF', 'FFG'] });
    const target = { [LEFT]: 3, [DOWN]: 7, [RIGHT]: 5, [UP]: 1 } as Record<number, number>;
    for (let seed = 0; seed < 30; seed++) {
      sim.reset({ seed });
      const { observation, info } = sim.step(DOWN);
      expect(position(observation)).toBe(target[info.move as number]);
    }
  });

  it('always reaches G on a hole-free map, with reward 1 there', () => {
    const env = makeEnv('FrozenLake-v1', { map: ['SF', 'FG'] });
    let wins = 0;
    for (let seed = 0; seed < 50; seed++) {
      env.reset({ seed });
      let result;
      do result = env.step(env.elapsedSteps % 2 === 0 ? RIGHT : DOWN);
      while (!result.terminated && !result.truncated);
      if (result.terminated) {
        expect(result.reward).toBe(1);
        wins += 1;
      }
    }
    expect(wins).toBe(50);
  });
});

describe('FrozenLake-v1 custom map validation', () => {
  const cases: [unknown, string][] = [
    ['SFFG', 'Expected a FrozenLake map as an array of strings, got "SFFG"'],
    [['SF', 3], 'Expected a FrozenLake map as an array of strings'],
    [['SG'], 'Expected a FrozenLake map with 2 to 16 rows, got 1'],
    [Array(17).fill('SG'), 'Expected a FrozenLake map with 2 to 16 rows, got 17'],
    [['S', 'G'], 'Expected a FrozenLake map with 2 to 16 columns, got 1'],
    [['SFF', 'FG'], 'Expected a rectangular FrozenLake map: row 0 has 3 tiles but row 1 has 2'],
    [['SF', 'FX'], 'Expected FrozenLake tiles S, F, H or G, got "X" at row 1, column 1'],
    [['FF', 'FG'], 'Expected exactly one start tile S in the FrozenLake map, got 0'],
    [['SS', 'FG'], 'Expected exactly one start tile S in the FrozenLake map, got 2'],
    [['SF', 'FF'], 'Expected at least one goal tile G in the FrozenLake map, got 0'],
    [
      ['SH', 'HG'],
      'Expected a FrozenLake map where a goal G can be reached from S without crossing a hole H',
    ],
  ];
  it.each(cases)('rejects %j', (map, message) => {
    expect(() => validateFrozenLakeMap(map)).toThrow(message);
    // A string is a map name for makeEnv, checked by the test below.
    if (Array.isArray(map)) expect(() => makeEnvFromConfig('FrozenLake-v1', { map })).toThrow(message);
  });

  it('rejects an unknown map name', () => {
    expect(() => makeEnvFromConfig('FrozenLake-v1', { map: '5x5' })).toThrow(
      'Expected FrozenLake-v1 option map to be 4x4, 8x8 or an array of rows, got "5x5"',
    );
    expect(() => makeEnvFromConfig('FrozenLake-v1', { map: 'toString' })).toThrow(
      'Expected FrozenLake-v1 option map',
    );
  });

  it('accepts a valid map with several goals and copies it', () => {
    const map = ['SFG', 'HFG'];
    const sim = new FrozenLakeSim({ map });
    map[0] = 'XXX';
    expect(sim.snapshot().map).toEqual(['SFG', 'HFG']);
  });
});
