import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { cardStyles } from '../../components/card-styles';
import '../../components/heatmap';
import '../../components/bar-chart';
import { panelStyles } from '../vision/panel-styles';
import { ClassifierSession } from '../vision/classifier-session';
import { predictedClass } from '../vision/prob-bars';
import { classifierCard, digitPicker, figure, probabilityChart, visionStack } from '../vision/panel-parts';
import { errorText } from '../../../util/error-text';
import {
  conv2dValid,
  grid,
  KERNEL_PRESET_LABELS,
  KERNEL_PRESET_NAMES,
  KERNEL_PRESETS,
  pool2x2,
  relu,
  type Grid,
  type PoolKind,
} from '../../../learn/conv';
import type { Digit, FeatureMapsResult, FiltersResult } from '../../../workers/protocol/learn';

const LAYER_TITLES: Record<string, string> = {
  conv_1: 'Conv 1 + ReLU: 8 maps of 24×24',
  pool_1: 'Max-pool 1: 8 maps of 12×12',
  conv_2: 'Conv 2 + ReLU: 16 maps of 8×8',
  pool_2: 'Max-pool 2: 16 maps of 4×4 (what the dense layer reads)',
};
/** How often the learned filters and maps refresh while the classifier trains. */
const LIVE_REFRESH_MS = 1500;

function slice(values: Float32Array, channel: number, size: number): Float32Array {
  return values.subarray(channel * size, (channel + 1) * size);
}

/** Signed maps: blue negative, red positive. */
const signed = { palette: 'diverging' } as const;

function format(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}

/** Learn panel 7: convolution by hand, then the CNN's own learned filters and feature maps. */
@customElement('pg-cnn-panel')
export class CnnPanel extends LitElement {
  static override styles = [cardStyles, panelStyles];

  private readonly _session = new ClassifierSession(this);
  @state() private _index = 0;
  @state() private _digit: Digit | null = null;
  @state() private _kernel: number[] = [...KERNEL_PRESETS['sobel-x']];
  @state() private _pool: PoolKind = 'max';
  @state() private _filters: FiltersResult | null = null;
  @state() private _maps: FeatureMapsResult | null = null;
  @state() private _error: string | null = null;
  private _lastRefresh = 0;
  private _refreshing = false;

  constructor() {
    super();
    this._session.onModelChange = () => void this._refreshLearned();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this._loadDigit(this._index);
  }

  override updated(changed: PropertyValues): void {
    super.updated(changed);
    // While training, refresh the learned filters every so often so they can be watched taking shape.
    const phase = this._session.view.phase;
    if (phase === 'training' && performance.now() - this._lastRefresh > LIVE_REFRESH_MS)
      void this._refreshLearned();
  }

  private async _loadDigit(index: number): Promise<void> {
    this._index = index;
    try {
      // The digits need no tfjs backend: show one while the worker is still choosing its backend.
      this._digit = await this._session.api.visionDigit(index);
      if (!(await this._session.start())) return;
      if (this._session.hasModel) await this._refreshLearned();
    } catch (error) {
      this._error = errorText(error);
    }
  }

  private async _refreshLearned(): Promise<void> {
    if (this._refreshing || !this._session.hasModel) return;
    this._refreshing = true;
    this._lastRefresh = performance.now();
    try {
      const [filters, maps] = await Promise.all([
        this._session.api.visionFilters(),
        this._session.api.visionFeatureMaps(this._index),
      ]);
      this._filters = filters;
      this._maps = maps;
    } catch (error) {
      this._error = errorText(error);
    } finally {
      this._refreshing = false;
    }
  }

  private _onKernelInput(i: number, event: Event): void {
    const value = Number((event.target as HTMLInputElement).value);
    if (!Number.isFinite(value)) return;
    const next = [...this._kernel];
    next[i] = value;
    this._kernel = next;
  }

  private _pipeline(): { map: Grid; rectified: Grid; pooled: Grid } | null {
    if (!this._digit) return null;
    const map = conv2dValid(grid(28, 28, this._digit.pixels), grid(3, 3, this._kernel));
    const rectified = relu(map);
    return { map, rectified, pooled: pool2x2(rectified, this._pool) };
  }

  private _renderIntro(): TemplateResult {
    return html`<div class="intro">
      <h1>Convolutional networks</h1>
      <p>
        A convolutional layer slides a small grid of weights, a <em>kernel</em> or filter, across the image.
        At each position it multiplies the pixels under the kernel by the weights and adds them up, so one
        kernel turns an image into a <em>feature map</em> that lights up wherever its pattern appears: an
        edge, a stroke, a corner. The same few weights are reused everywhere, which is why CNNs need far fewer
        weights than dense layers.
      </p>
      <p>
        A ReLU then keeps only the positive responses, and <em>pooling</em> shrinks each map by keeping the
        largest (or average) value of every 2×2 block: fewer numbers to compute with, and a pattern shifted by
        a pixel still counts. Stacking these layers builds features of features; a final dense layer turns
        them into class scores. Below, design a kernel yourself, then watch a small CNN learn its own.
      </p>
    </div>`;
  }

  private _renderPlayground(): TemplateResult {
    const result = this._pipeline();
    let strongest = { value: 0, row: 0, col: 0 };
    let positive = 0;
    if (result) {
      const { map } = result;
      map.values.forEach((v, i) => {
        if (Math.abs(v) > Math.abs(strongest.value))
          strongest = { value: v, row: Math.floor(i / map.cols), col: i % map.cols };
        if (v > 0) positive++;
      });
    }
    return html`<section class="card" aria-labelledby="by-hand">
      <h2 id="by-hand">Convolution by hand</h2>
      <p class="small muted">
        Each output value is Σ (pixel × weight) over the 3×3 window, so a 28×28 digit becomes a 26×26 map (no
        padding). Blue is negative, red positive.
      </p>
      ${digitPicker(this._session, this._index, (index) => void this._loadDigit(index))}
      <div class="cols" style="margin-top:12px">
        <div>
          <div class="row" role="group" aria-label="Kernel presets">
            ${KERNEL_PRESET_NAMES.map(
              (name) =>
                html`<button
                  @click=${() => (this._kernel = [...KERNEL_PRESETS[name]])}
                  data-testid="preset-${name}"
                >
                  ${KERNEL_PRESET_LABELS[name]}
                </button>`,
            )}
          </div>
          <div
            role="group"
            aria-label="3×3 kernel weights"
            style="display:grid;grid-template-columns:repeat(3,max-content);gap:6px;margin:10px 0"
          >
            ${this._kernel.map(
              (w, i) =>
                html`<input
                  type="number"
                  step="0.1"
                  .value=${String(Math.round(w * 1000) / 1000)}
                  aria-label="Kernel row ${Math.floor(i / 3) + 1}, column ${(i % 3) + 1}"
                  data-testid="kernel-${i}"
                  @change=${(e: Event) => this._onKernelInput(i, e)}
                />`,
            )}
          </div>
          <label class="inline"
            >Pooling
            <select
              .value=${this._pool}
              @change=${(e: Event) => (this._pool = (e.target as HTMLSelectElement).value as PoolKind)}
              data-testid="pool-kind"
            >
              <option value="max">2×2 max</option>
              <option value="average">2×2 average</option>
            </select></label
          >
        </div>
        ${
          result
            ? html`<div>
                <div class="figures">
                  ${figure(this._digit!.pixels, `input 28×28 (a ${this._digit!.label})`, { label: 'input digit' })}
                  ${figure(result.map.values, 'feature map 26×26', { ...signed, rows: 26, cols: 26 })}
                  ${figure(result.rectified.values, 'after ReLU', { ...signed, rows: 26, cols: 26 })}
                  ${figure(result.pooled.values, `${this._pool} pool 13×13`, { ...signed, rows: 13, cols: 13, label: 'after pooling' })}
                </div>
                <p class="small">
                  Strongest response
                  <span class="number" data-testid="feature-max">${format(strongest.value)}</span> at row
                  ${strongest.row}, column ${strongest.col};
                  <span class="number">${((positive / result.map.values.length) * 100).toFixed(0)}%</span> of
                  the map survives the ReLU.
                </p>
              </div>`
            : html`<p class="muted">Loading the digits…</p>`
        }
      </div>
    </section>`;
  }

  private _renderLearned(): TemplateResult | typeof nothing {
    if (!this._session.hasModel) return nothing;
    const filters = this._filters;
    const maps = this._maps;
    return html`<section class="card" aria-labelledby="learned" data-testid="learned">
      <h2 id="learned">What the CNN learned</h2>
      <p class="small muted">
        Nobody designed these: the eight 5×5 kernels of the first layer started random and were shaped by
        backpropagation alone. Many end up as stroke and edge detectors, like the presets above.
      </p>
      ${
        filters
          ? html`<div class="tiles" style="max-width:520px">
              ${Array.from(
                { length: filters.count },
                (_, f) =>
                  html`<figure>
                    <pg-heatmap
                      .values=${slice(filters.values, f, filters.size * filters.size)}
                      rows=${filters.size}
                      cols=${filters.size}
                      palette="diverging"
                      label="learned filter ${f + 1}"
                    ></pg-heatmap>
                    <figcaption>filter ${f + 1}</figcaption>
                  </figure>`,
              )}
            </div>`
          : nothing
      }
      ${
        maps
          ? html`<div class="cols" style="margin-top:12px">
                <div class="figures">
                  ${figure(maps.digit.pixels, `test digit #${maps.digit.index} (a ${maps.digit.label})`, { label: 'test digit' })}
                </div>
                <div>
                  ${probabilityChart(maps.probabilities, `Prediction: ${predictedClass(maps.probabilities)}`, { labelWidth: '20px', testid: 'cnn-prediction' })}
                </div>
              </div>
              ${maps.maps.map(
                (m) =>
                  html`<h3 class="small" style="margin:14px 0 6px">${LAYER_TITLES[m.layer] ?? m.layer}</h3>
                    <div class="tiles">
                      ${Array.from(
                        { length: m.channels },
                        (_, c) =>
                          html`<pg-heatmap
                            .values=${slice(m.values, c, m.rows * m.cols)}
                            rows=${m.rows}
                            cols=${m.cols}
                            palette="viridis"
                            label="${m.layer} channel ${c + 1}"
                          ></pg-heatmap>`,
                      )}
                    </div>`,
              )}`
          : nothing
      }
    </section>`;
  }

  override render(): TemplateResult {
    return html`${this._renderIntro()}
    ${visionStack(
      [
        this._renderPlayground(),
        classifierCard(this._session, 'to see which filters it learns', false),
        this._renderLearned(),
      ],
      this._error,
    )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-cnn-panel': CnnPanel;
  }
}
