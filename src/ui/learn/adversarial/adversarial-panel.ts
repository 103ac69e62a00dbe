import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { proxy } from 'comlink';
import { cardStyles } from '../../components/card-styles';
import '../../components/heatmap';
import { lineChart } from '../../components/line-chart';
import { sliderField } from '../../components/slider-field';
import type { LineSeries } from '../../components/line-chart';
import { panelStyles } from '../vision/panel-styles';
import { ClassifierSession } from '../vision/classifier-session';
import { LatestRunner } from '../vision/latest-runner';
import { predictedClass } from '../vision/prob-bars';
import {
  classifierCard,
  digitPicker,
  pendingNote,
  probabilityChart,
  visionStack,
} from '../vision/panel-parts';
import { errorText } from '../../../util/error-text';
import type { AttackMethod, AttackRequest, AttackResult } from '../../../workers/protocol/learn';

const SWEEP_EPSILONS = [0, 0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.25, 0.3];
const SWEEP_DIGITS = 200;

/** Learn panel 10: FGSM and PGD on the shared MNIST classifier. */
@customElement('pg-adversarial-panel')
export class AdversarialPanel extends LitElement {
  static override styles = [cardStyles, panelStyles];

  private readonly _session = new ClassifierSession(this);
  @state() private _settings: AttackRequest = {
    index: 0,
    method: 'fgsm',
    epsilon: 0.1,
    alpha: 0.02,
    steps: 10,
  };
  @state() private _result: AttackResult | null = null;
  @state() private _busy = false;
  @state() private _sweeps: Partial<Record<AttackMethod, number[]>> = {};
  @state() private _sweepProgress: number | null = null;
  @state() private _error: string | null = null;

  private readonly _runner = new LatestRunner<AttackRequest>(async (request) => {
    this._busy = true;
    try {
      this._result = await this._session.api.visionAttack(request);
      this._error = null;
    } catch (error) {
      this._error = errorText(error);
    } finally {
      this._busy = false;
    }
  });

  constructor() {
    super();
    this._session.onModelChange = () => {
      this._sweeps = {};
      this._attack();
    };
  }

  private _attack(): void {
    if (!this._session.hasModel || this._session.view.phase === 'training') return;
    this._runner.request(this._settings);
  }

  private _set(patch: Partial<AttackRequest>): void {
    this._settings = { ...this._settings, ...patch };
    this._attack();
  }

  private async _sweep(): Promise<void> {
    const method = this._settings.method;
    this._sweepProgress = 0;
    try {
      const accuracies = await this._session.api.visionAttackSweep(
        {
          method,
          epsilons: SWEEP_EPSILONS,
          count: SWEEP_DIGITS,
          alpha: this._settings.alpha,
          steps: this._settings.steps,
        },
        proxy((done: number) => (this._sweepProgress = done)),
      );
      this._sweeps = { ...this._sweeps, [method]: accuracies };
    } catch (error) {
      this._error = errorText(error);
    } finally {
      this._sweepProgress = null;
    }
  }

  private _renderIntro(): TemplateResult {
    return html`<div class="intro">
      <h1>Adversarial examples</h1>
      <p>
        A network that reads digits well can still be fooled by changes a person would hardly notice. The
        attacker asks the network itself which way each pixel should move to make its answer worse: that is
        the gradient of the loss with respect to the <em>input</em>, computed by the same backpropagation used
        for training.
      </p>
      <p>
        <strong>FGSM</strong> (the fast gradient sign method, Goodfellow et al. 2015) takes one step: every
        pixel moves by ε in the direction of the sign of that gradient, then is clipped back to [0, 1]: x′ =
        clip(x + ε·sign(∇ₓL), 0, 1). <strong>PGD</strong> takes several smaller steps of size α and after each
        one projects back into the box of pixels within ε of the original, which usually finds a stronger
        attack with the same budget. Such weaknesses matter wherever models face people who want them to fail,
        from security to self-driving cars.
      </p>
    </div>`;
  }

  private _renderFigure(
    title: string,
    values: Float32Array,
    probabilities: Float32Array | null,
    palette: 'grey' | 'diverging',
    testId: string,
  ): TemplateResult {
    const predicted = probabilities ? predictedClass(probabilities) : null;
    return html`<figure style="justify-items:stretch" data-testid=${testId} data-class=${predicted ?? ''}>
      <pg-heatmap
        class="digit"
        style="justify-self:center"
        .values=${values}
        rows="28"
        cols="28"
        palette=${palette}
        .min=${palette === 'grey' ? 0 : null}
        .max=${palette === 'grey' ? 1 : null}
        label=${title}
      ></pg-heatmap>
      <figcaption>${title}</figcaption>
      ${
        probabilities
          ? probabilityChart(
              probabilities,
              `says ${predicted} (${(probabilities[predicted!]! * 100).toFixed(1)}%)`,
            )
          : nothing
      }
    </figure>`;
  }

  private _renderAttack(): TemplateResult {
    const r = this._result;
    const flipped = r
      ? predictedClass(r.probabilities) !== predictedClass(r.adversarialProbabilities)
      : false;
    return html`<section
      class="card"
      aria-labelledby="attack"
      data-testid="attack-card"
      ?aria-busy=${this._busy}
    >
      <h2 id="attack">Attack one digit</h2>
      ${digitPicker(this._session, this._settings.index, (index) => this._set({ index }))}
      <div class="cols" style="margin:12px 0">
        <label class="inline"
          >Attack
          <select
            .value=${this._settings.method}
            @change=${(e: Event) => this._set({ method: (e.target as HTMLSelectElement).value as AttackMethod })}
            data-testid="attack-method"
          >
            <option value="fgsm">FGSM (one step)</option>
            <option value="pgd">PGD (several projected steps)</option>
          </select></label
        >
        ${sliderField('ε, the largest change of any pixel', [0, 0.3, 0.01], this._settings.epsilon, (v) => this._set({ epsilon: v }), { testid: 'epsilon' })}
        ${
          this._settings.method === 'pgd'
            ? html`${sliderField('α, step size', [0.005, 0.1, 0.005], this._settings.alpha, (v) => this._set({ alpha: v }))}
              ${sliderField('PGD steps', [1, 20, 1], this._settings.steps, (v) => this._set({ steps: v }))}`
            : nothing
        }
      </div>
      ${
        r
          ? html`<div class="cols">
                ${this._renderFigure(`original (a ${r.digit.label})`, r.digit.pixels, r.probabilities, 'grey', 'original')}
                ${this._renderFigure('perturbation (blue −, red +)', r.perturbation, null, 'diverging', 'perturbation')}
                ${this._renderFigure('adversarial', r.adversarial, r.adversarialProbabilities, 'grey', 'adversarial')}
              </div>
              <p class="small" aria-live="polite">
                ${
                  flipped
                    ? html`<strong class="bad">Fooled:</strong> the prediction flipped from
                        ${predictedClass(r.probabilities)} to ${predictedClass(r.adversarialProbabilities)}.`
                    : html`<strong class="good">Not fooled</strong> at this ε.`
                }
                Loss on the true label <span class="number">${r.loss.toFixed(3)}</span> →
                <span class="number" data-testid="adversarial-loss">${r.adversarialLoss.toFixed(3)}</span>;
                largest pixel change <span class="number" data-testid="linf">${r.linf.toFixed(3)}</span> (≤ ε
                = ${this._settings.epsilon.toFixed(2)}).
              </p>`
          : pendingNote(this._session, 'Computing…')
      }
    </section>`;
  }

  private _renderSweep(): TemplateResult {
    const series: LineSeries[] = (['fgsm', 'pgd'] as const).flatMap((m) =>
      this._sweeps[m]
        ? [{ label: m.toUpperCase(), values: this._sweeps[m]!.map((a) => a * 100), x: SWEEP_EPSILONS }]
        : [],
    );
    const busy = this._sweepProgress !== null;
    return html`<section class="card" aria-labelledby="sweep" data-testid="sweep-card">
      <h2 id="sweep">Accuracy against ε</h2>
      <p class="small muted">
        Attack the first ${SWEEP_DIGITS} test digits at each ε with the settings above and count how many are
        still read correctly. ε = 0 is the clean accuracy.
      </p>
      <div class="row">
        <button
          class="primary"
          ?disabled=${busy || !this._session.hasModel || this._session.view.phase === 'training'}
          @click=${() => void this._sweep()}
          data-testid="run-sweep"
        >
          Measure ${this._settings.method.toUpperCase()} on ${SWEEP_DIGITS} digits
        </button>
      </div>
      ${busy ? html`<progress max="1" .value=${this._sweepProgress ?? 0} aria-label="Sweep progress"></progress>` : nothing}
      ${
        series.length > 0
          ? html`${lineChart('Test accuracy (%)', 'accuracy (%)', series, { xLabel: 'ε', height: 200 })}
              <div class="table-wrap">
                <table data-testid="sweep-table">
                  <thead>
                    <tr>
                      <th>ε</th>
                      ${SWEEP_EPSILONS.map((e) => html`<th>${e}</th>`)}
                    </tr>
                  </thead>
                  <tbody>
                    ${(['fgsm', 'pgd'] as const).map((m) =>
                      this._sweeps[m]
                        ? html`<tr data-method=${m}>
                            <td>${m.toUpperCase()}</td>
                            ${this._sweeps[m]!.map((a) => html`<td data-accuracy=${a}>${(a * 100).toFixed(0)}%</td>`)}
                          </tr>`
                        : nothing,
                    )}
                  </tbody>
                </table>
              </div>`
          : nothing
      }
    </section>`;
  }

  override render(): TemplateResult {
    return html`${this._renderIntro()}
    ${visionStack([classifierCard(this._session, 'to attack'), this._renderAttack(), this._renderSweep()], this._error)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-adversarial-panel': AdversarialPanel;
  }
}
