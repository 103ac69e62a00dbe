import { describe, expect, it } from 'vitest';
import { FLOAT32_MAX } from '../../src/envs/core';
import { CartPoleSim, type CartPoleState } from '../../src/envs/cartpole/sim';
import { makeEnv } from '../../src/envs/registry';

/** A reset env and its sim, so that a test can put the system in a known state. */
function setUp(state?: CartPoleState) {
  const env = makeEnv('CartPole-v1');
  env.reset({ seed: 0 });
  const sim = env.unwrapped as CartPoleSim;
  if (state) sim.setState(state);
  return { env, sim };
}

/** Gymnasium's equations written out by hand, with the constants inline. */
function expectedStep([x, xDot, theta, thetaDot]: number[], action: number): number[] {
  const force = action === 1 ? 10 : -10;
  const temp = (force + 0.05 * thetaDot * thetaDot * Math.sin(theta)) / 1.1;
  const thetaAcc =
    (9.8 * Math.sin(theta) - Math.cos(theta) * temp) / (0.5 * (4 / 3 - (0.1 * Math.cos(theta) ** 2) / 1.1));
  const xAcc = temp - (0.05 * thetaAcc * Math.cos(theta)) / 1.1;
  return [x! + 0.02 * xDot!, xDot! + 0.02 * xAcc, theta! + 0.02 * thetaDot!, thetaDot! + 0.02 * thetaAcc];
}

const asArray = (s: CartPoleState) => [s.x, s.xDot, s.theta, s.thetaDot];

describe('CartPole-v1 dynamics', () => {
  it('pushes right from rest by the hand-computed amounts', () => {
    const { env, sim } = setUp({ x: 0, xDot: 0, theta: 0, thetaDot: 0 });
    const result = env.step(1);
    // temp = 10/1.1; thetaAcc = -temp / (0.5 (4/3 - 0.1/1.1)); xAcc = temp - 0.05 thetaAcc / 1.1.
    const temp = 10 / 1.1;
    const thetaAcc = -temp / (0.5 * (4 / 3 - 0.1 / 1.1));
    const xAcc = temp - (0.05 * thetaAcc) / 1.1;
    const state = sim.getState();
    expect(state.x).toBe(0);
    expect(state.theta).toBe(0);
    expect(state.xDot).toBeCloseTo(0.02 * xAcc, 14);
    expect(state.thetaDot).toBeCloseTo(0.02 * thetaAcc, 14);
    expect(state.xDot).toBeCloseTo(0.195122, 6);
    expect(state.thetaDot).toBeCloseTo(-0.292683, 6);
    expect(result).toMatchObject({ reward: 1, terminated: false, truncated: false });
  });

  it('follows the equations for two steps from a tilted, moving state', () => {
    const start = [0.1, -0.2, 0.05, 0.3];
    const { env, sim } = setUp({ x: start[0]!, xDot: start[1]!, theta: start[2]!, thetaDot: start[3]! });
    const afterLeft = expectedStep(start, 0);
    const first = env.step(0);
    asArray(sim.getState()).forEach((v, i) => expect(v).toBeCloseTo(afterLeft[i]!, 14));
    // The observation is the float64 state rounded to float32.
    expect(Array.from(first.observation)).toEqual(asArray(sim.getState()).map(Math.fround));
    const afterRight = expectedStep(afterLeft, 1);
    env.step(1);
    asArray(sim.getState()).forEach((v, i) => expect(v).toBeCloseTo(afterRight[i]!, 14));
    // Action 0 pushes left: the cart's velocity goes down; action 1 then pushes it back up.
    expect(afterLeft[1]!).toBeLessThan(start[1]!);
    expect(afterRight[1]!).toBeGreaterThan(afterLeft[1]!);
  });

  it('keeps the state in float64 between steps', () => {
    const { env, sim } = setUp({ x: 0.1, xDot: 0.1, theta: 0.01, thetaDot: 0.01 });
    env.step(1);
    const { x } = sim.getState();
    expect(x).toBe(0.1 + 0.02 * 0.1);
    expect(x).not.toBe(Math.fround(x));
  });
});

describe('CartPole-v1 termination', () => {
  const threshold = (12 * 2 * Math.PI) / 360;

  it('terminates when the cart passes x = ±2.4, with reward 1 on that step', () => {
    for (const sign of [1, -1]) {
      const { env } = setUp({ x: sign * 2.39, xDot: sign * 1, theta: 0, thetaDot: 0 });
      expect(env.step(1)).toMatchObject({ reward: 1, terminated: true, truncated: false });
    }
  });

  it('does not terminate exactly at the thresholds (strict inequalities)', () => {
    const { env } = setUp({ x: 2.4, xDot: 0, theta: 0, thetaDot: 0 });
    expect(env.step(0).terminated).toBe(false);
    const tilted = setUp({ x: 0, xDot: 0, theta: threshold, thetaDot: 0 });
    expect(tilted.env.step(1).terminated).toBe(false);
  });

  it('terminates when the pole passes ±12 degrees', () => {
    for (const sign of [1, -1]) {
      const { env } = setUp({ x: 0, xDot: 0, theta: sign * (threshold - 0.001), thetaDot: sign * 0.2 });
      expect(env.step(1)).toMatchObject({ reward: 1, terminated: true });
    }
  });

  it('gives 0 reward for steps taken on the raw sim after termination (Gymnasium behaviour)', () => {
    const sim = new CartPoleSim();
    sim.reset({ seed: 3 });
    sim.setState({ x: 2.39, xDot: 1, theta: 0, thetaDot: 0 });
    expect(sim.step(1).reward).toBe(1);
    expect(sim.step(1)).toMatchObject({ reward: 0, terminated: true });
  });

  it('truncates at exactly 500 steps when the pole never falls', () => {
    const { env, sim } = setUp();
    expect(env.spec.maxEpisodeSteps).toBe(500);
    let total = 0;
    for (let t = 1; t <= 500; t++) {
      sim.setState({ x: 0, xDot: 0, theta: 0, thetaDot: 0 });
      const result = env.step(t % 2);
      total += result.reward;
      expect(result.terminated).toBe(false);
      expect(result.truncated).toBe(t === 500);
    }
    expect(total).toBe(500);
    expect(() => env.step(0)).toThrow(/call reset\(\)/);
  });

  it('ends a random-policy episode by termination well before the limit', () => {
    const env = makeEnv('CartPole-v1');
    env.reset({ seed: 11 });
    let result;
    do result = env.step(env.elapsedSteps % 3 === 0 ? 1 : 0);
    while (!result.terminated && !result.truncated);
    expect(result.terminated).toBe(true);
    expect(env.elapsedSteps).toBeLessThan(100);
  });
});

describe('CartPole-v1 reset and spec', () => {
  it('draws every state variable from uniform(-0.05, 0.05)', () => {
    const env = makeEnv('CartPole-v1');
    const values: number[][] = [[], [], [], []];
    for (let seed = 0; seed < 300; seed++) {
      const { observation } = env.reset({ seed });
      observation.forEach((v, i) => values[i]!.push(v));
    }
    for (const column of values) {
      expect(Math.min(...column)).toBeGreaterThanOrEqual(Math.fround(-0.05));
      expect(Math.max(...column)).toBeLessThan(0.05);
      // Spread over the whole interval, not stuck near 0.
      expect(Math.min(...column)).toBeLessThan(-0.045);
      expect(Math.max(...column)).toBeGreaterThan(0.045);
    }
  });

  it('has Gymnasium spaces, actions and thresholds', () => {
    const { spec } = makeEnv('CartPole-v1');
    const theta2 = Math.fround((12 * 2 * Math.PI * 2) / 360);
    expect(Array.from(spec.observationSpace.high)).toEqual(
      [4.8, FLOAT32_MAX, theta2, FLOAT32_MAX].map(Math.fround),
    );
    expect(Array.from(spec.observationSpace.low)).toEqual(
      [-4.8, -FLOAT32_MAX, -theta2, -FLOAT32_MAX].map(Math.fround),
    );
    expect(spec.actionSpace.n).toBe(2);
    expect(spec.actionNames).toEqual(['Push left', 'Push right']);
    expect(spec.rewardThreshold).toBe(475);
  });

  it('rejects non-finite states', () => {
    expect(() => new CartPoleSim().setState({ x: Number.NaN, xDot: 0, theta: 0, thetaDot: 0 })).toThrow(
      'Expected a finite CartPole x, got NaN',
    );
  });
});
