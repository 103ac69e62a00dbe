/**
 * Catch, an arcade game in the spirit of DeepMind bsuite's `catch` but with several balls per episode: a ball
 * falls one row per step from a random column; the paddle on the bottom row moves left, stays or moves right.
 * When the ball reaches the bottom row: +1 if the paddle is under it, -1 otherwise, and the next ball appears at
 * the top. The episode ends (terminated) after `balls` balls, so it always lasts `balls × (rows - 1)` steps.
 * Columns may not exceed rows, so that every ball can be caught from anywhere.
 */
import { assertAction, box, discrete, SimEnv } from '../core';
import type { EnvSpec, ResetResult, StepResult } from '../core';
import { readChoice, readInteger, readOptionRecord } from '../options';

export const CATCH_ID = 'Catch-v0';

export type CatchObservation = 'features' | 'pixels';
export const CATCH_OBSERVATIONS: readonly CatchObservation[] = ['features', 'pixels'];

export const CATCH_LIMITS = {
  minRows: 4,
  maxRows: 32,
  minCols: 3,
  maxCols: 32,
  minBalls: 1,
  maxBalls: 100,
} as const;

export interface CatchOptions {
  /** Grid rows, 4..32. Default 10 (as bsuite). */
  rows?: number;
  /** Grid columns, 3..32 and at most `rows`. Default 5 (as bsuite). */
  cols?: number;
  /** Balls per episode, 1..100. Default 10. */
  balls?: number;
  /** 'features' ([paddle x, ball x, ball y] scaled to [0, 1], default) or 'pixels' (rows × cols, 1 = ball or paddle). */
  observation?: CatchObservation;
}

export interface CatchSnapshot {
  rows: number;
  cols: number;
  /** The paddle's column; it sits on the bottom row. */
  paddleX: number;
  ballX: number;
  ballY: number;
  ballsTotal: number;
  /** Balls still to fall, counting the one in the air. */
  ballsLeft: number;
  caught: number;
  missed: number;
  /** What happened to a ball on the last step, with the column where it landed; null on other steps. */
  lastOutcome: { result: 'caught' | 'missed'; x: number } | null;
  lastAction: number | null;
}

interface Config {
  rows: number;
  cols: number;
  balls: number;
  observation: CatchObservation;
}

function parseOptions(options: unknown): Config {
  const record = readOptionRecord(options, CATCH_ID, ['rows', 'cols', 'balls', 'observation']);
  const { minRows, maxRows, minCols, maxCols, minBalls, maxBalls } = CATCH_LIMITS;
  const rows = readInteger(record, 'rows', 10, minRows, maxRows, CATCH_ID);
  const cols = readInteger(record, 'cols', 5, minCols, maxCols, CATCH_ID);
  if (cols > rows) {
    throw new Error(
      `Expected ${CATCH_ID} cols <= rows so that every ball can be caught, got ${cols} cols and ${rows} rows`,
    );
  }
  return {
    rows,
    cols,
    balls: readInteger(record, 'balls', 10, minBalls, maxBalls, CATCH_ID),
    observation: readChoice(record, 'observation', CATCH_OBSERVATIONS, 'features', CATCH_ID),
  };
}

/** Solved when 90% of the balls are caught: the return is caught - missed. */
export function catchRewardThreshold(balls: number): number {
  return 2 * Math.ceil(0.9 * balls) - balls;
}

function makeSpec({ rows, cols, balls, observation }: Config): EnvSpec {
  return {
    id: CATCH_ID,
    name: 'Catch',
    description: `Move the paddle to catch ${balls} falling balls on a ${rows}×${cols} grid. +1 per catch, -1 per miss.`,
    observationSpace: observation === 'features' ? box([3], 0, 1) : box([rows * cols], 0, 1),
    actionSpace: discrete(3),
    actionNames: ['Left', 'Stay', 'Right'],
    // Every episode terminates after balls × (rows − 1) steps; the limit only guards against a bug there.
    maxEpisodeSteps: balls * (rows - 1) + 1,
    rewardThreshold: catchRewardThreshold(balls),
  };
}

export class CatchSim extends SimEnv<CatchSnapshot> {
  readonly spec: EnvSpec;
  readonly rows: number;
  readonly cols: number;
  readonly balls: number;
  readonly observationType: CatchObservation;
  private paddleX: number;
  private ballX = 0;
  private ballY = 0;
  private caught = 0;
  private missed = 0;
  private lastOutcome: CatchSnapshot['lastOutcome'] = null;
  private lastAction: number | null = null;

  constructor(options?: CatchOptions) {
    super();
    const config = parseOptions(options);
    this.spec = makeSpec(config);
    this.rows = config.rows;
    this.cols = config.cols;
    this.balls = config.balls;
    this.observationType = config.observation;
    this.paddleX = Math.floor(config.cols / 2);
  }

  protected resetState(): ResetResult {
    this.paddleX = Math.floor(this.cols / 2);
    this.caught = 0;
    this.missed = 0;
    this.lastOutcome = null;
    this.lastAction = null;
    this.dropBall();
    return { observation: this.observe(), info: {} };
  }

  step(action: number): StepResult {
    assertAction(this.spec.actionSpace, action, this.spec.id);
    this.lastAction = action;
    this.lastOutcome = null;
    if (this.ballsDone() === this.balls) {
      return { observation: this.observe(), reward: 0, terminated: true, truncated: false, info: {} };
    }
    this.paddleX = Math.min(Math.max(this.paddleX + action - 1, 0), this.cols - 1);
    this.ballY += 1;
    if (this.ballY < this.rows - 1) {
      return { observation: this.observe(), reward: 0, terminated: false, truncated: false, info: {} };
    }
    const hit = this.ballX === this.paddleX;
    if (hit) this.caught += 1;
    else this.missed += 1;
    this.lastOutcome = { result: hit ? 'caught' : 'missed', x: this.ballX };
    const terminated = this.ballsDone() === this.balls;
    // The last ball stays on the bottom row for the final frame; otherwise the next one appears at once.
    if (!terminated) this.dropBall();
    return {
      observation: this.observe(),
      reward: hit ? 1 : -1,
      terminated,
      truncated: false,
      info: { caught: hit },
    };
  }

  /** Puts the paddle and ball somewhere (for tests and tutorials). */
  setState(state: { paddleX: number; ballX: number; ballY: number }): void {
    const check = (name: string, value: number, size: number) => {
      if (!Number.isInteger(value) || value < 0 || value >= size) {
        throw new Error(`Expected ${name} to be an integer in [0, ${size}), got ${value}`);
      }
    };
    check('paddleX', state.paddleX, this.cols);
    check('ballX', state.ballX, this.cols);
    check('ballY', state.ballY, this.rows - 1);
    this.paddleX = state.paddleX;
    this.ballX = state.ballX;
    this.ballY = state.ballY;
  }

  snapshot(): CatchSnapshot {
    return {
      rows: this.rows,
      cols: this.cols,
      paddleX: this.paddleX,
      ballX: this.ballX,
      ballY: this.ballY,
      ballsTotal: this.balls,
      ballsLeft: this.balls - this.ballsDone(),
      caught: this.caught,
      missed: this.missed,
      lastOutcome: this.lastOutcome === null ? null : { ...this.lastOutcome },
      lastAction: this.lastAction,
    };
  }

  private ballsDone(): number {
    return this.caught + this.missed;
  }

  private dropBall(): void {
    this.ballX = this.rng.nextInt(this.cols);
    this.ballY = 0;
  }

  private observe(): Float32Array {
    if (this.observationType === 'features') {
      return Float32Array.of(
        this.paddleX / (this.cols - 1),
        this.ballX / (this.cols - 1),
        this.ballY / (this.rows - 1),
      );
    }
    const observation = new Float32Array(this.rows * this.cols);
    observation[this.ballY * this.cols + this.ballX] = 1;
    observation[(this.rows - 1) * this.cols + this.paddleX] = 1;
    return observation;
  }
}
