import { LitElement, css, html, type PropertyValues, type TemplateResult } from 'lit';
import { finiteRange } from './chart-styles';
import { customElement, property, query } from 'lit/decorators.js';
import { paletteColor } from './heatmap';

export interface PlotPath {
  label: string;
  /** Flat [x0, y0, x1, y1, …] in data coordinates. */
  points: readonly number[];
  /** CSS colour or a --pg-* custom property name. */
  color: string;
}

export interface PlotMarker {
  x: number;
  y: number;
  color: string;
  shape: 'star' | 'circle' | 'cross';
  label: string;
}

export interface PickPointDetail {
  x: number;
  y: number;
}

/**
 * A 2-D function drawn as a heat map with banded (contour-like) colours, on a log scale when asked, with
 * paths and markers on top. Clicking the plot (or Enter on it, at the centre) reports the data point.
 * `values` is a rows × cols grid over `view` = [xMin, xMax, yMin, yMax], row 0 at the top (largest y).
 * @fires pick-point - detail: { x, y } in data coordinates.
 */
@customElement('pg-contour-plot')
export class ContourPlot extends LitElement {
  static override styles = css`
    :host {
      display: block;
      min-width: 0;
    }
    canvas {
      width: 100%;
      height: auto;
      display: block;
      border-radius: 8px;
      border: 1px solid var(--pg-border);
      cursor: crosshair;
      touch-action: manipulation;
    }
    canvas:focus-visible {
      outline: 2px solid var(--pg-accent);
      outline-offset: 2px;
    }
  `;

  @property({ attribute: false }) values: ArrayLike<number> = [];
  @property({ type: Number }) rows = 0;
  @property({ type: Number }) cols = 0;
  @property({ attribute: false }) view: readonly [number, number, number, number] = [0, 1, 0, 1];
  @property({ attribute: false }) paths: readonly PlotPath[] = [];
  @property({ attribute: false }) markers: readonly PlotMarker[] = [];
  /** Colour by log(value − min + offset), so that deep narrow valleys show. */
  @property({ type: Boolean }) logScale = false;
  /** Number of colour bands (0 = smooth). */
  @property({ type: Number }) bands = 18;
  @property() label = '2-D function';

  @query('canvas') private _canvas!: HTMLCanvasElement;
  private _background: HTMLCanvasElement | null = null;
  private _backgroundKey: unknown[] = [];
  private _resize: ResizeObserver | null = null;

  override render(): TemplateResult {
    return html`<canvas
      tabindex="0"
      role="img"
      aria-label=${this.label}
      @click=${this._onClick}
      @keydown=${this._onKey}
    ></canvas>`;
  }

  override firstUpdated(): void {
    this._resize = new ResizeObserver(() => this._draw());
    this._resize.observe(this);
  }

  override disconnectedCallback(): void {
    this._resize?.disconnect();
    super.disconnectedCallback();
  }

  override updated(_changed: PropertyValues): void {
    this._draw();
  }

  private _toData(px: number, py: number, width: number, height: number): PickPointDetail {
    const [x0, x1, y0, y1] = this.view;
    return { x: x0 + (px / width) * (x1 - x0), y: y1 - (py / height) * (y1 - y0) };
  }

  private _onClick(event: MouseEvent): void {
    const rect = this._canvas.getBoundingClientRect();
    this._emit(this._toData(event.clientX - rect.left, event.clientY - rect.top, rect.width, rect.height));
  }

  private _onKey(event: KeyboardEvent): void {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    const [x0, x1, y0, y1] = this.view;
    this._emit({ x: (x0 + x1) / 2, y: (y0 + y1) / 2 });
  }

  private _emit(detail: PickPointDetail): void {
    this.dispatchEvent(
      new CustomEvent<PickPointDetail>('pick-point', { detail, bubbles: true, composed: true }),
    );
  }

  /** The grid as an image at its own resolution; rebuilt only when the data or scale change. */
  private _backgroundImage(): HTMLCanvasElement | null {
    const { rows, cols, values } = this;
    if (rows <= 0 || cols <= 0 || values.length < rows * cols) return null;
    const key = [values, rows, cols, this.logScale, this.bands];
    if (this._background && key.every((k, i) => k === this._backgroundKey[i])) return this._background;
    const { low, high } = finiteRange(values, rows * cols);
    const offset = Math.max((high - low) * 1e-4, 1e-9);
    const scale = (v: number): number => (this.logScale ? Math.log(v - low + offset) : v);
    const lo = scale(low);
    const span = scale(high) - lo || 1;
    const canvas = document.createElement('canvas');
    canvas.width = cols;
    canvas.height = rows;
    const context = canvas.getContext('2d')!;
    const image = context.createImageData(cols, rows);
    for (let i = 0; i < rows * cols; i++) {
      let t = (scale(values[i]!) - lo) / span;
      if (this.bands > 0) t = Math.floor(t * this.bands) / this.bands;
      const [r, g, b] = paletteColor('viridis', t);
      image.data.set([r, g, b, 255], i * 4);
    }
    context.putImageData(image, 0, 0);
    this._background = canvas;
    this._backgroundKey = key;
    return canvas;
  }

  private _draw(): void {
    const canvas = this._canvas;
    if (!canvas) return;
    const width = Math.max(120, this.clientWidth || 300);
    const height = Math.round(width * (this.rows > 0 && this.cols > 0 ? this.rows / this.cols : 1));
    const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
    }
    const context = canvas.getContext('2d');
    if (!context) return;
    context.setTransform(dpr, 0, 0, dpr, 0, 0);
    context.clearRect(0, 0, width, height);
    const background = this._backgroundImage();
    if (background) {
      context.imageSmoothingEnabled = true;
      context.drawImage(background, 0, 0, width, height);
    }
    const [x0, x1, y0, y1] = this.view;
    const px = (x: number): number => ((x - x0) / (x1 - x0)) * width;
    const py = (y: number): number => ((y1 - y) / (y1 - y0)) * height;
    const style = getComputedStyle(this);
    const colour = (c: string): string =>
      c.startsWith('--') ? style.getPropertyValue(c).trim() || '#888' : c;
    context.lineJoin = 'round';
    for (const path of this.paths) {
      if (path.points.length < 2) continue;
      context.strokeStyle = 'rgba(0, 0, 0, 0.55)';
      context.lineWidth = 4;
      this._tracePath(context, path.points, px, py);
      context.stroke();
      context.strokeStyle = colour(path.color);
      context.lineWidth = 2;
      this._tracePath(context, path.points, px, py);
      context.stroke();
      const n = path.points.length;
      context.fillStyle = colour(path.color);
      context.beginPath();
      context.arc(px(path.points[n - 2]!), py(path.points[n - 1]!), 4.5, 0, 2 * Math.PI);
      context.fill();
      context.strokeStyle = '#fff';
      context.lineWidth = 1.5;
      context.stroke();
    }
    for (const marker of this.markers) this._drawMarker(context, px(marker.x), py(marker.y), marker, colour);
  }

  private _tracePath(
    context: CanvasRenderingContext2D,
    points: readonly number[],
    px: (x: number) => number,
    py: (y: number) => number,
  ): void {
    context.beginPath();
    // Clamp to a generous box so a path that flies off-screen still draws a line towards where it went.
    const clamp = (v: number): number => Math.max(-1e4, Math.min(1e4, v));
    context.moveTo(clamp(px(points[0]!)), clamp(py(points[1]!)));
    for (let i = 2; i + 1 < points.length; i += 2)
      context.lineTo(clamp(px(points[i]!)), clamp(py(points[i + 1]!)));
  }

  private _drawMarker(
    context: CanvasRenderingContext2D,
    x: number,
    y: number,
    marker: PlotMarker,
    colour: (c: string) => string,
  ): void {
    context.fillStyle = colour(marker.color);
    context.strokeStyle = '#000';
    context.lineWidth = 1.5;
    context.beginPath();
    if (marker.shape === 'circle') {
      context.arc(x, y, 6, 0, 2 * Math.PI);
    } else if (marker.shape === 'cross') {
      context.strokeStyle = colour(marker.color);
      context.lineWidth = 3;
      context.moveTo(x - 7, y - 7);
      context.lineTo(x + 7, y + 7);
      context.moveTo(x + 7, y - 7);
      context.lineTo(x - 7, y + 7);
      context.stroke();
      return;
    } else {
      for (let k = 0; k < 10; k++) {
        const r = k % 2 === 0 ? 9 : 4;
        const a = -Math.PI / 2 + (k * Math.PI) / 5;
        if (k === 0) context.moveTo(x + r * Math.cos(a), y + r * Math.sin(a));
        else context.lineTo(x + r * Math.cos(a), y + r * Math.sin(a));
      }
      context.closePath();
    }
    context.fill();
    context.stroke();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-contour-plot': ContourPlot;
  }
  interface HTMLElementEventMap {
    'pick-point': CustomEvent<PickPointDetail>;
  }
}
