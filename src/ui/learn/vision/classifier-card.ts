import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { cardStyles } from '../../components/card-styles';
import { lineChart } from '../../components/line-chart';
import type { LineSeries } from '../../components/line-chart';
import { DEFAULT_TRAIN_STEPS, type ClassifierSession, type ClassifierView } from './classifier-session';

function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

/**
 * The shared MNIST classifier: its state (none, training, paused, trained or loaded from this browser), train /
 * pause / stop, progress, and live loss and accuracy curves.
 */
@customElement('pg-classifier-card')
export class ClassifierCard extends LitElement {
  static override styles = [
    cardStyles,
    css`
      :host {
        display: block;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
        margin: 8px 0;
      }
      .charts {
        display: grid;
        gap: 12px;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 280px), 1fr));
        margin-top: 8px;
      }
      p {
        margin: 0 0 6px;
        line-height: 1.5;
      }
      .number {
        font-variant-numeric: tabular-nums;
        font-weight: 600;
      }
    `,
  ];

  @property({ attribute: false }) session: ClassifierSession | null = null;
  @property({ attribute: false }) view: ClassifierView | null = null;
  /** What the classifier is for on this panel, e.g. "to attack". */
  @property() purpose = '';
  /** Hide the curves (panels that only need the trained model). */
  @property({ type: Boolean }) compact = false;

  private _summary(view: ClassifierView): TemplateResult {
    const s = view.latest;
    if (view.phase === 'starting')
      return html`<p class="muted">Starting the worker and loading the digits…</p>`;
    if (view.phase === 'training' || view.phase === 'paused')
      return html`<p>
        A small CNN (two convolution + pooling layers, then one dense layer) is learning the 8,000 training
        digits with Adam, 64 digits a step. Every 25 steps it is tested on 500 digits it never trains on.
      </p>`;
    if (view.phase !== 'finished' || !s)
      return html`<p>
        No classifier is saved in this browser yet. Train one${this.purpose ? ` ${this.purpose}` : ''}: a
        small CNN learns 8,000 handwritten digits in ${DEFAULT_TRAIN_STEPS} steps (about three passes), right
        here in a background worker.
      </p>`;
    const where = s.source === 'saved' ? 'Loaded from this browser' : 'Trained here';
    return html`<p>
      ${where}:
      <span class="number" data-testid="classifier-accuracy">${percent(s.testAccuracy)}</span> accuracy on
      ${view.testCount.toLocaleString('en')} test digits it never saw, after
      <span class="number">${s.steps}</span> steps (${s.epochs.toFixed(1)} epochs, ${s.backend}).
    </p>`;
  }

  private _buttons(view: ClassifierView): TemplateResult {
    const session = this.session;
    if (view.phase === 'training')
      return html`<button @click=${() => session?.pause()}>Pause</button>
        <button @click=${() => session?.stop()}>Stop</button>`;
    if (view.phase === 'paused')
      return html`<button class="primary" @click=${() => session?.resume()}>Resume</button>
        <button @click=${() => session?.stop()}>Stop</button>`;
    if (view.phase === 'finished')
      return html`<button @click=${() => session?.trainMore()} data-testid="train-more">
          Train ${DEFAULT_TRAIN_STEPS} more steps
        </button>
        <button @click=${() => session?.trainFresh()}>Retrain from scratch</button>`;
    return html`<button
      class="primary"
      ?disabled=${view.phase === 'starting'}
      @click=${() => session?.trainFresh()}
      data-testid="train-classifier"
    >
      Train the classifier
    </button>`;
  }

  private _charts(view: ClassifierView): TemplateResult | typeof nothing {
    if (this.compact || view.history.length === 0) return nothing;
    const steps = view.history.map((p) => p.step);
    const loss: LineSeries[] = [
      { label: 'training loss', values: view.history.map((p) => p.loss), x: steps },
    ];
    const tested = view.history.filter((p) => p.testAccuracy !== null);
    const accuracy: LineSeries[] = [
      { label: 'batch', values: view.history.map((p) => p.batchAccuracy * 100), x: steps, width: 1 },
      {
        label: 'test (500 digits)',
        values: tested.map((p) => p.testAccuracy! * 100),
        x: tested.map((p) => p.step),
      },
    ];
    return html`<div class="charts">
      ${lineChart('Cross-entropy loss', 'cross-entropy (nats)', loss, { height: 160 })}
      ${lineChart('Accuracy (%)', 'accuracy (%)', accuracy, { height: 160 })}
    </div>`;
  }

  override render(): TemplateResult {
    const view = this.view;
    if (!view) return html``;
    const s = view.latest;
    const running = view.phase === 'training' || view.phase === 'paused';
    const live = view.history.findLast((p) => p.testAccuracy !== null)?.testAccuracy ?? null;
    return html`<section
      class="card"
      data-testid="classifier-card"
      data-phase=${view.phase}
      data-test-accuracy=${s?.testAccuracy ?? ''}
      data-live-accuracy=${live ?? ''}
      data-steps=${s?.steps ?? 0}
      aria-label="The digit classifier"
    >
      <h2>The digit classifier</h2>
      ${this._summary(view)}
      <div class="row">${this._buttons(view)}</div>
      ${
        running
          ? html`<progress max="1" .value=${s?.fraction ?? 0} aria-label="Training progress"></progress>
              <p class="small muted" aria-live="polite">
                ${view.phase === 'paused' ? 'Paused at' : 'Step'}
                <span class="number">${s?.steps ?? 0}</span> · epoch ${(s?.epochs ?? 0).toFixed(2)}
              </p>`
          : nothing
      }
      ${view.message ? html`<p class="error" role="alert">${view.message}</p>` : nothing}
      ${this._charts(view)}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-classifier-card': ClassifierCard;
  }
}
