/** The arena's runs side by side: pick one for the detail views, add one to compare settings, remove one. */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { cardStyles } from '../components/card-styles';
import type { DqnConfig } from '../../agents/dqn-config';
import { arenaPanelStyles, runListStyles } from './arena-styles';
import { MAX_RUNS, type ArenaRuns } from './arena-runs';
import type { ArenaRun } from './arena-run';

function describeConfig(c: DqnConfig): string {
  const target =
    c.targetUpdate.kind === 'hard' ? `sync/${c.targetUpdate.interval}` : `τ ${c.targetUpdate.tau}`;
  const flags = [c.doubleDqn ? 'Double' : null, c.dueling ? 'dueling' : null, c.prioritized ? 'PER' : null]
    .filter(Boolean)
    .join(', ');
  return `${flags ? `${flags} · ` : ''}[${c.hiddenSizes.join('-')}] · lr ${c.learningRate} · ${target}`;
}

/**
 * @fires runs-change - a run was selected, added or removed (the page shows the selected run's settings).
 */
@customElement('pg-arena-run-list')
export class ArenaRunList extends LitElement {
  static override styles = [cardStyles, arenaPanelStyles, runListStyles];

  @property({ attribute: false }) runs!: ArenaRuns;
  @property({ attribute: false }) version = 0;

  private _changed(): void {
    this.dispatchEvent(new CustomEvent('runs-change', { bubbles: true }));
  }

  private _select(run: ArenaRun): void {
    this.runs.select(run);
    this._changed();
  }

  private _remove(event: Event, run: ArenaRun): void {
    event.stopPropagation();
    this.runs.remove(run);
    this._changed();
  }

  private _add(): void {
    if (this.runs.add()) this._changed();
  }

  override render(): TemplateResult {
    const { runs } = this;
    const selected = runs.selected;
    return html`<section class="card">
      <h2>Runs</h2>
      <p class="small muted">
        Add runs to compare settings on the same game (e.g. DQN against Double DQN): they train together and
        their curves share the charts.
      </p>
      <div class="runs" role="listbox" aria-label="Runs">
        ${runs.list.map(
          (run) =>
            html`<div
              class="run"
              role="option"
              aria-selected=${run === selected ? 'true' : 'false'}
              tabindex="0"
              @click=${() => this._select(run)}
              @keydown=${(e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && this._select(run)}
            >
              <span class="swatch" style="background: var(${run.color})"></span>
              <span class="name">${run.label}</span>
              <span class="badge ${run.status}" data-testid="run-status">${run.status}</span>
              <span class="meta">${describeConfig(run.spec.config)}</span>
              ${
                runs.list.length > 1
                  ? html`<button
                      style="margin-left:auto"
                      @click=${(e: Event) => this._remove(e, run)}
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
        <button data-testid="add-run" @click=${this._add} ?disabled=${runs.list.length >= MAX_RUNS}>
          Add a run to compare
        </button>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-arena-run-list': ArenaRunList;
  }
}
