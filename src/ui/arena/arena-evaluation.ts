/**
 * The game's solve rule and the selected run's greedy evaluations, as the worker plays them while training
 * (K seeded episodes on separate copies of the game every N env steps): the newest score, the best one (whose
 * weights are kept) and the moment the rule was met. Everything shown belongs to the run: a reset or another
 * game clears it with the run.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { cardStyles } from '../components/card-styles';
import { solveRuleText } from '../../agents/solve-rules';
import type { RlEvaluation } from '../../workers/protocol';
import { arenaPanelStyles } from './arena-styles';
import type { ArenaRun } from './arena-run';

const score = (e: RlEvaluation): string => (Math.abs(e.mean) < 10 ? e.mean.toFixed(2) : e.mean.toFixed(1));

@customElement('pg-arena-evaluation')
export class ArenaEvaluation extends LitElement {
  static override styles = [cardStyles, arenaPanelStyles];

  @property({ attribute: false }) run!: ArenaRun;
  @property({ attribute: false }) version = 0;
  @property() envId = 'CartPole-v1';
  @property({ attribute: false }) threshold: number | null = null;

  private _onStopChange(event: Event): void {
    void this.run.setStopWhenSolved((event.target as HTMLInputElement).checked);
    this.requestUpdate();
  }

  override render(): TemplateResult {
    const { run, threshold } = this;
    const settings = run.evaluation;
    const { evaluation, best, solved } = run.state;
    return html`<div class="small" style="margin-top:10px" data-testid="solve-panel">
      <p data-testid="solve-rule">${solveRuleText(this.envId, threshold, settings)}</p>
      ${
        threshold !== null
          ? html`<label
              ><input
                type="checkbox"
                data-testid="stop-when-solved"
                .checked=${settings.stopWhenSolved}
                @change=${this._onStopChange}
              />Stop training when solved</label
            >`
          : nothing
      }
      ${
        evaluation
          ? html`<p data-testid="evaluation" data-mean=${evaluation.mean}>
              ${run.label}, greedy at ${evaluation.envStep.toLocaleString()} steps: mean
              <b>${score(evaluation)}</b> over ${evaluation.episodes}
              episodes${
                best ? html`; best <b>${score(best)}</b> at ${best.envStep.toLocaleString()} (kept)` : nothing
              }.
            </p>`
          : html`<p class="muted" data-testid="evaluation">
              ${settings.every > 0 ? `First evaluation at env step ${settings.every.toLocaleString()}.` : ''}
            </p>`
      }
      ${
        solved
          ? html`<p data-testid="solved" data-env-step=${solved.envStep} data-mean=${solved.mean}>
              <b>✓ Solved</b> at env step ${solved.envStep.toLocaleString()}, after
              ${solved.seconds.toFixed(0)} s of training: greedy mean <b>${score(solved)}</b> over
              ${solved.episodes} episodes.
            </p>`
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
