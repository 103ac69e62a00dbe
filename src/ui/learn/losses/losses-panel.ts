import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import '../../components/line-chart';
import { sliderField } from '../../components/slider-field';
import { choiceField } from '../../components/choice-field';
import { panelStyles } from '../panel-styles';
import { fmt } from '../format';
import {
  LOSSES,
  crossEntropy,
  evaluateLoss,
  softmax,
  type LossName,
  type LossOptions,
} from '../../../learn/losses';

interface LossSetup {
  label: string;
  /** What the prediction slider moves. */
  prediction: { label: string; min: number; max: number; step: number; initial: number };
  target: { label: string; min: number; max: number; step: number; initial: number };
  formula: string;
  gradient: string;
  note: string;
}

const SETUPS: Record<LossName, LossSetup> = {
  mse: {
    label: 'Mean squared error (MSE)',
    prediction: { label: 'prediction ŷ', min: -3, max: 3, step: 0.05, initial: 1.5 },
    target: { label: 'target y', min: -2, max: 2, step: 0.1, initial: 0 },
    formula: 'L = (ŷ − y)²',
    gradient: '∂L/∂ŷ = 2(ŷ − y)',
    note: 'The usual loss for regression. The gradient grows with the error, so outliers pull hard.',
  },
  mae: {
    label: 'Mean absolute error (MAE)',
    prediction: { label: 'prediction ŷ', min: -3, max: 3, step: 0.05, initial: 1.5 },
    target: { label: 'target y', min: -2, max: 2, step: 0.1, initial: 0 },
    formula: 'L = |ŷ − y|',
    gradient: '∂L/∂ŷ = sign(ŷ − y)',
    note: 'The gradient has the same size for every error: robust to outliers, but it does not shrink near the answer.',
  },
  huber: {
    label: 'Huber',
    prediction: { label: 'prediction ŷ', min: -3, max: 3, step: 0.05, initial: 1.5 },
    target: { label: 'target y', min: -2, max: 2, step: 0.1, initial: 0 },
    formula: 'L = ½(ŷ − y)² if |ŷ − y| < δ, else δ·(|ŷ − y| − ½δ)',
    gradient: '∂L/∂ŷ = ŷ − y inside δ, δ·sign(ŷ − y) outside',
    note: 'Quadratic near the target, linear far away: MSE’s smooth minimum with MAE’s robustness. (PyTorch HuberLoss.)',
  },
  bce: {
    label: 'Binary cross-entropy',
    prediction: { label: 'predicted probability p', min: 0.01, max: 0.99, step: 0.01, initial: 0.3 },
    target: { label: 'target y (0 or 1)', min: 0, max: 1, step: 1, initial: 1 },
    formula: 'L = −[y·ln p + (1 − y)·ln(1 − p)]',
    gradient: '∂L/∂p = (p − y) / (p(1 − p))',
    note: 'For a yes/no probability. A confident wrong answer (p → 0 when y = 1) costs without bound.',
  },
  cce: {
    label: 'Categorical cross-entropy (softmax, 3 classes)',
    prediction: { label: 'logit z₀ of class 0', min: -5, max: 5, step: 0.05, initial: 0 },
    target: { label: 'true class c', min: 0, max: 2, step: 1, initial: 0 },
    formula: 'L = −ln softmax(z)_c = ln Σⱼ e^zⱼ − z_c, with z = (z₀, 1, 0)',
    gradient: '∂L/∂z₀ = softmax(z)₀ − [c = 0]',
    note: 'Logits become probabilities through softmax; the gradient on each logit is simply “probability minus target”.',
  },
  hinge: {
    label: 'Hinge',
    prediction: { label: 'score s', min: -3, max: 3, step: 0.05, initial: 0.3 },
    target: { label: 'label y (−1 or +1)', min: -1, max: 1, step: 2, initial: 1 },
    formula: 'L = max(0, 1 − y·s)',
    gradient: '∂L/∂s = −y if y·s < 1, else 0',
    note: 'The loss of support vector machines: zero once the example is on the right side with a margin of 1.',
  },
};

const POINTS = 201;

/** Learn panel 4: each loss and its gradient as the prediction moves, with the current values read out. */
@customElement('pg-losses-panel')
export class LossesPanel extends LitElement {
  static override styles = panelStyles;

  @state() private _loss: LossName = 'mse';
  @state() private _prediction = SETUPS.mse.prediction.initial;
  @state() private _target = SETUPS.mse.target.initial;
  @state() private _delta = 1;

  private _pick(name: LossName): void {
    this._loss = name;
    this._prediction = SETUPS[name].prediction.initial;
    this._target = SETUPS[name].target.initial;
  }

  override render(): TemplateResult {
    const setup = SETUPS[this._loss];
    const options: LossOptions = { delta: this._delta, otherLogits: [1, 0] };
    const { min, max } = setup.prediction;
    const x = Array.from({ length: POINTS }, (_, i) => min + ((max - min) * i) / (POINTS - 1));
    const curve = x.map((p) => evaluateLoss(this._loss, p, this._target, options));
    const now = evaluateLoss(this._loss, this._prediction, this._target, options);
    return html`<h1>Loss functions</h1>
      <div class="lead">
        <p>
          A loss function turns “how wrong is this prediction?” into one number that training drives down. Its
          gradient with respect to the prediction is the first factor of backpropagation: it says which way,
          and how hard, to push the output. Regression usually uses squared or absolute error; classification
          uses cross-entropy, which compares predicted probabilities with the true label.
        </p>
        <p>Pick a loss, then move the prediction and the target and watch the value and the slope.</p>
      </div>
      <div class="grid">
        <section class="card">
          <h2>${setup.label}</h2>
          ${keyed(
            this._loss,
            html`<pg-line-chart
              .series=${[
                { label: 'loss L', x, values: curve.map((c) => c.value), color: '--pg-series-1' },
                {
                  label: 'gradient',
                  x,
                  values: curve.map((c) => c.gradient),
                  color: '--pg-series-2',
                  dash: [5, 4],
                },
                {
                  label: 'now',
                  x: [this._prediction],
                  values: [now.value],
                  color: '--pg-series-4',
                  points: true,
                },
              ]}
              xLabel=${setup.prediction.label}
              yLabel="loss L and its slope ∂L/∂prediction"
              height="260"
            ></pg-line-chart>`,
          )}
          <div class="math">${setup.formula}<br />${setup.gradient}</div>
          <p class="muted small">${setup.note}</p>
        </section>
        <section class="card">
          <h2>Controls</h2>
          <div class="controls">
            ${choiceField('Loss', LOSSES, this._loss, (l) => this._pick(l), {
              control: 'loss',
              optionLabel: (l) => SETUPS[l].label,
              style: 'grid-column: 1 / -1',
            })}
            ${sliderField(setup.prediction.label, [setup.prediction.min, setup.prediction.max, setup.prediction.step], this._prediction, (v) => (this._prediction = v), { control: 'prediction' })}
            ${sliderField(setup.target.label, [setup.target.min, setup.target.max, setup.target.step], this._target, (v) => (this._target = v), { control: 'target' })}
            ${
              this._loss === 'huber'
                ? sliderField('δ', [0.1, 3, 0.1], this._delta, (v) => (this._delta = v))
                : nothing
            }
          </div>
          <dl class="readout">
            <div>
              <dt>loss L</dt>
              <dd data-loss-value=${now.value}>${fmt(now.value)}</dd>
            </div>
            <div>
              <dt>gradient</dt>
              <dd data-loss-gradient=${now.gradient}>${fmt(now.gradient)}</dd>
            </div>
          </dl>
          ${this._loss === 'cce' ? this._renderSoftmax() : nothing}
        </section>
      </div>`;
  }

  private _renderSoftmax(): TemplateResult {
    const logits = [this._prediction, 1, 0];
    const probabilities = softmax(logits);
    const { gradients } = crossEntropy(logits, this._target);
    return html`<div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>class</th>
            <th>logit z</th>
            <th>softmax p</th>
            <th>∂L/∂z</th>
          </tr>
        </thead>
        <tbody>
          ${logits.map(
            (z, i) =>
              html`<tr class=${i === this._target ? 'current' : ''}>
                <td>${i}${i === this._target ? ' (true)' : ''}</td>
                <td>${fmt(z, 2)}</td>
                <td>${fmt(probabilities[i]!)}</td>
                <td>${fmt(gradients[i]!)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-losses-panel': LossesPanel;
  }
}
