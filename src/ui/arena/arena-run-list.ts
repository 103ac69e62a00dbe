/** The arena's runs side by side: pick one for the detail views, add one to compare settings, remove one. */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cardStyles } from '../components/card-styles';
import type { DqnConfig } from '../../agents/dqn-config';
import { arenaPanelStyles, runListStyles } from './arena-styles';
import { MAX_RUNS, type ArenaRuns } from './arena-runs';
import type { ArenaRun } from './arena-run';
import { seriesStyle } from '../components/series-style';
import {
  VARIED_SETTINGS,
  isVariedSetting,
  sameAsRun,
  settingInfo,
  suggestValue,
  varyConfig,
  type VariedSetting,
} from './run-variation';
import { observationSizeOf } from './arena-recipe';

function describeConfig(c: DqnConfig): string {
  const target =
    c.targetUpdate.kind === 'hard' ? `sync/${c.targetUpdate.interval}` : `τ ${c.targetUpdate.tau}`;
  const flags = [
    c.doubleDqn ? 'Double' : null,
    c.dueling ? 'dueling' : null,
    c.prioritized ? 'PER' : null,
    c.observationScale ? 'scaled inputs' : null,
  ]
    .filter(Boolean)
    .join(', ');
  const pause = c.pauseLearningAtReturn === null ? '' : ` · pauses at ${c.pauseLearningAtReturn}`;
  return `${flags ? `${flags} · ` : ''}[${c.hiddenSizes.join('-')}] · lr ${c.learningRate} · ${target}${pause} · seed ${c.seed}`;
}

/** A setting's value as the form shows it: layer sizes as "64-64", null as "off". */
function shown(value: unknown): string {
  if (value === null) return 'off';
  return Array.isArray(value) ? value.join('-') : String(value);
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

  /** The "vary one setting" form is open. */
  @state() private _adding = false;
  @state() private _setting: VariedSetting = 'seed';
  @state() private _value = '';
  @state() private _error = '';

  private _openForm(): void {
    this._adding = true;
    this._pick(this._setting);
  }

  private _pick(setting: VariedSetting): void {
    this._setting = setting;
    const configs = this.runs.list.map((r) => r.spec.config);
    this._value = suggestValue(setting, this.runs.base.spec.config, configs);
    this._error = '';
  }

  private _onSetting(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (isVariedSetting(value)) this._pick(value);
  }

  private _add(event: Event): void {
    event.preventDefault();
    const { spec } = this.runs.base;
    const size = observationSizeOf(spec.envId, spec.envOptions ?? {});
    const result = varyConfig(spec.config, this._setting, this._value, size);
    if ('error' in result) {
      this._error = result.error;
      return;
    }
    const twin = sameAsRun(
      result.config,
      this.runs.list.map((r) => r.spec.config),
    );
    if (twin >= 0) {
      this._error = `${this.runs.list[twin]!.label} already has these settings: it would draw the same curve`;
      return;
    }
    if (!this.runs.add(result.config)) return;
    this._adding = false;
    this._changed();
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
              <span
                class="swatch"
                aria-hidden="true"
                style="border-top: 4px ${seriesStyle(run.id - 1).swatch} var(${run.color})"
              ></span>
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
      ${
        this._adding
          ? this._renderForm()
          : html`<div class="controls" style="margin-top:10px">
              <button
                data-testid="add-run"
                @click=${this._openForm}
                ?disabled=${runs.list.length >= MAX_RUNS}
              >
                Add a run to compare
              </button>
            </div>`
      }
    </section>`;
  }

  /** One setting changed from Run 1's, so that the new curve differs for a reason the name tells. */
  private _renderForm(): TemplateResult {
    const info = settingInfo(this._setting);
    const base = this.runs.base;
    const flag = info.kind === 'flag' ? Boolean(base.spec.config[this._setting]) : null;
    return html`<form class="vary" data-testid="vary-form" @submit=${this._add}>
      <p class="small muted">
        The new run starts from ${base.label}’s settings with one of them changed; its name says which.
      </p>
      <div class="controls">
        <label
          >Vary
          <select data-testid="vary-setting" .value=${this._setting} @change=${this._onSetting}>
            ${VARIED_SETTINGS.map(
              (s) => html`<option value=${s.id} ?selected=${s.id === this._setting}>${s.label}</option>`,
            )}
          </select></label
        >
        ${
          flag === null
            ? html`<label
                >New value
                <input
                  data-testid="vary-value"
                  inputmode=${info.kind === 'layers' || info.kind === 'factors' ? 'text' : 'decimal'}
                  style="width:8em"
                  .value=${this._value}
                  @input=${(e: Event) => (this._value = (e.target as HTMLInputElement).value)}
                />
                <span class="small muted">${base.label}: ${shown(base.spec.config[this._setting])}</span>
              </label>`
            : html`<span class="small"
                >${info.label}: ${flag ? 'on' : 'off'} in ${base.label}, ${flag ? 'off' : 'on'} in the new
                run</span
              >`
        }
      </div>
      <div class="controls" style="margin-top:8px">
        <button class="primary" type="submit" data-testid="add-run-confirm">Add run</button>
        <button type="button" @click=${() => (this._adding = false)}>Cancel</button>
      </div>
      ${this._error ? html`<p class="error" role="alert" data-testid="vary-error">${this._error}</p>` : nothing}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-arena-run-list': ArenaRunList;
  }
}
