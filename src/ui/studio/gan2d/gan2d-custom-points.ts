/**
 * The "your own distribution" card of the 2-D GAN lab: draw points on the plane or load a CSV of x,y.
 * @fires draw - the user wants to (re)draw points on the plane
 * @fires clear-points - the drawn points should go
 * @fires train-drawn - train on the points drawn so far
 * @fires points-loaded - a CSV was read: detail { points (flat x,y), fileName }
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cardStyles } from '../../components/card-styles';
import { parsePointsCsv } from '../../../generative/csv';
import { errorText } from '../../../util/error-text';
import { gan2dLabStyles } from './gan2d-lab-styles';

/** Larger CSV files are refused before reading. */
const MAX_CSV_BYTES = 2_000_000;

export interface PointsLoaded {
  points: number[];
  fileName: string;
}

@customElement('pg-gan2d-custom-points')
export class Gan2dCustomPoints extends LitElement {
  static override styles = [cardStyles, gan2dLabStyles];

  /** Points drawn so far, flat [x0, y0, ...]. */
  @property({ attribute: false }) points: readonly number[] = [];
  @property({ type: Boolean }) drawing = false;
  @state() private _csvError: string | null = null;

  private _emit(name: string, detail?: PointsLoaded): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private async _onCsv(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this._csvError = null;
    try {
      if (file.size > MAX_CSV_BYTES)
        throw new Error(
          `The file is ${file.size} bytes; at most ${MAX_CSV_BYTES.toLocaleString('en-US')} are read`,
        );
      const { points } = parsePointsCsv(await file.text());
      this._emit('points-loaded', { points, fileName: file.name });
    } catch (error) {
      this._csvError = `Cannot use “${file.name}”: ${errorText(error)}`;
    }
  }

  override render() {
    const count = this.points.length / 2;
    const problem = this._csvError;
    return html`<section class="card">
      <h2>Your own distribution</h2>
      <p class="small">
        ${
          this.drawing
            ? 'Click or drag on the plane to add points, then train the GAN on them.'
            : 'Training on your points. Draw again to change them.'
        }
        Or load a CSV file with two columns, x and y (an optional header line is fine).
      </p>
      <div class="bar">
        <span class="small" data-testid="drawn-count">${count} point${count === 1 ? '' : 's'}</span>
        <button data-testid="draw" ?disabled=${this.drawing} @click=${() => this._emit('draw')}>
          Draw points
        </button>
        <button
          data-testid="clear-points"
          ?disabled=${count === 0}
          @click=${() => this._emit('clear-points')}
        >
          Clear
        </button>
        <button
          class="primary"
          data-testid="train-drawn"
          ?disabled=${count === 0}
          @click=${() => this._emit('train-drawn')}
        >
          Train on my points
        </button>
        <label class="field"
          >Load CSV
          <input type="file" accept=".csv,text/csv,text/plain" data-testid="csv" @change=${this._onCsv}
        /></label>
      </div>
      ${problem ? html`<p class="error" role="alert" data-testid="csv-error">${problem}</p>` : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-gan2d-custom-points': Gan2dCustomPoints;
  }
}
