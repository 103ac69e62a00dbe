import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../../components/contour-plot';
import '../../components/line-chart';
import { sliderField } from '../../components/slider-field';
import { choiceField } from '../../components/choice-field';
import { dataTable } from '../table';
import { numberBox, readNumber } from '../../components/number-box';
import type { LineSeries } from '../../components/line-chart';
import type { PickPointDetail, PlotMarker, PlotPath } from '../../components/contour-plot';
import { panelStyles } from '../panel-styles';
import { fmt } from '../format';
import { OPTIMIZERS, OPTIMIZER_LABELS, type OptimizerName } from '../../../learn/optimizers';
import { DEFAULT_LEARNING_RATES, OptimizerRace } from '../../../learn/optimizer-race';
import { SURFACES, SURFACE_LIST, surfaceGrid, type SurfaceName } from '../../../learn/surfaces';

export const OPTIMIZER_COLORS: Record<OptimizerName, string> = {
  sgd: '#f8fafc',
  momentum: '--pg-series-3',
  nesterov: '#a3e635',
  adagrad: '--pg-series-4',
  rmsprop: '#fb923c',
  adam: '--pg-series-2',
};

const GRID = 160;
const CHART_MS = 150;

/**
 * Learn panel 5: six optimizers race from one start point on a 2-D surface; their paths are drawn over the
 * surface and their losses charted, and the first to reach a minimum's neighbourhood is named.
 */
@customElement('pg-optimizers-panel')
export class OptimizersPanel extends LitElement {
  static override styles = panelStyles;

  @state() private _surface: SurfaceName = 'rosenbrock';
  @state() private _start: readonly [number, number] = SURFACE_LIST.rosenbrock.start;
  @state() private _enabled = new Set<OptimizerName>(OPTIMIZERS);
  @state() private _lr: Record<OptimizerName, number> = { ...DEFAULT_LEARNING_RATES.rosenbrock };
  @state() private _budget = SURFACE_LIST.rosenbrock.budget;
  @state() private _speed = 10;
  @state() private _playing = false;
  @state() private _tick = 0;
  @state() private _lossSeries: LineSeries[] = [];
  @state() private _error = '';
  private _race: OptimizerRace = this._newRace();
  private _grid: { key: string; values: Float64Array } = { key: '', values: new Float64Array(0) };
  private _frame = 0;
  private _lastChart = 0;

  private _newRace(): OptimizerRace {
    return new OptimizerRace(
      SURFACE_LIST[this._surface],
      this._start,
      this._lr,
      OPTIMIZERS.filter((name) => this._enabled.has(name)),
      1,
      this._budget,
    );
  }

  private _reset(): void {
    this._pause();
    this._race = this._newRace();
    this._lossSeries = [];
    this._tick += 1;
  }

  private _pickSurface(name: SurfaceName): void {
    this._surface = name;
    this._start = SURFACE_LIST[name].start;
    this._lr = { ...DEFAULT_LEARNING_RATES[name] };
    this._budget = SURFACE_LIST[name].budget;
    this._reset();
  }

  private _play(): void {
    if (this._race.done) this._reset();
    this._playing = true;
    const frame = (): void => {
      if (!this._playing) return;
      for (let i = 0; i < this._speed && !this._race.done; i++) this._race.step();
      this._afterSteps();
      if (this._race.done) this._playing = false;
      else this._frame = requestAnimationFrame(frame);
    };
    this._frame = requestAnimationFrame(frame);
  }

  private _pause(): void {
    this._playing = false;
    cancelAnimationFrame(this._frame);
  }

  private _step(): void {
    this._pause();
    this._race.step();
    this._afterSteps(true);
  }

  private _afterSteps(forceChart = false): void {
    this._tick += 1;
    const now = performance.now();
    if (forceChart || this._race.done || now - this._lastChart > CHART_MS) {
      this._lastChart = now;
      const log = this._logLoss();
      this._lossSeries = this._race.racers.map((r) => ({
        label: OPTIMIZER_LABELS[r.name],
        values: log ? r.losses.map((v) => Math.log10(Math.max(v, 1e-12))) : [...r.losses],
        color: OPTIMIZER_COLORS[r.name] === '#f8fafc' ? '--pg-muted' : OPTIMIZER_COLORS[r.name],
      }));
    }
  }

  /** Log-scaled loss chart where the surface is never negative. */
  private _logLoss(): boolean {
    return this._surface !== 'saddle';
  }

  private _onPick(event: CustomEvent<PickPointDetail>): void {
    const { x, y } = event.detail;
    this._start = [Math.round(x * 100) / 100, Math.round(y * 100) / 100];
    this._reset();
  }

  private _setStart(axis: 0 | 1, text: string): void {
    const [x0, x1, y0, y1] = SURFACE_LIST[this._surface].view;
    const read = readNumber(text, `The start ${axis === 0 ? 'x' : 'y'}`, axis === 0 ? [x0, x1] : [y0, y1]);
    this._error = 'error' in read ? read.error : '';
    if (!('value' in read)) return;
    this._start = axis === 0 ? [read.value, this._start[1]] : [this._start[0], read.value];
    this._reset();
  }

  private _setLr(name: OptimizerName, text: string): void {
    const value = Number(text);
    if (!(value > 0 && value <= 10)) {
      this._error = `The learning rate of ${OPTIMIZER_LABELS[name]} must be a number in (0, 10], got “${text}”.`;
      return;
    }
    this._error = '';
    this._lr = { ...this._lr, [name]: value };
    this._reset();
  }

  override disconnectedCallback(): void {
    this._pause();
    super.disconnectedCallback();
  }

  private _surfaceValues(): Float64Array {
    if (this._grid.key !== this._surface) {
      this._grid = { key: this._surface, values: surfaceGrid(SURFACE_LIST[this._surface], GRID, GRID) };
    }
    return this._grid.values;
  }

  override render(): TemplateResult {
    const surface = SURFACE_LIST[this._surface];
    const race = this._race;
    const paths: PlotPath[] = race.racers.map((r) => ({
      label: OPTIMIZER_LABELS[r.name],
      points: r.path,
      color: OPTIMIZER_COLORS[r.name],
    }));
    const markers: PlotMarker[] = [
      ...surface.minima.map(([x, y]) => ({
        x,
        y,
        color: '#facc15',
        shape: 'star' as const,
        label: 'minimum',
      })),
      { x: this._start[0], y: this._start[1], color: '#ffffff', shape: 'circle', label: 'start' },
    ];
    const winner = race.winner();
    return html`<h1>Optimizers</h1>
      <div class="lead">
        <p>
          Training is a walk downhill on the loss surface. Plain stochastic gradient descent (SGD) steps
          against the gradient, θ ← θ − η·g. Momentum keeps a running velocity b ← μb + g and steps along it,
          so it rolls through flat stretches and damps zig-zags; Nesterov’s variant looks one step ahead (it
          steps along g + μb). AdaGrad divides each coordinate’s step by the root of its summed squared
          gradients, RMSprop by a moving average of them, and Adam combines that with momentum and corrects
          both averages for their start at zero.
        </p>
        <p>
          Race them below. Click the surface to choose the start. The update rules are PyTorch’s
          (<code>torch.optim</code>, with its default μ = 0.9, α = 0.99, β = (0.9, 0.999), ε); each optimizer
          has its own learning rate because no single one suits all six.
        </p>
      </div>
      <div class="grid">
        <section class="card">
          <h2>${surface.label}: <span class="small muted">${surface.formula}</span></h2>
          <pg-contour-plot
            .values=${this._surfaceValues()}
            rows=${GRID}
            cols=${GRID}
            .view=${surface.view}
            .paths=${paths}
            .markers=${markers}
            logScale
            label="${surface.label} surface with the optimizers' paths; click to set the start point"
            @pick-point=${this._onPick}
          ></pg-contour-plot>
          <p class="muted small">
            Colours: log of the loss, dark = low. ★ minimum, ○ start (${fmt(this._start[0], 3)},
            ${fmt(this._start[1], 3)}). Step ${race.steps} / ${race.budget}.
          </p>
          <div class="row">
            ${
              this._playing
                ? html`<button class="primary" data-action="pause" @click=${this._pause}>Pause</button>`
                : html`<button class="primary" data-action="play" @click=${this._play}>
                    ${race.done ? 'Replay' : 'Play'}
                  </button>`
            }
            <button data-action="step" @click=${this._step} ?disabled=${race.done}>Step</button>
            <button data-action="reset" @click=${this._reset}>Reset</button>
          </div>
          <div class="controls" style="margin-top: 10px">
            ${choiceField('Surface', SURFACES, this._surface, (s) => this._pickSurface(s), {
              control: 'surface',
              optionLabel: (s) => SURFACE_LIST[s].label,
            })}
            ${([0, 1] as const).map((axis) =>
              numberBox(`Start ${'xy'[axis]}`, this._start[axis], (text) => this._setStart(axis, text), {
                control: `start-${'xy'[axis]}`,
              }),
            )}
            ${sliderField('Step budget', [50, 3000, 50], this._budget, (v) => {
              this._budget = v;
              this._reset();
            })}
            ${sliderField('Steps per frame', [1, 50, 1], this._speed, (v) => (this._speed = v))}
          </div>
        </section>
        <div class="stack">
          <section class="card">
            <h2>Racers</h2>
            <p
              class="small"
              data-winner=${winner?.name ?? ''}
              data-winner-step=${winner?.reachedAt ?? ''}
              aria-live="polite"
            >
              ${
                winner
                  ? html`First within ${surface.radius} of a minimum:
                      <b>${OPTIMIZER_LABELS[winner.name]}</b> at step ${winner.reachedAt}.`
                  : html`<span class="muted"
                      >No optimizer has come within ${surface.radius} of a minimum yet.</span
                    >`
              }
            </p>
            ${dataTable(
              ['optimizer', 'learning rate', 'loss', 'reached at'],
              OPTIMIZERS.map((name) => {
                const racer = race.racers.find((r) => r.name === name);
                return html`<tr
                  data-optimizer=${name}
                  data-reached=${racer?.reachedAt ?? ''}
                  data-loss=${racer ? racer.losses.at(-1)! : ''}
                >
                  <td>
                    <label class="row" style="gap: 6px">
                      <input
                        type="checkbox"
                        .checked=${this._enabled.has(name)}
                        @change=${(e: Event) => {
                          const next = new Set(this._enabled);
                          if ((e.target as HTMLInputElement).checked) next.add(name);
                          else next.delete(name);
                          this._enabled = next;
                          this._reset();
                        }}
                      />
                      <span
                        class="swatch"
                        style="background: ${OPTIMIZER_COLORS[name].startsWith('--') ? `var(${OPTIMIZER_COLORS[name]})` : OPTIMIZER_COLORS[name]}; border: 1px solid var(--pg-border)"
                      ></span>
                      ${OPTIMIZER_LABELS[name]}
                    </label>
                  </td>
                  <td>
                    <input
                      type="number"
                      min="0"
                      step="any"
                      style="width: 6.5em"
                      aria-label="${OPTIMIZER_LABELS[name]} learning rate"
                      .value=${String(this._lr[name])}
                      @change=${(e: Event) => this._setLr(name, (e.target as HTMLInputElement).value)}
                    />
                  </td>
                  <td>
                    ${racer ? (racer.diverged ? html`<span class="bad">diverged</span>` : fmt(racer.losses.at(-1)!, 4)) : '—'}
                  </td>
                  <td>${racer?.reachedAt ?? '—'}</td>
                </tr>`;
              }),
            )}
            ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
          </section>
          <section class="card">
            <pg-line-chart
              heading=${this._logLoss() ? 'log₁₀ loss per step' : 'Loss per step'}
              .series=${this._lossSeries}
              xLabel="step"
              yLabel=${this._logLoss() ? 'log₁₀ loss' : 'loss'}
              height="220"
            ></pg-line-chart>
          </section>
        </div>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-optimizers-panel': OptimizersPanel;
  }
}
