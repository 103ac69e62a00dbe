import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import '../../components/line-chart';
import { sliderField } from '../../components/slider-field';
import { choiceField } from '../../components/choice-field';
import type { LineSeries } from '../../components/line-chart';
import { panelStyles } from '../panel-styles';
import { fmt } from '../format';
import {
  ACTIVATIONS,
  ACTIVATION_INFO,
  activate,
  derivative,
  type ActivationName,
} from '../../../learn/activations';
import { INIT_LABELS, INIT_SCHEMES, type InitScheme, type DeepStackResult } from '../../../learn/deep-stack';
import { WorkerController } from '../../components/worker-controller';
import { createLearnWorker } from '../../../workers/learn-client';
import type { LearnApi } from '../../../workers/protocol/learn';
import { errorText } from '../../../util/error-text';

/** One colour per activation, readable on the light and the dark background. */
export const ACTIVATION_COLORS: Record<ActivationName, string> = {
  relu: '--pg-series-1',
  'leaky-relu': '#7c3aed',
  elu: '--pg-series-3',
  gelu: '--pg-series-2',
  sigmoid: '--pg-series-4',
  tanh: '#16a34a',
  softplus: '#ea580c',
  swish: '#db2777',
};

const POINTS = 241;
const WIDTHS = [8, 16, 32, 64];
const BATCH = 64;

/**
 * Learn panel 3: activation functions and their derivatives, a probe that reads f(x) and f′(x), and a deep
 * stack whose per-layer gradient norms show vanishing and exploding gradients.
 */
@customElement('pg-activations-panel')
export class ActivationsPanel extends LitElement {
  static override styles = panelStyles;

  @state() private _shown = new Set<ActivationName>(['relu', 'gelu', 'sigmoid', 'tanh']);
  @state() private _showDerivative = true;
  @state() private _range = 4;
  @state() private _probeFn: ActivationName = 'relu';
  @state() private _probeX = -1;
  @state() private _depth = 20;
  @state() private _width = 32;
  @state() private _init: InitScheme = 'xavier';
  @state() private _stackFn: ActivationName = 'sigmoid';

  private _toggle(name: ActivationName, on: boolean): void {
    const next = new Set(this._shown);
    if (on) next.add(name);
    else next.delete(name);
    this._shown = next;
  }

  private _curves(): { x: number[]; series: LineSeries[] } {
    const x = Array.from({ length: POINTS }, (_, i) => -this._range + (2 * this._range * i) / (POINTS - 1));
    const series: LineSeries[] = [];
    for (const name of ACTIVATIONS) {
      if (!this._shown.has(name)) continue;
      const color = ACTIVATION_COLORS[name];
      series.push({ label: ACTIVATION_INFO[name].label, x, values: x.map((v) => activate(name, v)), color });
      if (this._showDerivative) {
        series.push({
          label: `${ACTIVATION_INFO[name].label}′`,
          x,
          values: x.map((v) => derivative(name, v)),
          color,
          dash: [5, 4],
          width: 1.5,
        });
      }
    }
    // The probe's reading, as a dot on the chart (when it is inside the plotted range).
    if (Math.abs(this._probeX) <= this._range) {
      series.push({
        label: `probe ${ACTIVATION_INFO[this._probeFn].label}(x)`,
        x: [this._probeX],
        values: [activate(this._probeFn, this._probeX)],
        color: ACTIVATION_COLORS[this._probeFn],
        points: true,
      });
    }
    return { x, series };
  }

  @state() private _stack: DeepStackResult | null = null;
  @state() private _stackError = '';
  /** depth|width|init|activation of the result on screen. */
  @state() private _shownKey = '';
  private readonly _worker = new WorkerController<LearnApi>(this, createLearnWorker);
  /** Settings of the newest request; an older answer that arrives late is dropped. */
  private _stackKey = '';

  override willUpdate(): void {
    const key = `${this._depth}|${this._width}|${this._init}|${this._stackFn}`;
    if (key !== this._stackKey) {
      this._stackKey = key;
      void this._computeStack(key);
    }
  }

  /** The deep stack runs in the Learn worker: with GELU's erf and 50 layers it takes tens of ms. */
  private async _computeStack(key: string): Promise<void> {
    try {
      const result = await this._worker.api.foundationsDeepStack({
        depth: this._depth,
        width: this._width,
        batch: BATCH,
        activation: this._stackFn,
        init: this._init,
        seed: 1,
      });
      if (key !== this._stackKey) return;
      this._stack = result;
      this._shownKey = key;
      this._stackError = '';
    } catch (error) {
      if (key === this._stackKey) this._stackError = errorText(error);
    }
  }

  override render(): TemplateResult {
    const { series } = this._curves();
    const fx = activate(this._probeFn, this._probeX);
    const dfx = derivative(this._probeFn, this._probeX);
    const stack = this._stack;
    const norms = stack?.gradNorms ?? [];
    const layers = norms.map((_, i) => i + 1);
    const ratio = stack ? norms[0]! / norms.at(-1)! : null;
    const pending = this._shownKey !== this._stackKey;
    const activation = (
      label: string,
      value: ActivationName,
      onPick: (v: ActivationName) => void,
      control: string,
    ) =>
      choiceField(label, ACTIVATIONS, value, onPick, {
        control,
        optionLabel: (name) => ACTIVATION_INFO[name].label,
      });
    return html`<h1>Activation functions</h1>
      <div class="lead">
        <p>
          Without a non-linear activation, any stack of layers collapses into one linear map; the activation
          is what lets a network bend its decision boundaries and model complex patterns. Its shape also
          decides how gradients flow back: during backpropagation every layer multiplies the gradient by
          f′(z).
        </p>
        <p>
          Sigmoid and tanh flatten out for large |z|, so f′ is near 0 there (sigmoid′ is at most 0.25). ReLU
          passes gradients unchanged where z &gt; 0 and blocks them where z &lt; 0; its smooth relatives —
          leaky ReLU, ELU, GELU, softplus and swish/SiLU — keep a little slope on the left. GELU here is the
          exact form x·Φ(x) with the Gaussian CDF Φ written with erf (PyTorch’s default), not the tanh
          approximation.
        </p>
      </div>
      <div class="grid">
        <section class="card">
          <h2>f (solid) and f′ (dashed)</h2>
          <pg-line-chart .series=${series} xLabel="x" yLabel="f(x)" height="260"></pg-line-chart>
          <div class="chips" role="group" aria-label="Functions to plot">
            ${ACTIVATIONS.map(
              (name) =>
                html`<label
                  ><input
                    type="checkbox"
                    .checked=${this._shown.has(name)}
                    @change=${(e: Event) => this._toggle(name, (e.target as HTMLInputElement).checked)}
                  />
                  ${ACTIVATION_INFO[name].label}</label
                >`,
            )}
          </div>
          <div class="controls" style="margin-top: 10px">
            <label class="chips"
              ><label
                ><input
                  type="checkbox"
                  .checked=${this._showDerivative}
                  @change=${(e: Event) => (this._showDerivative = (e.target as HTMLInputElement).checked)}
                />
                show f′</label
              ></label
            >
            ${sliderField('x range ±', [1, 10, 0.5], this._range, (v) => (this._range = v))}
          </div>
        </section>
        <section class="card">
          <h2>Probe</h2>
          <div class="controls">
            ${activation('Function', this._probeFn, (v) => (this._probeFn = v), 'probe-fn')}
            ${sliderField('x', [-5, 5, 0.1], this._probeX, (v) => (this._probeX = v), { control: 'probe-x' })}
          </div>
          <dl class="readout">
            <div>
              <dt>f(x)</dt>
              <dd data-probe-f=${fx}>${fmt(fx)}</dd>
            </div>
            <div>
              <dt>f′(x)</dt>
              <dd data-probe-df=${dfx}>${fmt(dfx)}</dd>
            </div>
          </dl>
          <p class="muted small">
            ${ACTIVATION_INFO[this._probeFn].label}: ${ACTIVATION_INFO[this._probeFn].formula}.
          </p>
        </section>
      </div>
      <section class="card" style="margin-top: var(--pg-gap)">
        <h2>Vanishing and exploding gradients in a deep stack</h2>
        <p class="muted small">
          ${this._depth} dense layers of ${this._width} units (no biases) take a seeded batch of 64 Gaussian
          inputs forward; the loss is the mean squared error against seeded Gaussian targets; backpropagation
          gives ∂L/∂W for every layer. The chart shows log₁₀ of each layer’s gradient norm ‖∂L/∂W‖ (−6 means a
          millionth) — layer 1 is next to the input, the last layer next to the loss. With sigmoid the
          gradient shrinks by a factor at every layer on its way down (vanishing); with ReLU and He
          initialisation it stays level; with ReLU and σ = 1 every layer’s gradient is astronomically large
          (exploding).
        </p>
        <div class="controls">
          ${activation('Activation', this._stackFn, (v) => (this._stackFn = v), 'stack-fn')}
          ${sliderField('Depth', [1, 50, 1], this._depth, (v) => (this._depth = v), { control: 'depth' })}
          ${choiceField('Width', WIDTHS, this._width, (w) => (this._width = w))}
          ${choiceField('Initialisation', INIT_SCHEMES, this._init, (s) => (this._init = s), {
            control: 'init',
            optionLabel: (s) => INIT_LABELS[s],
          })}
        </div>
        <pg-line-chart
          .x=${layers}
          .series=${[
            {
              label: 'log₁₀ ‖∂L/∂W‖',
              values: norms.map((v) => Math.log10(Math.max(v, 1e-300))),
              color: ACTIVATION_COLORS[this._stackFn],
            },
          ]}
          xLabel="layer (1 = next to the input)"
          yLabel="log₁₀ gradient norm"
          height="220"
        ></pg-line-chart>
        ${
          this._stackError || this._worker.crashMessage
            ? html`<p class="error" role="alert">${this._stackError || this._worker.crashMessage}</p>`
            : nothing
        }
        <dl class="readout" data-stack=${this._shownKey} aria-busy=${pending ? 'true' : 'false'}>
          <div>
            <dt>‖∂L/∂W₁‖ (first layer)</dt>
            <dd>${fmt(norms[0] ?? null)}</dd>
          </div>
          <div>
            <dt>‖∂L/∂W_L‖ (last layer)</dt>
            <dd>${fmt(norms.at(-1) ?? null)}</dd>
          </div>
          <div>
            <dt>first / last</dt>
            <dd data-norm-ratio=${ratio}>${fmt(ratio)}</dd>
          </div>
          <div>
            <dt>loss</dt>
            <dd>${fmt(stack?.loss ?? null)}</dd>
          </div>
        </dl>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-activations-panel': ActivationsPanel;
  }
}
