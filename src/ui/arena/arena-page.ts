import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ArenaRun } from './arena-run';
import './watch-view';
import './config-form';
import './replay-peek';
import '../components/line-chart';
import type { LineSeries } from '../components/line-chart';
import { cardStyles } from '../components/card-styles';
import { listEnvs, type EnvId, type EnvInfo } from '../../envs/registry';
import { dqnPreset, isDqnGameId } from '../../agents/presets';
import { validateDqnConfig, type DqnConfig } from '../../agents/dqn-config';
import type { RlRunSpec } from '../../workers/protocol';
import type { WatchMode } from './watch-view';
import { backendLabel } from '../../workers/backend-choice';
import { loadCheckpoint } from '../../storage/db';
import { evaluateGreedy } from '../../agents/evaluate';
import { errorText } from '../../util/error-text';

/** Episodes the "Evaluate" button plays with the greedy policy (no exploration), as a solve check. */
const EVAL_EPISODES = 20;

/** Autosave choices in minutes (0 = off); the last AUTOSAVES_KEPT autosaves of a game are kept. */
const AUTOSAVE_MINUTES = [0, 1, 5, 10];

const EMPTY_OPTIONS: Record<string, unknown> = {};
const RUN_COLORS = ['--pg-series-1', '--pg-series-2', '--pg-series-3', '--pg-series-4'];
const MAX_RUNS = 4;
/** Charts redraw at most this often: enough to look live, cheap for the main thread. */
const REDRAW_MS = 250;

function presetFor(envId: EnvId): DqnConfig {
  return isDqnGameId(envId) ? dqnPreset(envId) : dqnPreset('CartPole-v1');
}

function format(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/**
 * The arena: pick a game, train DQN agents on it in workers (one or several runs side by side), watch the
 * current greedy policy play, and follow the learning curves.
 */
@customElement('pg-arena-page')
export class ArenaPage extends LitElement {
  static override styles = [
    cardStyles,
    css`
      :host {
        display: block;
      }
      h1 {
        margin: 0;
        font-size: 1.5rem;
      }
      .top {
        display: flex;
        gap: 12px;
        align-items: end;
        flex-wrap: wrap;
        margin-bottom: var(--pg-gap);
      }
      .top label {
        display: flex;
        flex-direction: column;
        font-size: 0.8rem;
        color: var(--pg-muted);
        gap: 3px;
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 5fr) minmax(0, 6fr);
        gap: var(--pg-gap);
        align-items: start;
      }
      @media (max-width: 980px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .column {
        display: grid;
        gap: var(--pg-gap);
        min-width: 0;
      }
      .controls {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
        align-items: center;
      }
      .controls label {
        font-size: 0.85rem;
        display: flex;
        align-items: center;
        gap: 6px;
      }
      .stats {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(110px, 1fr));
        gap: 8px;
        margin-top: 12px;
      }
      .stat {
        background: var(--pg-surface-2);
        border-radius: 8px;
        padding: 6px 10px;
      }
      .stat b {
        display: block;
        font-size: 1.1rem;
        font-variant-numeric: tabular-nums;
      }
      .stat span {
        font-size: 0.75rem;
        color: var(--pg-muted);
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 260px), 1fr));
        gap: 14px;
      }
      .runs {
        display: grid;
        gap: 8px;
      }
      .run {
        display: flex;
        align-items: center;
        gap: 10px;
        flex-wrap: wrap;
        padding: 8px 10px;
        border: 1px solid var(--pg-border);
        border-radius: 8px;
        cursor: pointer;
        background: var(--pg-surface);
      }
      .run[aria-selected='true'] {
        border-color: var(--pg-accent);
        box-shadow: 0 0 0 1px var(--pg-accent);
      }
      .swatch {
        width: 14px;
        height: 14px;
        border-radius: 4px;
        flex: none;
      }
      .run .name {
        font-weight: 600;
      }
      .run .meta {
        font-size: 0.8rem;
        color: var(--pg-muted);
      }
      .badge {
        font-size: 0.75rem;
        padding: 1px 8px;
        border-radius: 999px;
        background: var(--pg-surface-2);
      }
      .badge.training {
        background: color-mix(in srgb, var(--pg-good) 25%, transparent);
      }
      .badge.diverged,
      .badge.crashed {
        background: color-mix(in srgb, var(--pg-bad) 25%, transparent);
      }
      details > summary {
        cursor: pointer;
        font-weight: 600;
      }
      .intro {
        color: var(--pg-muted);
        margin: 4px 0 var(--pg-gap);
        max-width: 900px;
        line-height: 1.45;
      }
    `,
  ];

  /** Route segments after #/arena, e.g. ['resume', '<checkpoint id>']. */
  @property({ attribute: false }) route: string[] = [];

  private readonly _games: EnvInfo[] = listEnvs();
  @state() private _envId: EnvId = 'CartPole-v1';
  @state() private _presetIndex = 0;
  @state() private _runs: ArenaRun[] = [];
  @state() private _selectedId = 1;
  @state() private _draft: DqnConfig = presetFor('CartPole-v1');
  @state() private _draftErrors: string[] = [];
  @state() private _watchMode: WatchMode = 'agent';
  @state() private _watchSpeed = 30;
  @state() private _watchSeed = 0;
  @state() private _saveMessage: { ok: boolean; text: string } | null = null;
  @state() private _saving = false;
  @state() private _evaluation: {
    runLabel: string;
    envSteps: number;
    mean: number;
    returns: number[];
  } | null = null;
  @state() private _evaluating = false;
  @state() private _includeReplay = false;
  @state() private _autosaveMinutes = 0;
  private _autosaveTimer: ReturnType<typeof setInterval> | null = null;
  private _nextRunId = 1;
  private _redrawPending = false;
  private _lastRedraw = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this._runs.length === 0) this._runs = [this._newRun(presetFor(this._envId))];
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('route') && this.route[0] === 'resume' && this.route[1]) {
      void this._resumeFrom(decodeURIComponent(this.route[1]));
    }
  }

  /** Opens a saved checkpoint as Run 1 (other runs are dropped), then drops the id from the address. */
  private async _resumeFrom(id: string): Promise<void> {
    history.replaceState(null, '', '#/arena');
    try {
      const checkpoint = await loadCheckpoint(id);
      if (checkpoint.subject.type !== 'game') throw new Error('This checkpoint is not an arena run');
      const envId = checkpoint.subject.gameId as EnvId;
      const game = this._games.find((g) => g.id === envId);
      if (!game) throw new Error(`Unknown game ${envId}`);
      this._envId = envId;
      const options = JSON.stringify(checkpoint.subject.envOptions);
      const preset = game.presets.findIndex((p) => JSON.stringify(p.options) === options);
      this._presetIndex = Math.max(0, preset);
      this._resetAll(presetFor(envId));
      const run = this._runs[0]!;
      await run.restore(checkpoint);
      this._draft = structuredClone(run.spec.config);
      this._saveMessage = {
        ok: true,
        text: `Resumed “${checkpoint.name}” at env step ${checkpoint.counters.envSteps.toLocaleString()}.`,
      };
    } catch (error) {
      this._saveMessage = {
        ok: false,
        text: `Could not resume: ${errorText(error)}`,
      };
    }
  }

  private async _onSave(autosave = false): Promise<void> {
    const run = this._selected;
    if (this._saving || run.status === 'crashed') return;
    this._saving = true;
    const name = autosave
      ? `Autosave · ${this._game.spec.name} · ${new Date().toLocaleString()}`
      : `${this._game.spec.name} · ${run.label} · ${new Date().toLocaleString()}`;
    try {
      const { record, pruned } = await run.save(name, { includeReplay: this._includeReplay, autosave });
      const kb = (record.sizeBytes / 1024).toFixed(0);
      this._saveMessage = {
        ok: true,
        text: `Saved “${record.name}” at env step ${record.counters.envSteps.toLocaleString()} (${kb} KB)${pruned.length ? `; ${pruned.length} older autosave(s) removed` : ''}.`,
      };
    } catch (error) {
      this._saveMessage = {
        ok: false,
        text: `Not saved: ${errorText(error)}`,
      };
    } finally {
      this._saving = false;
    }
  }

  /**
   * Plays the selected run's current greedy policy (the weights last streamed) for a few seeded episodes on
   * this page, one episode per task: the training curve includes exploration, this is the policy itself.
   */
  private async _onEvaluate(): Promise<void> {
    const run = this._selected;
    if (!run.weights || this._evaluating) return;
    this._evaluating = true;
    try {
      const { mean, returns } = await evaluateGreedy(
        run.weights,
        run.spec.config.activation,
        this._envId,
        this._envOptions,
        EVAL_EPISODES,
      );
      this._evaluation = { runLabel: run.label, envSteps: run.envSteps, mean, returns };
    } finally {
      this._evaluating = false;
    }
  }

  private _onAutosaveChange(event: Event): void {
    this._autosaveMinutes = Number((event.target as HTMLSelectElement).value);
    if (this._autosaveTimer) clearInterval(this._autosaveTimer);
    this._autosaveTimer = null;
    if (this._autosaveMinutes > 0) {
      this._autosaveTimer = setInterval(() => {
        if (this._selected.status === 'training') void this._onSave(true);
      }, this._autosaveMinutes * 60_000);
    }
  }

  override disconnectedCallback(): void {
    if (this._autosaveTimer) clearInterval(this._autosaveTimer);
    this._autosaveTimer = null;
    // Leaving the page stops every run: workers are ended, nothing keeps training in the background.
    // (The runs stay listed, reset, in case this element is put back on the page.)
    for (const run of this._runs) run.reset();
    super.disconnectedCallback();
  }

  private get _game(): EnvInfo {
    return this._games.find((g) => g.id === this._envId)!;
  }

  /** The preset's options object itself (not a copy), so children see the same value between renders. */
  private get _envOptions(): Record<string, unknown> {
    return (this._game.presets[this._presetIndex]?.options ?? EMPTY_OPTIONS) as Record<string, unknown>;
  }

  private get _selected(): ArenaRun {
    return this._runs.find((r) => r.id === this._selectedId) ?? this._runs[0]!;
  }

  private _spec(config: DqnConfig): RlRunSpec {
    return { envId: this._envId, envOptions: this._envOptions, config };
  }

  private _newRun(config: DqnConfig): ArenaRun {
    const id = this._nextRunId++;
    const color = RUN_COLORS[(id - 1) % RUN_COLORS.length]!;
    return new ArenaRun(id, `Run ${id}`, color, this._spec(config), () => this._scheduleRedraw());
  }

  /** Many updates a second arrive from the workers; the page redraws at a steady, lower rate. */
  private _scheduleRedraw(): void {
    if (this._redrawPending) return;
    this._redrawPending = true;
    const wait = Math.max(0, REDRAW_MS - (performance.now() - this._lastRedraw));
    setTimeout(() => {
      this._redrawPending = false;
      this._lastRedraw = performance.now();
      this.requestUpdate();
    }, wait);
  }

  private _onGameChange(event: Event): void {
    const id = (event.target as HTMLSelectElement).value as EnvId;
    this._envId = id;
    this._presetIndex = 0;
    this._resetAll(presetFor(id));
  }

  private _onPresetChange(event: Event): void {
    this._presetIndex = Number((event.target as HTMLSelectElement).value);
    this._resetAll(presetFor(this._envId));
  }

  /** A new game (or game option) starts every run again with that game's preset. */
  private _resetAll(config: DqnConfig): void {
    for (const run of this._runs) run.dispose();
    this._nextRunId = 1;
    this._runs = [this._newRun(config)];
    this._selectedId = this._runs[0]!.id;
    this._draft = structuredClone(config);
    this._draftErrors = [];
  }

  private async _onTrain(): Promise<void> {
    await Promise.all(this._runs.filter((r) => r.status !== 'training').map((r) => r.train()));
  }

  private async _onPause(): Promise<void> {
    await Promise.all(this._runs.map((r) => r.pause()));
  }

  private async _onStep(): Promise<void> {
    await Promise.all(this._runs.map((r) => r.stepOnce()));
  }

  private _onResetRuns(): void {
    for (const run of this._runs) run.reset();
    this.requestUpdate();
  }

  private _onAddRun(): void {
    if (this._runs.length >= MAX_RUNS) return;
    const run = this._newRun(structuredClone(this._selected.spec.config));
    this._runs = [...this._runs, run];
    this._selectRun(run);
  }

  private _onRemoveRun(run: ArenaRun): void {
    if (this._runs.length <= 1) return;
    run.dispose();
    this._runs = this._runs.filter((r) => r !== run);
    if (this._selectedId === run.id) this._selectRun(this._runs[0]!);
  }

  private _selectRun(run: ArenaRun): void {
    this._selectedId = run.id;
    this._draft = structuredClone(run.spec.config);
    this._draftErrors = [];
  }

  private _onConfigChange(event: CustomEvent<{ config: DqnConfig; errors: string[] }>): void {
    this._draft = event.detail.config;
    this._draftErrors = event.detail.errors;
  }

  private _onApplyConfig(): void {
    if (validateDqnConfig(this._draft).length > 0) return;
    const run = this._selected;
    run.reset(this._spec(structuredClone(this._draft)));
    this.requestUpdate();
  }

  private _onLoadPreset(): void {
    this._draft = presetFor(this._envId);
    this._draftErrors = [];
  }

  override render(): TemplateResult {
    const anyTraining = this._runs.some((r) => r.status === 'training');
    const anyBusy = this._runs.some((r) => r.status === 'starting');
    const selected = this._selected;
    return html`
      <div class="top">
        <div style="flex:1;min-width:200px">
          <h1>Arena</h1>
        </div>
        <label
          >Game
          <select data-testid="game-select" @change=${this._onGameChange} ?disabled=${anyTraining}>
            ${this._games.map((g) => html`<option value=${g.id} ?selected=${g.id === this._envId}>${g.spec.name}</option>`)}
          </select></label
        >
        <label
          >Variant
          <select @change=${this._onPresetChange} ?disabled=${anyTraining}>
            ${this._game.presets.map(
              (p, i) => html`<option value=${i} ?selected=${i === this._presetIndex}>${p.name}</option>`,
            )}
          </select></label
        >
      </div>
      <p class="intro">
        ${this._game.description} Press <b>Train</b>: a DQN agent learns in a background worker while, on the
        left, its current greedy policy plays a second copy of the game.
      </p>
      <div class="layout">
        <div class="column">
          <section class="card">
            <div class="controls">
              ${
                anyTraining
                  ? html`<button class="primary" data-testid="pause" @click=${this._onPause}>Pause</button>`
                  : html`<button
                      class="primary"
                      data-testid="train"
                      @click=${this._onTrain}
                      ?disabled=${anyBusy}
                    >
                      ${this._runs.some((r) => r.envSteps > 0) ? 'Resume' : 'Train'}
                    </button>`
              }
              <button
                data-testid="step"
                @click=${this._onStep}
                ?disabled=${anyTraining || anyBusy}
                title="One environment step (and the training it triggers)"
              >
                Step
              </button>
              <button
                data-testid="reset"
                @click=${this._onResetRuns}
                ?disabled=${anyBusy}
                title="Forget everything learned and start again"
              >
                Reset
              </button>
              <label title="Play it yourself with the arrow keys"
                ><input
                  type="checkbox"
                  data-testid="play-yourself"
                  .checked=${this._watchMode === 'human'}
                  @change=${(e: Event) => (this._watchMode = (e.target as HTMLInputElement).checked ? 'human' : 'agent')}
                />Play it yourself</label
              >
            </div>
            <div class="controls" style="margin-top:10px">
              <button
                data-testid="save"
                @click=${() => this._onSave()}
                ?disabled=${this._saving || selected.status === 'crashed' || anyBusy}
                title="Saved at the end of the current episode, so that resuming continues exactly"
              >
                ${this._saving ? 'Saving at the end of this episode…' : 'Save checkpoint'}
              </button>
              <label title="The replay buffer makes a checkpoint much larger"
                ><input
                  type="checkbox"
                  .checked=${this._includeReplay}
                  @change=${(e: Event) => (this._includeReplay = (e.target as HTMLInputElement).checked)}
                />with replay buffer
                (${replaySizeText(selected.spec.config.bufferSize, selected.info?.obsSize ?? 4)})</label
              >
              <label
                >Autosave
                <select @change=${this._onAutosaveChange}>
                  ${AUTOSAVE_MINUTES.map((m) => html`<option value=${m} ?selected=${m === this._autosaveMinutes}>${m === 0 ? 'off' : `every ${m} min`}</option>`)}
                </select></label
              >
            </div>
            ${
              this._saveMessage
                ? html`<p
                    class=${this._saveMessage.ok ? 'small' : 'error'}
                    role="status"
                    data-testid="save-message"
                  >
                    ${this._saveMessage.text}
                    ${this._saveMessage.ok ? html`<a href="#/checkpoints">Open checkpoints</a>` : nothing}
                  </p>`
                : nothing
            }
            <div class="controls" style="margin-top:10px">
              <button
                data-testid="evaluate"
                @click=${this._onEvaluate}
                ?disabled=${this._evaluating || !selected.weights}
                title="Play the current greedy policy (no exploration) for ${EVAL_EPISODES} episodes"
              >
                ${this._evaluating ? 'Evaluating…' : 'Evaluate greedy policy'}
              </button>
              ${
                this._evaluation
                  ? html`<span class="small" data-testid="evaluation" data-mean=${this._evaluation.mean}>
                      ${this._evaluation.runLabel} at ${this._evaluation.envSteps.toLocaleString()} steps:
                      mean
                      <b>${this._evaluation.mean.toFixed(1)}</b> over ${EVAL_EPISODES} greedy episodes
                      ${
                        this._game.spec.rewardThreshold !== null
                          ? this._evaluation.mean >= this._game.spec.rewardThreshold
                            ? '— solved'
                            : `(solved at ≥ ${this._game.spec.rewardThreshold})`
                          : ''
                      }</span
                    >`
                  : nothing
              }
            </div>
            ${this._renderStats(selected)}
          </section>
          <section class="card">
            <pg-watch-view
              .envId=${this._envId}
              .envOptions=${this._envOptions}
              .weights=${selected.weights}
              .activation=${selected.spec.config.activation}
              .mode=${this._watchMode}
              .speed=${this._watchSpeed}
              .seed=${this._watchSeed}
            ></pg-watch-view>
            <div class="controls" style="margin-top:10px">
              <label
                >Watch speed
                <input
                  type="range"
                  min="1"
                  max="240"
                  .value=${String(this._watchSpeed)}
                  @input=${(e: Event) => (this._watchSpeed = Number((e.target as HTMLInputElement).value))}
                />
                <span class="small">${this._watchSpeed} steps/s</span></label
              >
              <label
                >Watch seed
                <input
                  type="number"
                  style="width:70px"
                  .value=${String(this._watchSeed)}
                  @change=${(e: Event) => (this._watchSeed = Math.trunc(Number((e.target as HTMLInputElement).value)) || 0)}
                />
              </label>
            </div>
            ${
              !selected.weights && this._watchMode === 'agent'
                ? html`<p class="small muted">
                    The watch view starts playing once the trainer sends its first weights.
                  </p>`
                : nothing
            }
          </section>
          ${this._renderRuns()}
        </div>
        <div class="column">
          ${this._renderCharts()}
          <section class="card">
            <details>
              <summary>Hyperparameters of ${selected.label}</summary>
              <p class="small muted">
                Changes apply when you press “Apply and restart run”: the run starts again.
              </p>
              <pg-dqn-config-form
                .config=${this._draft}
                @config-change=${this._onConfigChange}
              ></pg-dqn-config-form>
              <div class="controls" style="margin-top:10px">
                <button
                  class="primary"
                  data-testid="apply-config"
                  @click=${this._onApplyConfig}
                  ?disabled=${this._draftErrors.length > 0 || selected.busy}
                >
                  Apply and restart run
                </button>
                <button @click=${this._onLoadPreset}>Load the ${this._game.spec.name} preset</button>
              </div>
            </details>
          </section>
          <section class="card">
            <details>
              <summary>Replay buffer of ${selected.label}</summary>
              <pg-replay-peek .run=${selected}></pg-replay-peek>
            </details>
          </section>
        </div>
      </div>
    `;
  }

  private _renderStats(run: ArenaRun): TemplateResult {
    const threshold = run.info?.rewardThreshold ?? this._game.spec.rewardThreshold;
    const stat = (label: string, value: string, testid?: string): TemplateResult =>
      html`<div class="stat"><b data-testid=${testid ?? ''}>${value}</b><span>${label}</span></div>`;
    return html`
      ${run.message ? html`<p class="error" role="alert" data-testid="run-message">${run.label}: ${run.message}</p>` : nothing}
      <div
        class="stats"
        data-testid="stats"
        data-env-steps=${run.envSteps}
        data-episodes=${run.episodes}
        data-status=${run.status}
      >
        ${stat('env steps', run.envSteps.toLocaleString(), 'stat-steps')}
        ${stat('episodes', run.episodes.toLocaleString(), 'stat-episodes')}
        ${stat('mean return (100)', format(run.mean100))}
        ${stat(threshold === null ? 'no solve threshold' : `solve at ≥ ${threshold}`, run.solvedAtStep !== null ? `✓ ${run.solvedAtStep.toLocaleString()}` : '—')}
        ${stat('ε', format(run.epsilon, 3))} ${stat('steps / s', format(run.stepsPerSec, 0))}
        ${stat('gradient steps', run.gradientSteps.toLocaleString())}
        ${stat('backend', run.backend ? backendLabel(run.backend.active) : run.status === 'starting' ? '…' : '—')}
      </div>
    `;
  }

  private _renderRuns(): TemplateResult {
    return html`<section class="card">
      <h2>Runs</h2>
      <p class="small muted">
        Add runs to compare settings on the same game (e.g. DQN against Double DQN): they train together and
        their curves share the charts.
      </p>
      <div class="runs" role="listbox" aria-label="Runs">
        ${this._runs.map(
          (run) =>
            html`<div
              class="run"
              role="option"
              aria-selected=${run.id === this._selected.id ? 'true' : 'false'}
              tabindex="0"
              @click=${() => this._selectRun(run)}
              @keydown=${(e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && this._selectRun(run)}
            >
              <span class="swatch" style="background: var(${run.color})"></span>
              <span class="name">${run.label}</span>
              <span class="badge ${run.status}" data-testid="run-status">${run.status}</span>
              <span class="meta">${describeConfig(run.spec.config)}</span>
              ${
                this._runs.length > 1
                  ? html`<button
                      style="margin-left:auto"
                      @click=${(e: Event) => {
                        e.stopPropagation();
                        this._onRemoveRun(run);
                      }}
                      aria-label="Remove ${run.label}"
                    >
                      ✕
                    </button>`
                  : nothing
              }
            </div>`,
        )}
      </div>
      <div class="controls" style="margin-top:10px">
        <button data-testid="add-run" @click=${this._onAddRun} ?disabled=${this._runs.length >= MAX_RUNS}>
          Add a run to compare
        </button>
      </div>
    </section>`;
  }

  private _renderCharts(): TemplateResult {
    const runs = this._runs;
    const threshold = this._game.spec.rewardThreshold;
    const maxEpisode = Math.max(1, ...runs.map((r) => r.series.episode.length));
    const returns: LineSeries[] = runs.flatMap((run) => [
      {
        label: `${run.label} return`,
        x: run.series.episode,
        values: run.series.returns,
        color: run.color,
        width: 1,
      },
      {
        label: `${run.label} mean(100)`,
        x: run.series.episode,
        values: run.series.mean100,
        color: run.color,
        width: 3,
      },
    ]);
    if (threshold !== null && runs.some((r) => r.series.episode.length > 0)) {
      returns.push({
        label: 'solved',
        x: [1, maxEpisode],
        values: [threshold, threshold],
        color: '--pg-muted',
        dash: [6, 4],
        width: 1,
      });
    }
    const perStep = (pick: (run: ArenaRun) => number[]): LineSeries[] =>
      runs.map((run) => ({ label: run.label, x: run.series.step, values: pick(run), color: run.color }));
    return html`<section class="card" data-testid="charts">
      <h2>Learning</h2>
      <pg-line-chart
        data-testid="return-chart"
        heading="Episode return"
        xLabel="episode"
        .height=${220}
        .series=${returns}
      ></pg-line-chart>
      <div class="charts" style="margin-top:12px">
        <pg-line-chart
          heading="TD loss"
          xLabel="env step"
          logY
          .series=${perStep((r) => r.series.loss)}
        ></pg-line-chart>
        <pg-line-chart
          heading="Mean max Q"
          xLabel="env step"
          .series=${perStep((r) => r.series.meanMaxQ)}
        ></pg-line-chart>
        <pg-line-chart
          heading="Exploration ε"
          xLabel="env step"
          .series=${perStep((r) => r.series.epsilon)}
        ></pg-line-chart>
        <pg-line-chart
          heading="Env steps / s"
          xLabel="env step"
          .series=${perStep((r) => r.series.stepsPerSec)}
        ></pg-line-chart>
      </div>
    </section>`;
  }
}

/** Bytes the replay buffer adds to a checkpoint: two observations, action, reward and flag per transition. */
function replaySizeText(capacity: number, obsSize: number): string {
  const mb = (capacity * (2 * obsSize + 3) * 4) / 2 ** 20;
  return mb < 1 ? `up to ${(mb * 1024).toFixed(0)} KB` : `up to ${mb.toFixed(1)} MB`;
}

function describeConfig(c: DqnConfig): string {
  const target =
    c.targetUpdate.kind === 'hard' ? `sync/${c.targetUpdate.interval}` : `τ ${c.targetUpdate.tau}`;
  const flags = [c.doubleDqn ? 'Double' : null, c.dueling ? 'dueling' : null, c.prioritized ? 'PER' : null]
    .filter(Boolean)
    .join(', ');
  return `${flags ? `${flags} · ` : ''}[${c.hiddenSizes.join('-')}] · lr ${c.learningRate} · ${target}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-arena-page': ArenaPage;
  }
}
