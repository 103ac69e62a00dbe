import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { LineSeries } from '../../components/line-chart';
import type { XyLayer } from '../../components/xy-plot';
import { DEFAULT_FIT_CONFIG, FIT_CURVE_X, type FitConfig } from '../../../learn/fit-config';
import { makeRegressionData, trueFunction } from '../../../learn/regression-data';
import type { FitUpdate } from '../../../workers/protocol/learn';
import { errorText } from '../../../util/error-text';
import { RunController } from '../../run/run-controller';
import { fmt } from '../format';
import { serialStarts } from '../learn-port';
import { panelStyles } from '../panel-styles';
import { FitRunState, STOP_MESSAGES, fitPort, type FitPort } from './fit-run';
import { DEFAULT_TOGGLES, type Toggles } from './regularization-toggles';
import '../../components/line-chart';
import '../../components/xy-plot';
import '../../run/run-controls';
import '../panel-frame';
import './regularization-toggles';

const TRUE_Y = FIT_CURVE_X.map(trueFunction);
/** The worker draws the same seeded set; it is shown before the worker starts. */
const DATA = makeRegressionData();

/**
 * Learn panel 6: a 1-64-64-1 tanh network fitted live in the Learn worker to 16 noisy points; train and
 * validation curves stream in; dropout, L2, input jitter and early stopping can be switched on; the test
 * loss appears only once training has stopped.
 */
@customElement('pg-regularization-panel')
export class RegularizationPanel extends LitElement {
  static override styles = panelStyles;

  @state() private _toggles: Toggles = { ...DEFAULT_TOGGLES };
  @state() private _error: string | null = null;
  private readonly _state = new FitRunState();
  private readonly _run = new RunController<FitConfig, FitUpdate, FitPort>(this, {
    port: fitPort,
    state: this._state,
    activity: 'Training the regularization fit in Learn',
  });
  private readonly _restart = serialStarts(this._run, () => this._config());

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

  /** Ends the fit for good and reads the test loss, once. */
  private async _stop(): Promise<void> {
    try {
      await this._run.pause();
      await this._run.worker.stop();
      await this._run.step();
      this._error = null;
    } catch (error) {
      this._error = errorText(error);
    }
  }

  private _onToggles(event: CustomEvent<Partial<Toggles>>): void {
    this._toggles = { ...this._toggles, ...event.detail };
    // A different regularizer is a different experiment: start over with it (once a fit exists).
    if (this._run.status !== 'idle') void this._restart();
  }

  private _lossSeries(): LineSeries[] {
    const { epochs, train, validation, last } = this._state;
    const best = last && last.bestEpoch > 0 ? last : null;
    return [
      { label: 'training loss', x: epochs, values: train, color: '--pg-series-1' },
      { label: 'validation loss', x: epochs, values: validation, color: '--pg-series-2' },
      ...(best
        ? [
            {
              label: 'best epoch',
              x: [best.bestEpoch],
              values: [best.bestValidation],
              color: '--pg-series-4',
              points: true,
            },
          ]
        : []),
    ];
  }

  private _layers(stopped: boolean): XyLayer[] {
    const curve = this._state.curve;
    const points = (
      label: string,
      split: 'train' | 'validation' | 'test',
      color: string,
      kind: 'points' | 'hollow',
    ): XyLayer => ({ label, x: DATA[split].x, y: DATA[split].y, color, kind });
    return [
      { label: 'true curve', x: [...FIT_CURVE_X], y: TRUE_Y, color: '--pg-muted', kind: 'line', dash: '6 5' },
      points('training points', 'train', '--pg-series-1', 'points'),
      points('validation points', 'validation', '--pg-series-2', 'hollow'),
      ...(stopped ? [points('test points', 'test', '--pg-series-3', 'hollow')] : []),
      ...(curve.length
        ? [{ label: 'network', x: [...FIT_CURVE_X], y: curve, color: '--pg-series-4', kind: 'line' as const }]
        : []),
    ];
  }

  override render(): TemplateResult {
    const { last, validation, train } = this._state;
    const stopped = last?.stopReason != null;
    const minValidation = validation.length ? Math.min(...validation) : null;
    const lastValidation = validation.at(-1) ?? null;
    const bestEpoch = last && last.bestEpoch > 0 ? last.bestEpoch : null;
    const testLoss = stopped ? (last?.testLoss ?? null) : null;
    const status = this._run.status;
    const canStop = status === 'training' || (status === 'paused' && (last?.epoch ?? 0) > 0);
    return html`<pg-panel-frame
      heading="Training, validation, testing & regularization"
      .error=${this._error}
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
            .layers=${this._layers(stopped)}
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
          <pg-run-controls .run=${this._run} .spec=${this._config()} stepTitle="one epoch">
            <button slot="actions" data-action="stop" @click=${this._stop} ?disabled=${!canStop}>
              Stop &amp; test
            </button>
            ${last?.stopReason ? html`<p class="small">${STOP_MESSAGES[last.stopReason]}</p>` : nothing}
          </pg-run-controls>
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
              <dd>${fmt(train.at(-1) ?? null)}</dd>
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
              <dd data-test-loss=${testLoss ?? ''}>
                ${testLoss !== null ? fmt(testLoss) : html`<span class="muted small">after training stops</span>`}
              </dd>
            </div>
          </dl>
          <h3 class="small">Regularization (each change starts over)</h3>
          <pg-regularization-toggles
            .toggles=${this._toggles}
            @toggles-change=${this._onToggles}
          ></pg-regularization-toggles>
        </section>
      </div>
      <section class="card" style="margin-top: var(--pg-gap)">
        <pg-line-chart
          heading="Loss (mean squared error) per epoch"
          .series=${this._lossSeries()}
          xLabel="epoch"
          yLabel="mean squared error"
          logY
          height="240"
        ></pg-line-chart>
        <p class="muted small">
          Both curves are the plain mean squared error of the network without dropout, so they can be
          compared; the ● marks the epoch with the lowest validation
          loss${this._toggles.earlyStopping ? ', whose weights early stopping restores' : ''}. Full-batch Adam
          (learning rate 0.01), ${DEFAULT_FIT_CONFIG.maxEpochs} epochs at most, seeded. The fitted model is
          not saved as a checkpoint: the checkpoint format has no kind for it yet.
        </p>
      </section>
    </pg-panel-frame>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-regularization-panel': RegularizationPanel;
  }
}
