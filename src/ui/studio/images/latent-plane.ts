import { LitElement, css, html, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { DIGIT_SIDE, tileDigits } from './digit-tiles';
import { canvasHostStyles } from '../../components/chart-styles';

/** Ten distinguishable class colours (Tableau 10), as in most published latent-space plots. */
export const CLASS_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

const SIZE = 480;
const SIDE = DIGIT_SIDE;

export type PlaneMode = 'scatter' | 'grid';

/**
 * The VAE's 2-D latent plane over [−extent, extent]²: test digits scattered at μ(x), coloured by class, or the
 * decoder's images on a regular grid. Click or drag anywhere (or use the arrow keys) to move the probe.
 * @fires probe - detail: { x, y } in latent coordinates.
 */
@customElement('pg-latent-plane')
export class LatentPlane extends LitElement {
  static override styles = [
    canvasHostStyles,
    css`
      canvas {
        max-width: 480px;
        aspect-ratio: 1;
        border-radius: 8px;
        border: 1px solid var(--pg-border);
        touch-action: none;
        cursor: crosshair;
        background: var(--pg-surface-2);
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 10px;
        font-size: 0.8rem;
        margin-top: 6px;
        color: var(--pg-muted);
      }
      .legend span {
        display: inline-flex;
        align-items: center;
        gap: 4px;
      }
      .legend i {
        width: 10px;
        height: 10px;
        border-radius: 50%;
        display: inline-block;
      }
    `,
  ];

  @property({ attribute: false }) points: Float32Array | null = null;
  @property({ attribute: false }) labels: Uint8Array | null = null;
  @property({ attribute: false }) grid: { size: number; extent: number; pixels: Float32Array } | null = null;
  @property({ type: Number }) extent = 3;
  @property() mode: PlaneMode = 'scatter';
  @property({ attribute: false }) probe: { x: number; y: number } = { x: 0, y: 0 };

  @query('canvas') private _canvas!: HTMLCanvasElement;
  private _dragging = false;
  private _scratch: HTMLCanvasElement | null = null;

  override render(): TemplateResult {
    return html`<canvas
        width=${SIZE}
        height=${SIZE}
        tabindex="0"
        role="img"
        aria-label="latent plane: click, drag or use the arrow keys to decode a point"
        data-testid="latent-plane"
        @pointerdown=${this._onDown}
        @pointermove=${this._onMove}
        @pointerup=${this._onUp}
        @pointercancel=${this._onUp}
        @keydown=${this._onKey}
      ></canvas>
      ${
        this.mode === 'scatter'
          ? html`<div class="legend" aria-label="digit colours">
              ${CLASS_COLORS.map((color, digit) => html`<span><i style="background:${color}"></i>${digit}</span>`)}
            </div>`
          : null
      }`;
  }

  override updated(_changed: PropertyValues): void {
    this._draw();
  }

  private _toCanvas(x: number, y: number): [number, number] {
    const e = this.extent;
    return [((x + e) / (2 * e)) * SIZE, ((e - y) / (2 * e)) * SIZE];
  }

  private _draw(): void {
    const context = this._canvas.getContext('2d');
    if (!context) return;
    const style = getComputedStyle(this);
    context.clearRect(0, 0, SIZE, SIZE);
    if (this.mode === 'grid' && this.grid) {
      const { size, pixels } = this.grid;
      this._scratch ??= document.createElement('canvas');
      const scratch = this._scratch;
      tileDigits(scratch, pixels, size * size, { cols: size, rows: size, cell: SIDE });
      // Grid points are cell centres: the image spans half a cell beyond ±extent on each side.
      const cell = SIZE / (size - 1);
      context.imageSmoothingEnabled = true;
      context.drawImage(scratch, -cell / 2, -cell / 2, SIZE + cell, SIZE + cell);
    } else {
      const axis = style.getPropertyValue('--pg-border').trim() || '#ccc';
      context.strokeStyle = axis;
      context.lineWidth = 1;
      const [cx, cy] = this._toCanvas(0, 0);
      context.beginPath();
      context.moveTo(cx, 0);
      context.lineTo(cx, SIZE);
      context.moveTo(0, cy);
      context.lineTo(SIZE, cy);
      context.stroke();
      const { points, labels } = this;
      if (points && labels) {
        context.globalAlpha = 0.75;
        for (let i = 0; i < labels.length; i++) {
          const [x, y] = this._toCanvas(points[2 * i], points[2 * i + 1]);
          context.fillStyle = CLASS_COLORS[labels[i]] ?? '#888';
          context.fillRect(x - 2, y - 2, 4, 4);
        }
        context.globalAlpha = 1;
      }
    }
    const [px, py] = this._toCanvas(this.probe.x, this.probe.y);
    context.lineWidth = 3;
    context.strokeStyle = '#000';
    context.beginPath();
    context.arc(px, py, 9, 0, 2 * Math.PI);
    context.stroke();
    context.lineWidth = 2;
    context.strokeStyle = '#fff';
    context.stroke();
  }

  private _emit(x: number, y: number): void {
    const e = this.extent;
    const clamp = (v: number) => Math.min(e, Math.max(-e, v));
    this.probe = { x: clamp(x), y: clamp(y) };
    this.dispatchEvent(new CustomEvent('probe', { detail: this.probe, bubbles: true, composed: true }));
  }

  private _fromEvent(event: PointerEvent): void {
    const rect = this._canvas.getBoundingClientRect();
    const e = this.extent;
    const x = ((event.clientX - rect.left) / rect.width) * 2 * e - e;
    const y = e - ((event.clientY - rect.top) / rect.height) * 2 * e;
    this._emit(x, y);
  }

  private _onDown(event: PointerEvent): void {
    this._dragging = true;
    this._canvas.setPointerCapture(event.pointerId);
    this._fromEvent(event);
  }

  private _onMove(event: PointerEvent): void {
    if (this._dragging) this._fromEvent(event);
  }

  private _onUp(): void {
    this._dragging = false;
  }

  private _onKey(event: KeyboardEvent): void {
    const step = this.extent / 20;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    this._emit(this.probe.x + move[0], this.probe.y + move[1]);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-latent-plane': LatentPlane;
  }
  interface HTMLElementEventMap {
    probe: CustomEvent<{ x: number; y: number }>;
  }
}
