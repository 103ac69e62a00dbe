/**
 * FrozenLake-v1, with the semantics of Gymnasium's `toy_text/frozen_lake.py`: walk from S to G across frozen
 * tiles (F) without falling into a hole (H). On slippery ice the agent moves in the intended direction with
 * probability 1/3 and in each perpendicular direction with probability 1/3. Reward 1 on reaching G, else 0.
 * The observation is the one-hot position (our agents are MLPs), not Gymnasium's integer state.
 */
import { assertAction, box, discrete, SimEnv } from '../core';
import type { EnvSpec, ResetResult, StepResult } from '../core';
import { readBoolean, readOptionRecord } from '../options';

export const FROZEN_LAKE_ID = 'FrozenLake-v1';

/** Gymnasium's built-in maps. */
export const FROZEN_LAKE_MAPS = {
  '4x4': ['SFFF', 'FHFH', 'FFFH', 'HFFG'],
  '8x8': ['SFFFFFFF', 'FFFFFFFF', 'FFFHFFFF', 'FFFFFHFF', 'FFFHFFFF', 'FHHFFFHF', 'FHFFHFHF', 'FFFHFFFG'],
} as const satisfies Record<string, readonly string[]>;

export type FrozenLakeMapName = keyof typeof FROZEN_LAKE_MAPS;
export const FROZEN_LAKE_MAP_NAMES = Object.keys(FROZEN_LAKE_MAPS) as FrozenLakeMapName[];

export const FROZEN_LAKE_MIN_SIZE = 2;
export const FROZEN_LAKE_MAX_SIZE = 16;

/** Actions as Gymnasium numbers them. */
export const FROZEN_LAKE_ACTIONS = { left: 0, down: 1, right: 2, up: 3 } as const;

export interface FrozenLakeOptions {
  /** A built-in map name or a custom map of rows made of S, F, H and G. Default '4x4'. */
  map?: FrozenLakeMapName | readonly string[];
  /** Slippery ice, as Gymnasium's `is_slippery`. Default true, as in Gymnasium. */
  isSlippery?: boolean;
}

export interface FrozenLakeSnapshot {
  map: string[];
  rows: number;
  cols: number;
  row: number;
  col: number;
  isSlippery: boolean;
  /** The action chosen on the last step, or null after reset. */
  lastAction: number | null;
  /** The direction actually moved on the last step (differs from lastAction when the agent slipped). */
  lastMove: number | null;
  /** The tile under the agent. */
  tile: 'S' | 'F' | 'H' | 'G';
}

const TILES = new Set(['S', 'F', 'H', 'G']);

/** Checks a custom map and returns a copy; every error says what was expected and what came. */
export function validateFrozenLakeMap(map: unknown): string[] {
  if (!Array.isArray(map) || map.some((row) => typeof row !== 'string')) {
    throw new Error(`Expected a FrozenLake map as an array of strings, got ${JSON.stringify(map)}`);
  }
  const rows = map as string[];
  const { length: nRows } = rows;
  if (nRows < FROZEN_LAKE_MIN_SIZE || nRows > FROZEN_LAKE_MAX_SIZE) {
    throw new Error(
      `Expected a FrozenLake map with ${FROZEN_LAKE_MIN_SIZE} to ${FROZEN_LAKE_MAX_SIZE} rows, got ${nRows}`,
    );
  }
  const nCols = rows[0]!.length;
  if (nCols < FROZEN_LAKE_MIN_SIZE || nCols > FROZEN_LAKE_MAX_SIZE) {
    throw new Error(
      `Expected a FrozenLake map with ${FROZEN_LAKE_MIN_SIZE} to ${FROZEN_LAKE_MAX_SIZE} columns, got ${nCols}`,
    );
  }
  rows.forEach((row, r) => {
    if (row.length !== nCols) {
      throw new Error(
        `Expected a rectangular FrozenLake map: row 0 has ${nCols} tiles but row ${r} has ${row.length}`,
      );
    }
    for (let c = 0; c < row.length; c++) {
      if (!TILES.has(row[c]!)) {
        throw new Error(`Expected FrozenLake tiles S, F, H or G, got "${row[c]}" at row ${r}, column ${c}`);
      }
    }
  });
  const count = (tile: string) => rows.reduce((n, row) => n + row.split(tile).length - 1, 0);
  if (count('S') !== 1)
    throw new Error(`Expected exactly one start tile S in the FrozenLake map, got ${count('S')}`);
  if (count('G') < 1) throw new Error('Expected at least one goal tile G in the FrozenLake map, got 0');
  if (!goalReachable(rows)) {
    throw new Error(
      'Expected a FrozenLake map where a goal G can be reached from S without crossing a hole H',
    );
  }
  return [...rows];
}

/** Breadth-first search over non-hole tiles: a map whose goal cannot be reached teaches nothing. */
function goalReachable(map: readonly string[]): boolean {
  const nRows = map.length;
  const nCols = map[0]!.length;
  const start = map.join('').indexOf('S');
  const seen = new Uint8Array(nRows * nCols);
  const queue = [start];
  seen[start] = 1;
  while (queue.length > 0) {
    const cell = queue.pop()!;
    const row = Math.floor(cell / nCols);
    const col = cell % nCols;
    if (map[row]![col] === 'G') return true;
    for (let action = 0; action < 4; action++) {
      const [r, c] = move(row, col, action, nRows, nCols);
      const next = r * nCols + c;
      if (!seen[next] && map[r]![c] !== 'H') {
        seen[next] = 1;
        queue.push(next);
      }
    }
  }
  return false;
}

/** Gymnasium's `inc`: one tile in a direction, staying on the board. */
export function move(
  row: number,
  col: number,
  action: number,
  nRows: number,
  nCols: number,
): [number, number] {
  switch (action) {
    case FROZEN_LAKE_ACTIONS.left:
      return [row, Math.max(col - 1, 0)];
    case FROZEN_LAKE_ACTIONS.down:
      return [Math.min(row + 1, nRows - 1), col];
    case FROZEN_LAKE_ACTIONS.right:
      return [row, Math.min(col + 1, nCols - 1)];
    default:
      return [Math.max(row - 1, 0), col];
  }
}

interface ParsedOptions {
  map: string[];
  mapName: FrozenLakeMapName | null;
  isSlippery: boolean;
}

function parseOptions(options: unknown): ParsedOptions {
  const record = readOptionRecord(options, FROZEN_LAKE_ID, ['map', 'isSlippery']);
  const isSlippery = readBoolean(record, 'isSlippery', true, FROZEN_LAKE_ID);
  const map = record.map ?? '4x4';
  if (typeof map === 'string') {
    if (!(FROZEN_LAKE_MAP_NAMES as string[]).includes(map)) {
      throw new Error(
        `Expected FrozenLake-v1 option map to be ${FROZEN_LAKE_MAP_NAMES.join(', ')} or an array of rows, got "${map}"`,
      );
    }
    const mapName = map as FrozenLakeMapName;
    return { map: [...FROZEN_LAKE_MAPS[mapName]], mapName, isSlippery };
  }
  return { map: validateFrozenLakeMap(map), mapName: null, isSlippery };
}

/**
 * Time limits are Gymnasium's (100 for 4x4, 200 for 8x8); a custom map gets max(100, 3 × tiles) steps,
 * enough to cross a large slippery map.
 */
function makeSpec({ map, mapName, isSlippery }: ParsedOptions): EnvSpec {
  const size = map.length * map[0]!.length;
  const maxEpisodeSteps = mapName === '4x4' ? 100 : mapName === '8x8' ? 200 : Math.max(100, 3 * size);
  // Gymnasium's thresholds for its maps; a custom map has no known achievable success rate.
  const rewardThreshold = mapName === '4x4' ? 0.7 : mapName === '8x8' ? 0.85 : null;
  const where = mapName ?? `${map.length}x${map[0]!.length} custom`;
  return {
    id: FROZEN_LAKE_ID,
    name: 'Frozen Lake',
    description: `Cross the ${isSlippery ? 'slippery ' : ''}frozen lake (${where}) from S to the goal G without falling into a hole. Reward 1 at the goal.`,
    observationSpace: box([size], 0, 1),
    actionSpace: discrete(4),
    actionNames: ['Left', 'Down', 'Right', 'Up'],
    maxEpisodeSteps,
    rewardThreshold,
  };
}

export class FrozenLakeSim extends SimEnv<FrozenLakeSnapshot> {
  readonly spec: EnvSpec;
  readonly map: readonly string[];
  readonly isSlippery: boolean;
  readonly rows: number;
  readonly cols: number;
  private readonly start: number;
  private position: number;
  private lastAction: number | null = null;
  private lastMove: number | null = null;

  constructor(options?: FrozenLakeOptions) {
    super();
    const parsed = parseOptions(options);
    this.spec = makeSpec(parsed);
    this.map = parsed.map;
    this.isSlippery = parsed.isSlippery;
    this.rows = parsed.map.length;
    this.cols = parsed.map[0]!.length;
    this.start = parsed.map.join('').indexOf('S');
    this.position = this.start;
  }

  protected resetState(): ResetResult {
    // The start is fixed, so reset draws nothing (as in Gymnasium, whose initial distribution is all on S).
    this.position = this.start;
    this.lastAction = null;
    this.lastMove = null;
    return { observation: this.observe(), info: { prob: 1 } };
  }

  step(action: number): StepResult {
    assertAction(this.spec.actionSpace, action, this.spec.id);
    this.lastAction = action;
    if (this.tileAt(this.position) === 'H' || this.tileAt(this.position) === 'G') {
      // Gymnasium makes H and G absorbing: staying put, reward 0, still terminated.
      this.lastMove = null;
      return {
        observation: this.observe(),
        reward: 0,
        terminated: true,
        truncated: false,
        info: { prob: 1 },
      };
    }
    // Gymnasium's slippery transitions, in its order: (a - 1) mod 4, a, (a + 1) mod 4, each with p = 1/3.
    const moved = this.isSlippery ? (action + 3 + this.rng.nextInt(3)) % 4 : action;
    const [row, col] = move(
      Math.floor(this.position / this.cols),
      this.position % this.cols,
      moved,
      this.rows,
      this.cols,
    );
    this.position = row * this.cols + col;
    this.lastMove = moved;
    const tile = this.tileAt(this.position);
    return {
      observation: this.observe(),
      reward: tile === 'G' ? 1 : 0,
      terminated: tile === 'G' || tile === 'H',
      truncated: false,
      info: { prob: this.isSlippery ? 1 / 3 : 1, move: moved },
    };
  }

  snapshot(): FrozenLakeSnapshot {
    return {
      map: [...this.map],
      rows: this.rows,
      cols: this.cols,
      row: Math.floor(this.position / this.cols),
      col: this.position % this.cols,
      isSlippery: this.isSlippery,
      lastAction: this.lastAction,
      lastMove: this.lastMove,
      tile: this.tileAt(this.position),
    };
  }

  private tileAt(cell: number): 'S' | 'F' | 'H' | 'G' {
    return this.map[Math.floor(cell / this.cols)]![cell % this.cols] as 'S' | 'F' | 'H' | 'G';
  }

  private observe(): Float32Array {
    const observation = new Float32Array(this.rows * this.cols);
    observation[this.position] = 1;
    return observation;
  }
}
