import { LitElement, css, html, unsafeCSS, type PropertyValues, type TemplateResult } from 'lit';
import { chartHostStyles } from './chart-styles';
import { customElement, property, query } from 'lit/decorators.js';
import uPlot from 'uplot';
import uPlotStyles from 'uplot/dist/uPlot.min.css?inline';

export interface LineSeries {
  label: string;
  values: readonly number[];
  /** This series' own x values (then series with different x are joined, gaps spanned). */
  x?: readonly number[];
  /** CSS colour or a --pg-series-n custom property name; resolved against the current theme. */
  color?: string;
  dash?: number[];
  width?: number;
  /** Draw a dot at each point (e.g. a one-point series that marks the current value). */
  points?: boolean;
}

/** A log-axis tick: plain between 0.001 and 10⁵, else in exponent form. */
export function logTick(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '';
  const size = Math.abs(value);
  return size === 0 || (size >= 1e-3 && size < 1e5) ? String(+value.toPrecision(3)) : value.toExponential(0);
}

const DEFAULT_COLORS = ['--pg-series-1', '--pg-series-2', '--pg-series-3', '--pg-series-4'];

/** A line chart (uPlot) that follows its container's width and the theme's colours. */
@customElement('pg-line-chart')
export class LineChart extends LitElement {
  static override styles = [
    unsafeCSS(uPlotStyles),
    chartHostStyles,
    css`
      .title {
        margin-bottom: 4px;
      }
      .u-legend {
        font-size: 0.8rem;
        color: var(--pg-text);
      }
      .empty {
        height: var(--pg-chart-height, 180px);
        display: grid;
        place-items: center;
        color: var(--pg-muted);
        border: 1px dashed var(--pg-border);
        border-radius: 8px;
        font-size: 0.9rem;
      }
    `,
  ];

  @property() heading = '';
  @property() xLabel = 'step';
  @property() yLabel = '';
  @property({ type: Number }) height = 180;
  @property({ type: Boolean }) logY = false;
  @property({ attribute: false }) series: readonly LineSeries[] = [];
  /** Shared x values; defaults to 0..n-1. */
  @property({ attribute: false }) x: readonly number[] | null = null;

  @query('.plot') private _plotHost!: HTMLDivElement;
  private _plot: uPlot | null = null;
  /** Labels and colours the plot was built with; a change rebuilds it. */
  private _plotKey = '';
  private _resize: ResizeObserver | null = null;
  /** Colours are read from the theme when the plot is built: a theme switch rebuilds it. */
  private _theme: MutationObserver | null = null;

  override render(): TemplateResult {
    const empty = this.series.every((s) => s.values.length === 0);
    return html`${this.heading ? html`<div class="title">${this.heading}</div>` : null}
      <div class="plot" ?hidden=${empty}></div>
      ${empty ? html`<div class="empty">No data yet</div>` : null}`;
  }

  override firstUpdated(): void {
    this._resize = new ResizeObserver(() =>
      this._plot?.setSize({ width: this._width(), height: this.height }),
    );
    this._resize.observe(this);
    this._theme = new MutationObserver(() => {
      this._plot?.destroy();
      this._plot = null;
      this._draw();
    });
    this._theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('series') || changed.has('x') || changed.has('logY')) this._draw();
  }

  override disconnectedCallback(): void {
    this._resize?.disconnect();
    this._theme?.disconnect();
    this._plot?.destroy();
    this._plot = null;
    super.disconnectedCallback();
  }

  private _width(): number {
    return Math.max(120, this.clientWidth || 300);
  }

  private _data(): uPlot.AlignedData {
    if (this.series.some((s) => s.x)) {
      // Runs log at different x (episodes, env steps): join them on the union of x values.
      const tables = this.series.map((s) => [
        (s.x ?? s.values.map((_, i) => i)) as number[],
        s.values as number[],
      ]) as uPlot.AlignedData[];
      return uPlot.join(tables);
    }
    const n = Math.max(0, ...this.series.map((s) => s.values.length));
    const x = this.x ?? Array.from({ length: n }, (_, i) => i);
    return [x as number[], ...this.series.map((s) => s.values as number[])];
  }

  private _draw(): void {
    if (this.series.every((s) => s.values.length === 0)) return;
    const shapeChanged =
      !this._plot ||
      this._plotKey !== this.series.map((s) => `${s.label}|${s.color}`).join(';') ||
      this._plot.series.length !== this.series.length + 1 ||
      this._plot.scales.y?.distr !== (this.logY ? 3 : 1);
    if (!shapeChanged) {
      this._plot!.setData(this._data());
      return;
    }
    this._plot?.destroy();
    this._plotKey = this.series.map((s) => `${s.label}|${s.color}`).join(';');
    const style = getComputedStyle(this);
    this.dataset.drawnTheme = document.documentElement.dataset.theme ?? '';
    const color = (name: string): string =>
      name.startsWith('--') ? style.getPropertyValue(name).trim() : name;
    const axisColor = style.getPropertyValue('--pg-muted').trim() || '#666';
    const gridColor = style.getPropertyValue('--pg-border').trim() || '#ddd';
    const axis = (label: string): uPlot.Axis => ({
      label,
      stroke: axisColor,
      grid: { stroke: gridColor, width: 1 },
      ticks: { stroke: gridColor, width: 1 },
    });
    this._plot = new uPlot(
      {
        width: this._width(),
        height: this.height,
        scales: { x: { time: false }, y: { distr: this.logY ? 3 : 1 } },
        legend: { show: this.series.length > 1, live: false },
        axes: [
          axis(this.xLabel),
          // uPlot rounds log-axis ticks to 3 decimals (1e-4 reads "0"): write small and large ones as 1e-4.
          this.logY
            ? { ...axis(this.yLabel), values: (_u, splits) => splits.map(logTick) }
            : axis(this.yLabel),
        ],
        series: [
          { label: this.xLabel },
          ...this.series.map((s, i) => ({
            label: s.label,
            stroke: color(s.color ?? DEFAULT_COLORS[i % DEFAULT_COLORS.length]!),
            width: s.width ?? 2,
            dash: s.dash,
            spanGaps: true,
            points: s.points
              ? { show: true, size: 10, fill: color(s.color ?? DEFAULT_COLORS[i % DEFAULT_COLORS.length]!) }
              : { show: false },
          })),
        ],
      },
      this._data(),
      this._plotHost,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-line-chart': LineChart;
  }
}
