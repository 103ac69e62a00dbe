import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { proxy } from 'comlink';
import { cardStyles } from '../../components/card-styles';
import { lineChart } from '../../components/line-chart';
import { sliderField } from '../../components/slider-field';
import type { LineSeries } from '../../components/line-chart';
import { classifierCard, pendingNote, visionStack } from '../vision/panel-parts';
import { dataTable } from '../table';
import { panelStyles } from '../vision/panel-styles';
import { ClassifierSession } from '../vision/classifier-session';
import { LatestRunner } from '../vision/latest-runner';
import { errorText } from '../../../util/error-text';
import type { CompressionRow } from '../../../workers/protocol/learn';

type Precision = CompressionRow['precision'];
const PRECISIONS: readonly Precision[] = ['float32', 'float16', 'int8'];
const SWEEP_SPARSITIES = [0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98];
const LABELS: Record<Precision, string> = {
  float32: 'float32 (original)',
  float16: 'float16',
  int8: 'int8 + scale',
};

function kb(bytes: number): string {
  return bytes >= 10_000 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes.toLocaleString('en')} B`;
}

/** Learn panel 12: quantization and magnitude pruning of the shared classifier, measured on the test set. */
@customElement('pg-compression-panel')
export class CompressionPanel extends LitElement {
  static override styles = [cardStyles, panelStyles];

  private readonly _session = new ClassifierSession(this);
  @state() private _quantized: CompressionRow[] | null = null;
  @state() private _sparsity = 0.5;
  @state() private _precision: Precision = 'int8';
  @state() private _point: CompressionRow | null = null;
  @state() private _sweep: CompressionRow[] | null = null;
  @state() private _progress: number | null = null;
  @state() private _error: string | null = null;

  private readonly _pointRunner = new LatestRunner<{ sparsity: number; precision: Precision }>(
    async (setting) => {
      try {
        const [row] = await this._session.api.visionCompression(
          { sparsities: [setting.sparsity], precisions: [setting.precision] },
          proxy(() => undefined),
        );
        this._point = row ?? null;
      } catch (error) {
        this._error = errorText(error);
      }
    },
  );

  constructor() {
    super();
    this._session.onModelChange = () => {
      this._sweep = null;
      void this._measureQuantized();
    };
  }

  private get _usable(): boolean {
    return (
      this._session.hasModel &&
      this._session.view.phase !== 'training' &&
      this._session.view.phase !== 'paused'
    );
  }

  private async _measureQuantized(): Promise<void> {
    if (!this._usable) return;
    try {
      this._quantized = await this._session.api.visionCompression(
        { sparsities: [0], precisions: [...PRECISIONS] },
        proxy(() => undefined),
      );
      this._measurePoint();
    } catch (error) {
      this._error = errorText(error);
    }
  }

  private _measurePoint(): void {
    if (this._usable) this._pointRunner.request({ sparsity: this._sparsity, precision: this._precision });
  }

  private async _runSweep(): Promise<void> {
    this._progress = 0;
    try {
      this._sweep = await this._session.api.visionCompression(
        { sparsities: SWEEP_SPARSITIES, precisions: ['float32', 'int8'] },
        proxy((done: number) => (this._progress = done)),
      );
    } catch (error) {
      this._error = errorText(error);
    } finally {
      this._progress = null;
    }
  }

  private _renderIntro(): TemplateResult {
    return html`<div class="intro">
      <h1>Making models small</h1>
      <p>
        To run on a phone or a small device, a model has to fit in little memory and compute cheaply. Two
        common tricks shrink a trained network without retraining it. <strong>Quantization</strong> stores
        each weight with fewer bits: float16 halves the size, and int8 keeps one byte per weight plus one
        scale per tensor (weight ≈ q × scale, with scale = max|w| / 127 and q an integer from −127 to 127), so
        every weight is off by at most half a scale step.
      </p>
      <p>
        <strong>Pruning</strong> sets the weights of smallest magnitude to exactly zero, on the bet that they
        matter least. A dense file of zeros is as large as before, but zeros compress very well (and sparse
        formats can skip them), so the deflated size shows the real saving. Every accuracy below is measured
        on all the test digits.
      </p>
    </div>`;
  }

  private _renderQuantized(): TemplateResult {
    const rows = this._quantized;
    return html`<section class="card" aria-labelledby="quant" data-testid="quant-card">
      <h2 id="quant">Quantization</h2>
      ${
        rows
          ? html`${dataTable(
              ['weights', 'test accuracy', 'size', 'deflated', 'largest weight error'],
              rows.map(
                (r) =>
                  html`<tr data-precision=${r.precision} data-bytes=${r.bytes} data-accuracy=${r.accuracy}>
                    <td>${LABELS[r.precision]}</td>
                    <td>${(r.accuracy * 100).toFixed(2)}%</td>
                    <td>${kb(r.bytes)}</td>
                    <td>${kb(r.deflatedBytes)}</td>
                    <td>${r.maxError === 0 ? '0' : r.maxError.toExponential(1)}</td>
                  </tr>`,
              ),
            )}`
          : pendingNote(this._session, 'Measuring…')
      }
    </section>`;
  }

  private _renderPruning(): TemplateResult {
    const p = this._point;
    const series: LineSeries[] = this._sweep
      ? (['float32', 'int8'] as const).map((precision) => {
          const rows = this._sweep!.filter((r) => r.precision === precision);
          return {
            label: precision,
            values: rows.map((r) => r.accuracy * 100),
            x: rows.map((r) => r.sparsity * 100),
          };
        })
      : [];
    const sizes: LineSeries[] = this._sweep
      ? (['float32', 'int8'] as const).map((precision) => {
          const rows = this._sweep!.filter((r) => r.precision === precision);
          return {
            label: `${precision} deflated`,
            values: rows.map((r) => r.deflatedBytes / 1024),
            x: rows.map((r) => r.sparsity * 100),
          };
        })
      : [];
    const base = this._quantized?.find((r) => r.precision === 'float32');
    return html`<section class="card" aria-labelledby="prune" data-testid="prune-card">
      <h2 id="prune">Magnitude pruning</h2>
      <div class="cols" style="margin-bottom:12px">
        ${sliderField(
          'Sparsity: share of kernel weights set to zero',
          [0, 99, 1],
          Math.round(this._sparsity * 100),
          (v) => {
            this._sparsity = v / 100;
            this._measurePoint();
          },
          { testid: 'sparsity', unit: '%' },
        )}
        <label class="inline"
          >then store as
          <select
            @change=${(e: Event) => {
              this._precision = (e.target as HTMLSelectElement).value as Precision;
              this._measurePoint();
            }}
            data-testid="prune-precision"
          >
            ${PRECISIONS.map((q) => html`<option value=${q} ?selected=${q === this._precision}>${q}</option>`)}
          </select></label
        >
      </div>
      ${
        p
          ? html`<p data-testid="prune-result" data-accuracy=${p.accuracy} data-deflated=${p.deflatedBytes}>
              ${(p.sparsity * 100).toFixed(0)}% of the kernel weights pruned, ${p.precision}: test accuracy
              <span class="number">${(p.accuracy * 100).toFixed(2)}%</span>${
                base ? html` (was ${(base.accuracy * 100).toFixed(2)}%)` : nothing
              }, <span class="number">${kb(p.bytes)}</span> stored densely,
              <span class="number">${kb(p.deflatedBytes)}</span> deflated${
                base
                  ? html` (${((p.deflatedBytes / base.deflatedBytes) * 100).toFixed(0)}% of the original's
                    deflated size)`
                  : nothing
              }.
            </p>`
          : nothing
      }
      <div class="row">
        <button
          class="primary"
          ?disabled=${this._progress !== null || !this._usable}
          @click=${() => void this._runSweep()}
          data-testid="run-prune-sweep"
        >
          Sweep sparsity 0–98%
        </button>
      </div>
      ${
        this._progress !== null
          ? html`<progress max="1" .value=${this._progress} aria-label="Sweep progress"></progress>`
          : nothing
      }
      ${
        this._sweep
          ? html`<div class="cols" style="margin-top:8px">
              ${lineChart('Test accuracy (%)', 'accuracy (%)', series, { xLabel: 'sparsity (%)', height: 200 })}
              ${lineChart('Deflated size (KB)', 'size (KB)', sizes, { xLabel: 'sparsity (%)', height: 200 })}
            </div>`
          : nothing
      }
    </section>`;
  }

  override render(): TemplateResult {
    return html`${this._renderIntro()}
    ${visionStack([classifierCard(this._session, 'to compress'), this._renderQuantized(), this._renderPruning()], this._error)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-compression-panel': CompressionPanel;
  }
}
