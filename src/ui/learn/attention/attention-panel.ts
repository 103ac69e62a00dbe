import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { proxy } from 'comlink';
import { panelStyles } from '../panel-styles';
import '../panel-frame';
import { WorkerController } from '../../components/worker-controller';
import { createLearnWorker } from '../../../workers/learn-client';
import type { AttnUpdate, SequenceStatus } from '../../../workers/learn/sequence-session';
import {
  DEFAULT_TRANSFORMER,
  type AttentionInspection,
  type TransformerTrainerConfig,
} from '../../../learn/transformer-trainer';
import { digitTarget, parseDigits, type DigitTaskKind } from '../../../learn/digit-tasks';
import { sinusoidalEncoding } from '../../../learn/attention';
import { loadBackendPreference } from '../../../storage/settings';
import { backendLabel } from '../../../workers/backend-choice';
import type { LineSeries } from '../../components/line-chart';
import '../../components/line-chart';
import '../../components/heatmap';
import '../checkpoint-save';
import { resumeIdOf } from '../resume-id';
import { errorText } from '../../../util/error-text';

/** Positions drawn in the encoding plots: more than the model reads, to show the waves. */
const PE_POSITIONS = 50;
const PE_CURVE_DIMS = [0, 1, 4, 10];

/** [positions · d] → [d · positions], so the heat map reads along the position from left to right. */
function dimensionsByPosition(pe: Float32Array, positions: number, d: number): Float32Array {
  const out = new Float32Array(pe.length);
  for (let p = 0; p < positions; p++) for (let i = 0; i < d; i++) out[i * positions + p] = pe[p * d + i]!;
  return out;
}

function defaultInput(length: number): string {
  return [3, 1, 4, 1, 5, 9, 2, 6].slice(0, length).join(' ');
}

/** Learn panel 9: a tiny transformer learns to reverse or sort digits; its attention maps, live. */
@customElement('pg-learn-attention')
export class LearnAttentionPanel extends LitElement {
  static override styles = [
    panelStyles,
    css`
      input[type='text'] {
        font: inherit;
        font-family: var(--pg-mono);
        padding: 7px 10px;
        border-radius: 8px;
        border: 1px solid var(--pg-border);
        background: var(--pg-surface);
        color: var(--pg-text);
        width: min(240px, 100%);
        box-sizing: border-box;
      }
      input[type='text']:focus-visible {
        outline: 2px solid var(--pg-accent);
        outline-offset: 2px;
      }
      .tokens {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        align-items: center;
        font-family: var(--pg-mono);
        margin: 6px 0;
      }
      .tokens .label {
        font-family: var(--pg-font);
        font-size: 0.85rem;
        color: var(--pg-muted);
        min-width: 4.5em;
      }
      .token {
        display: inline-grid;
        place-items: center;
        min-width: 1.8em;
        padding: 2px 0;
        border-radius: 6px;
        border: 1px solid var(--pg-border);
        background: var(--pg-surface-2);
      }
      .token.right {
        border-color: var(--pg-good);
        color: var(--pg-good);
        font-weight: 700;
      }
      .token.wrong {
        border-color: var(--pg-bad);
        color: var(--pg-bad);
        font-weight: 700;
      }
      .keys {
        display: grid;
        font-family: var(--pg-mono);
        font-size: 0.75rem;
        color: var(--pg-muted);
        text-align: center;
        margin-bottom: 2px;
      }
      .pair {
        display: grid;
        gap: var(--pg-gap);
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr));
        align-items: start;
      }
      .maps.attention {
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 140px), 1fr));
        max-width: 900px;
      }
      .map-row {
        display: grid;
        grid-template-columns: 1.2em 1fr;
        gap: 4px;
      }
      .queries {
        display: grid;
        font-family: var(--pg-mono);
        font-size: 0.75rem;
        color: var(--pg-muted);
        align-items: center;
      }
    `,
  ];

  @state() private _config: TransformerTrainerConfig = { ...DEFAULT_TRANSFORMER };
  @state() private _status: SequenceStatus | 'starting' = 'idle';
  @state() private _steps = 0;
  @state() private _x: number[] = [];
  @state() private _loss: number[] = [];
  @state() private _seqAccuracy: number[] = [];
  @state() private _tokenAccuracy: number[] = [];
  @state() private _text = defaultInput(DEFAULT_TRANSFORMER.length);
  @state() private _inputError: string | null = null;
  @state() private _inspection: AttentionInspection | null = null;
  @state() private _message: string | null = null;
  @state() private _backend = '';
  /** Route after #/learn/attention, e.g. ['resume', '<checkpoint id>']. */
  @property({ attribute: false }) route: readonly string[] = [];
  /** The checkpoint this model was resumed from, shown next to the step count. */
  @state() private _resumedFrom: string | null = null;
  private _resumed: string | null = null;

  private readonly _worker = new WorkerController(this, (onCrash) => createLearnWorker(onCrash));
  private _generation = 0;
  private _encoding = sinusoidalEncoding(PE_POSITIONS, DEFAULT_TRANSFORMER.dModel);

  override connectedCallback(): void {
    super.connectedCallback();
    // A resume route builds its model from the checkpoint instead (see willUpdate).
    if (!resumeIdOf(this.route)) void this._setup();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const id = resumeIdOf(this.route);
    if (changed.has('route') && id && id !== this._resumed) {
      this._resumed = id;
      void this._resume(id);
    }
  }

  /** Rebuilds the saved model, config and input in the worker; training continues from its step count. */
  private async _resume(id: string): Promise<void> {
    const generation = ++this._generation;
    this._status = 'starting';
    this._message = null;
    this._x = [];
    this._loss = [];
    this._seqAccuracy = [];
    this._tokenAccuracy = [];
    try {
      const api = this._worker.api;
      await api.sequenceAttnPause();
      const resumed = await api.sequenceAttnResume(id, loadBackendPreference());
      if (generation !== this._generation) return;
      this._config = resumed.config;
      this._text = resumed.probe.join(' ');
      this._inputError = null;
      this._encoding = sinusoidalEncoding(PE_POSITIONS, resumed.config.dModel);
      this._backend = backendLabel(resumed.backend.active);
      this._inspection = resumed.inspection;
      this._steps = resumed.steps;
      this._resumedFrom = `checkpoint at step ${resumed.steps}`;
      this._status = 'paused';
    } catch (error) {
      if (generation !== this._generation) return;
      const text = errorText(error);
      await this._setup();
      this._message = `Could not resume: ${text}. A fresh model was built instead.`;
    }
  }

  private _saveHandler = (name: string) => this._worker.api.sequenceAttnSave(name);

  /** The typed digits if they fit the model, else the default input. */
  private _probe(): number[] {
    try {
      return parseDigits(this._text, this._config.length);
    } catch {
      return parseDigits(defaultInput(this._config.length), this._config.length);
    }
  }

  private async _setup(): Promise<void> {
    const generation = ++this._generation;
    this._resumedFrom = null;
    this._status = 'starting';
    this._message = null;
    this._steps = 0;
    this._x = [];
    this._loss = [];
    this._seqAccuracy = [];
    this._tokenAccuracy = [];
    this._encoding = sinusoidalEncoding(PE_POSITIONS, this._config.dModel);
    try {
      const api = this._worker.api;
      await api.sequenceAttnPause();
      const { backend, inspection } = await api.sequenceAttnSetup(
        this._config,
        this._probe(),
        loadBackendPreference(),
      );
      if (generation !== this._generation) return;
      this._backend = backendLabel(backend.active);
      this._inspection = inspection;
      this._status = 'paused';
    } catch (error) {
      if (generation !== this._generation) return;
      this._status = 'idle';
      this._message = errorText(error);
    }
  }

  private async _train(): Promise<void> {
    if (this._status !== 'paused') return;
    this._status = 'training';
    this._message = null;
    const generation = this._generation;
    try {
      await this._worker.api.sequenceAttnTrain(
        proxy((update: AttnUpdate) => {
          if (generation === this._generation) this._apply(update);
        }),
      );
    } catch (error) {
      if (generation !== this._generation) return;
      this._status = 'paused';
      this._message = errorText(error);
    }
  }

  private _apply(update: AttnUpdate): void {
    this._status = update.status;
    this._steps = update.steps;
    if (update.message) this._message = update.message;
    if (update.point) {
      const p = update.point;
      this._x = [...this._x, p.step];
      this._loss = [...this._loss, p.loss];
      this._seqAccuracy = [...this._seqAccuracy, p.sequenceAccuracy];
      this._tokenAccuracy = [...this._tokenAccuracy, p.tokenAccuracy];
    }
    // A typed input that changed since this inspection was taken wins (its own reply is on its way).
    if (update.inspection && this._matchesInput(update.inspection.input))
      this._inspection = update.inspection;
  }

  private _matchesInput(input: readonly number[]): boolean {
    try {
      return parseDigits(this._text, this._config.length).join() === input.join();
    } catch {
      return true;
    }
  }

  private async _pause(): Promise<void> {
    await this._worker.api.sequenceAttnPause();
  }

  private async _onInput(event: Event): Promise<void> {
    this._text = (event.target as HTMLInputElement).value;
    let tokens: number[];
    try {
      tokens = parseDigits(this._text, this._config.length);
      this._inputError = null;
    } catch (error) {
      this._inputError = errorText(error);
      return;
    }
    if (this._status === 'starting' || this._status === 'idle') return;
    const generation = this._generation;
    try {
      const inspection = await this._worker.api.sequenceAttnInspect(tokens);
      if (generation === this._generation && this._matchesInput(inspection.input)) {
        this._inspection = inspection;
      }
    } catch (error) {
      this._inputError = errorText(error);
    }
  }

  private _change<K extends keyof TransformerTrainerConfig>(
    key: K,
    value: TransformerTrainerConfig[K],
  ): void {
    const config = { ...this._config, [key]: value };
    if (config.dModel % config.heads !== 0) config.heads = 1;
    this._config = config;
    if (key === 'length') {
      this._text = defaultInput(config.length);
      this._inputError = null;
    }
    void this._setup();
  }

  override render(): TemplateResult {
    return html`<pg-panel-frame
      heading="Transformers & self-attention"
      .error=${this._message}
      .crash=${this._worker.crashMessage}
    >
      ${this._renderIntro()}
      <div class="stack">
        ${this._renderControls()}
        <div class="cols">${this._renderCurves()} ${this._renderTry()} ${this._renderEncodings()}</div>
      </div></pg-panel-frame
    >`;
  }

  private _renderIntro(): TemplateResult {
    return html`<div slot="intro">
      <p>
        Self-attention lets every position of a sequence look at every other position in one step, instead of
        passing a state along as a recurrent network does. Each position makes a query, a key and a value; the
        weights that mix the values are softmax(QKᵀ/√d<sub>k</sub>): how well this position's query matches
        each key, scaled so the softmax does not saturate as d<sub>k</sub> grows (Vaswani et al. 2017).
        Several heads do this in parallel on smaller projections and can each follow a different pattern.
      </p>
      <p>
        Attention by itself ignores order, so a positional encoding is added to each token's embedding: sines
        and cosines of the position at wavelengths from 2π to 10000·2π, one pair per two dimensions.
      </p>
      <p class="small muted">
        The model here is encoder-only and non-autoregressive: it reads the ${this._config.length} digits and
        predicts every output digit at once (cross-entropy per position). Pre-LN blocks: x + Attention(LN(x)),
        then x + FFN(LN(x)), with a ReLU FFN of width 4·d<sub>model</sub>. Trained with Adam (learning rate
        ${this._config.learningRate}, batches of ${this._config.batchSize} fresh random sequences) in a web
        worker.
      </p>
    </div>`;
  }

  private _select(
    label: string,
    key: 'task' | 'layers' | 'heads' | 'dModel' | 'length',
    options: readonly (string | number)[],
  ): TemplateResult {
    const value = this._config[key];
    return html`<label class="select"
      >${label}
      <select
        aria-label=${label}
        @change=${(event: Event) => {
          const raw = (event.target as HTMLSelectElement).value;
          if (key === 'task') this._change('task', raw as DigitTaskKind);
          else this._change(key, Number(raw));
        }}
      >
        ${options.map(
          (option) =>
            html`<option
              value=${option}
              ?selected=${option === value}
              ?disabled=${key === 'heads' && this._config.dModel % Number(option) !== 0}
            >
              ${option}
            </option>`,
        )}
      </select>
    </label>`;
  }

  private _renderControls(): TemplateResult {
    const training = this._status === 'training';
    return html`<section class="card">
      <div class="controls">
        ${this._select('Task', 'task', ['reverse', 'sort'])}
        ${this._select('Sequence length', 'length', [4, 5, 6, 7, 8])}
        ${this._select('Layers', 'layers', [1, 2])} ${this._select('Heads', 'heads', [1, 2, 4])}
        ${this._select('d_model', 'dModel', [16, 32])}
      </div>
      <div class="buttons" style="margin-top: 12px">
        ${
          training
            ? html`<button class="primary" @click=${this._pause}>Pause</button>`
            : html`<button class="primary" ?disabled=${this._status !== 'paused'} @click=${this._train}>
                Train
              </button>`
        }
        <button ?disabled=${this._status === 'starting'} @click=${() => void this._setup()}>Reset</button>
        <span class="status" data-testid="attn-status" data-status=${this._status}
          >${this._status === 'starting' ? 'Starting…' : html`Step ${this._steps}`}${
            this._backend ? html` · ${this._backend}` : nothing
          }</span
        >
      </div>
      <p class="note">
        Changing a setting builds a fresh
        model.${this._resumedFrom ? html` Resumed from a ${this._resumedFrom}.` : nothing}
      </p>
      <pg-learn-checkpoint-save
        .defaultName=${`Transformer, ${this._config.task} ${this._config.length} digits`}
        .save=${this._saveHandler}
        ?disabled=${this._status !== 'paused' && this._status !== 'training'}
      ></pg-learn-checkpoint-save>
    </section>`;
  }

  private _renderCurves(): TemplateResult {
    const last = this._loss.length - 1;
    const loss: LineSeries[] = [{ label: 'loss', values: this._loss }];
    const accuracy: LineSeries[] = [
      { label: 'whole sequence right', values: this._seqAccuracy, color: '--pg-series-1' },
      { label: 'digits right', values: this._tokenAccuracy, color: '--pg-series-3' },
    ];
    return html`<section
      class="card wide"
      id="curves"
      data-testid="attn-curves"
      data-points=${this._loss.length}
      data-first-loss=${this._loss[0] ?? ''}
      data-last-loss=${this._loss[last] ?? ''}
      data-last-accuracy=${this._seqAccuracy[last] ?? ''}
    >
      <div class="pair">
        <pg-line-chart
          heading="Training loss (cross-entropy per digit, log scale)"
          xLabel="training step"
          logY
          .x=${this._x}
          .series=${loss}
        ></pg-line-chart>
        <pg-line-chart
          heading="Accuracy on each training batch"
          xLabel="training step"
          .x=${this._x}
          .series=${accuracy}
        ></pg-line-chart>
      </div>
      <p class="note">Chance is 1 in 10 per digit. Every batch is new, so these are not memorised answers.</p>
    </section>`;
  }

  private _renderTry(): TemplateResult {
    const ins = this._inspection;
    const N = this._config.length;
    const expected = ins ? digitTarget(this._config.task, ins.input) : [];
    return html`<section class="card wide" id="try">
      <h2>Try an input</h2>
      <label class="select"
        >Type ${N} digits
        <input
          type="text"
          data-testid="attn-input"
          inputmode="numeric"
          autocomplete="off"
          spellcheck="false"
          aria-describedby="input-error"
          .value=${this._text}
          @input=${this._onInput}
        />
      </label>
      ${
        this._inputError
          ? html`<p class="error small" id="input-error" role="alert">${this._inputError}</p>`
          : nothing
      }
      ${
        ins
          ? html`<div class="tokens">
                <span class="label">input</span>${ins.input.map((t) => html`<span class="token">${t}</span>`)}
              </div>
              <div class="tokens" id="output" data-testid="attn-output" data-output=${ins.output.join('')}>
                <span class="label">output</span>${ins.output.map(
                  (t, i) =>
                    html`<span
                      class="token ${t === expected[i] ? 'right' : 'wrong'}"
                      title="confidence ${(ins.confidence[i]! * 100).toFixed(0)}%"
                      >${t}</span
                    >`,
                )}
              </div>
              <div class="tokens">
                <span class="label">expected</span
                >${expected.map((t) => html`<span class="token">${t}</span>`)}
              </div>
              <div
                class="maps attention"
                id="attention"
                data-testid="attn-maps"
                data-attention=${this._attentionDigest(ins)}
              >
                ${ins.maps.map((layer, l) => layer.map((map, h) => this._renderMap(ins, map, l, h)))}
              </div>
              <p class="note">
                Rows: query position (the output slot being computed); columns: key position (input digit it
                looks at). Each row sums to 1. A model that has learned to reverse shows an anti-diagonal in
                some head of the last layer.
              </p>`
          : html`<p class="muted small">Starting the worker…</p>`
      }
    </section>`;
  }

  private _renderMap(
    ins: AttentionInspection,
    map: Float32Array,
    layer: number,
    head: number,
  ): TemplateResult {
    const N = ins.input.length;
    const grid = `repeat(${N}, 1fr)`;
    return html`<div>
      <div class="map-title">Layer ${layer + 1}, head ${head + 1}</div>
      <div class="map-row">
        <span></span>
        <div class="keys" style="grid-template-columns: ${grid}" aria-hidden="true">
          ${ins.input.map((t) => html`<span>${t}</span>`)}
        </div>
      </div>
      <div class="map-row">
        <div class="queries" style="grid-template-rows: ${grid}" aria-hidden="true">
          ${ins.input.map((_, i) => html`<span>${i}</span>`)}
        </div>
        <pg-heatmap
          palette="viridis"
          .min=${0}
          .max=${1}
          .rows=${N}
          .cols=${N}
          .values=${map}
          label="Attention of layer ${layer + 1}, head ${head + 1}: query positions by key positions"
        ></pg-heatmap>
      </div>
    </div>`;
  }

  /** A short fingerprint of the first map, so tests (and people) can tell that it changed. */
  private _attentionDigest(ins: AttentionInspection): string {
    const first = ins.maps[0]?.[0];
    return first ? Array.from(first, (v) => v.toFixed(3)).join(',') : '';
  }

  private _renderEncodings(): TemplateResult {
    const d = this._config.dModel;
    const curves: LineSeries[] = PE_CURVE_DIMS.filter((dim) => dim < d).map((dim) => ({
      label: `dim ${dim}`,
      values: Array.from({ length: PE_POSITIONS }, (_, pos) => this._encoding[pos * d + dim]!),
    }));
    return html`<section class="card wide">
      <div class="pair">
        <div>
          <div class="map-title">
            Sinusoidal positional encoding (rows: dimension 0–${d - 1}, columns: position
            0–${PE_POSITIONS - 1})
          </div>
          <pg-heatmap
            palette="diverging"
            .min=${-1}
            .max=${1}
            .rows=${d}
            .cols=${PE_POSITIONS}
            .values=${dimensionsByPosition(this._encoding, PE_POSITIONS, d)}
            label="Positional encoding: dimensions by positions"
          ></pg-heatmap>
        </div>
        <pg-line-chart
          heading="A few dimensions along the position"
          xLabel="position"
          .series=${curves}
        ></pg-line-chart>
      </div>
      <p class="note">
        PE(pos, 2i) = sin(pos / 10000<sup>2i/d</sup>), PE(pos, 2i+1) = cos(pos / 10000<sup>2i/d</sup>), with d
        = ${d}. Low dimensions oscillate fast, high ones slowly, so every position gets a distinct pattern and
        nearby positions similar ones. The model reads positions 0–${this._config.length - 1}.
      </p>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-learn-attention': LearnAttentionPanel;
  }
}
