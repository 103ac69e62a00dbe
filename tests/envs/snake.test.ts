import { describe, expect, it } from 'vitest';
import { makeEnv } from '../../src/envs/registry';
import {
  HEADINGS,
  relativeAction,
  SNAKE_ACTIONS,
  SnakeSim,
  turn,
  type Cell,
  type Heading,
} from '../../src/envs/snake/sim';

const { straight: STRAIGHT, left: LEFT, right: RIGHT } = SNAKE_ACTIONS;
const cells = (...pairs: [number, number][]): Cell[] => pairs.map(([row, col]) => ({ row, col }));

function setUp(state: { body: Cell[]; heading: Heading; food: Cell | null }, options = {}) {
  const sim = new SnakeSim(options);
  sim.reset({ seed: 1 });
  sim.setState(state);
  return sim;
}

describe('Snake-v0 movement and food', () => {
  it('starts as three cells in the middle heading right, with food on a free cell', () => {
    const env = makeEnv('Snake-v0');
    env.reset({ seed: 5 });
    const snapshot = env.snapshot();
    expect(snapshot.body).toEqual(cells([5, 5], [5, 4], [5, 3]));
    expect(snapshot.heading).toBe('right');
    expect(snapshot.food).not.toBeNull();
    expect(snapshot.body).not.toContainEqual(snapshot.food);
    expect(snapshot).toMatchObject({ score: 0, dead: false, won: false, hungerLimit: 200 });
  });

  it('moves forward, the tail following, without reward', () => {
    const sim = setUp({ body: cells([5, 5], [5, 4], [5, 3]), heading: 'right', food: { row: 0, col: 0 } });
    expect(sim.step(STRAIGHT)).toMatchObject({ reward: 0, terminated: false, truncated: false });
    expect(sim.snapshot().body).toEqual(cells([5, 6], [5, 5], [5, 4]));
  });

  it('turns relative to its heading', () => {
    const sim = setUp({ body: cells([5, 5], [5, 4], [5, 3]), heading: 'right', food: { row: 0, col: 0 } });
    sim.step(LEFT);
    expect(sim.snapshot()).toMatchObject({ heading: 'up', body: cells([4, 5], [5, 5], [5, 4]) });
    sim.step(RIGHT);
    expect(sim.snapshot()).toMatchObject({ heading: 'right', body: cells([4, 6], [4, 5], [5, 5]) });
    sim.step(RIGHT);
    expect(sim.snapshot()).toMatchObject({ heading: 'down', body: cells([5, 6], [4, 6], [4, 5]) });
  });

  it('eats food: +1, grows by one, and new food appears on a free cell', () => {
    const sim = setUp({ body: cells([5, 5], [5, 4], [5, 3]), heading: 'right', food: { row: 5, col: 6 } });
    const result = sim.step(STRAIGHT);
    expect(result).toMatchObject({ reward: 1, terminated: false, info: { ate: true } });
    const snapshot = sim.snapshot();
    expect(snapshot.body).toEqual(cells([5, 6], [5, 5], [5, 4], [5, 3]));
    expect(snapshot.score).toBe(1);
    expect(snapshot.food).not.toBeNull();
    expect(snapshot.body).not.toContainEqual(snapshot.food);
    // It keeps its new length on the next move.
    sim.step(LEFT);
    expect(sim.snapshot().body).toHaveLength(4);
  });

  it('places food with the env RNG: reproducible per seed, spread over the board', () => {
    const foods = new Set<string>();
    for (let seed = 0; seed < 60; seed++) {
      const a = new SnakeSim();
      const b = new SnakeSim();
      a.reset({ seed });
      b.reset({ seed });
      expect(a.snapshot().food).toEqual(b.snapshot().food);
      foods.add(JSON.stringify(a.snapshot().food));
    }
    expect(foods.size).toBeGreaterThan(30);
  });
});

describe('Snake-v0 endings', () => {
  it('dies on a wall: -1, terminated, the snake stays in place', () => {
    const sim = setUp({ body: cells([5, 9], [5, 8], [5, 7]), heading: 'right', food: { row: 0, col: 0 } });
    expect(sim.step(STRAIGHT)).toMatchObject({
      reward: -1,
      terminated: true,
      truncated: false,
      info: { death: 'wall' },
    });
    expect(sim.snapshot()).toMatchObject({
      dead: true,
      deathCause: 'wall',
      body: cells([5, 9], [5, 8], [5, 7]),
    });
    // The raw sim stays over: no further reward.
    expect(sim.step(STRAIGHT)).toMatchObject({ reward: 0, terminated: true });
  });

  it('dies on the top wall after turning', () => {
    const sim = setUp({ body: cells([0, 5], [0, 4], [0, 3]), heading: 'right', food: { row: 9, col: 9 } });
    expect(sim.step(LEFT)).toMatchObject({ reward: -1, terminated: true, info: { death: 'wall' } });
  });

  it('dies on its own body', () => {
    const body = cells([2, 2], [2, 3], [3, 3], [3, 2], [3, 1]);
    const sim = setUp({ body, heading: 'left', food: { row: 0, col: 0 } });
    // Turning left while heading left goes down, into (3, 2): the body, not the tail.
    expect(sim.step(LEFT)).toMatchObject({ reward: -1, terminated: true, info: { death: 'self' } });
    expect(sim.snapshot().deathCause).toBe('self');
  });

  it('may move into the cell its tail is leaving', () => {
    const sim = setUp({
      body: cells([2, 2], [2, 3], [3, 3], [3, 2]),
      heading: 'left',
      food: { row: 0, col: 0 },
    });
    expect(sim.step(LEFT)).toMatchObject({ reward: 0, terminated: false });
    expect(sim.snapshot().body).toEqual(cells([3, 2], [2, 2], [2, 3], [3, 3]));
  });

  it('wins by filling the board', () => {
    // A 4×4 serpentine of 15 cells, head next to the last free cell (3, 0), which holds the food.
    const path = cells([0, 0], [0, 1], [0, 2], [0, 3], [1, 3], [1, 2], [1, 1], [1, 0]);
    path.push(...cells([2, 0], [2, 1], [2, 2], [2, 3], [3, 3], [3, 2], [3, 1]));
    const sim = setUp(
      { body: path.reverse(), heading: 'left', food: { row: 3, col: 0 } },
      { rows: 4, cols: 4 },
    );
    expect(sim.step(STRAIGHT)).toMatchObject({ reward: 1, terminated: true, info: { won: true } });
    expect(sim.snapshot()).toMatchObject({ won: true, food: null, dead: false });
    expect(sim.snapshot().body).toHaveLength(16);
  });

  it('is truncated (not terminated) after 2 × cells steps without food', () => {
    // Turning right forever circles a 2×2 block of a 4×4 board; the food is out of the way.
    const sim = setUp(
      { body: cells([0, 1], [0, 0], [1, 0]), heading: 'right', food: { row: 3, col: 3 } },
      { rows: 4, cols: 4 },
    );
    expect(sim.hungerLimit).toBe(32);
    for (let t = 1; t <= 32; t++) {
      const result = sim.step(RIGHT);
      expect(result.terminated).toBe(false);
      expect(result.truncated).toBe(t === 32);
      if (t === 32) expect(result.info).toEqual({ starved: true });
    }
  });
});

describe('Snake-v0 observations', () => {
  it('features: danger straight/left/right, heading one-hot, food direction', () => {
    const env = makeEnv('Snake-v0');
    env.reset({ seed: 0 });
    (env.unwrapped as SnakeSim).setState({
      body: cells([5, 5], [5, 4], [5, 3]),
      heading: 'right',
      food: { row: 2, col: 7 },
    });
    const free = env.step(STRAIGHT).observation;
    expect(Array.from(free)).toEqual([0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0]);
    (env.unwrapped as SnakeSim).setState({
      body: cells([1, 9], [2, 9], [3, 9]),
      heading: 'up',
      food: { row: 5, col: 0 },
    });
    // Now heading up in the top-right corner: straight and right are walls, left is free; food is down-left.
    const cornered = env.step(STRAIGHT).observation;
    expect(Array.from(cornered)).toEqual([1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1]);
    // Its own body counts as danger too: heading left along row 0 with the body curling below the head.
    (env.unwrapped as SnakeSim).setState({
      body: cells([0, 6], [0, 7], [1, 7], [1, 6], [1, 5], [1, 4], [1, 3]),
      heading: 'left',
      food: { row: 0, col: 0 },
    });
    const curled = env.step(STRAIGHT).observation;
    // Head (0, 5): straight (0, 4) free, left (down) is (1, 5) the body, right (up) is the wall.
    expect(Array.from(curled.slice(0, 3))).toEqual([0, 1, 1]);
  });

  it('grid: head 1, body fading from 0.8 to 0.3, food -1', () => {
    const env = makeEnv('Snake-v0', { rows: 5, cols: 6, observation: 'grid' });
    env.reset({ seed: 0 });
    (env.unwrapped as SnakeSim).setState({
      body: cells([2, 2], [2, 1], [2, 0]),
      heading: 'right',
      food: { row: 4, col: 5 },
    });
    const observation = env.step(STRAIGHT).observation;
    const expected = new Float32Array(30);
    expected[2 * 6 + 3] = 1;
    expected[2 * 6 + 2] = 0.8;
    expected[2 * 6 + 1] = 0.3;
    expected[4 * 6 + 5] = -1;
    expect(observation).toEqual(expected);
  });
});

describe('Snake-v0 helpers', () => {
  it('maps an arrow key to the relative action that faces it', () => {
    const table: Record<Heading, Record<Heading, number>> = {
      up: { up: STRAIGHT, right: RIGHT, down: STRAIGHT, left: LEFT },
      right: { up: LEFT, right: STRAIGHT, down: RIGHT, left: STRAIGHT },
      down: { up: STRAIGHT, right: LEFT, down: STRAIGHT, left: RIGHT },
      left: { up: RIGHT, right: STRAIGHT, down: LEFT, left: STRAIGHT },
    };
    for (const heading of HEADINGS) {
      for (const desired of HEADINGS) {
        const action = relativeAction(heading, desired);
        expect(action).toBe(table[heading][desired]);
        // Unless it asked to reverse, the snake then faces where the key points.
        if (desired !== turn(turn(heading, RIGHT), RIGHT)) expect(turn(heading, action)).toBe(desired);
      }
    }
  });

  it('rejects impossible states', () => {
    const sim = new SnakeSim();
    expect(() => sim.setState({ body: cells([0, 0], [0, 2]), heading: 'up', food: null })).toThrow(
      'Expected body cells 0 and 1 to be adjacent',
    );
    expect(() => sim.setState({ body: cells([0, 0], [10, 0]), heading: 'up', food: null })).toThrow(
      'Expected a cell on the 10×10 board, got {"row":10,"col":0}',
    );
    expect(() => sim.setState({ body: cells([0, 0]), heading: 'up', food: { row: 0, col: 0 } })).toThrow(
      'Expected the food on a free cell',
    );
  });

  it('sizes the spec from the options', () => {
    const { spec } = makeEnv('Snake-v0', { rows: 6, cols: 8 });
    expect(spec).toMatchObject({ maxEpisodeSteps: 4800, rewardThreshold: 10 });
    expect(spec.observationSpace.shape).toEqual([11]);
    expect(spec.actionNames).toEqual(['Straight', 'Turn left', 'Turn right']);
  });
});
