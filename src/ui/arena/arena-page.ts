/**
 * The arena: pick a game, train DQN agents on it in workers (one or several runs side by side), watch the
 * current greedy policy play, and follow the learning curves. The page only lays out views: the runs live in
 * ArenaRuns (each one a RunController over its worker), and each concern has its own element.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import './watch-view';
import './dqn-config-form';
import './replay-peek';
import './arena-controls';
import './arena-save';
import './arena-evaluation';
import './arena-run-list';
import './arena-charts';
import { cardStyles } from '../components/card-styles';
import { listEnvs, makeEnvFromConfig, type EnvId, type EnvInfo } from '../../envs/registry';
import { dqnPreset, isDqnGameId } from '../../agents/presets';
import { observationScaleMismatch, validateDqnConfig, type DqnConfig } from '../../agents/dqn-config';
import { loadCheckpoint } from '../../storage/db';
import { decodeRecipeLink } from '../../storage/recipe-link';
import { errorText } from '../../util/error-text';
import type { WatchMode } from './watch-view';
import { ArenaRuns } from './arena-runs';
import { recipeBackendWarning } from './recipe-warning';
import { observationSizeOf, recipePlace } from './arena-recipe';
import { arenaPageStyles, arenaPanelStyles } from './arena-styles';
import {
  SLIDER_STEPS,
  byHandSpeed,
  clampSpeed,
  realTimeSpeed,
  sliderFromSpeed,
  speedFromSlider,
} from './watch-speed';

const EMPTY_OPTIONS: Record<string, unknown> = {};

function presetFor(envId: EnvId): DqnConfig {
  return isDqnGameId(envId) ? dqnPreset(envId) : dqnPreset('CartPole-v1');
}

@customElement('pg-arena-page')
export class ArenaPage extends LitElement {
  static override styles = [cardStyles, arenaPanelStyles, arenaPageStyles];

  /** Route segments after #/arena, e.g. ['resume', '<checkpoint id>']. */
  @property({ attribute: false }) route: string[] = [];

  private readonly _games: EnvInfo[] = listEnvs();
  @state() private _envId: EnvId = 'CartPole-v1';
  @state() private _presetIndex = 0;
  @state() private _draft: DqnConfig = presetFor('CartPole-v1');
  @state() private _draftErrors: string[] = [];
  @state() private _watchMode: WatchMode = 'agent';
  /** Env steps per second in the watch view: the game's real time, or a pace a person can follow. */
  @state() private _watchSpeed = realTimeSpeed('CartPole-v1');
  @state() private _watchSeed = 0;
  /** Which weights the watch view plays: the best-evaluated (default, once there are some) or the latest. */
  @state() private _watchWeights: 'best' | 'latest' = 'best';
  /** The backend a recipe link was recorded on (another one cannot replay it exactly). */
  @state() private _recipeBackend: string | null = null;
  private readonly _runs = new ArenaRuns(this, () => ({ envId: this._envId, envOptions: this._envOptions }));

  override connectedCallback(): void {
    super.connectedCallback();
    if (this._runs.list.length === 0) this._runs.resetAll(presetFor(this._envId));
  }

  override firstUpdated(): void {
    // Start the first run's worker once the game is drawn: it loads tfjs while the user reads the page.
    this._runs.selected.controller.prewarmSoon(() => this.isConnected);
  }

  override disconnectedCallback(): void {
    // Leaving the page stops every run: the controllers end their workers, nothing trains in the background.
    super.disconnectedCallback();
    this._runs.leave();
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('route') && this.route[0] === 'resume' && this.route[1]) {
      void this._resumeFrom(decodeURIComponent(this.route[1]));
    }
    if (changed.has('route') && this.route[0] === 'recipe' && this.route[1]) this._loadRecipe(this.route[1]);
  }

  /** Sets the arena up to replay a recipe link's run (settings and seed, no weights). */
  private _loadRecipe(payload: string): void {
    history.replaceState(null, '', '#/arena');
    const runs = this._runs;
    try {
      const recipe = decodeRecipeLink(payload);
      const { game, presetIndex } = recipePlace(recipe, this._games);
      this._envId = game.id;
      this._presetIndex = presetIndex;
      const run = this._resetAll(recipe.config);
      run.spec = { ...run.spec, evaluation: recipe.evaluation };
      this._recipeBackend = recipe.backend;
      runs.notice = {
        ok: true,
        text:
          `Recipe loaded: ${game.spec.name}, seed ${recipe.config.seed}, recorded on ${recipe.backend}. ` +
          'Press Train to replay the run.',
      };
    } catch (error) {
      runs.notice = { ok: false, text: `Could not open the recipe: ${errorText(error)}` };
    }
    this.requestUpdate();
  }

  /** Opens a saved checkpoint as Run 1 (other runs are dropped), then drops the id from the address. */
  private async _resumeFrom(id: string): Promise<void> {
    history.replaceState(null, '', '#/arena');
    const runs = this._runs;
    try {
      const checkpoint = await loadCheckpoint(id);
      if (checkpoint.subject.type !== 'game') throw new Error('This checkpoint is not an arena run');
      const envId = checkpoint.subject.gameId as EnvId;
      const game = this._games.find((g) => g.id === envId);
      if (!game) throw new Error(`Unknown game ${envId}`);
      this._envId = envId;
      const options = JSON.stringify(checkpoint.subject.envOptions);
      this._presetIndex = Math.max(
        0,
        game.presets.findIndex((p) => JSON.stringify(p.options) === options),
      );
      const run = this._resetAll(presetFor(envId));
      if (!(await run.resume(checkpoint))) throw new Error(run.message ?? 'The worker refused it');
      this._draft = structuredClone(run.spec.config);
      runs.notice = {
        ok: true,
        text: `Resumed “${checkpoint.name}” at env step ${checkpoint.counters.envSteps.toLocaleString()}.`,
      };
    } catch (error) {
      runs.notice = { ok: false, text: `Could not resume: ${errorText(error)}` };
    }
    this.requestUpdate();
  }

  private get _game(): EnvInfo {
    return this._games.find((g) => g.id === this._envId)!;
  }

  /** The description of the game as set up now (e.g. FrozenLake says "slippery" only when it is). */
  private get _description(): string {
    try {
      return makeEnvFromConfig(this._envId, this._envOptions).spec.description;
    } catch {
      return this._game.description;
    }
  }

  /** The preset's options object itself (not a copy), so children see the same value between renders. */
  private get _envOptions(): Record<string, unknown> {
    return (this._game.presets[this._presetIndex]?.options ?? EMPTY_OPTIONS) as Record<string, unknown>;
  }

  private _onGameChange(event: Event): void {
    this._recipeBackend = null;
    this._envId = (event.target as HTMLSelectElement).value as EnvId;
    this._presetIndex = 0;
    this._watchSpeed = this._paceFor(this._watchMode);
    this._resetAll(presetFor(this._envId));
  }

  /** Real time for watching the agent, a slower pace where a person plays by hand. */
  private _paceFor(mode: WatchMode): number {
    return mode === 'human' ? byHandSpeed(this._envId) : realTimeSpeed(this._envId);
  }

  private _onWatchMode(mode: WatchMode): void {
    this._watchMode = mode;
    this._watchSpeed = this._paceFor(mode);
  }

  private _onPresetChange(event: Event): void {
    this._presetIndex = Number((event.target as HTMLSelectElement).value);
    this._resetAll(presetFor(this._envId));
  }

  /** A new game (or game option) starts every run again with that game's preset. */
  private _resetAll(config: DqnConfig) {
    const run = this._runs.resetAll(config);
    this._showSelected();
    return run;
  }

  /** The hyperparameter form shows the selected run's settings. */
  private _showSelected(): void {
    this._draft = structuredClone(this._runs.selected.spec.config);
    this._draftErrors = [];
    this.requestUpdate();
  }

  private _onConfigChange(event: CustomEvent<{ config: DqnConfig; errors: string[] }>): void {
    this._draft = event.detail.config;
    this._draftErrors = event.detail.errors;
  }

  private async _onApplyConfig(): Promise<void> {
    if (validateDqnConfig(this._draft).length > 0) return;
    if (observationScaleMismatch(this._draft, observationSizeOf(this._envId, this._envOptions))) return;
    await this._runs.apply(this._runs.selected, structuredClone(this._draft));
    this.requestUpdate();
  }

  private _onLoadPreset(): void {
    this._draft = presetFor(this._envId);
    this._draftErrors = [];
  }

  override render(): TemplateResult {
    const runs = this._runs;
    const selected = runs.selected;
    const version = runs.version;
    const threshold = this._game.spec.rewardThreshold;
    const training = runs.anyTraining;
    return html`
      <div class="top">
        <div style="flex:1;min-width:200px">
          <h1>Arena</h1>
        </div>
        <label
          >Game
          <select data-testid="game-select" @change=${this._onGameChange} ?disabled=${training}>
            ${this._games.map((g) => html`<option value=${g.id} ?selected=${g.id === this._envId}>${g.spec.name}</option>`)}
          </select></label
        >
        <label
          >Variant
          <select @change=${this._onPresetChange} ?disabled=${training}>
            ${this._game.presets.map(
              (p, i) => html`<option value=${i} ?selected=${i === this._presetIndex}>${p.name}</option>`,
            )}
          </select></label
        >
      </div>
      <p class="intro">
        ${this._description} Press <b>Train</b>: a DQN agent learns in a background worker while its current
        greedy policy plays a second copy of the game in the game view.
      </p>
      <div class="layout">
        <div class="column">
          <section class="card">
            <pg-arena-controls
              .runs=${runs}
              .version=${version}
              .threshold=${threshold}
              watchMode=${this._watchMode}
              @watch-mode-change=${(e: CustomEvent<WatchMode>) => this._onWatchMode(e.detail)}
            >
              <pg-arena-save
                .runs=${runs}
                .version=${version}
                gameName=${this._game.spec.name}
              ></pg-arena-save>
              <pg-arena-evaluation
                .run=${selected}
                .version=${version}
                envId=${this._envId}
                .threshold=${threshold}
              ></pg-arena-evaluation>
            </pg-arena-controls>
          </section>
          ${this._renderWatch()}
          ${recipeBackendWarning(this._recipeBackend, this._runs.selected.controller.backend?.active)}
          <pg-arena-run-list
            .runs=${runs}
            .version=${version}
            @runs-change=${this._showSelected}
          ></pg-arena-run-list>
        </div>
        <div class="column">
          <pg-arena-charts .runs=${runs.list} .version=${version} .threshold=${threshold}></pg-arena-charts>
          ${this._renderSettings()}
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

  private _watchedWeights() {
    const { state } = this._runs.selected;
    return this._watchWeights === 'best' && state.bestWeights ? state.bestWeights : state.weights;
  }

  private _renderWatch(): TemplateResult {
    const selected = this._runs.selected;
    const trainingRate = selected.state.stepsPerSec;
    return html`<section class="card watch">
      <pg-watch-view
        .envId=${this._envId}
        .envOptions=${this._envOptions}
        .weights=${this._watchedWeights()}
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
            min="0"
            max=${SLIDER_STEPS}
            aria-valuetext="${this._watchSpeed} steps per second"
            .value=${String(sliderFromSpeed(this._watchSpeed))}
            @input=${(e: Event) => (this._watchSpeed = speedFromSlider(Number((e.target as HTMLInputElement).value)))}
          />
          <span class="small" data-testid="watch-speed">${this._watchSpeed} steps/s</span></label
        >
        <button
          data-testid="watch-real-time"
          title="The game's own clock (Gymnasium's render_fps where it has one)"
          @click=${() => (this._watchSpeed = realTimeSpeed(this._envId))}
        >
          Real time
        </button>
        <button
          data-testid="watch-training-speed"
          title="As many steps a second as the selected run trains"
          ?disabled=${!(trainingRate > 0)}
          @click=${() => (this._watchSpeed = clampSpeed(trainingRate!))}
        >
          As fast as training
        </button>
        <label title="The best-evaluated weights are kept beside the latest ones"
          >Agent
          <select
            data-testid="watch-weights"
            @change=${(e: Event) => (this._watchWeights = (e.target as HTMLSelectElement).value as 'best' | 'latest')}
          >
            <option value="best" ?selected=${this._watchWeights === 'best'}>
              best${selected.state.best ? ` (${selected.state.best.mean.toFixed(1)})` : ''}
            </option>
            <option value="latest" ?selected=${this._watchWeights === 'latest'}>latest</option>
          </select></label
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
        !selected.state.weights && this._watchMode === 'agent'
          ? html`<p class="small muted">
              The watch view starts playing once the trainer sends its first weights.
            </p>`
          : nothing
      }
    </section>`;
  }

  private _renderSettings(): TemplateResult {
    const selected = this._runs.selected;
    return html`<section class="card">
      <details>
        <summary>Hyperparameters of ${selected.label}</summary>
        <p class="small muted">Changes apply when you press “Apply and restart run”: the run starts again.</p>
        <pg-dqn-config-form
          .config=${this._draft}
          .observationSize=${observationSizeOf(this._envId, this._envOptions)}
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
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-arena-page': ArenaPage;
  }
}
