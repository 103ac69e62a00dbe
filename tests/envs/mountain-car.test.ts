import { describe, expect, it } from 'vitest';
import { makeEnv } from '../../src/envs/registry';
import { mountainCarHeight, MountainCarSim, type MountainCarState } from '../../src/envs/mountain-car/sim';

function setUp(state?: MountainCarState) {
  const env = makeEnv('MountainCar-v0');
  env.reset({ seed: 0 });
  const sim = env.unwrapped as MountainCarSim;
  if (state) sim.setState(state);
  return { env, sim };
}

describe('MountainCar-v0 dynamics', () => {
  it('accelerates right from the valley floor by force minus gravity', () => {
    const { env, sim } = setUp({ position: -0.5, velocity: 0 });
    const result = env.step(2);
    // velocity = 0 + (1 * 0.001 + cos(-1.5) * -0.0025); position = -0.5 + velocity.
    const velocity = 0.001 - Math.cos(-1.5) * 0.0025;
    expect(sim.getState().velocity).toBeCloseTo(velocity, 15);
    expect(sim.getState().velocity).toBeCloseTo(0.000823157, 9);
    expect(sim.getState().position).toBeCloseTo(-0.5 + velocity, 15);
    expect(result).toMatchObject({ reward: -1, terminated: false, truncated: false });
    expect(Array.from(result.observation)).toEqual([Math.fround(-0.5 + velocity), Math.fround(velocity)]);
  });

  it('follows two steps with each action by hand', () => {
    const { env, sim } = setUp({ position: -0.3, velocity: 0.01 });
    env.step(0);
    const v1 = 0.01 + (-0.001 + Math.cos(-0.9) * -0.0025);
    const p1 = -0.3 + v1;
    expect(sim.getState().velocity).toBeCloseTo(v1, 15);
    expect(sim.getState().position).toBeCloseTo(p1, 15);
    env.step(1);
    const v2 = v1 + Math.cos(3 * p1) * -0.0025;
    expect(sim.getState().velocity).toBeCloseTo(v2, 15);
    expect(sim.getState().position).toBeCloseTo(p1 + v2, 15);
  });

  it('clips the velocity to ±0.07', () => {
    const { env, sim } = setUp({ position: -1.0, velocity: 0.07 });
    // cos(-3) < 0, so gravity pushes right too: 0.07 + 0.001 + 0.0025 * 0.99 is clipped.
    env.step(2);
    expect(sim.getState()).toEqual({ velocity: 0.07, position: -1.0 + 0.07 });
  });

  it('stops the car dead against the left wall', () => {
    const { env, sim } = setUp({ position: -1.19, velocity: -0.07 });
    env.step(0);
    expect(sim.getState()).toEqual({ position: -1.2, velocity: 0 });
  });

  it('clips the position at the right end', () => {
    const sim = new MountainCarSim();
    sim.setState({ position: 0.59, velocity: 0.07 });
    const result = sim.step(2);
    expect(sim.getState().position).toBe(0.6);
    expect(result.terminated).toBe(true);
  });

  it('terminates on reaching position 0.5 with non-negative velocity', () => {
    const { env } = setUp({ position: 0.49, velocity: 0.015 });
    expect(env.step(2)).toMatchObject({ reward: -1, terminated: true, truncated: false });
    const short = setUp({ position: 0.45, velocity: 0.03 });
    expect(short.env.step(2).terminated).toBe(false);
  });

  it('truncates at exactly 200 steps when the car just coasts', () => {
    const { env } = setUp();
    expect(env.spec.maxEpisodeSteps).toBe(200);
    let total = 0;
    for (let t = 1; t <= 200; t++) {
      const result = env.step(1);
      total += result.reward;
      expect(result.terminated).toBe(false);
      expect(result.truncated).toBe(t === 200);
    }
    expect(total).toBe(-200);
  });

  it('reaches the flag with the energy-pumping policy (push the way it moves)', () => {
    const env = makeEnv('MountainCar-v0');
    let observation = env.reset({ seed: 4 }).observation;
    let result;
    do {
      result = env.step(observation[1]! < 0 ? 0 : 2);
      observation = result.observation;
    } while (!result.terminated && !result.truncated);
    expect(result.terminated).toBe(true);
    expect(observation[0]).toBeGreaterThanOrEqual(0.5);
  });
});

describe('MountainCar-v0 reset and spec', () => {
  it('starts at rest at a position drawn from uniform(-0.6, -0.4)', () => {
    const env = makeEnv('MountainCar-v0');
    const positions: number[] = [];
    for (let seed = 0; seed < 300; seed++) {
      const { observation } = env.reset({ seed });
      expect(observation[1]).toBe(0);
      positions.push(observation[0]!);
    }
    expect(Math.min(...positions)).toBeGreaterThanOrEqual(Math.fround(-0.6));
    expect(Math.max(...positions)).toBeLessThanOrEqual(Math.fround(-0.4));
    expect(Math.min(...positions)).toBeLessThan(-0.59);
    expect(Math.max(...positions)).toBeGreaterThan(-0.41);
  });

  it('has Gymnasium bounds, actions and threshold', () => {
    const { spec } = makeEnv('MountainCar-v0');
    expect(Array.from(spec.observationSpace.low)).toEqual([Math.fround(-1.2), Math.fround(-0.07)]);
    expect(Array.from(spec.observationSpace.high)).toEqual([Math.fround(0.6), Math.fround(0.07)]);
    expect(spec.actionSpace.n).toBe(3);
    expect(spec.rewardThreshold).toBe(-110);
  });

  it('exports the track height for drawing', () => {
    expect(mountainCarHeight(-0.5)).toBeCloseTo(Math.sin(-1.5) * 0.45 + 0.55, 15);
    expect(mountainCarHeight(Math.PI / 6)).toBeCloseTo(1, 15);
  });
});
