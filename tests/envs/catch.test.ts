import { describe, expect, it } from 'vitest';
import { CatchSim, catchRewardThreshold, type CatchOptions } from '../../src/envs/catch/sim';
import { makeEnv } from '../../src/envs/registry';

const LEFT = 0;
const STAY = 1;
const RIGHT = 2;

function setUp(state: { paddleX: number; ballX: number; ballY: number }, options = {}) {
  const sim = new CatchSim(options);
  sim.reset({ seed: 0 });
  sim.setState(state);
  return sim;
}

describe('Catch-v0 rewards', () => {
  it('gives +1 when the ball lands on the paddle, 0 while it falls', () => {
    const sim = setUp({ paddleX: 2, ballX: 2, ballY: 0 });
    for (let t = 1; t < 9; t++) expect(sim.step(STAY)).toMatchObject({ reward: 0, terminated: false });
    expect(sim.step(STAY)).toMatchObject({ reward: 1, terminated: false, info: { caught: true } });
    expect(sim.snapshot()).toMatchObject({
      caught: 1,
      missed: 0,
      ballsLeft: 9,
      lastOutcome: { result: 'caught', x: 2 },
    });
  });

  it('gives -1 when the ball lands beside the paddle', () => {
    const sim = setUp({ paddleX: 0, ballX: 4, ballY: 5 });
    for (let t = 6; t < 9; t++) expect(sim.step(STAY).reward).toBe(0);
    expect(sim.step(STAY)).toMatchObject({ reward: -1, info: { caught: false } });
    expect(sim.snapshot()).toMatchObject({ caught: 0, missed: 1, lastOutcome: { result: 'missed', x: 4 } });
  });

  it('moves the paddle left, right, and not past the edges', () => {
    const sim = setUp({ paddleX: 1, ballX: 0, ballY: 0 });
    sim.step(LEFT);
    expect(sim.snapshot().paddleX).toBe(0);
    sim.step(LEFT);
    expect(sim.snapshot().paddleX).toBe(0);
    sim.step(RIGHT);
    expect(sim.snapshot().paddleX).toBe(1);
    expect(sim.snapshot().ballY).toBe(3);
  });

  it('drops the next ball at the top right after one lands', () => {
    const sim = setUp({ paddleX: 2, ballX: 2, ballY: 8 });
    sim.step(STAY);
    expect(sim.snapshot()).toMatchObject({ ballY: 0, ballsLeft: 9 });
    sim.step(STAY);
    expect(sim.snapshot().lastOutcome).toBeNull();
  });
});

describe('Catch-v0 episodes', () => {
  it('lasts exactly balls × (rows - 1) steps, one ±1 reward per ball, ending terminated', () => {
    const env = makeEnv('Catch-v0');
    expect(env.spec.maxEpisodeSteps).toBe(91);
    env.reset({ seed: 3 });
    const rewards: number[] = [];
    let result;
    do {
      result = env.step(STAY);
      rewards.push(result.reward);
    } while (!result.terminated && !result.truncated);
    expect(rewards).toHaveLength(90);
    expect(result).toMatchObject({ terminated: true, truncated: false });
    expect(rewards.filter((r) => r !== 0)).toHaveLength(10);
    const { caught, missed, ballsLeft } = env.snapshot();
    expect(caught + missed).toBe(10);
    expect(ballsLeft).toBe(0);
    expect(rewards.reduce((a, b) => a + b, 0)).toBe(caught - missed);
  });

  it('a paddle that follows the ball catches every ball, beating the reward threshold', () => {
    const boards: CatchOptions[] = [{}, { rows: 6, cols: 6, balls: 20 }];
    for (const options of boards) {
      const env = makeEnv('Catch-v0', options);
      for (let seed = 0; seed < 5; seed++) {
        env.reset({ seed });
        let total = 0;
        let result;
        do {
          const { paddleX, ballX } = env.snapshot();
          result = env.step(ballX < paddleX ? LEFT : ballX > paddleX ? RIGHT : STAY);
          total += result.reward;
        } while (!result.terminated && !result.truncated);
        expect(total).toBe(env.snapshot().ballsTotal);
        expect(total).toBeGreaterThanOrEqual(env.spec.rewardThreshold!);
      }
    }
  });

  it('sets the threshold at 90% of the balls caught', () => {
    expect(catchRewardThreshold(10)).toBe(8);
    expect(catchRewardThreshold(1)).toBe(1);
    expect(catchRewardThreshold(20)).toBe(16);
    expect(makeEnv('Catch-v0').spec.rewardThreshold).toBe(8);
  });
});

describe('Catch-v0 observations and options', () => {
  it('features: paddle x, ball x, ball y scaled to [0, 1]', () => {
    const sim = setUp({ paddleX: 2, ballX: 4, ballY: 2 });
    expect(Array.from(sim.step(LEFT).observation)).toEqual([0.25, 1, Math.fround(3 / 9)]);
  });

  it('pixels: the ball and the paddle as ones on a rows × cols grid', () => {
    const sim = setUp({ paddleX: 2, ballX: 4, ballY: 2 }, { observation: 'pixels' });
    const observation = sim.step(RIGHT).observation;
    const expected = new Float32Array(50);
    expected[3 * 5 + 4] = 1;
    expected[9 * 5 + 3] = 1;
    expect(observation).toEqual(expected);
  });

  it('draws ball columns with the env RNG over the whole width', () => {
    const columns = new Set<number>();
    const env = makeEnv('Catch-v0', { cols: 7 });
    for (let seed = 0; seed < 50; seed++) {
      env.reset({ seed });
      columns.add(env.snapshot().ballX);
    }
    expect([...columns].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('rejects boards where some balls cannot be caught', () => {
    expect(() => makeEnv('Catch-v0', { rows: 5, cols: 6 })).toThrow(
      'Expected Catch-v0 cols <= rows so that every ball can be caught, got 6 cols and 5 rows',
    );
    expect(() => new CatchSim().setState({ paddleX: 5, ballX: 0, ballY: 0 })).toThrow(
      'Expected paddleX to be an integer in [0, 5), got 5',
    );
  });
});
