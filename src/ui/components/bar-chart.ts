import { LitElement, css, html, type TemplateResult } from 'lit';
import { chartHostStyles } from './chart-styles';
import { customElement, property } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';

export interface Bar {
  label: string;
  /** null draws an empty track with `note` (e.g. "unavailable"). */
  value: number | null;
  note?: string;
  highlight?: boolean;
}

/**
 * Horizontal bars with their values written out. A log scale keeps 0.1 ms and 500 ms readable on one chart,
 * which is the usual spread between tfjs backends.
 */
@customElement('pg-bar-chart')
export class BarChart extends LitElement {
  static override styles = [
    chartHostStyles,
    css`
      .row {
        display: grid;
        grid-template-columns: var(--label-width, 64px) 1fr;
        align-items: center;
        gap: 8px;
        margin: 4px 0;
        font-size: 0.82rem;
      }
      .label.highlight {
        font-weight: 700;
      }
      .track {
        position: relative;
        height: 20px;
        background: var(--pg-surface-2);
        border-radius: 4px;
        overflow: hidden;
      }
      /* The value is written over the bar: tints of the series colour keep it readable (contrast ≥ 4.5:1
         in both themes, where the full colour gave 2.1:1); the highlighted bar gets an outline instead. */
      .bar {
        position: absolute;
        inset: 0 auto 0 0;
        background: color-mix(in srgb, var(--pg-series-1) 35%, var(--pg-surface));
        border-radius: 4px;
      }
      .bar.highlight {
        background: color-mix(in srgb, var(--pg-series-1) 55%, var(--pg-surface));
        box-shadow: inset 0 0 0 2px var(--pg-series-1);
      }
      .value {
        position: absolute;
        left: 6px;
        top: 50%;
        transform: translateY(-50%);
        white-space: nowrap;
        color: var(--pg-text);
        text-shadow: 0 0 3px var(--pg-surface);
      }
      .note {
        color: var(--pg-muted);
        font-style: italic;
      }
      /* Over a tinted bar the muted colour falls under 4.5:1 (axe, both themes): the note there is told apart
         by its italics only. */
      .value .note {
        color: var(--pg-text);
      }
      .scale {
        font-size: 0.72rem;
        color: var(--pg-muted);
        text-align: right;
      }
    `,
  ];

  @property() heading = '';
  @property() unit = 'ms';
  @property({ type: Boolean }) log = true;
  /** CSS width of the label column. */
  @property() labelWidth = '64px';
  @property({ attribute: false }) bars: readonly Bar[] = [];

  /** Maps a value to a fraction of the track. */
  private _scale(): (v: number) => number {
    const all = this.bars.map((b) => b.value).filter((v): v is number => v !== null && Number.isFinite(v));
    if (!this.log) {
      // Linear: from a little under the smallest value (or 0) to the largest, so negative values (Q-values
      // of a game with −1 per step) and small differences both show.
      if (all.length === 0) return () => 0;
      const max = Math.max(...all);
      const min = Math.min(...all);
      const lo = min >= 0 ? 0 : min - 0.15 * Math.max(max - min, Math.abs(min) * 0.1, 1e-9);
      return (v) => (v - lo) / Math.max(max - lo, 1e-9);
    }
    const values = all.filter((v) => v > 0);
    if (values.length === 0) return () => 0;
    // Start a decade under the smallest value, so even the smallest bar is visible.
    const lo = Math.log10(Math.min(...values)) - 1;
    const hi = Math.log10(Math.max(...values));
    return (v) => (v > 0 ? (Math.log10(v) - lo) / Math.max(hi - lo, 1e-9) : 0);
  }

  override render(): TemplateResult {
    this.style.setProperty('--label-width', this.labelWidth);
    const scale = this._scale();
    return html`${this.heading ? html`<div class="title">${this.heading}</div>` : null}
    ${this.bars.map(
      (bar) =>
        html`<div class="row" data-bar=${bar.label} data-value=${bar.value ?? ''}>
          <span class="label ${bar.highlight ? 'highlight' : ''}">${bar.label}</span>
          <div class="track">
            ${
              bar.value !== null
                ? html`<div
                    class="bar ${bar.highlight ? 'highlight' : ''}"
                    style=${styleMap({ width: `${(Math.max(0.01, scale(bar.value)) * 100).toFixed(1)}%` })}
                  ></div>`
                : null
            }
            <span class="value ${bar.value === null ? 'note' : ''}"
              >${bar.value !== null ? formatValue(bar.value, this.unit) : (bar.note ?? 'n/a')}${
                bar.value !== null && bar.note ? html` <span class="note">· ${bar.note}</span>` : null
              }</span
            >
          </div>
        </div>`,
    )}
    ${this.log && this.bars.some((b) => b.value !== null) ? html`<div class="scale">log scale</div>` : null}`;
  }
}

function formatValue(value: number, unit: string): string {
  // Below a tenth of a millisecond, microseconds keep the figure readable (0.00 ms would hide it).
  if (unit === 'ms' && value > 0 && value < 0.1) return formatValue(value * 1000, 'µs');
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-bar-chart': BarChart;
  }
}
