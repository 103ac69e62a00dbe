import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { proxy } from 'comlink';
import '../../components/line-chart';
import '../../components/slider-field';
import '../../components/xy-plot';
import type { LineSeries } from '../../components/line-chart';
import type { XyLayer } from '../../components/xy-plot';
import { WorkerController } from '../../components/worker-controller';
import { panelStyles } from '../panel-styles';
import '../panel-frame';
import { fmt } from '../format';
import { createLearnWorker } from '../../../workers/learn-client';
import type { LearnApi } from '../../../workers/learn.worker';
import type { FitUpdate } from '../../../workers/learn/foundations-session';
import { mlpProfile, backendLabel } from '../../../workers/backend-choice';
import { loadBackendPreference, loadCachedMeasurement, saveMeasurement } from '../../../storage/settings';
import { DEFAULT_FIT_CONFIG, type FitConfig } from '../../../learn/fit-config';
import { makeRegressionData, trueFunction, type RegressionData } from '../../../learn/regression-data';
import { errorText } from '../../../util/error-text';

type Status = 'idle' | 'starting' | 'training' | 'paused' | 'stopped' | 'error';

interface Toggles {
  dropout: boolean;
  dropoutRate: number;
  l2: boolean;
  lambda: number;
  jitter: boolean;
  jitterSigma: number;
  earlyStopping: boolean;
  patience: number;
}

const TRUE_X = Array.from({ length: 101 }, (_, i) => -1.1 + (2.2 * i) / 100);
const TRUE_Y = TRUE_X.map(trueFunction);

/**
 * Learn panel 6: a 1-64-64-1 tanh network fitted live in the Learn worker to 16 noisy points; train and
 * validation curves stream in; dropout, L2, input jitter and early stopping can be switched on; the test
 * loss appears only once training has stopped.
 */
@customElement('pg-learn-regularization')
export class RegularizationPanel extends LitElement {
  static override styles = panelStyles;

  @state() private _toggles: Toggles = {
    dropout: false,
    dropoutRate: 0.2,
    l2: false,
    lambda: 0.001,
    jitter: false,
    jitterSigma: 0.1,
    earlyStopping: false,
    patience: 200,
  };
  @state() private _status: Status = 'idle';
  @state() private _message = '';
  @state() private _preparing = 'Preparing the worker and the model…';
  @state() private _backend = '';
  /** The worker draws the same seeded set; it is shown before the worker starts. */
  @state() private _data: RegressionData = makeRegressionData();
  @state() private _curveX: number[] = [];
  @state() private _curve: Float32Array = new Float32Array(0);
  @state() private _epochs: number[] = [];
  @state() private _train: number[] = [];
  @state() private _validation: number[] = [];
  @state() private _last: FitUpdate | null = null;
  private readonly _worker = new WorkerController<LearnApi>(this, createLearnWorker);
  private _run: Promise<void> | null = null;
  private _backendReady = false;

  private _config(): FitConfig {
    const t = this._toggles;
    return {
      ...DEFAULT_FIT_CONFIG,
      dropout: t.dropout ? t.dropoutRate : 0,
      l2: t.l2 ? t.lambda : 0,
      jitter: t.jitter ? t.jitterSigma : 0,
      patience: t.earlyStopping ? t.patience : 0,
    };
  }

  private async _ensureBackend(): Promise<void> {
    if (this._backendReady) return;
    this._preparing =
      'Choosing the tfjs backend (in auto mode each one is measured once per device; this can take a few seconds)…';
    const profile = mlpProfile([1, 64, 64, 1], 16);
    const cached = loadCachedMeasurement(profile.key);
    const report = await this._worker.api.init({ preference: loadBackendPreference(), profile, cached });
    if (report.measurement && report.measurement.measuredAt !== cached?.measuredAt)
      saveMeasurement(report.measurement);
    this._backend = backendLabel(report.active);
    this._backendReady = true;
    this._preparing = 'Building the model…';
  }

  /** A fresh data set and an untrained net with the current toggles. */
  private async _setup(): Promise<void> {
    await this._ensureBackend();
    const setup = await this._worker.api.foundationsFitSetup(this._config());
    this._data = setup.data;
    this._curveX = setup.curveX;
    this._curve = setup.curve;
    this._epochs = [];
    this._train = [];
    this._validation = [];
    this._last = null;
    this._message = '';
  }

  private _fail(error: unknown): void {
    this._status = 'error';
    this._message = errorText(error);
  }

  private async _start(): Promise<void> {
    if (this._run || this._status === 'stopped') return;
    const fresh = this._status === 'idle' || this._status === 'error';
    this._status = 'starting';
    this._run = (async () => {
      try {
        if (fresh) await this._setup();
        this._status = 'training';
        const last = await this._worker.api.foundationsFitRun(
          proxy((update: FitUpdate) => this._apply(update)),
        );
        this._apply(last);
      } catch (error) {
        this._fail(error);
      } finally {
        this._run = null;
      }
    })();
    await this._run;
  }

  private _apply(update: FitUpdate): void {
    if (update.epochs.length > 0) {
      this._epochs = [...this._epochs, ...update.epochs];
      this._train = [...this._train, ...update.trainLoss];
      this._validation = [...this._validation, ...update.validationLoss];
    }
    this._curve = update.curve;
    this._last = update;
    this._status = update.status === 'training' ? 'training' : update.status;
    if (update.message) this._message = update.message;
  }

  private async _pause(): Promise<void> {
    if (!this._run) return;
    await this._worker.api.foundationsFitPause();
    await this._run;
  }

  private async _stop(): Promise<void> {
    try {
      await this._pause();
      if (this._status !== 'paused') return;
      this._apply(await this._worker.api.foundationsFitStop());
    } catch (error) {
      this._fail(error);
    }
  }

  /** Resets run one after another: dragging a slider asks for many, and each must see the last settings. */
  private _resets: Promise<void> = Promise.resolve();

  private _reset(): Promise<void> {
    this._resets = this._resets.then(() => this._resetNow());
    return this._resets;
  }

  private async _resetNow(): Promise<void> {
    try {
      await this._pause();
      if (this._status === 'idle') return;
      this._status = 'starting';
      await this._setup();
      this._status = 'paused';
    } catch (error) {
      this._fail(error);
    }
  }

  private async _setToggle(patch: Partial<Toggles>): Promise<void> {
    this._toggles = { ...this._toggles, ...patch };
    // A different regularizer is a different experiment: start over with it.
    await this._reset();
  }

  override render(): TemplateResult {
    const t = this._toggles;
    const last = this._last;
    const busy = this._status === 'starting';
    const stopped = this._status === 'stopped';
    const minValidation = this._validation.length ? Math.min(...this._validation) : null;
    const lastValidation = this._validation.at(-1) ?? null;
    const bestEpoch = last && last.bestEpoch > 0 ? last.bestEpoch : null;
    const lossSeries: LineSeries[] = [
      { label: 'training loss', x: this._epochs, values: this._train, color: '--pg-series-1' },
      { label: 'validation loss', x: this._epochs, values: this._validation, color: '--pg-series-2' },
      ...(bestEpoch !== null && last
        ? [
            {
              label: 'best epoch',
              x: [bestEpoch],
              values: [last.bestValidation],
              color: '--pg-series-4',
              points: true,
            },
          ]
        : []),
    ];
    const layers: XyLayer[] = [
      { label: 'true curve', x: TRUE_X, y: TRUE_Y, color: '--pg-muted', kind: 'line', dash: '6 5' },
      ...(this._data
        ? [
            {
              label: 'training points',
              x: this._data.train.x,
              y: this._data.train.y,
              color: '--pg-series-1',
              kind: 'points' as const,
            },
            {
              label: 'validation points',
              x: this._data.validation.x,
              y: this._data.validation.y,
              color: '--pg-series-2',
              kind: 'hollow' as const,
            },
          ]
        : []),
      ...(stopped && this._data
        ? [
            {
              label: 'test points',
              x: this._data.test.x,
              y: this._data.test.y,
              color: '--pg-series-3',
              kind: 'hollow' as const,
            },
          ]
        : []),
      ...(this._curve.length
        ? [
            {
              label: 'network',
              x: this._curveX,
              y: this._curve,
              color: '--pg-series-4',
              kind: 'line' as const,
            },
          ]
        : []),
    ];
    return html`<pg-panel-frame
      heading="Training, validation, testing & regularization"
      .error=${this._status === 'error' ? this._message : null}
      .crash=${this._worker.crashMessage}
    >
      <div slot="intro">
        <p>
          A model is trained on one set of examples, watched on a second, and judged on a third. The training
          set is what the weights are fitted to. The validation set is held out to see how the model does on
          data it never learned from, and to make choices — when to stop, how much to regularize. The test set
          is touched once, at the end, to estimate how the final model will do on new data.
        </p>
        <p>
          A network with many weights and few examples can memorise the noise: its training loss keeps falling
          while its validation loss turns and climbs — that is overfitting. Regularization fights it: dropout
          switches off random hidden units at each step, L2 weight decay adds λ·Σw² to the loss, augmentation
          jitters the inputs so no point can be memorised exactly, and early stopping keeps the weights from
          the epoch with the best validation loss.
        </p>
      </div>
      <div class="grid">
        <section class="card">
          <h2>The fit: 1-64-64-1 tanh network, 16 training points</h2>
          <pg-xy-plot
            .layers=${layers}
            .xRange=${[-1.1, 1.1]}
            .yRange=${[-1.2, 1.6]}
            label="Data points and the network's fitted curve"
          ></pg-xy-plot>
          <p class="muted small">
            Noisy samples of y = 2x³ − 1.5x + 0.2 (σ = 0.25). Test points appear once training has stopped.
          </p>
        </section>
        <section class="card">
          <h2>Training</h2>
          <div class="row">
            ${
              this._status === 'training'
                ? html`<button class="primary" data-action="pause" @click=${this._pause}>Pause</button>`
                : html`<button
                    class="primary"
                    data-action="train"
                    @click=${this._start}
                    ?disabled=${busy || stopped}
                  >
                    ${this._status === 'paused' && this._epochs.length > 0 ? 'Resume' : 'Train'}
                  </button>`
            }
            <button
              data-action="stop"
              @click=${this._stop}
              ?disabled=${!(this._status === 'training' || (this._status === 'paused' && this._epochs.length > 0))}
            >
              Stop &amp; test
            </button>
            <button data-action="reset" @click=${this._reset} ?disabled=${busy}>Reset</button>
          </div>
          <p class="small muted" aria-live="polite" data-status=${this._status}>
            ${this._statusText()}${this._backend ? html` · backend: ${this._backend}` : nothing}
          </p>
          ${this._status !== 'error' && this._message ? html`<p class="small">${this._message}</p>` : nothing}
          <progress
            max=${DEFAULT_FIT_CONFIG.maxEpochs}
            .value=${last?.epoch ?? 0}
            aria-label="Epochs trained"
          ></progress>
          <dl
            class="readout"
            data-epoch=${last?.epoch ?? 0}
            data-min-validation=${minValidation ?? ''}
            data-last-validation=${lastValidation ?? ''}
            data-best-epoch=${bestEpoch ?? ''}
          >
            <div>
              <dt>epoch</dt>
              <dd>${last?.epoch ?? 0}</dd>
            </div>
            <div>
              <dt>training loss</dt>
              <dd>${fmt(this._train.at(-1) ?? null)}</dd>
            </div>
            <div>
              <dt>validation loss</dt>
              <dd>${fmt(lastValidation)}</dd>
            </div>
            <div>
              <dt>best validation</dt>
              <dd>${bestEpoch !== null ? html`${fmt(last!.bestValidation)} @ ${bestEpoch}` : '—'}</dd>
            </div>
            <div>
              <dt>test loss</dt>
              <dd data-test-loss=${stopped && last?.testLoss != null ? last.testLoss : ''}>
                ${stopped && last?.testLoss != null ? fmt(last.testLoss) : html`<span class="muted small">after training stops</span>`}
              </dd>
            </div>
          </dl>
          <h3 class="small">Regularization (each change starts over)</h3>
          <div class="controls">
            <div>
              <label class="chips"
                ><label
                  ><input
                    type="checkbox"
                    data-toggle="dropout"
                    .checked=${t.dropout}
                    @change=${(e: Event) => this._setToggle({ dropout: checked(e) })}
                  />
                  Dropout</label
                ></label
              >
              <pg-slider
                label="rate"
                min="0.05"
                max="0.6"
                step="0.05"
                .value=${t.dropoutRate}
                @change-value=${(e: CustomEvent<number>) => this._setToggle({ dropoutRate: e.detail, dropout: true })}
              ></pg-slider>
            </div>
            <div>
              <label class="chips"
                ><label
                  ><input
                    type="checkbox"
                    data-toggle="l2"
                    .checked=${t.l2}
                    @change=${(e: Event) => this._setToggle({ l2: checked(e) })}
                  />
                  L2 weight decay</label
                ></label
              >
              <pg-slider
                label="λ"
                min="0.0001"
                max="0.01"
                step="0.0001"
                .value=${t.lambda}
                @change-value=${(e: CustomEvent<number>) => this._setToggle({ lambda: e.detail, l2: true })}
              ></pg-slider>
            </div>
            <div>
              <label class="chips"
                ><label
                  ><input
                    type="checkbox"
                    data-toggle="jitter"
                    .checked=${t.jitter}
                    @change=${(e: Event) => this._setToggle({ jitter: checked(e) })}
                  />
                  Input jitter</label
                ></label
              >
              <pg-slider
                label="σ"
                min="0.01"
                max="0.3"
                step="0.01"
                .value=${t.jitterSigma}
                @change-value=${(e: CustomEvent<number>) => this._setToggle({ jitterSigma: e.detail, jitter: true })}
              ></pg-slider>
            </div>
            <div>
              <label class="chips"
                ><label
                  ><input
                    type="checkbox"
                    data-toggle="early-stopping"
                    .checked=${t.earlyStopping}
                    @change=${(e: Event) => this._setToggle({ earlyStopping: checked(e) })}
                  />
                  Early stopping</label
                ></label
              >
              <pg-slider
                label="patience (epochs)"
                min="10"
                max="500"
                step="10"
                .value=${t.patience}
                @change-value=${(e: CustomEvent<number>) => this._setToggle({ patience: e.detail, earlyStopping: true })}
              ></pg-slider>
            </div>
          </div>
        </section>
      </div>
      <section class="card" style="margin-top: var(--pg-gap)">
        <pg-line-chart
          heading="Loss (mean squared error) per epoch"
          .series=${lossSeries}
          xLabel="epoch"
          logY
          height="240"
        ></pg-line-chart>
        <p class="muted small">
          Both curves are the plain mean squared error of the network without dropout, so they can be
          compared; the ● marks the epoch with the lowest validation
          loss${t.earlyStopping ? ', whose weights early stopping restores' : ''}. Full-batch Adam (learning
          rate 0.01), ${DEFAULT_FIT_CONFIG.maxEpochs} epochs at most, seeded. The fitted model is not saved as
          a checkpoint: the checkpoint format has no kind for it yet.
        </p>
      </section>
    </pg-panel-frame>`;
  }

  private _statusText(): string {
    switch (this._status) {
      case 'idle':
        return 'Not started.';
      case 'starting':
        return this._preparing;
      case 'training':
        return 'Training in the worker…';
      case 'paused':
        return this._epochs.length ? 'Paused.' : 'Ready.';
      case 'stopped':
        return 'Training has stopped. Reset to start a new run.';
      case 'error':
        return 'Something went wrong.';
    }
  }
}

function checked(event: Event): boolean {
  return (event.target as HTMLInputElement).checked;
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-learn-regularization': RegularizationPanel;
  }
}
