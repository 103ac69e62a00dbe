/**
 * The arena's run controls: Train/Pause, Step and Reset drive every run at once (runs compared side by side
 * move together), then whatever the page slots in (save, evaluation), the selected run's message and its stats.
 * (The shared pg-run-controls drives one run; the arena drives up to four.)
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { cardStyles } from '../components/card-styles';
import { backendLabel } from '../../workers/backend-choice';
import { arenaPanelStyles } from './arena-styles';
import type { ArenaRuns } from './arena-runs';
import type { ArenaRun } from './arena-run';
import type { WatchMode } from './watch-view';

function format(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/**
 * @fires watch-mode-change - detail: the WatchMode picked with "Play it yourself".
 */
@customElement('pg-arena-controls')
export class ArenaControls extends LitElement {
  static override styles = [cardStyles, arenaPanelStyles];

  @property({ attribute: false }) runs!: ArenaRuns;
  /** The runs' change counter: redraws when any run changes. */
  @property({ attribute: false }) version = 0;
  @property() watchMode: WatchMode = 'agent';
  /** The game's solve threshold, shown before a run has started. */
  @property({ attribute: false }) threshold: number | null = null;

  private _onWatchMode(event: Event): void {
    const mode: WatchMode = (event.target as HTMLInputElement).checked ? 'human' : 'agent';
    this.dispatchEvent(new CustomEvent<WatchMode>('watch-mode-change', { detail: mode, bubbles: true }));
  }

  override render(): TemplateResult {
    const { runs } = this;
    const training = runs.anyTraining;
    const starting = runs.anyStarting;
    return html`
      <div class="controls">
        ${
          training
            ? html`<button class="primary" data-testid="pause" @click=${() => runs.pauseAll()}>Pause</button>`
            : html`<button
                class="primary"
                data-testid="train"
                @click=${() => runs.trainAll()}
                ?disabled=${starting}
              >
                ${runs.list.some((r) => r.state.envSteps > 0) ? 'Resume' : 'Train'}
              </button>`
        }
        <button
          data-testid="step"
          @click=${() => runs.stepAll()}
          ?disabled=${training || starting}
          title="One environment step (and the training it triggers)"
        >
          Step
        </button>
        <button
          data-testid="reset"
          @click=${() => runs.resetRuns()}
          ?disabled=${starting}
          title="Forget everything learned and start again"
        >
          Reset
        </button>
        <label title="Play it yourself with the arrow keys"
          ><input
            type="checkbox"
            data-testid="play-yourself"
            .checked=${this.watchMode === 'human'}
            @change=${this._onWatchMode}
          />Play it yourself</label
        >
      </div>
      <slot></slot>
      ${this._renderStats(runs.selected)}
    `;
  }

  /** Why the weights are held, in the run's own numbers. */
  private _renderPaused(run: ArenaRun): TemplateResult {
    const { pauseLearningAtReturn, pauseLearningEpisodes } = run.spec.config;
    return html`<p class="muted" data-testid="learning-paused">
      Learning paused: the last ${pauseLearningEpisodes} training episodes averaged at least
      ${pauseLearningAtReturn}, so the weights are held. Learning resumes if the returns fall.
    </p>`;
  }

  private _renderStats(run: ArenaRun): TemplateResult {
    const { state } = run;
    const threshold = state.info?.rewardThreshold ?? this.threshold;
    const stat = (label: string, value: string, testid?: string): TemplateResult =>
      html`<div class="stat"><b data-testid=${testid ?? nothing}>${value}</b><span>${label}</span></div>`;
    const backend = run.controller.backend;
    return html`
      ${
        run.message
          ? html`<p class="error" role="alert" data-testid="run-message">${run.label}: ${run.message}</p>`
          : nothing
      }
      <div
        class="stats"
        data-testid="stats"
        data-env-steps=${state.envSteps}
        data-episodes=${state.episodes}
        data-gradient-steps=${state.gradientSteps}
        data-backend=${backend?.active ?? ''}
        data-status=${run.status}
      >
        ${stat('env steps', state.envSteps.toLocaleString(), 'stat-steps')}
        ${stat('episodes', state.episodes.toLocaleString(), 'stat-episodes')}
        ${stat('mean return (100)', format(state.mean100))}
        ${stat(
          state.evaluation ? `greedy mean (${state.evaluation.episodes})` : 'greedy mean',
          format(state.evaluation?.mean),
          'stat-greedy',
        )}
        ${stat(
          threshold === null ? 'no solve threshold' : `solved at ≥ ${threshold}`,
          state.solved ? `✓ ${state.solved.envStep.toLocaleString()}` : '—',
          'stat-solved',
        )}
        ${stat('ε', format(state.epsilon, 3))}
        ${stat(
          'learning rate',
          state.learningPaused
            ? 'paused'
            : state.learningRate === null
              ? '—'
              : state.learningRate.toPrecision(2),
          'stat-learning-rate',
        )}
        ${stat('steps / s', format(state.stepsPerSec, 0))}
        ${stat('gradient steps', state.gradientSteps.toLocaleString())}
        ${stat('backend', backend ? backendLabel(backend.active) : run.status === 'starting' ? '…' : '—')}
      </div>
      ${state.learningPaused ? this._renderPaused(run) : nothing}
      ${backend ? html`<p class="muted" data-testid="backend-why">Backend: ${backend.why}</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-arena-controls': ArenaControls;
  }
}
