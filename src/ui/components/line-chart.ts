import { LitElement, css, html, unsafeCSS, type PropertyValues, type TemplateResult } from 'lit';
import { chartHostStyles } from './chart-styles';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import uPlot from 'uplot';
import uPlotStyles from 'uplot/dist/uPlot.min.css?inline';
import { fullRange, steadyRange, type YRange } from './chart-range';
import { seriesStyle, swatchFor } from './series-style';
import { yLabelFontPx } from './axis-label';
import { legendValue, linearTick, logTick } from './chart-numbers';

export interface LineSeries {
  label: string;
  values: readonly number[];
  /** This series' own x values (then series with different x are joined, gaps spanned). */
  x?: readonly number[];
  /** CSS colour or a --pg-series-n custom property name; resolved against the current theme. */
  color?: string;
  /** Canvas line dash; without a dash and a colour, the series' index picks a distinct pair of both. */
  dash?: number[];
  width?: number;
  /** Draw a dot at each point (e.g. a one-point series that marks the current value). */
  points?: boolean;
}

/**
 * A series' dash: its own, else solid where the caller chose its colour (the caller styles it), else the
 * index's distinct style (see series-style.ts).
 */
function dashOf(series: LineSeries, index: number): number[] {
  return series.dash ?? (series.color ? [] : seriesStyle(index).dash);
}

/** The last finite value of a data column (null when there is none). */
function newest(column: ArrayLike<number | null | undefined> | undefined): number | null {
  for (let i = (column?.length ?? 0) - 1; i >= 0; i--) {
    const v = column![i];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return null;
}

/**
 * A line chart (uPlot) that follows its container's width and the theme's colours. The legend shows the
 * values under the cursor (mouse, a tap, or the arrow keys once the chart has focus); each series differs
 * from the others in colour and dash; `yRange="steady"` fits the y axis to the steady state, with a button
 * to show every point.
 */
@customElement('pg-line-chart')
export class LineChart extends LitElement {
  static override styles = [
    unsafeCSS(uPlotStyles),
    chartHostStyles,
    css`
      .title {
        margin-bottom: 4px;
      }
      /* Vertical swipes still scroll the page; sideways ones move the cursor. */
      .u-over {
        touch-action: pan-y;
      }
      .plot:focus-visible {
        outline: 2px solid var(--pg-accent);
        outline-offset: 2px;
        border-radius: 4px;
      }
      .u-legend {
        font-size: 0.8rem;
        color: var(--pg-text);
        text-align: left;
        font-variant-numeric: tabular-nums;
      }
      .u-legend .u-value {
        min-width: 4.5em;
        display: inline-block;
      }
      .range {
        display: flex;
        justify-content: flex-end;
        font-size: 0.75rem;
        color: var(--pg-muted);
        gap: 6px;
        align-items: center;
      }
      .range button {
        font: inherit;
        border: 1px solid var(--pg-border);
        background: var(--pg-surface-2);
        color: var(--pg-text);
        border-radius: 6px;
        padding: 2px 8px;
        cursor: pointer;
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
  /** The y axis' quantity with its unit, e.g. "steps/s". */
  @property() yLabel = '';
  @property({ type: Number }) height = 180;
  @property({ type: Boolean }) logY = false;
  /** "auto" fits every value; "steady" leaves start-up spikes and outliers out (see chart-range.ts). */
  @property() yRange: 'auto' | 'steady' = 'auto';
  @property({ attribute: false }) series: readonly LineSeries[] = [];
  /** Shared x values; defaults to 0..n-1. */
  @property({ attribute: false }) x: readonly number[] | null = null;

  /** The user asked for every point of a steady-range chart. */
  @state() private _showAll = false;
  /** The steady range of the current series (null for auto charts). */
  private _steady: YRange | null = null;

  @query('.plot') private _plotHost!: HTMLDivElement;
  private _plot: uPlot | null = null;
  /** Labels and styles the plot was built with; a change rebuilds it. */
  private _plotKey = '';
  private _resize: ResizeObserver | null = null;
  /** Colours are read from the theme when the plot is built: a theme switch rebuilds it. */
  private _theme: MutationObserver | null = null;
  /** The data index the keyboard cursor is on. */
  private _keyIndex = -1;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('series') || changed.has('yRange') || changed.has('logY')) {
      this._steady =
        this.yRange === 'steady' && !this.logY ? steadyRange(this.series.map((s) => s.values)) : null;
    }
  }

  override render(): TemplateResult {
    const empty = this.series.every((s) => s.values.length === 0);
    const label = `${this.heading || this.yLabel || 'Chart'}: arrow keys move the cursor, the legend shows the values`;
    return html`${this.heading ? html`<div class="title">${this.heading}</div>` : null}
      <div
        class="plot"
        ?hidden=${empty}
        tabindex="0"
        role="group"
        aria-label=${label}
        @keydown=${this._onKey}
        @blur=${() => (this._keyIndex = -1)}
      ></div>
      ${empty ? html`<div class="empty">No data yet</div>` : this._renderRangeToggle()}`;
  }

  private _renderRangeToggle(): TemplateResult | null {
    const steady = this._steady;
    if (!steady || steady.outside === 0) return null;
    return html`<div class="range">
      ${
        this._showAll
          ? html`<span>All points shown</span>`
          : html`<span
              >${steady.outside} start-up or outlier point${steady.outside === 1 ? '' : 's'} off scale</span
            >`
      }
      <button type="button" data-testid="range-toggle" @click=${this._toggleRange}>
        ${this._showAll ? 'Fit steady state' : 'Show all'}
      </button>
    </div>`;
  }

  private _toggleRange(): void {
    this._showAll = !this._showAll;
    this._plot?.setData(this._data());
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
    if (changed.has('series') || changed.has('x') || changed.has('logY') || changed.has('yRange'))
      this._draw();
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

  /** The y range uPlot asks for on every data update. */
  private _yScaleRange(dataMin: number | null, dataMax: number | null): uPlot.Range.MinMax {
    const chosen = this._steady && !this._showAll ? this._steady : null;
    if (chosen) return [chosen.min, chosen.max];
    if (this.yRange === 'steady') {
      const all = fullRange(this.series.map((s) => s.values));
      if (all) return [all.min, all.max];
    }
    return uPlot.rangeNum(dataMin ?? 0, dataMax ?? 1, 0.1, true);
  }

  /** Arrow keys walk the cursor along the x values, so the legend reads out each point. */
  private _onKey(event: KeyboardEvent): void {
    const plot = this._plot;
    const xs = plot?.data[0];
    if (!plot || !xs || xs.length === 0) return;
    const last = xs.length - 1;
    const start = this._keyIndex < 0 ? last : this._keyIndex;
    const step = Math.max(1, Math.round(xs.length / 20));
    const next: Record<string, number> = {
      ArrowLeft: start - 1,
      ArrowRight: start + 1,
      PageDown: start - step,
      PageUp: start + step,
      Home: 0,
      End: last,
    };
    if (!Object.hasOwn(next, event.key)) return;
    event.preventDefault();
    this._keyIndex = Math.min(last, Math.max(0, next[event.key]!));
    const x = xs[this._keyIndex]!;
    const y = plot.data
      .slice(1)
      .map((col) => col[this._keyIndex])
      .find((v) => v !== null && v !== undefined);
    plot.setCursor({
      left: plot.valToPos(x, 'x'),
      top: y === undefined || y === null ? plot.bbox.height / 2 / devicePixelRatio : plot.valToPos(y, 'y'),
    });
  }

  private _styleKey(): string {
    return this.series.map((s, i) => `${s.label}|${s.color}|${dashOf(s, i).join(',')}`).join(';');
  }

  private _draw(): void {
    if (this.series.every((s) => s.values.length === 0)) return;
    const shapeChanged =
      !this._plot ||
      this._plotKey !== this._styleKey() ||
      this._plot.series.length !== this.series.length + 1 ||
      this._plot.scales.y?.distr !== (this.logY ? 3 : 1);
    if (!shapeChanged) {
      this._plot!.setData(this._data());
      return;
    }
    this._plot?.destroy();
    this._plotKey = this._styleKey();
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
    // Off the chart, the legend shows each series' newest value; under the cursor, the values there.
    const value = (u: uPlot, v: number | null, seriesIndex: number, index: number | null): string =>
      legendValue(index === null ? newest(u.data[seriesIndex]) : v);
    this._plot = new uPlot(
      {
        width: this._width(),
        height: this.height,
        scales: {
          x: { time: false },
          y: this.logY ? { distr: 3 } : { distr: 1, range: (_u, min, max) => this._yScaleRange(min, max) },
        },
        legend: {
          show: true,
          live: true,
          markers: { dash: (u, i) => swatchFor(u.series[i]?.dash) },
        },
        axes: [
          axis(this.xLabel),
          // uPlot rounds log-axis ticks to 3 decimals (1e-4 reads "0"): write small and large ones as 1e-4.
          {
            ...axis(this.yLabel),
            labelFont: `bold ${yLabelFontPx(this.yLabel, this.height)}px system-ui, sans-serif`,
            values: (_u: uPlot, splits: number[]) => splits.map(this.logY ? logTick : linearTick),
          },
        ],
        series: [
          { label: this.xLabel, value },
          ...this.series.map((s, i) => {
            const stroke = color(s.color ?? seriesStyle(i).color);
            return {
              label: s.label,
              stroke,
              width: s.width ?? 2,
              dash: dashOf(s, i),
              spanGaps: true,
              value,
              points: s.points ? { show: true, size: 10, fill: stroke } : { show: false },
            };
          }),
        ],
      },
      this._data(),
      this._plotHost,
    );
    // uPlot's cursor follows the mouse only: a finger (tap or sideways drag) moves it too.
    const over = this._plot.over;
    const onTouch = (event: PointerEvent): void => {
      if (event.pointerType !== 'touch' || !this._plot) return;
      const box = over.getBoundingClientRect();
      this._plot.setCursor({ left: event.clientX - box.left, top: event.clientY - box.top });
    };
    over.addEventListener('pointerdown', onTouch);
    over.addEventListener('pointermove', onTouch);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-line-chart': LineChart;
  }
}

/** The rarer settings of a chart made with `lineChart`. */
export interface LineChartOptions {
  xLabel?: string;
  /** Shared x values; defaults to 0..n-1. */
  x?: readonly number[] | null;
  height?: number;
  logY?: boolean;
  yRange?: 'auto' | 'steady';
  testId?: string;
}

/** A `<pg-line-chart>` in one call: `lineChart('Accuracy (%)', 'accuracy (%)', series, { height: 160 })`. */
export function lineChart(
  heading: string,
  yLabel: string,
  series: readonly LineSeries[],
  options: LineChartOptions = {},
): TemplateResult {
  return html`<pg-line-chart
    data-testid=${ifDefined(options.testId)}
    heading=${heading}
    xLabel=${options.xLabel ?? 'step'}
    yLabel=${yLabel}
    yRange=${options.yRange ?? 'auto'}
    ?logY=${options.logY ?? false}
    .height=${options.height ?? 180}
    .x=${options.x ?? null}
    .series=${series}
  ></pg-line-chart>`;
}
