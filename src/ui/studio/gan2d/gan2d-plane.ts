import { LitElement, css, html, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { Bounds } from '../../../generative/distributions';
import type { Gan2dSnapshot } from '../../../workers/protocol/studio';
import { fillHeatmap, heatmapRange, type HeatmapRange } from './heatmap-pixels';

export interface PlaneLayers {
  heatmap: boolean;
  real: boolean;
  fake: boolean;
  manifold: boolean;
  arrows: boolean;
}

export const ALL_LAYERS: PlaneLayers = {
  heatmap: true,
  real: true,
  fake: true,
  manifold: false,
  arrows: true,
};

/** What the views draw, without the streaming extras (the share view builds one from samples alone). */
export type PlaneFrame = Pick<Gan2dSnapshot, 'bounds' | 'real' | 'fake'> &
  Partial<Pick<Gan2dSnapshot, 'arrows' | 'grid' | 'manifold'>>;

/** The longest gradient arrow, as a share of the plot's width. */
const ARROW_SHARE = 0.08;
/** Pointer moves closer than this (CSS px) to the last drawn point add nothing. */
const DRAW_SPACING_PX = 6;

/**
 * The 2-D plane of the GAN lab on a canvas: D's heat map, real and generated samples, G's manifold and the
 * gradient arrows, each a layer that can be hidden. It redraws in one animation frame after a new frame
 * arrives (never more often). In drawing mode a click or drag adds points in data coordinates.
 *
 * @fires add-point - detail { x, y }: the user drew a point (drawing mode only)
 */
@customElement('pg-gan2d-plane')
export class PlaneView extends LitElement {
  static override styles = css`
    :host {
      display: block;
      position: relative;
      width: 100%;
      max-width: 560px;
    }
    canvas {
      display: block;
      width: 100%;
      aspect-ratio: 1;
      border: 1px solid var(--pg-border);
      border-radius: 8px;
      background: var(--pg-surface);
      touch-action: none;
    }
    canvas.drawing {
      cursor: crosshair;
      outline: 2px dashed var(--pg-accent);
      outline-offset: 2px;
    }
  `;

  @property({ attribute: false }) frame: PlaneFrame | null = null;
  @property({ attribute: false }) layers: PlaneLayers = ALL_LAYERS;
  /** Drawing mode: pointer input adds points; `drawn` are shown over `drawBounds`. */
  @property({ type: Boolean }) drawing = false;
  @property({ attribute: false }) drawn: readonly number[] = [];
  @property({ attribute: false }) drawBounds: Bounds = { xMin: -3, xMax: 3, yMin: -3, yMax: 3 };

  @query('canvas') private _canvas!: HTMLCanvasElement;
  private _pending = 0;
  private _heat: HTMLCanvasElement | null = null;
  private _heatImage: ImageData | null = null;
  /** The heat map's range in the last drawn frame (the page shows it in the legend). */
  heatRange: HeatmapRange | null = null;
  private _resize: ResizeObserver | null = null;
  private _pointerDown = false;
  private _lastDrawn: { x: number; y: number } | null = null;

  override render(): TemplateResult {
    return html`<canvas
      class=${this.drawing ? 'drawing' : ''}
      role="img"
      aria-label=${
        this.drawing
          ? 'Drawing area: click or drag to add points of your own distribution'
          : 'The plane: real samples, generated samples and the discriminator’s heat map'
      }
      @pointerdown=${this._onPointerDown}
      @pointermove=${this._onPointerMove}
      @pointerup=${this._onPointerUp}
      @pointercancel=${this._onPointerUp}
    ></canvas>`;
  }

  override firstUpdated(): void {
    this._resize = new ResizeObserver(() => this._schedule());
    this._resize.observe(this._canvas);
  }

  override updated(_changed: PropertyValues<this>): void {
    this._schedule();
  }

  override disconnectedCallback(): void {
    this._resize?.disconnect();
    cancelAnimationFrame(this._pending);
    this._pending = 0;
    super.disconnectedCallback();
  }

  /** One redraw per animation frame, whatever number of frames or changes arrived in between. */
  private _schedule(): void {
    if (this._pending) return;
    this._pending = requestAnimationFrame(() => {
      this._pending = 0;
      this._draw();
    });
  }

  private _bounds(): Bounds {
    return this.drawing || !this.frame ? this.drawBounds : this.frame.bounds;
  }

  private _draw(): void {
    const canvas = this._canvas;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    const size = Math.max(1, Math.round(canvas.clientWidth * dpr));
    if (canvas.width !== size || canvas.height !== size) {
      canvas.width = size;
      canvas.height = size;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const style = getComputedStyle(this);
    const color = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    ctx.clearRect(0, 0, size, size);
    const b = this._bounds();
    const sx = size / (b.xMax - b.xMin);
    const sy = size / (b.yMax - b.yMin);
    const px = (x: number) => (x - b.xMin) * sx;
    const py = (y: number) => size - (y - b.yMin) * sy;

    // Axes through the origin, faint, for orientation.
    ctx.strokeStyle = color('--pg-border', '#ccc');
    ctx.lineWidth = dpr;
    ctx.beginPath();
    if (b.xMin < 0 && b.xMax > 0) {
      ctx.moveTo(px(0), 0);
      ctx.lineTo(px(0), size);
    }
    if (b.yMin < 0 && b.yMax > 0) {
      ctx.moveTo(0, py(0));
      ctx.lineTo(size, py(0));
    }
    ctx.stroke();

    if (this.drawing) {
      this._dots(ctx, this.drawn, px, py, color('--pg-good', '#15803d'), 3 * dpr);
      return;
    }
    const frame = this.frame;
    if (!frame) return;
    const { layers } = this;
    if (layers.heatmap && frame.grid) this._heatmap(ctx, frame.grid, size);
    if (layers.manifold && frame.manifold) this._manifold(ctx, frame.manifold, px, py, dpr);
    if (layers.real) this._dots(ctx, frame.real, px, py, 'rgba(22,163,74,0.85)', 2.2 * dpr);
    if (layers.fake) this._dots(ctx, frame.fake, px, py, 'rgba(147,51,234,0.9)', 2.2 * dpr);
    if (layers.arrows && frame.arrows) this._arrows(ctx, frame.fake, frame.arrows, size, px, py, dpr);
  }

  private _heatmap(ctx: CanvasRenderingContext2D, grid: NonNullable<PlaneFrame['grid']>, size: number): void {
    const n = grid.resolution;
    if (!this._heat || this._heat.width !== n) {
      this._heat = document.createElement('canvas');
      this._heat.width = n;
      this._heat.height = n;
      this._heatImage = new ImageData(n, n);
    }
    const range = heatmapRange(grid.values, grid.kind);
    this.heatRange = range;
    fillHeatmap(grid.values, n, range, this._heatImage!.data);
    this._heat.getContext('2d')!.putImageData(this._heatImage!, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this._heat, 0, 0, size, size);
  }

  private _dots(
    ctx: CanvasRenderingContext2D,
    points: ArrayLike<number>,
    px: (x: number) => number,
    py: (y: number) => number,
    fill: string,
    radius: number,
  ): void {
    ctx.fillStyle = fill;
    ctx.beginPath();
    for (let i = 0; i + 1 < points.length; i += 2) {
      const x = px(points[i]);
      const y = py(points[i + 1]);
      ctx.moveTo(x + radius, y);
      ctx.arc(x, y, radius, 0, 2 * Math.PI);
    }
    ctx.fill();
  }

  /** G's image of the noise grid: a polyline for 1-D noise, a mesh of rows and columns for 2-D. */
  private _manifold(
    ctx: CanvasRenderingContext2D,
    manifold: NonNullable<PlaneFrame['manifold']>,
    px: (x: number) => number,
    py: (y: number) => number,
    dpr: number,
  ): void {
    const { points, gridSize: g, dims } = manifold;
    ctx.strokeStyle = 'rgba(100,100,120,0.55)';
    ctx.lineWidth = dpr;
    ctx.beginPath();
    const line = (index: (k: number) => number) => {
      for (let k = 0; k < g; k++) {
        const i = index(k);
        if (k === 0) ctx.moveTo(px(points[2 * i]), py(points[2 * i + 1]));
        else ctx.lineTo(px(points[2 * i]), py(points[2 * i + 1]));
      }
    };
    if (dims === 1) line((k) => k);
    else
      for (let r = 0; r < g; r++) {
        line((k) => r * g + k);
        line((k) => k * g + r);
      }
    ctx.stroke();
  }

  private _arrows(
    ctx: CanvasRenderingContext2D,
    points: Float32Array,
    directions: Float32Array,
    size: number,
    px: (x: number) => number,
    py: (y: number) => number,
    dpr: number,
  ): void {
    let longest = 0;
    for (let i = 0; i + 1 < directions.length; i += 2)
      longest = Math.max(longest, Math.hypot(directions[i], directions[i + 1]));
    if (!(longest > 0) || !Number.isFinite(longest)) return;
    const scale = (ARROW_SHARE * size) / longest; // canvas px per unit of gradient
    ctx.strokeStyle = 'rgba(60,60,70,0.7)';
    ctx.lineWidth = dpr;
    ctx.beginPath();
    for (let i = 0; i + 1 < points.length; i += 4) {
      // Every other sample: arrows on all of them would hide the samples.
      const x = px(points[i]);
      const y = py(points[i + 1]);
      const dx = directions[i] * scale;
      const dy = -directions[i + 1] * scale;
      if (Math.hypot(dx, dy) < 1.5 * dpr) continue;
      ctx.moveTo(x, y);
      ctx.lineTo(x + dx, y + dy);
    }
    ctx.stroke();
  }

  private _dataPoint(event: PointerEvent): { x: number; y: number; cssX: number; cssY: number } {
    const rect = this._canvas.getBoundingClientRect();
    const cssX = event.clientX - rect.left;
    const cssY = event.clientY - rect.top;
    const b = this.drawBounds;
    return {
      x: b.xMin + (cssX / rect.width) * (b.xMax - b.xMin),
      y: b.yMax - (cssY / rect.height) * (b.yMax - b.yMin),
      cssX,
      cssY,
    };
  }

  private _add(event: PointerEvent): void {
    const p = this._dataPoint(event);
    const last = this._lastDrawn;
    if (last && Math.hypot(p.cssX - last.x, p.cssY - last.y) < DRAW_SPACING_PX) return;
    this._lastDrawn = { x: p.cssX, y: p.cssY };
    const x = Math.round(p.x * 1000) / 1000;
    const y = Math.round(p.y * 1000) / 1000;
    this.dispatchEvent(new CustomEvent('add-point', { detail: { x, y }, bubbles: true, composed: true }));
  }

  private _onPointerDown(event: PointerEvent): void {
    if (!this.drawing) return;
    this._pointerDown = true;
    this._lastDrawn = null;
    this._canvas.setPointerCapture?.(event.pointerId);
    this._add(event);
  }

  private _onPointerMove(event: PointerEvent): void {
    if (this.drawing && this._pointerDown) this._add(event);
  }

  private _onPointerUp(): void {
    this._pointerDown = false;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-gan2d-plane': PlaneView;
  }
}
