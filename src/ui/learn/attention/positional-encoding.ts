/** The sinusoidal positional encoding of a d-dimensional model: a heat map and a few dimensions as curves. */
import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { sinusoidalEncoding } from '../../../learn/positional-encoding';
import type { LineSeries } from '../../components/line-chart';
import { panelStyles } from '../panel-styles';
import '../../components/heatmap';
import '../../components/line-chart';

/** Positions drawn: more than the model reads, to show the waves. */
const POSITIONS = 50;
const CURVE_DIMS = [0, 1, 4, 10];

/** [positions · d] → [d · positions], so the heat map reads along the position from left to right. */
function dimensionsByPosition(pe: Float32Array, positions: number, d: number): Float32Array {
  const out = new Float32Array(pe.length);
  for (let p = 0; p < positions; p++) for (let i = 0; i < d; i++) out[i * positions + p] = pe[p * d + i]!;
  return out;
}

@customElement('pg-positional-encoding')
export class PositionalEncoding extends LitElement {
  static override styles = panelStyles;

  /** The model's width. */
  @property({ type: Number }) dModel = 32;
  /** Positions the model reads. */
  @property({ type: Number }) length = 6;
  private _encoding: Float32Array = new Float32Array(0);

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('dModel')) this._encoding = sinusoidalEncoding(POSITIONS, this.dModel);
  }

  override render(): TemplateResult {
    const d = this.dModel;
    const curves: LineSeries[] = CURVE_DIMS.filter((dim) => dim < d).map((dim) => ({
      label: `dim ${dim}`,
      values: Array.from({ length: POSITIONS }, (_, pos) => this._encoding[pos * d + dim]!),
    }));
    return html`<div class="cols">
        <div>
          <div class="map-title">
            Sinusoidal positional encoding (rows: dimension 0–${d - 1}, columns: position 0–${POSITIONS - 1})
          </div>
          <pg-heatmap
            palette="diverging"
            .min=${-1}
            .max=${1}
            .rows=${d}
            .cols=${POSITIONS}
            .values=${dimensionsByPosition(this._encoding, POSITIONS, d)}
            label="Positional encoding: dimensions by positions"
          ></pg-heatmap>
        </div>
        <pg-line-chart
          heading="A few dimensions along the position"
          xLabel="position"
          yLabel="encoding value (sin / cos)"
          .series=${curves}
        ></pg-line-chart>
      </div>
      <p class="note">
        PE(pos, 2i) = sin(pos / 10000<sup>2i/d</sup>), PE(pos, 2i+1) = cos(pos / 10000<sup>2i/d</sup>), with d
        = ${d}. Low dimensions oscillate fast, high ones slowly, so every position gets a distinct pattern and
        nearby positions similar ones. The model reads positions 0–${this.length - 1}.
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-positional-encoding': PositionalEncoding;
  }
}
