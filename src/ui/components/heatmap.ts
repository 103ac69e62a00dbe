import { LitElement, css, html, type PropertyValues, type TemplateResult } from 'lit';
import { finiteRange } from './chart-styles';
import { customElement, property, query } from 'lit/decorators.js';

/** How values become colours: grey (0 black … 1 white, for digits), or diverging blue–white–red around 0. */
export type HeatmapPalette = 'grey' | 'diverging' | 'viridis';

const VIRIDIS = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
] as const;

/** The colour of t ∈ [0, 1] on a palette ('diverging' maps 0.5 to white). */
export function paletteColor(palette: HeatmapPalette, t: number): [number, number, number] {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  if (palette === 'grey') {
    const v = Math.round(u * 255);
    return [v, v, v];
  }
  if (palette === 'diverging') {
    const s = Math.abs(u - 0.5) * 2;
    const fade = Math.round(255 * (1 - s));
    return u < 0.5 ? [fade, fade + Math.round(60 * s), 255] : [255, fade + Math.round(40 * s), fade];
  }
  const x = u * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i]!;
  const b = VIRIDIS[i + 1]!;
  return [0, 1, 2].map((k) => Math.round(a[k]! + (b[k]! - a[k]!) * f)) as [number, number, number];
}

/**
 * A rows × cols grid of numbers drawn as pixels (crisp, scaled to the element's width): MNIST digits,
 * feature maps, kernels, attention matrices, saliency. `min`/`max` fix the colour range (default: the
 * data's own range; for 'diverging', symmetric around 0).
 */
@customElement('pg-heatmap')
export class Heatmap extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
      line-height: 0;
    }
    canvas {
      width: 100%;
      height: auto;
      image-rendering: pixelated;
      border-radius: 4px;
      border: 1px solid var(--pg-border);
    }
  `;

  @property({ attribute: false }) values: ArrayLike<number> = [];
  @property({ type: Number }) rows = 0;
  @property({ type: Number }) cols = 0;
  @property() palette: HeatmapPalette = 'grey';
  @property({ type: Number }) min: number | null = null;
  @property({ type: Number }) max: number | null = null;
  /** Accessible description, e.g. "digit 7, reconstructed". */
  @property() label = '';

  @query('canvas') private _canvas!: HTMLCanvasElement;

  override render(): TemplateResult {
    return html`<canvas
      width=${this.cols || 1}
      height=${this.rows || 1}
      role="img"
      aria-label=${this.label}
    ></canvas>`;
  }

  override updated(_changed: PropertyValues): void {
    const { rows, cols, values } = this;
    const context = this._canvas.getContext('2d');
    if (!context || rows <= 0 || cols <= 0 || values.length < rows * cols) return;
    let { low, high } = finiteRange(values, rows * cols);
    if (this.palette === 'diverging') {
      const extent = Math.max(Math.abs(low), Math.abs(high)) || 1;
      low = -extent;
      high = extent;
    }
    low = this.min ?? low;
    high = this.max ?? high;
    const span = high - low || 1;
    const image = context.createImageData(cols, rows);
    for (let i = 0; i < rows * cols; i++) {
      const [r, g, b] = paletteColor(this.palette, (values[i]! - low) / span);
      image.data.set([r, g, b, 255], i * 4);
    }
    context.putImageData(image, 0, 0);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-heatmap': Heatmap;
  }
}
