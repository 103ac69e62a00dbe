/**
 * Inside one recurrent cell, on the inspected sequence: its hidden state and each gate as heat maps (units as
 * rows, time left to right), with tabs to pick the cell.
 */
import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { CELL_KINDS, type CellKind } from '../../../learn/cell-kinds';
import type { RecurrentInspection } from '../../../learn/recurrent-trainer';
import { panelStyles } from '../panel-styles';
import { CELL_LABEL } from './rnn-series';
import '../../components/heatmap';

/** [T · H] time-major → [H · T] so a heat map shows units as rows and time left to right. */
function unitsByTime(values: Float32Array, T: number, H: number): Float32Array {
  const out = new Float32Array(T * H);
  for (let t = 0; t < T; t++) for (let u = 0; u < H; u++) out[u * T + t] = values[t * H + u]!;
  return out;
}

const NOTES: Record<CellKind, string> = {
  rnn: 'A plain RNN has no gates: its hidden state is all there is.',
  lstm: 'LSTM: the forget gate near 1 (yellow) keeps the cell state; the input gate decides what is written, the output gate what is shown.',
  gru: 'GRU: the update gate near 1 keeps the old state; the reset gate decides how much of it feeds the candidate.',
};

@customElement('pg-rnn-cell-maps')
export class RnnCellMaps extends LitElement {
  static override styles = panelStyles;

  @property({ attribute: false }) inspections: readonly RecurrentInspection[] = [];
  @state() private _shown: CellKind = 'lstm';
  /** The shown cell's maps, rebuilt only when a new inspection arrives (about once a second). */
  private _maps: { hidden: Float32Array; gates: Float32Array[] } | null = null;

  override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('inspections') && !changed.has('_shown' as keyof RnnCellMaps)) return;
    const ins = this.inspections.find((i) => i.cell === this._shown);
    this._maps = ins
      ? {
          hidden: unitsByTime(ins.hidden, ins.length, ins.hiddenSize),
          gates: ins.gates.map((g) => unitsByTime(g.values, ins.length, ins.hiddenSize)),
        }
      : null;
  }

  override render(): TemplateResult {
    const ins = this.inspections.find((i) => i.cell === this._shown);
    const maps = this._maps;
    return html`<div class="map-title">Inside one cell, on the sequence above</div>
      <div class="tabs" role="group" aria-label="Cell to show">
        ${CELL_KINDS.map(
          (cell) =>
            html`<button aria-pressed=${cell === this._shown} @click=${() => (this._shown = cell)}>
              ${CELL_LABEL[cell]}
            </button>`,
        )}
      </div>
      ${
        ins && maps
          ? html`<div class="maps">
              <div>
                <div class="map-title">Hidden state hₜ (rows: ${ins.hiddenSize} units, columns: time)</div>
                <pg-heatmap
                  palette="diverging"
                  .min=${-1}
                  .max=${1}
                  .rows=${ins.hiddenSize}
                  .cols=${ins.length}
                  .values=${maps.hidden}
                  label="${CELL_LABEL[ins.cell]} hidden state over time"
                ></pg-heatmap>
              </div>
              ${ins.gates.map((gate, g) => {
                const candidate = gate.name.includes('candidate');
                return html`<div>
                  <div class="map-title">${gate.name} ${candidate ? '(−1 … 1)' : 'gate (0 … 1)'}</div>
                  <pg-heatmap
                    palette=${candidate ? 'diverging' : 'viridis'}
                    .min=${candidate ? -1 : 0}
                    .max=${1}
                    .rows=${ins.hiddenSize}
                    .cols=${ins.length}
                    .values=${maps.gates[g]!}
                    label="${CELL_LABEL[ins.cell]} ${gate.name} over time"
                  ></pg-heatmap>
                </div>`;
              })}
            </div>`
          : html`<p class="muted small">Starting the worker…</p>`
      }
      <p class="note">
        ${NOTES[this._shown]} Hidden state and candidates: blue negative, red positive. Gates: dark 0, yellow
        1.
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-rnn-cell-maps': RnnCellMaps;
  }
}
