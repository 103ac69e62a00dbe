/**
 * The 2-D GAN lab's three charts (losses, coverage and quality, divergence), redrawn at most every 250 ms
 * from the run's series: enough to look live, cheap for the main thread.
 */
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cardStyles } from '../../components/card-styles';
import { lineChart, type LineSeries } from '../../components/line-chart';
import { emptySeries, type Gan2dSeries } from './gan2d-run-state';

const CHART_MS = 250;

interface ChartData {
  lossX: number[];
  loss: LineSeries[];
  metricX: number[];
  quality: LineSeries[];
  divergence: LineSeries[];
}

function chartsOf(s: Gan2dSeries): ChartData {
  return {
    lossX: s.lossIteration.slice(),
    loss: [
      { label: 'D loss', values: s.dLoss.slice() },
      { label: 'G loss', values: s.gLoss.slice() },
    ],
    metricX: s.metricIteration.slice(),
    quality:
      s.coverage.length > 0
        ? [
            { label: 'modes covered (share)', values: s.coverage.slice() },
            { label: 'high-quality samples', values: s.highQuality.slice() },
          ]
        : [],
    divergence: [
      { label: 'JS (nats)', values: s.js.slice() },
      { label: 'KL (nats)', values: s.kl.slice() },
    ],
  };
}

const PER_ITERATION = { xLabel: 'iteration' };

@customElement('pg-gan2d-charts')
export class Gan2dCharts extends LitElement {
  static override styles = [
    cardStyles,
    css`
      :host {
        display: grid;
        gap: 12px;
        min-width: 0;
      }
    `,
  ];

  @property({ attribute: false }) series: Gan2dSeries | null = null;
  /** Bumped by the page on every change of the run. */
  @property({ type: Number }) version = 0;

  @state() private _charts: ChartData | null = null;
  private _timer = 0;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('series')) this._redraw();
    else if (changed.has('version') && !this._timer)
      this._timer = window.setTimeout(() => this._redraw(), CHART_MS);
  }

  override disconnectedCallback(): void {
    clearTimeout(this._timer);
    this._timer = 0;
    super.disconnectedCallback();
  }

  private _redraw(): void {
    clearTimeout(this._timer);
    this._timer = 0;
    this._charts = this.series ? chartsOf(this.series) : null;
  }

  override render() {
    const c = this._charts ?? chartsOf(emptySeries());
    // The metrics are measured every 250 iterations, on their own x values.
    const metric = { ...PER_ITERATION, x: c.metricX, height: 140 };
    return html`
      <section class="card">
        ${lineChart('Losses', 'loss (nats)', c.loss, { ...PER_ITERATION, x: c.lossX, height: 160, testId: 'loss-chart' })}
      </section>
      <section class="card">
        ${
          c.quality.length > 0
            ? lineChart('Mode coverage and sample quality', 'share (0–1)', c.quality, {
                ...metric,
                testId: 'quality-chart',
              })
            : html`<p class="small muted">
                This target is not a mixture of Gaussians: there are no modes to count. The divergence below
                still measures the fit.
              </p>`
        }
        <p class="small muted">
          A mode counts as covered when at least 1% of 2,000 generated samples lie within 3σ of its centre;
          high-quality samples are those within 3σ of any centre. Measured every 250 iterations.
        </p>
      </section>
      <section class="card">
        ${lineChart(
          'Divergence between real and generated (30 × 30 grid)',
          'divergence (nats)',
          c.divergence,
          {
            ...metric,
            testId: 'divergence-chart',
          },
        )}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-gan2d-charts': Gan2dCharts;
  }
}
