/**
 * The controls and status strip every training page shares: Train/Pause, Step, Reset, the stats (status plus
 * the page's own numbers), the backend and why, the run's message, and the Save-checkpoint form. It drives a
 * RunController directly; the page passes the spec its form holds now (applied on the next Train or Step).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { backendLabel } from '../../workers/backend-choice';
import { cardStyles } from '../components/card-styles';
import type { RunController, RunUpdate } from './run-controller';
import { nameFieldStyles, statStyles } from './run-styles';
import { STATUS_TEXT } from './run-status';

/** One number in the stats strip. */
export interface RunStat {
  label: string;
  value: string;
  /** data-testid of the value, for tests. */
  testid?: string;
}

@customElement('pg-run-controls')
export class RunControls extends LitElement {
  // The app's buttons (Train is the primary one) and error look; the shadow root would otherwise drop them.
  static override styles = [
    cardStyles,
    statStyles,
    nameFieldStyles,
    css`
      :host {
        display: block;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 12px;
        align-items: end;
      }
      .note {
        font-size: 0.85rem;
        color: var(--pg-muted);
        line-height: 1.45;
        margin: 6px 0 0;
      }
      .ok {
        color: var(--pg-good);
      }
      .error {
        color: var(--pg-bad);
        font-size: 0.9rem;
        margin: 8px 0 0;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 3px;
        font-size: 0.8rem;
        color: var(--pg-muted);
      }
      button {
        min-height: 36px;
      }
    `,
  ];

  /** The run these controls drive. */
  @property({ attribute: false }) run!: RunController<unknown, RunUpdate>;
  /** The spec the page's form holds now. */
  @property({ attribute: false }) spec: unknown = null;
  /** The page's own numbers, after the status. */
  @property({ attribute: false }) stats: RunStat[] = [];
  /** Default name for a saved checkpoint; no Save form when empty. */
  @property() saveName = '';
  /** What one Step trains, for the button's title (e.g. "one iteration"). */
  @property() stepTitle = 'one training step';
  /** Disables Train, Step and Reset (e.g. while the page waits for input the run needs). */
  @property({ type: Boolean }) disabled = false;
  /** What Reset does; by default the run is forgotten (the next Train starts afresh). */
  @property({ attribute: false }) resetAction: (() => void) | null = null;

  private unwatch: (() => void) | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.watchRun();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatch?.();
    this.unwatch = null;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('run')) this.watchRun();
  }

  /** The run changes without the page passing anything new: redraw with it. */
  private watchRun(): void {
    this.unwatch?.();
    this.unwatch = this.run && this.isConnected ? this.run.watch(() => this.requestUpdate()) : null;
  }

  private _onSave(event: Event): void {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('name') as HTMLInputElement;
    void this.run.save(input.value.trim() || this.saveName);
  }

  override render() {
    const run = this.run;
    const training = run.status === 'training';
    const starting = run.status === 'starting';
    return html`<div class="row">
        ${
          training
            ? html`<button class="primary" data-testid="pause" @click=${() => run.pause()}>Pause</button>`
            : html`<button
                class="primary"
                data-testid="train"
                ?disabled=${starting || this.disabled}
                @click=${() => run.trainWith(this.spec)}
              >
                ${run.ready ? 'Train' : 'Start training'}
              </button>`
        }
        <button
          data-testid="step"
          title="Train ${this.stepTitle}"
          ?disabled=${training || starting || this.disabled}
          @click=${() => run.stepWith(this.spec)}
        >
          Step
        </button>
        <button
          data-testid="reset"
          ?disabled=${starting || this.disabled}
          @click=${() => (this.resetAction ? this.resetAction() : run.reset())}
        >
          Reset
        </button>
        <slot name="actions"></slot>
      </div>
      <div class="stats" data-testid="run-stats" data-status=${run.status} data-version=${run.version}>
        <div class="stat"><b data-testid="stat-status">${STATUS_TEXT[run.status]}</b><span>status</span></div>
        ${this.stats.map(
          (s) =>
            html`<div class="stat">
              <b data-testid=${s.testid ?? nothing}>${s.value}</b><span>${s.label}</span>
            </div>`,
        )}
      </div>
      <slot></slot>
      <p class="note">
        ${
          run.backend
            ? html`backend <b data-testid="backend">${backendLabel(run.backend.active)}</b>
                <span title=${run.backend.why}>(${run.backend.why})</span>`
            : 'The backend is chosen when training starts.'
        }
      </p>
      ${run.message ? html`<p class="error" role="alert" data-testid="run-message">${run.message}</p>` : nothing}
      ${
        this.saveName
          ? html`<form class="row" style="margin-top:10px" @submit=${this._onSave}>
              <label
                >Checkpoint name
                <input type="text" name="name" placeholder=${this.saveName} aria-label="checkpoint name" />
              </label>
              <button type="submit" data-testid="save" ?disabled=${!run.ready}>Save checkpoint</button>
            </form>`
          : nothing
      }
      ${
        run.saved
          ? html`<p class="note ${run.saved.ok ? 'ok' : 'error'}" data-testid="save-message" role="status">
              ${run.saved.text} ${run.saved.ok ? html`<a href="#/checkpoints">All checkpoints</a>` : nothing}
            </p>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-run-controls': RunControls;
  }
}
