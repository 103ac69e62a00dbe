/**
 * "Evaluate greedy policy": plays the selected run's current greedy policy (the weights last streamed, no
 * exploration) for a few seeded episodes on this page, one episode per task. The training curve includes
 * exploration; this is the policy itself, as a solve check.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cardStyles } from '../components/card-styles';
import { evaluateGreedy } from '../../agents/evaluate';
import type { EnvId } from '../../envs/registry';
import { arenaPanelStyles } from './arena-styles';
import type { ArenaRun } from './arena-run';

/** Episodes the button plays. */
const EVAL_EPISODES = 20;

interface Evaluation {
  runLabel: string;
  envSteps: number;
  mean: number;
  returns: number[];
}

@customElement('pg-arena-evaluation')
export class ArenaEvaluation extends LitElement {
  static override styles = [cardStyles, arenaPanelStyles];

  @property({ attribute: false }) run!: ArenaRun;
  @property({ attribute: false }) version = 0;
  @property() envId: EnvId = 'CartPole-v1';
  @property({ attribute: false }) envOptions: Record<string, unknown> = {};
  @property({ attribute: false }) threshold: number | null = null;
  @state() private _evaluating = false;
  @state() private _evaluation: Evaluation | null = null;

  private async _onEvaluate(): Promise<void> {
    const run = this.run;
    const weights = run.state.weights;
    if (!weights || this._evaluating) return;
    this._evaluating = true;
    try {
      const { mean, returns } = await evaluateGreedy(
        weights,
        run.spec.config.activation,
        this.envId,
        this.envOptions,
        EVAL_EPISODES,
      );
      this._evaluation = { runLabel: run.label, envSteps: run.state.envSteps, mean, returns };
    } finally {
      this._evaluating = false;
    }
  }

  override render(): TemplateResult {
    const evaluation = this._evaluation;
    const threshold = this.threshold;
    const verdict =
      threshold === null || !evaluation
        ? ''
        : evaluation.mean >= threshold
          ? '— solved'
          : `(solved at ≥ ${threshold})`;
    return html`<div class="controls" style="margin-top:10px">
      <button
        data-testid="evaluate"
        @click=${this._onEvaluate}
        ?disabled=${this._evaluating || !this.run.state.weights}
        title="Play the current greedy policy (no exploration) for ${EVAL_EPISODES} episodes"
      >
        ${this._evaluating ? 'Evaluating…' : 'Evaluate greedy policy'}
      </button>
      ${
        evaluation
          ? html`<span class="small" data-testid="evaluation" data-mean=${evaluation.mean}>
              ${evaluation.runLabel} at ${evaluation.envSteps.toLocaleString()} steps: mean
              <b>${evaluation.mean.toFixed(1)}</b> over ${EVAL_EPISODES} greedy episodes ${verdict}</span
            >`
          : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-arena-evaluation': ArenaEvaluation;
  }
}
