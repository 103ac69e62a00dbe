import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { chartHostStyles } from '../../components/chart-styles';

export interface SignedBar {
  label: string;
  value: number;
}

/**
 * Horizontal bars around a zero line: negative values grow left (blue), positive right (red), on one scale
 * symmetric around 0. For attributions, where the sign is the point.
 */
@customElement('pg-signed-bars')
export class SignedBars extends LitElement {
  static override styles = [
    chartHostStyles,
    css`
      .row {
        display: grid;
        grid-template-columns: minmax(0, var(--label-width, 120px)) minmax(0, 1fr) 4.5em;
        align-items: center;
        gap: 8px;
        margin: 4px 0;
        font-size: 0.82rem;
      }
      .label {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .track {
        position: relative;
        height: 18px;
        background: var(--pg-surface-2);
        border-radius: 4px;
      }
      .zero {
        position: absolute;
        left: 50%;
        top: -2px;
        bottom: -2px;
        width: 1px;
        background: var(--pg-muted);
      }
      .bar {
        position: absolute;
        top: 2px;
        bottom: 2px;
        border-radius: 3px;
      }
      .bar.positive {
        left: 50%;
        background: #e4574a;
      }
      .bar.negative {
        right: 50%;
        background: #4a78e4;
      }
      .value {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  @property() heading = '';
  @property() labelWidth = '120px';
  @property({ attribute: false }) bars: readonly SignedBar[] = [];

  override render(): TemplateResult {
    this.style.setProperty('--label-width', this.labelWidth);
    const extent = Math.max(
      1e-12,
      ...this.bars.map((b) => (Number.isFinite(b.value) ? Math.abs(b.value) : 0)),
    );
    return html`${this.heading ? html`<div class="title">${this.heading}</div>` : null}
    ${this.bars.map((bar) => {
      const width = `${((Math.abs(bar.value) / extent) * 50).toFixed(1)}%`;
      return html`<div class="row" data-bar=${bar.label} data-value=${bar.value}>
        <span class="label" title=${bar.label}>${bar.label}</span>
        <div class="track" role="img" aria-label="${bar.label}: ${bar.value.toPrecision(3)}">
          <div class="zero"></div>
          <div class="bar ${bar.value >= 0 ? 'positive' : 'negative'}" style=${styleMap({ width })}></div>
        </div>
        <span class="value">${formatSigned(bar.value)}</span>
      </div>`;
    })}`;
  }
}

function formatSigned(value: number): string {
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 0.001 || abs >= 1e4)) return value.toExponential(1);
  return value.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : 3);
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-signed-bars': SignedBars;
  }
}
