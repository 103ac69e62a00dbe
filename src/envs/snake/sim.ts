/**
 * Snake on a rows × cols board. The snake turns relative to its heading (straight, left, right), grows by one
 * when it eats, and dies on a wall or its own body. Food appears on a free cell drawn with the env's RNG.
 *
 * Rewards: +1 per food, -1 on death, 0 otherwise (no step penalty: the hunger limit already ends aimless
 * loops, and a penalty would make "die early" look attractive). Filling the board wins (terminated, info.won).
 * Hunger: if no food is eaten for `2 × cells` steps, the episode is truncated (info.starved) rather than
 * terminated, because nothing terminal happened to the snake; learners keep bootstrapping from that state.
 * The TimeLimit is a safety net at `100 × cells` steps.
 */
import { assertAction, box, discrete, SimEnv } from '../core';
import type { EnvSpec, ResetResult, StepResult } from '../core';
import { readChoice, readInteger, readOptionRecord } from '../options';

export const SNAKE_ID = 'Snake-v0';

/** Headings in clockwise order, so that a right turn is +1 and a left turn is -1 (mod 4). */
export const HEADINGS = ['up', 'right', 'down', 'left'] as const;
export type Heading = (typeof HEADINGS)[number];

/** Relative actions. */
export const SNAKE_ACTIONS = { straight: 0, left: 1, right: 2 } as const;
export type SnakeAction = (typeof SNAKE_ACTIONS)[keyof typeof SNAKE_ACTIONS];

export type SnakeObservation = 'features' | 'grid';
export const SNAKE_OBSERVATIONS: readonly SnakeObservation[] = ['features', 'grid'];

export const SNAKE_MIN_SIZE = 4;
export const SNAKE_MAX_SIZE = 32;
export const SNAKE_START_LENGTH = 3;

/** Length of the 'features' observation; see `featureObservation` for the layout. */
export const SNAKE_FEATURE_COUNT = 11;

/** Values of the 'grid' observation. Body cells fade from neck to tail so that the heading can be read. */
export const SNAKE_GRID_VALUES = { empty: 0, food: -1, head: 1, neck: 0.8, tail: 0.3 } as const;

export interface SnakeOptions {
  /** Board rows, 4..32. Default 10. */
  rows?: number;
  /** Board columns, 4..32. Default 10. */
  cols?: number;
  /** 'features' (11 floats, default) or 'grid' (rows × cols cells, row-major). */
  observation?: SnakeObservation;
}

export interface Cell {
  row: number;
  col: number;
}

export interface SnakeSnapshot {
  rows: number;
  cols: number;
  /** Head first. */
  body: Cell[];
  heading: Heading;
  /** Null when the board is full. */
  food: Cell | null;
  score: number;
  dead: boolean;
  deathCause: 'wall' | 'self' | null;
  won: boolean;
  stepsSinceFood: number;
  hungerLimit: number;
  lastAction: number | null;
}

const DELTAS: Record<Heading, Cell> = {
  up: { row: -1, col: 0 },
  right: { row: 0, col: 1 },
  down: { row: 1, col: 0 },
  left: { row: 0, col: -1 },
};

/** The heading after a relative action. */
export function turn(heading: Heading, action: SnakeAction): Heading {
  const index = HEADINGS.indexOf(heading);
  const offset = action === SNAKE_ACTIONS.left ? 3 : action === SNAKE_ACTIONS.right ? 1 : 0;
  return HEADINGS[(index + offset) % 4]!;
}

/**
 * Maps an absolute direction (an arrow key) to the relative action that faces it. Asking to reverse is
 * impossible for a snake, so it, like the current heading, maps to "straight".
 */
export function relativeAction(heading: Heading, desired: Heading): SnakeAction {
  const diff = (HEADINGS.indexOf(desired) - HEADINGS.indexOf(heading) + 4) % 4;
  if (diff === 1) return SNAKE_ACTIONS.right;
  if (diff === 3) return SNAKE_ACTIONS.left;
  return SNAKE_ACTIONS.straight;
}

interface Config {
  rows: number;
  cols: number;
  observation: SnakeObservation;
}

function parseOptions(options: unknown): Config {
  const record = readOptionRecord(options, SNAKE_ID, ['rows', 'cols', 'observation']);
  return {
    rows: readInteger(record, 'rows', 10, SNAKE_MIN_SIZE, SNAKE_MAX_SIZE, SNAKE_ID),
    cols: readInteger(record, 'cols', 10, SNAKE_MIN_SIZE, SNAKE_MAX_SIZE, SNAKE_ID),
    observation: readChoice(record, 'observation', SNAKE_OBSERVATIONS, 'features', SNAKE_ID),
  };
}

function makeSpec({ rows, cols, observation }: Config): EnvSpec {
  const cells = rows * cols;
  return {
    id: SNAKE_ID,
    name: 'Snake',
    description: `Steer the snake to the food on a ${rows}×${cols} board without hitting a wall or itself. +1 per food, -1 on death.`,
    observationSpace:
      observation === 'features'
        ? box([SNAKE_FEATURE_COUNT], 0, 1)
        : box([rows * cols], SNAKE_GRID_VALUES.food, SNAKE_GRID_VALUES.head),
    actionSpace: discrete(3),
    actionNames: ['Straight', 'Turn left', 'Turn right'],
    maxEpisodeSteps: 100 * cells,
    // Our own bar, not a published one: eat as much food as a fifth of the board.
    rewardThreshold: Math.round(cells / 5),
  };
}

export class SnakeSim extends SimEnv<SnakeSnapshot> {
  readonly spec: EnvSpec;
  readonly rows: number;
  readonly cols: number;
  readonly observationType: SnakeObservation;
  readonly hungerLimit: number;
  /** Cell indices (row * cols + col), head first. */
  private body: number[] = [];
  /** 1 where the body is, for O(1) collision checks. */
  private readonly occupied: Uint8Array;
  private heading: Heading = 'right';
  private food: number | null = null;
  private score = 0;
  private stepsSinceFood = 0;
  private deathCause: 'wall' | 'self' | null = null;
  private won = false;
  private lastAction: number | null = null;

  constructor(options?: SnakeOptions) {
    super();
    const config = parseOptions(options);
    this.spec = makeSpec(config);
    this.rows = config.rows;
    this.cols = config.cols;
    this.observationType = config.observation;
    this.hungerLimit = 2 * config.rows * config.cols;
    this.occupied = new Uint8Array(config.rows * config.cols);
    this.placeSnake();
  }

  protected resetState(): ResetResult {
    this.placeSnake();
    this.placeFood();
    return { observation: this.observe(), info: {} };
  }

  step(action: number): StepResult {
    assertAction(this.spec.actionSpace, action, this.spec.id);
    this.lastAction = action;
    if (this.deathCause !== null || this.won) {
      return { observation: this.observe(), reward: 0, terminated: true, truncated: false, info: {} };
    }
    this.heading = turn(this.heading, action as SnakeAction);
    const next = this.neighbour(this.body[0]!, this.heading);
    const death = this.collision(next);
    if (death !== null) {
      this.deathCause = death;
      return { observation: this.observe(), reward: -1, terminated: true, truncated: false, info: { death } };
    }
    const eats = next === this.food;
    if (!eats) this.occupied[this.body.pop()!] = 0;
    this.body.unshift(next!);
    this.occupied[next!] = 1;
    if (eats) {
      this.score += 1;
      this.stepsSinceFood = 0;
      if (this.body.length === this.rows * this.cols) {
        this.won = true;
        this.food = null;
        return {
          observation: this.observe(),
          reward: 1,
          terminated: true,
          truncated: false,
          info: { won: true },
        };
      }
      this.placeFood();
      return {
        observation: this.observe(),
        reward: 1,
        terminated: false,
        truncated: false,
        info: { ate: true },
      };
    }
    this.stepsSinceFood += 1;
    const starved = this.stepsSinceFood >= this.hungerLimit;
    return {
      observation: this.observe(),
      reward: 0,
      terminated: false,
      truncated: starved,
      info: starved ? { starved } : {},
    };
  }

  /**
   * Puts the game in a given state (for tests and puzzles): the body head first (adjacent cells), its heading
   * and the food (null for none).
   */
  setState(state: { body: readonly Cell[]; heading: Heading; food: Cell | null }): void {
    const { body, heading, food } = state;
    if (!HEADINGS.includes(heading))
      throw new Error(`Expected a heading in ${HEADINGS.join(', ')}, got ${heading}`);
    if (body.length < 1) throw new Error('Expected a snake body of at least one cell, got 0');
    const indices = body.map((cell) => this.cellIndex(cell));
    if (new Set(indices).size !== indices.length)
      throw new Error('Expected a snake body without repeated cells');
    for (let i = 1; i < body.length; i++) {
      const distance = Math.abs(body[i]!.row - body[i - 1]!.row) + Math.abs(body[i]!.col - body[i - 1]!.col);
      if (distance !== 1) throw new Error(`Expected body cells ${i - 1} and ${i} to be adjacent`);
    }
    const foodIndex = food === null ? null : this.cellIndex(food);
    if (foodIndex !== null && indices.includes(foodIndex))
      throw new Error('Expected the food on a free cell');
    this.occupied.fill(0);
    for (const index of indices) this.occupied[index] = 1;
    this.body = indices;
    this.heading = heading;
    this.food = foodIndex;
    this.deathCause = null;
    this.won = false;
    this.stepsSinceFood = 0;
  }

  snapshot(): SnakeSnapshot {
    return {
      rows: this.rows,
      cols: this.cols,
      body: this.body.map((index) => this.cell(index)),
      heading: this.heading,
      food: this.food === null ? null : this.cell(this.food),
      score: this.score,
      dead: this.deathCause !== null,
      deathCause: this.deathCause,
      won: this.won,
      stepsSinceFood: this.stepsSinceFood,
      hungerLimit: this.hungerLimit,
      lastAction: this.lastAction,
    };
  }

  /** A snake of SNAKE_START_LENGTH cells in the middle of the board, heading right. */
  private placeSnake(): void {
    const row = Math.floor(this.rows / 2);
    const col = Math.floor(this.cols / 2);
    this.occupied.fill(0);
    this.body = [];
    for (let i = 0; i < SNAKE_START_LENGTH; i++) {
      const index = row * this.cols + col - i;
      this.body.push(index);
      this.occupied[index] = 1;
    }
    this.heading = 'right';
    this.food = null;
    this.score = 0;
    this.stepsSinceFood = 0;
    this.deathCause = null;
    this.won = false;
    this.lastAction = null;
  }

  /** Food goes on a free cell drawn uniformly with the env's RNG. */
  private placeFood(): void {
    const free = this.rows * this.cols - this.body.length;
    let k = this.rng.nextInt(free);
    for (let index = 0; index < this.occupied.length; index++) {
      if (this.occupied[index]) continue;
      if (k === 0) {
        this.food = index;
        return;
      }
      k -= 1;
    }
  }

  /** The cell one step from `index` towards `heading`, or null off the board. */
  private neighbour(index: number, heading: Heading): number | null {
    const row = Math.floor(index / this.cols) + DELTAS[heading].row;
    const col = (index % this.cols) + DELTAS[heading].col;
    if (row < 0 || row >= this.rows || col < 0 || col >= this.cols) return null;
    return row * this.cols + col;
  }

  /**
   * What moving the head onto `next` would hit. Moving into the tail's cell is safe: the tail moves away on the
   * same step (food never lies on the body, so a snake that moves into its tail is not eating).
   */
  private collision(next: number | null): 'wall' | 'self' | null {
    if (next === null) return 'wall';
    if (this.occupied[next] && next !== this.body[this.body.length - 1]) return 'self';
    return null;
  }

  private observe(): Float32Array {
    return this.observationType === 'features' ? this.featureObservation() : this.gridObservation();
  }

  /**
   * [danger straight, danger left, danger right, heading up, right, down, left, food up, right, down, left]:
   * danger means that turning that way would end the game; food flags say where the food lies from the head.
   */
  private featureObservation(): Float32Array {
    const observation = new Float32Array(SNAKE_FEATURE_COUNT);
    const head = this.body[0]!;
    const actions: SnakeAction[] = [SNAKE_ACTIONS.straight, SNAKE_ACTIONS.left, SNAKE_ACTIONS.right];
    actions.forEach((action, i) => {
      observation[i] = this.collision(this.neighbour(head, turn(this.heading, action))) === null ? 0 : 1;
    });
    observation[3 + HEADINGS.indexOf(this.heading)] = 1;
    if (this.food !== null) {
      const { row, col } = this.cell(head);
      const food = this.cell(this.food);
      observation[7] = food.row < row ? 1 : 0;
      observation[8] = food.col > col ? 1 : 0;
      observation[9] = food.row > row ? 1 : 0;
      observation[10] = food.col < col ? 1 : 0;
    }
    return observation;
  }

  private gridObservation(): Float32Array {
    const observation = new Float32Array(this.rows * this.cols);
    if (this.food !== null) observation[this.food] = SNAKE_GRID_VALUES.food;
    const { neck, tail, head } = SNAKE_GRID_VALUES;
    const segments = this.body.length - 1;
    for (let i = segments; i >= 1; i--) {
      observation[this.body[i]!] = segments === 1 ? neck : neck + ((tail - neck) * (i - 1)) / (segments - 1);
    }
    observation[this.body[0]!] = head;
    return observation;
  }

  private cell(index: number): Cell {
    return { row: Math.floor(index / this.cols), col: index % this.cols };
  }

  private cellIndex(cell: Cell): number {
    const { row, col } = cell;
    if (
      !Number.isInteger(row) ||
      !Number.isInteger(col) ||
      row < 0 ||
      row >= this.rows ||
      col < 0 ||
      col >= this.cols
    ) {
      throw new Error(`Expected a cell on the ${this.rows}×${this.cols} board, got ${JSON.stringify(cell)}`);
    }
    return row * this.cols + col;
  }
}
