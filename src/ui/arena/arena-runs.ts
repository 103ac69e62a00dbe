/**
 * The arena's runs: one or several (to compare settings on the same game) that train, pause, step and reset
 * together, each with its own worker and controller, and the one selected for the detail views. Redraws of all
 * runs are batched to one every REDRAW_MS: many updates a second arrive, the page redraws at a steady rate.
 */
import type { ReactiveControllerHost } from 'lit';
import type { DqnConfig } from '../../agents/dqn-config';
import type { RlRunSpec } from '../../workers/protocol';
import { ArenaRun } from './arena-run';
import { describeDifference } from './run-variation';

export const MAX_RUNS = 4;
const RUN_COLORS = ['--pg-series-1', '--pg-series-2', '--pg-series-3', '--pg-series-4'];
/** Charts redraw at most this often: enough to look live, cheap for the main thread. */
const REDRAW_MS = 250;

export class ArenaRuns {
  list: ArenaRun[] = [];
  selectedId = 1;
  /** Messages about saving and resuming, shown by the save controls. */
  notice: { ok: boolean; text: string } | null = null;
  private nextId = 1;
  /** Bumped when runs are added, removed or selected. */
  private changes = 0;
  private redraws: (() => void)[] = [];
  private lastRedraw = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The game (and its options) every new run plays. */
    private readonly game: () => Omit<RlRunSpec, 'config'>,
  ) {}

  get selected(): ArenaRun {
    return this.list.find((r) => r.id === this.selectedId) ?? this.list[0]!;
  }

  get anyTraining(): boolean {
    return this.list.some((r) => r.controller.status === 'training');
  }

  get anyStarting(): boolean {
    return this.list.some((r) => r.controller.status === 'starting');
  }

  /** Sum of the runs' change counters: views redraw when it moves. */
  get version(): number {
    return this.list.reduce((sum, r) => sum + r.controller.version, this.changes);
  }

  select(run: ArenaRun): void {
    this.selectedId = run.id;
    this.changes++;
  }

  spec(config: DqnConfig): RlRunSpec {
    return { ...this.game(), config };
  }

  /** A new game (or game option) starts again with one run and that game's preset. */
  resetAll(config: DqnConfig): ArenaRun {
    for (const run of this.list) run.dispose();
    this.nextId = 1;
    this.list = [this.create(config)];
    this.select(this.list[0]!);
    return this.list[0]!;
  }

  /** The first run: comparison runs are built from its settings and named by how they differ from it. */
  get base(): ArenaRun {
    return this.list[0]!;
  }

  /**
   * A comparison run with `config` (Run 1's settings with one changed, see run-variation.ts), named by what
   * differs; null when there are MAX_RUNS already.
   */
  add(config: DqnConfig): ArenaRun | null {
    if (this.list.length >= MAX_RUNS) return null;
    const run = this.create(config);
    this.list = [...this.list, run];
    this.relabel(run);
    this.select(run);
    return run;
  }

  /** New settings for `run`: it starts again with them, and the names say what now differs. */
  async apply(run: ArenaRun, config: DqnConfig): Promise<void> {
    await run.reset(this.spec(config));
    for (const r of this.list) this.relabel(r);
    this.changes++;
  }

  remove(run: ArenaRun): void {
    if (this.list.length <= 1) return;
    run.dispose();
    this.list = this.list.filter((r) => r !== run);
    for (const r of this.list) this.relabel(r);
    this.changes++;
    if (this.selectedId === run.id) this.select(this.list[0]!);
  }

  /** "Run 2 · seed 7": the run's number and how its settings differ from the first run's. */
  private relabel(run: ArenaRun): void {
    const difference = run === this.base ? '' : describeDifference(this.base.spec.config, run.spec.config);
    run.label = difference ? `Run ${run.id} · ${difference}` : `Run ${run.id}`;
  }

  async trainAll(): Promise<void> {
    await Promise.all(this.list.filter((r) => r.controller.status !== 'training').map((r) => r.train()));
  }

  async pauseAll(): Promise<void> {
    await Promise.all(this.list.map((r) => r.pause()));
  }

  async stepAll(): Promise<void> {
    await Promise.all(this.list.map((r) => r.step()));
  }

  async resetRuns(): Promise<void> {
    await Promise.all(this.list.map((r) => r.reset()));
  }

  /** The page left: every worker ends (nothing trains in the background); the runs stay listed, reset. */
  leave(): void {
    for (const run of this.list) run.state.clear();
  }

  private create(config: DqnConfig): ArenaRun {
    const id = this.nextId++;
    const color = RUN_COLORS[(id - 1) % RUN_COLORS.length]!;
    return new ArenaRun(this.host, id, `Run ${id}`, color, this.spec(config), (redraw) =>
      this.schedule(redraw),
    );
  }

  private schedule(redraw: () => void): void {
    this.redraws.push(redraw);
    if (this.redraws.length > 1) return;
    const wait = Math.max(0, REDRAW_MS - (performance.now() - this.lastRedraw));
    setTimeout(() => {
      this.lastRedraw = performance.now();
      const redraws = this.redraws;
      this.redraws = [];
      for (const r of redraws) r();
    }, wait);
  }
}
