import { LitElement, css, html, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { DIGIT_SIDE, tileDigits } from './digit-tiles';
import { canvasHostStyles } from '../../components/chart-styles';

const SIDE = DIGIT_SIDE;
const PIXELS = SIDE * SIDE;
const GAP = 2;
/**
 * Canvas pixels per digit pixel: crisp labels and outlines, while a 10 × 10 grid stays ~600 px square (a larger
 * canvas costs the compositor more than the drawing itself at several frames a second).
 */
const SCALE = 2;
const LABEL_FONT = '600 20px system-ui, sans-serif';

/**
 * Many 28×28 digits drawn into ONE canvas (hundreds of elements would be slow to update several times a second),
 * with optional row labels. Cells can be selectable: click, or arrows + Enter/Space from the keyboard.
 * @fires cell-select - detail: the row-major index of the chosen cell.
 */
@customElement('pg-digit-grid')
export class DigitGrid extends LitElement {
  static override styles = [
    canvasHostStyles,
    css`
      canvas {
        max-width: var(--pg-digit-grid-max, 100%);
        height: auto;
        border-radius: 6px;
        background: #000;
      }
      canvas.selectable {
        cursor: pointer;
      }
    `,
  ];

  /** count × 784 grey values in [0, 1]. */
  @property({ attribute: false }) pixels: Float32Array | null = null;
  @property({ type: Number }) cols = 10;
  /** Text left of each row (e.g. the digit a GAN row is conditioned on), or null. */
  @property({ attribute: false }) rowLabels: readonly string[] | null = null;
  @property({ type: Boolean }) selectable = false;
  @property({ attribute: false }) selected: readonly number[] = [];
  @property() label = 'digits';

  @state() private _focusCell = 0;
  @query('canvas') private _canvas!: HTMLCanvasElement;
  private _scratch: HTMLCanvasElement | null = null;

  private get _count(): number {
    return this.pixels ? Math.floor(this.pixels.length / PIXELS) : 0;
  }

  private get _rows(): number {
    return Math.max(1, Math.ceil(this._count / this.cols));
  }

  private get _labelWidth(): number {
    if (!this.rowLabels) return 0;
    const longest = Math.max(...this.rowLabels.map((l) => l.length));
    return Math.round(12 * longest + 12);
  }

  override render(): TemplateResult {
    const width = this._labelWidth + this.cols * (SIDE + GAP) * SCALE;
    const height = this._rows * (SIDE + GAP) * SCALE;
    return html`<canvas
      class=${this.selectable ? 'selectable' : ''}
      width=${width}
      height=${height}
      role="img"
      aria-label=${this.label}
      tabindex=${this.selectable ? 0 : -1}
      @click=${this._onClick}
      @keydown=${this._onKey}
    ></canvas>`;
  }

  override updated(_changed: PropertyValues): void {
    this._draw();
  }

  private _draw(): void {
    const context = this._canvas.getContext('2d');
    if (!context) return;
    const { cols } = this;
    const rows = this._rows;
    const cell = SIDE + GAP;
    context.fillStyle = '#000';
    context.fillRect(0, 0, this._canvas.width, this._canvas.height);
    const pixels = this.pixels;
    if (pixels) {
      // Draw at 1:1 into a scratch canvas, then scale up without smoothing.
      this._scratch ??= document.createElement('canvas');
      const scratch = this._scratch;
      tileDigits(scratch, pixels, this._count, { cols, rows, cell });
      context.imageSmoothingEnabled = false;
      context.drawImage(scratch, this._labelWidth, 0, scratch.width * SCALE, scratch.height * SCALE);
    }
    if (this.rowLabels) {
      context.fillStyle = '#ddd';
      context.font = LABEL_FONT;
      context.textAlign = 'right';
      context.textBaseline = 'middle';
      this.rowLabels.forEach((text, row) => {
        context.fillText(text, this._labelWidth - 6, (row * cell + SIDE / 2) * SCALE);
      });
    }
    const outline = (index: number, color: string, dash: number[]) => {
      const x = this._labelWidth + (index % cols) * cell * SCALE;
      const y = Math.floor(index / cols) * cell * SCALE;
      context.strokeStyle = color;
      context.lineWidth = 3;
      context.setLineDash(dash);
      context.strokeRect(x + 2, y + 2, SIDE * SCALE - 4, SIDE * SCALE - 4);
      context.setLineDash([]);
    };
    this.selected.forEach((index) => outline(index, '#ff9f1c', []));
    if (this.selectable && this.matches(':focus-within')) outline(this._focusCell, '#4cc9f0', [8, 6]);
  }

  private _select(index: number): void {
    if (index < 0 || index >= this._count) return;
    this._focusCell = index;
    this.dispatchEvent(
      new CustomEvent<number>('cell-select', { detail: index, bubbles: true, composed: true }),
    );
  }

  private _onClick(event: MouseEvent): void {
    if (!this.selectable) return;
    const rect = this._canvas.getBoundingClientRect();
    const scale = this._canvas.width / rect.width;
    const x = (event.clientX - rect.left) * scale - this._labelWidth;
    const y = (event.clientY - rect.top) * scale;
    if (x < 0) return;
    const cell = (SIDE + GAP) * SCALE;
    const col = Math.floor(x / cell);
    const row = Math.floor(y / cell);
    if (col < this.cols) this._select(row * this.cols + col);
  }

  private _onKey(event: KeyboardEvent): void {
    if (!this.selectable) return;
    const moves: Record<string, number> = {
      ArrowLeft: -1,
      ArrowRight: 1,
      ArrowUp: -this.cols,
      ArrowDown: this.cols,
    };
    if (event.key in moves) {
      event.preventDefault();
      this._focusCell = Math.min(this._count - 1, Math.max(0, this._focusCell + moves[event.key]));
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this._select(this._focusCell);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-digit-grid': DigitGrid;
  }
  interface HTMLElementEventMap {
    'cell-select': CustomEvent<number>;
  }
}
