import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { proxy } from 'comlink';
import { panelStyles } from '../panel-styles';
import '../panel-frame';
import { WorkerController } from '../../components/worker-controller';
import { createLearnWorker } from '../../../workers/learn-client';
import type { RnnUpdate, SequenceStatus } from '../../../workers/learn/sequence-session';
import type { RecurrentInspection } from '../../../learn/recurrent-trainer';
import type { SequenceTaskKind } from '../../../learn/sequence-tasks';
import { CELL_KINDS, type CellKind } from '../../../learn/recurrent';
import { loadBackendPreference } from '../../../storage/settings';
import { backendLabel } from '../../../workers/backend-choice';
import type { LineSeries } from '../../components/line-chart';
import '../../components/line-chart';
import '../../components/slider-field';
import '../../components/heatmap';
import '../checkpoint-save';
import { resumeIdOf } from '../resume-id';
import { errorText } from '../../../util/error-text';

const CELL_LABEL: Record<CellKind, string> = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' };
const CELL_COLOR: Record<CellKind, string> = {
  rnn: '--pg-series-2',
  lstm: '--pg-series-1',
  gru: '--pg-series-3',
};
const HIDDEN = 16;
/** Each task's own starting length: the remember task is where length shows the difference. */
const DEFAULT_LENGTH: Record<SequenceTaskKind, number> = { sine: 30, remember: 30 };
const DEFAULT_NOISE: Record<SequenceTaskKind, number> = { sine: 0.1, remember: 0.5 };

interface Curve {
  x: number[];
  loss: number[];
  accuracy: number[];
}

function emptyCurves(): Record<CellKind, Curve> {
  return {
    rnn: { x: [], loss: [], accuracy: [] },
    lstm: { x: [], loss: [], accuracy: [] },
    gru: { x: [], loss: [], accuracy: [] },
  };
}

/** [T · H] time-major → [H · T] so a heat map shows units as rows and time left to right. */
function unitsByTime(values: Float32Array, T: number, H: number): Float32Array {
  const out = new Float32Array(T * H);
  for (let t = 0; t < T; t++) for (let u = 0; u < H; u++) out[u * T + t] = values[t * H + u]!;
  return out;
}

/** What the inspection charts draw, rebuilt only when a new inspection arrives (about once a second). */
interface InspectionViews {
  predictions: LineSeries[];
  gradients: LineSeries[];
  /** Per cell: the hidden state and each gate as [H · T] (units as rows). */
  maps: Map<CellKind, { hidden: Float32Array; gates: Float32Array[] }>;
}

function inspectionViews(inspections: readonly RecurrentInspection[]): InspectionViews {
  const first = inspections[0];
  const predictions: LineSeries[] = first
    ? [
        { label: 'input', values: first.inputs, color: '--pg-muted', width: 1, dash: [4, 4] },
        { label: 'target', values: first.targets, color: '--pg-series-4', width: 3 },
        ...inspections.map((ins) => ({
          label: CELL_LABEL[ins.cell],
          values: ins.predictions,
          color: CELL_COLOR[ins.cell],
        })),
      ]
    : [];
  const gradients: LineSeries[] = inspections.map((ins) => ({
    label: CELL_LABEL[ins.cell],
    // log₁₀ on a linear axis: the norms span many decades (a gradient of exactly 0 is drawn at −12).
    values: Array.from(ins.gradientNorms, (v) => Math.log10(Math.max(v, 1e-12))),
    color: CELL_COLOR[ins.cell],
  }));
  const maps = new Map(
    inspections.map((ins) => [
      ins.cell,
      {
        hidden: unitsByTime(ins.hidden, ins.length, ins.hiddenSize),
        gates: ins.gates.map((g) => unitsByTime(g.values, ins.length, ins.hiddenSize)),
      },
    ]),
  );
  return { predictions, gradients, maps };
}

/** Learn panel 8: an RNN, an LSTM and a GRU race on a sequence task in the Learn worker. */
@customElement('pg-learn-rnn')
export class LearnRnnPanel extends LitElement {
  static override styles = panelStyles;

  @state() private _task: SequenceTaskKind = 'sine';
  @state() private _length = DEFAULT_LENGTH.sine;
  @state() private _frequency = 0.05;
  @state() private _noise = DEFAULT_NOISE.sine;
  @state() private _learningRate = 0.01;
  @state() private _keepBias = 2;
  @state() private _status: SequenceStatus | 'starting' = 'idle';
  @state() private _steps = 0;
  @state() private _curves = emptyCurves();
  @state() private _inspections: RecurrentInspection[] = [];
  private _views: InspectionViews = inspectionViews([]);
  @state() private _shown: CellKind = 'lstm';
  @state() private _message: string | null = null;
  @state() private _backend = '';
  /** Route after #/learn/rnn, e.g. ['resume', '<checkpoint id>']. */
  @property({ attribute: false }) route: readonly string[] = [];
  @state() private _resumedFrom: string | null = null;
  private _resumed: string | null = null;

  private readonly _worker = new WorkerController(this, (onCrash) => createLearnWorker(onCrash));
  private _setupTimer: ReturnType<typeof setTimeout> | null = null;
  private _sequenceSeed = 100;
  /** Bumped by every setup, so a late reply from an older setup is ignored. */
  private _generation = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    // A resume route builds the race from the checkpoint instead (see willUpdate).
    if (!resumeIdOf(this.route)) void this._setup();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('_inspections' as keyof LearnRnnPanel)) this._views = inspectionViews(this._inspections);
    const id = resumeIdOf(this.route);
    if (changed.has('route') && id && id !== this._resumed) {
      this._resumed = id;
      void this._resume(id);
    }
  }

  /** Rebuilds the saved race and its settings in the worker; training continues from its step count. */
  private async _resume(id: string): Promise<void> {
    const generation = ++this._generation;
    this._status = 'starting';
    this._message = null;
    this._curves = emptyCurves();
    try {
      const api = this._worker.api;
      await api.sequenceRnnPause();
      const resumed = await api.sequenceRnnResume(id, loadBackendPreference());
      if (generation !== this._generation) return;
      const { task, learningRate, keepBias } = resumed.config;
      this._task = task.kind;
      this._length = task.length;
      this._frequency = task.frequency;
      this._noise = task.noise;
      this._learningRate = learningRate;
      this._keepBias = keepBias;
      this._backend = backendLabel(resumed.backend.active);
      this._inspections = resumed.inspections;
      this._steps = resumed.steps;
      this._resumedFrom = `checkpoint at step ${resumed.steps}`;
      this._status = 'paused';
    } catch (error) {
      if (generation !== this._generation) return;
      const text = errorText(error);
      await this._setup();
      this._message = `Could not resume: ${text}. A fresh race was set up instead.`;
    }
  }

  private _saveHandler = (name: string) => this._worker.api.sequenceRnnSave(name);

  override disconnectedCallback(): void {
    if (this._setupTimer) clearTimeout(this._setupTimer);
    super.disconnectedCallback();
  }

  private async _setup(): Promise<void> {
    const generation = ++this._generation;
    this._resumedFrom = null;
    this._status = 'starting';
    this._message = null;
    this._steps = 0;
    this._curves = emptyCurves();
    try {
      const api = this._worker.api;
      await api.sequenceRnnPause();
      const { backend, inspections } = await api.sequenceRnnSetup({
        task: {
          kind: this._task,
          length: this._length,
          frequency: this._frequency,
          noise: this._noise,
        },
        hiddenSize: HIDDEN,
        learningRate: this._learningRate,
        keepBias: this._keepBias,
        seed: 1,
        backend: loadBackendPreference(),
      });
      if (generation !== this._generation) return;
      this._backend = backendLabel(backend.active);
      this._inspections = inspections;
      this._status = 'paused';
    } catch (error) {
      if (generation !== this._generation) return;
      this._status = 'idle';
      this._message = errorText(error);
    }
  }

  /** Settings change the task or the models: start over (debounced while a slider moves). */
  private _restart(): void {
    if (this._setupTimer) clearTimeout(this._setupTimer);
    this._setupTimer = setTimeout(() => {
      this._setupTimer = null;
      void this._setup();
    }, 250);
  }

  private async _train(): Promise<void> {
    if (this._status !== 'paused') return;
    this._status = 'training';
    this._message = null;
    const generation = this._generation;
    try {
      await this._worker.api.sequenceRnnTrain(
        proxy((update: RnnUpdate) => {
          if (generation === this._generation) this._apply(update);
        }),
      );
    } catch (error) {
      if (generation !== this._generation) return;
      this._status = 'paused';
      this._message = errorText(error);
    }
  }

  private _apply(update: RnnUpdate): void {
    this._status = update.status;
    this._steps = update.steps;
    if (update.message) this._message = update.message;
    if (Object.keys(update.points).length > 0) {
      const curves = { ...this._curves };
      for (const cell of CELL_KINDS) {
        const point = update.points[cell];
        if (!point) continue;
        const curve = curves[cell];
        curves[cell] = {
          x: [...curve.x, point.step],
          loss: [...curve.loss, point.loss],
          accuracy: point.accuracy === null ? curve.accuracy : [...curve.accuracy, point.accuracy],
        };
      }
      this._curves = curves;
    }
    if (update.inspections) this._inspections = update.inspections;
  }

  private async _pause(): Promise<void> {
    await this._worker.api.sequenceRnnPause();
  }

  private async _newSequence(): Promise<void> {
    this._sequenceSeed++;
    const generation = this._generation;
    try {
      const inspections = await this._worker.api.sequenceRnnNewSequence(this._sequenceSeed);
      if (generation === this._generation) this._inspections = inspections;
    } catch (error) {
      this._message = errorText(error);
    }
  }

  private _onTask(event: Event): void {
    const task = (event.target as HTMLSelectElement).value as SequenceTaskKind;
    this._task = task;
    this._length = DEFAULT_LENGTH[task];
    this._noise = DEFAULT_NOISE[task];
    this._restart();
  }

  private _slider(set: (value: number) => void): (event: CustomEvent<number>) => void {
    return (event) => {
      set(event.detail);
      this._restart();
    };
  }

  override render(): TemplateResult {
    return html`<pg-panel-frame
      heading="Recurrent networks"
      .error=${this._message}
      .crash=${this._worker.crashMessage}
    >
      ${this._renderIntro()}
      <div class="stack">
        ${this._renderControls()}
        <div class="cols">
          ${this._renderLoss()} ${this._renderPredictions()} ${this._renderGradients()}
          ${this._renderStates()}
        </div>
      </div></pg-panel-frame
    >`;
  }

  private _renderIntro(): TemplateResult {
    return html`<div slot="intro">
      <p>
        A recurrent network reads a sequence one step at a time and hands a hidden state from each step to the
        next, so what it saw earlier can shape what it outputs now. Training unrolls that loop and
        backpropagates through every step. In a plain RNN the error signal is multiplied by the cell's
        derivative at each step back and usually shrinks geometrically: the vanishing gradient, which makes
        long-range dependencies hard to learn.
      </p>
      <p>
        An LSTM keeps a separate cell state that is updated by addition, c<sub>t</sub> = f<sub>t</sub> ⊙ c<sub
          >t−1</sub
        >
        + i<sub>t</sub> ⊙ g<sub>t</sub>, with input, forget and output gates deciding what to write, keep and
        show. A GRU (Cho et al. 2014) does it with two gates, update and reset. When the gates learn to hold,
        the signal survives many steps.
      </p>
      <p class="small muted">
        Here the three cells (${HIDDEN} units each, written out equation by equation as PyTorch documents
        them, with its uniform ±1/√${HIDDEN} initial weights) train with Adam on the same batches of 32
        sequences, taking turns in a web worker. The bias of the gate that keeps the old state (the LSTM's
        forget gate, the GRU's update gate) starts at the value you choose: 0 is PyTorch's default, 1 is
        Keras', and larger values make the cell start out remembering, as chrono initialisation (Tallec &
        Ollivier 2018) does for long sequences.
      </p>
    </div>`;
  }

  private _renderControls(): TemplateResult {
    const busy = this._status === 'starting';
    const training = this._status === 'training';
    return html`<section class="card">
      <div class="controls">
        <label class="select"
          >Task
          <select @change=${this._onTask} aria-label="Task">
            <option value="sine" ?selected=${this._task === 'sine'}>Sine: next value</option>
            <option value="remember" ?selected=${this._task === 'remember'}>Recall the first</option>
          </select>
        </label>
        <pg-slider
          label="Sequence length"
          min="5"
          max="60"
          step="1"
          .value=${this._length}
          @change-value=${this._slider((v) => (this._length = v))}
        ></pg-slider>
        ${
          this._task === 'sine'
            ? html`<pg-slider
                label="Frequency (cycles per step)"
                min="0.01"
                max="0.25"
                step="0.01"
                .value=${this._frequency}
                @change-value=${this._slider((v) => (this._frequency = v))}
              ></pg-slider>`
            : nothing
        }
        <pg-slider
          label=${this._task === 'sine' ? 'Noise (std. dev.)' : 'Distractor noise (±)'}
          min="0"
          max="1"
          step="0.05"
          .value=${this._noise}
          @change-value=${this._slider((v) => (this._noise = v))}
        ></pg-slider>
        <pg-slider
          label="Learning rate"
          min="0.001"
          max="0.05"
          step="0.001"
          .value=${this._learningRate}
          @change-value=${this._slider((v) => (this._learningRate = v))}
        ></pg-slider>
        <pg-slider
          label="Keep-gate bias at start (LSTM f, GRU z)"
          min="0"
          max="4"
          step="0.5"
          .value=${this._keepBias}
          @change-value=${this._slider((v) => (this._keepBias = v))}
        ></pg-slider>
      </div>
      <div class="buttons" style="margin-top: 12px">
        ${
          training
            ? html`<button class="primary" @click=${this._pause}>Pause</button>`
            : html`<button class="primary" ?disabled=${this._status !== 'paused'} @click=${this._train}>
                Train
              </button>`
        }
        <button ?disabled=${busy} @click=${() => void this._setup()}>Reset</button>
        <button ?disabled=${this._status === 'starting'} @click=${this._newSequence}>New sequence</button>
        <span class="status" data-testid="rnn-status" data-status=${this._status}
          >${busy ? 'Starting…' : html`Step ${this._steps}`}${
            this._backend ? html` · ${this._backend}` : nothing
          }</span
        >
      </div>
      <p class="note">
        ${
          this._task === 'sine'
            ? 'Each input is a sine value plus Gaussian noise; the target is the next input. All steps are scored, so noise² is the floor of the loss.'
            : 'The first input is −1 or +1; the rest are random distractors (uniform within ±noise). Only the last output is scored: it must equal the first input, and predicting 0 gives a loss of 1. In our runs at length 30 the LSTM and GRU got it within about 100 steps and the plain RNN after about 400; at length 50 the RNN stayed at chance for 600 steps while, with a keep-gate bias of 4, the GRU and LSTM learned it.'
        }
        Changing a setting starts the race
        over.${this._resumedFrom ? html` Resumed from a ${this._resumedFrom}.` : nothing}
      </p>
      <pg-learn-checkpoint-save
        .defaultName=${`RNN/LSTM/GRU race, ${this._task} length ${this._length}`}
        .save=${this._saveHandler}
        ?disabled=${this._status !== 'paused' && this._status !== 'training'}
      ></pg-learn-checkpoint-save>
    </section>`;
  }

  private _renderLoss(): TemplateResult {
    const series: LineSeries[] = CELL_KINDS.map((cell) => ({
      label: CELL_LABEL[cell],
      values: this._curves[cell].loss,
      color: CELL_COLOR[cell],
    }));
    const lstm = this._curves.lstm.loss;
    const accuracy: LineSeries[] = CELL_KINDS.map((cell) => ({
      label: CELL_LABEL[cell],
      values: this._curves[cell].accuracy,
      color: CELL_COLOR[cell],
    }));
    return html`<section
      class="card"
      id="loss"
      data-testid="rnn-loss"
      data-points=${lstm.length}
      data-first-loss=${lstm[0] ?? ''}
      data-last-loss=${lstm[lstm.length - 1] ?? ''}
      data-summary=${this._summary()}
    >
      <pg-line-chart
        heading="Training loss (mean squared error, log scale)"
        xLabel="training step"
        logY
        .x=${this._curves.lstm.x}
        .series=${series}
      ></pg-line-chart>
      ${
        this._task === 'remember'
          ? html`<pg-line-chart
              heading="Recall accuracy (sign of the last output)"
              xLabel="training step"
              .x=${this._curves.lstm.x}
              .series=${accuracy}
            ></pg-line-chart>`
          : nothing
      }
    </section>`;
  }

  /** The latest loss (and accuracy) of each cell, e.g. "rnn 0.98/0.51 lstm 0.01/1.00 gru 0.02/1.00". */
  private _summary(): string {
    return CELL_KINDS.map((cell) => {
      const { loss, accuracy } = this._curves[cell];
      const l = loss[loss.length - 1];
      const a = accuracy[accuracy.length - 1];
      return l === undefined ? '' : `${cell} ${l.toFixed(3)}${a === undefined ? '' : `/${a.toFixed(2)}`}`;
    })
      .filter(Boolean)
      .join(' ');
  }

  private _renderPredictions(): TemplateResult {
    const series = this._views.predictions;
    return html`<section class="card">
      <pg-line-chart
        heading="One sequence: predictions vs target"
        xLabel="time step t"
        .series=${series}
      ></pg-line-chart>
      <p class="note">Redrawn about once a second while training. “New sequence” draws another one.</p>
    </section>`;
  }

  private _renderGradients(): TemplateResult {
    const series = this._views.gradients;
    return html`<section
      class="card"
      data-testid="rnn-gradients"
      data-gradient-ratio=${this._gradientRatios()}
    >
      <pg-line-chart
        heading="Vanishing gradients: log₁₀ ‖∂L/∂hₜ‖"
        xLabel="time step t"
        yLabel="log₁₀ norm"
        .series=${series}
      ></pg-line-chart>
      <p class="note">
        How much of the last step's loss reaches the hidden state at each earlier step t (mean over 16
        sequences; each unit down is ten times less). A line that drops steeply to the left means early inputs
        barely move the weights: the network cannot learn to use them.
      </p>
    </section>`;
  }

  /** ‖∂L/∂h₀‖ / ‖∂L/∂h_T‖ per cell, for tests and the curious (read from a data attribute). */
  private _gradientRatios(): string {
    return this._inspections
      .map((ins) => {
        const g = ins.gradientNorms;
        return `${ins.cell}:${(g[0]! / (g[g.length - 1]! || 1)).toExponential(2)}`;
      })
      .join(' ');
  }

  private _renderStates(): TemplateResult {
    const ins = this._inspections.find((i) => i.cell === this._shown);
    const maps = this._views.maps.get(this._shown);
    return html`<section class="card wide">
      <div class="map-title">Inside one cell, on the sequence above</div>
      <div class="tabs" role="group" aria-label="Cell to show">
        ${CELL_KINDS.map(
          (cell) =>
            html`<button aria-pressed=${cell === this._shown} @click=${() => (this._shown = cell)}>
              ${CELL_LABEL[cell]}
            </button>`,
        )}
      </div>
      ${
        ins && maps
          ? html`<div class="maps">
              <div>
                <div class="map-title">Hidden state hₜ (rows: ${ins.hiddenSize} units, columns: time)</div>
                <pg-heatmap
                  palette="diverging"
                  .min=${-1}
                  .max=${1}
                  .rows=${ins.hiddenSize}
                  .cols=${ins.length}
                  .values=${maps.hidden}
                  label="${CELL_LABEL[ins.cell]} hidden state over time"
                ></pg-heatmap>
              </div>
              ${ins.gates.map(
                (gate, g) =>
                  html`<div>
                    <div class="map-title">
                      ${gate.name}
                      ${gate.name === 'candidate' || gate.name === 'cell candidate' ? '(−1 … 1)' : 'gate (0 … 1)'}
                    </div>
                    <pg-heatmap
                      palette=${gate.name.includes('candidate') ? 'diverging' : 'viridis'}
                      .min=${gate.name.includes('candidate') ? -1 : 0}
                      .max=${1}
                      .rows=${ins.hiddenSize}
                      .cols=${ins.length}
                      .values=${maps.gates[g]!}
                      label="${CELL_LABEL[ins.cell]} ${gate.name} over time"
                    ></pg-heatmap>
                  </div>`,
              )}
            </div>`
          : html`<p class="muted small">Starting the worker…</p>`
      }
      <p class="note">
        ${
          this._shown === 'rnn'
            ? 'A plain RNN has no gates: its hidden state is all there is.'
            : this._shown === 'lstm'
              ? 'LSTM: the forget gate near 1 (yellow) keeps the cell state; the input gate decides what is written, the output gate what is shown.'
              : 'GRU: the update gate near 1 keeps the old state; the reset gate decides how much of it feeds the candidate.'
        }
        Hidden state and candidates: blue negative, red positive. Gates: dark 0, yellow 1.
      </p>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-learn-rnn': LearnRnnPanel;
  }
}
