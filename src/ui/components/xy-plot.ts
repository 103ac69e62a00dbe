import { LitElement, css, html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { chartHostStyles, fullWidthSvgStyles } from './chart-styles';
import { customElement, property } from 'lit/decorators.js';

export interface XyLayer {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** CSS colour or a --pg-* custom property name. */
  color: string;
  /** 'line' joins the points in order; 'points' draws dots; 'hollow' draws rings. */
  kind: 'line' | 'points' | 'hollow';
  dash?: string;
}

/**
 * A small SVG plot of lines and scatter points over fixed ranges, with a legend: for data sets and fitted
 * curves, where a chart library's x-sorted series would join scattered points into a zig-zag.
 */
@customElement('pg-xy-plot')
export class XyPlot extends LitElement {
  static override styles = [
    chartHostStyles,
    fullWidthSvgStyles,
    css`
      .frame {
        fill: var(--pg-surface);
        stroke: var(--pg-border);
      }
      .grid {
        stroke: var(--pg-border);
        stroke-width: 1;
      }
      text {
        fill: var(--pg-muted);
        font-size: 12px;
        font-family: var(--pg-font);
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 14px;
        font-size: 0.8rem;
        color: var(--pg-text);
        margin-top: 4px;
      }
      .legend span {
        display: inline-flex;
        align-items: center;
        gap: 5px;
      }
      .legend i {
        display: inline-block;
        width: 14px;
        height: 4px;
        border-radius: 2px;
      }
    `,
  ];

  @property({ attribute: false }) layers: readonly XyLayer[] = [];
  @property({ attribute: false }) xRange: readonly [number, number] = [0, 1];
  @property({ attribute: false }) yRange: readonly [number, number] = [0, 1];
  @property() label = 'Plot';

  private static readonly W = 520;
  private static readonly H = 300;
  private static readonly PAD = 34;

  override render(): TemplateResult {
    const { W, H, PAD } = XyPlot;
    const [x0, x1] = this.xRange;
    const [y0, y1] = this.yRange;
    const px = (x: number): number => PAD + ((x - x0) / (x1 - x0)) * (W - PAD - 8);
    const py = (y: number): number => 8 + ((y1 - y) / (y1 - y0)) * (H - PAD - 8);
    const colour = (c: string): string => (c.startsWith('--') ? `var(${c})` : c);
    const ticks = (a: number, b: number): number[] => {
      const step = niceStep((b - a) / 5);
      const out: number[] = [];
      for (let v = Math.ceil(a / step) * step; v <= b + 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
      return out;
    };
    const grid: SVGTemplateResult[] = [
      ...ticks(x0, x1).map(
        (v) => svg`<line class="grid" x1=${px(v)} x2=${px(v)} y1=${8} y2=${H - PAD}></line>
          <text x=${px(v)} y=${H - PAD + 16} text-anchor="middle">${v}</text>`,
      ),
      ...ticks(y0, y1).map(
        (v) => svg`<line class="grid" x1=${PAD} x2=${W - 8} y1=${py(v)} y2=${py(v)}></line>
          <text x=${PAD - 5} y=${py(v) + 4} text-anchor="end">${v}</text>`,
      ),
    ];
    const clampY = (y: number): number => Math.max(y0 - (y1 - y0), Math.min(y1 + (y1 - y0), y));
    const layers = this.layers.map((layer) => {
      const n = Math.min(layer.x.length, layer.y.length);
      if (layer.kind === 'line') {
        let d = '';
        for (let i = 0; i < n; i++)
          d += `${i === 0 ? 'M' : 'L'}${px(layer.x[i]!).toFixed(1)},${py(clampY(layer.y[i]!)).toFixed(1)}`;
        return svg`<path d=${d} fill="none" stroke=${colour(layer.color)} stroke-width="2.5" stroke-dasharray=${layer.dash ?? ''}></path>`;
      }
      const dots: SVGTemplateResult[] = [];
      for (let i = 0; i < n; i++) {
        dots.push(
          layer.kind === 'points'
            ? svg`<circle cx=${px(layer.x[i]!)} cy=${py(clampY(layer.y[i]!))} r="4" fill=${colour(layer.color)}></circle>`
            : svg`<circle cx=${px(layer.x[i]!)} cy=${py(clampY(layer.y[i]!))} r="4" fill="none" stroke=${colour(layer.color)} stroke-width="1.8"></circle>`,
        );
      }
      return dots;
    });
    return html`<svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${this.label}>
        <defs>
          <clipPath id="plot-area">
            <rect x=${PAD} y="8" width=${W - PAD - 8} height=${H - PAD - 8}></rect>
          </clipPath>
        </defs>
        <rect class="frame" x=${PAD} y="8" width=${W - PAD - 8} height=${H - PAD - 8}></rect>
        ${grid}
        <g clip-path="url(#plot-area)">${layers}</g>
      </svg>
      <div class="legend">
        ${this.layers.map(
          (layer) =>
            html`<span
              ><i
                style="background: ${colour(layer.color)}; ${layer.kind === 'line' ? '' : 'width: 8px; height: 8px; border-radius: 50%'}"
              ></i
              >${layer.label}</span
            >`,
        )}
      </div>`;
  }
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-xy-plot': XyPlot;
  }
}
