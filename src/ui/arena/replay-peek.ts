import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ArenaRun } from './arena-run';
import type { RlReplayPeek } from '../../workers/protocol';
import type { StoredTransition } from '../../agents/replay-buffer';
import { cardStyles } from '../components/card-styles';
import { errorText } from '../../util/error-text';

/** A look into a run's replay buffer: the newest transitions and a sample like the ones training draws. */
@customElement('pg-replay-peek')
export class ReplayPeek extends LitElement {
  static override styles = [
    cardStyles,
    css`
      :host {
        display: block;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: 0.78rem;
        font-family: var(--pg-mono);
      }
      th,
      td {
        text-align: left;
        padding: 3px 6px;
        border-bottom: 1px solid var(--pg-border);
        white-space: nowrap;
      }
      .scroll {
        overflow-x: auto;
      }
      h3 {
        font-size: 0.9rem;
        margin: 12px 0 4px;
      }
    `,
  ];

  @property({ attribute: false }) run: ArenaRun | null = null;
  @state() private _peek: RlReplayPeek | null = null;
  @state() private _error: string | null = null;

  private async _onRefresh(): Promise<void> {
    try {
      this._error = null;
      this._peek = (await this.run?.peekReplay(8)) ?? null;
      if (!this._peek) this._error = 'The run has not started yet: train or step it first.';
    } catch (error) {
      this._error = errorText(error);
    }
  }

  private _table(rows: StoredTransition[]): TemplateResult {
    const names = this.run?.state.info?.actionNames ?? [];
    const vector = (v: number[]): string =>
      v.length > 6
        ? `[${v
            .slice(0, 6)
            .map((x) => x.toFixed(2))
            .join(', ')}, … ${v.length - 6} more]`
        : `[${v.map((x) => x.toFixed(2)).join(', ')}]`;
    // n-step returns: r is the discounted sum over the n steps and s′ the state n steps on.
    const nStep = rows.some((t) => t.steps > 1);
    return html`<div class="scroll">
      <table>
        <thead>
          <tr>
            <th>slot</th>
            <th>s</th>
            <th>a</th>
            <th>${nStep ? 'Σ γᵏ r' : 'r'}</th>
            <th>${nStep ? 's after n' : 's′'}</th>
            <th>terminal</th>
            ${nStep ? html`<th>n</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (t) =>
              html`<tr>
                <td>${t.slot}</td>
                <td>${vector(t.observation)}</td>
                <td>${names[t.action] ?? t.action}</td>
                <td>${t.reward.toFixed(2)}</td>
                <td>${vector(t.nextObservation)}</td>
                <td>${t.terminated ? 'yes' : ''}</td>
                ${nStep ? html`<td>${t.steps}</td>` : nothing}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  override render(): TemplateResult {
    const peek = this._peek;
    return html`
      <div style="display:flex;gap:10px;align-items:center;margin-top:8px">
        <button @click=${this._onRefresh} data-testid="peek-replay">Look into the buffer</button>
        ${peek ? html`<span class="small muted">${peek.size.toLocaleString()} of ${peek.capacity.toLocaleString()} transitions stored</span>` : nothing}
      </div>
      ${this._error ? html`<p class="small muted">${this._error}</p>` : nothing}
      ${
        peek && peek.size > 0
          ? html`<h3>Newest</h3>
              ${this._table(peek.recent)}
              <h3>A random sample, as training draws them</h3>
              ${this._table(peek.sampled)}
              <p class="small muted">
                “terminal” marks true ends only: a time-limit cut is stored as non-terminal, so the agent
                still bootstraps from s′ there.
              </p>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-replay-peek': ReplayPeek;
  }
}
