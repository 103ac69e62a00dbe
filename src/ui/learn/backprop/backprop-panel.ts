import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { TINY_NET_SIZES, tinyNetDiagram } from '../anatomy/tiny-net-diagram';
import { sliderField } from '../../components/slider-field';
import { choiceField } from '../../components/choice-field';
import { dataTable } from '../table';
import { numberBox, readNumber } from '../../components/number-box';
import type { NodeRef } from '../../components/network-diagram';
import { panelStyles } from '../panel-styles';
import { fmt } from '../format';
import { ACTIVATIONS, ACTIVATION_INFO, type ActivationName } from '../../../learn/activations';
import {
  backward,
  forward,
  gradientCheck,
  layerDerivative,
  makeTinyMlp,
  mseLoss,
  sgdUpdate,
  type BackwardTrace,
  type ForwardTrace,
  type TinyMlp,
} from '../../../learn/tiny-mlp';
import { computeOrder, layerName, networkLabels, subscript } from '../anatomy/network-text';

const SIZES = TINY_NET_SIZES;
const INPUT = [1, 0.5, -1];

/**
 * Learn panel 2: the panel-1 network with a target and an MSE loss. The backward pass is stepped neuron by
 * neuron from the output; a table checks every weight gradient against a central difference; one SGD step
 * shows the loss before and after.
 */
@customElement('pg-backprop-panel')
export class BackpropPanel extends LitElement {
  static override styles = panelStyles;

  @state() private _activation: ActivationName = 'tanh';
  @state() private _target: number[] = [0.5, -0.5];
  @state() private _inputError = '';
  @state() private _net: TinyMlp = makeTinyMlp(SIZES, 'tanh', 1);
  /** Neurons whose gradients are known, counted from the output backwards. */
  @state() private _done = 0;
  @state() private _lr = 0.1;
  @state() private _lastStep: { before: number; after: number } | null = null;

  private _resetNet(activation = this._activation): void {
    this._activation = activation;
    this._net = makeTinyMlp(SIZES, activation, 1);
    this._done = 0;
    this._lastStep = null;
  }

  private _onTarget(k: number, text: string): void {
    const read = readNumber(text, `Target t${subscript(k + 1)}`);
    this._inputError = 'error' in read ? read.error : '';
    if (!('value' in read)) return;
    this._target = this._target.map((v, i) => (i === k ? read.value : v));
    this._lastStep = null;
  }

  private _sgdStep(trace: ForwardTrace, grads: BackwardTrace): void {
    const before = mseLoss(trace.a.at(-1)!, this._target);
    this._net = sgdUpdate(this._net, grads, this._lr);
    const after = mseLoss(forward(this._net, INPUT).a.at(-1)!, this._target);
    this._lastStep = { before, after };
    this._done = 0;
  }

  override render(): TemplateResult {
    const net = this._net;
    const trace = forward(net, INPUT);
    const grads = backward(net, trace, this._target);
    const loss = mseLoss(trace.a.at(-1)!, this._target);
    // Backwards: the output layer first, each layer top to bottom.
    const order = computeOrder(SIZES).sort((a, b) => b.layer - a.layer || a.index - b.index);
    const current: NodeRef | null = this._done > 0 ? order[this._done - 1]! : null;
    const isDone = (node: NodeRef): boolean =>
      order.findIndex((n) => n.layer === node.layer && n.index === node.index) < this._done && node.layer > 0;
    const labels = networkLabels(SIZES, (node) => {
      if (node.layer === 0) return [`x${subscript(node.index + 1)}`, fmt(INPUT[node.index]!, 2)];
      const a = `a ${fmt(trace.a[node.layer]![node.index]!, 2)}`;
      return isDone(node) ? [a, `δ ${fmt(grads.dZ[node.layer - 1]![node.index]!, 2)}`] : [a];
    });
    const rows = gradientCheck(net, INPUT, this._target);
    const maxRelative = Math.max(...rows.map((r) => r.relativeError));
    return html`<h1>Backpropagation</h1>
      <div class="lead">
        <p>
          To learn, a network needs to know how the loss changes when each weight changes: the gradient ∂L/∂w.
          Backpropagation gets all of them in one backward sweep with the chain rule. Start at the loss: ∂L/∂a
          of each output. At each neuron multiply by the slope of its activation,
          <b>∂L/∂z = ∂L/∂a · f′(z)</b> (we call it δ). A weight’s gradient is then
          <b>∂L/∂w = δ · a<sub>prev</sub></b
          >, the bias’s is δ, and the neuron below receives <b>∂L/∂a<sub>prev</sub> = Σ w · δ</b> from every
          neuron it feeds.
        </p>
        <p>
          The same 3-4-2 network as in the previous panel, input x = (1, 0.5, −1), a linear output and the
          mean squared error over the two outputs, L = ½·[(ŷ₁ − t₁)² + (ŷ₂ − t₂)²]. Step the backward pass,
          then check each gradient against a finite difference and take one gradient-descent step.
        </p>
      </div>
      <div class="grid">
        <section class="card">
          <h2>Backward pass</h2>
          ${tinyNetDiagram(net, this._activation, {
            labels,
            highlight: current,
            done: isDone,
            label: `Backward pass: ${this._done} of ${order.length} neurons have their gradients`,
          })}
          <div class="row">
            <button @click=${() => (this._done = Math.max(0, this._done - 1))} ?disabled=${this._done === 0}>
              ‹ Back
            </button>
            <button
              class="primary"
              data-action="backstep"
              @click=${() => (this._done = Math.min(order.length, this._done + 1))}
              ?disabled=${this._done === order.length}
            >
              Step backward ›
            </button>
            <button @click=${() => (this._done = order.length)}>Run all</button>
            <button @click=${() => (this._done = 0)}>Reset pass</button>
          </div>
          <div aria-live="polite">
            ${current ? this._renderNode(net, trace, grads, current) : html`<p class="muted small">Press Step backward to start at the first output neuron.</p>`}
          </div>
        </section>
        <div class="stack">
          <section class="card">
            <h2>Target and loss</h2>
            <div class="controls">
              ${this._target.map((value, k) =>
                numberBox(`Target t${subscript(k + 1)}`, value, (text) => this._onTarget(k, text), {
                  control: `target-${k}`,
                }),
              )}
              ${choiceField('Hidden activation', ACTIVATIONS, this._activation, (v) => this._resetNet(v), {
                optionLabel: (name) => ACTIVATION_INFO[name].label,
              })}
            </div>
            ${this._inputError ? html`<p class="error" role="alert">${this._inputError}</p>` : nothing}
            <dl class="readout">
              ${trace.a.at(-1)!.map(
                (v, k) =>
                  html`<div>
                    <dt>ŷ${subscript(k + 1)}</dt>
                    <dd>${fmt(v)}</dd>
                  </div>`,
              )}
              <div>
                <dt>Loss L</dt>
                <dd data-loss=${loss}>${fmt(loss, 5)}</dd>
              </div>
            </dl>
          </section>
          <section class="card">
            <h2>One SGD step</h2>
            <p class="muted small">w ← w − η·∂L/∂w for every weight and bias.</p>
            ${sliderField('Learning rate η', [0.01, 1, 0.01], this._lr, (v) => (this._lr = v))}
            <div class="row">
              <button class="primary" data-action="sgd" @click=${() => this._sgdStep(trace, grads)}>
                Apply one SGD step
              </button>
              <button @click=${() => this._resetNet()}>Reset weights</button>
            </div>
            ${
              this._lastStep
                ? html`<dl class="readout">
                    <div>
                      <dt>Loss before</dt>
                      <dd data-loss-before=${this._lastStep.before}>${fmt(this._lastStep.before, 5)}</dd>
                    </div>
                    <div>
                      <dt>Loss after</dt>
                      <dd
                        data-loss-after=${this._lastStep.after}
                        class=${this._lastStep.after < this._lastStep.before ? 'good' : 'bad'}
                      >
                        ${fmt(this._lastStep.after, 5)}
                      </dd>
                    </div>
                  </dl>`
                : nothing
            }
          </section>
        </div>
      </div>
      <section class="card" style="margin-top: var(--pg-gap)">
        <h2>Gradient check: analytic vs numerical</h2>
        <p class="muted small">
          Numerical gradient: (L(w + h) − L(w − h)) / 2h with h = 10⁻⁵. Relative error |g − n| / (|g| + |n|);
          below 10⁻⁶ means backpropagation and the finite difference agree. Largest here:
          <b data-max-rel-error=${maxRelative}>${maxRelative.toExponential(1)}</b>.
        </p>
        ${dataTable(
          ['weight', '∂L/∂w (backprop)', 'numerical', 'relative error'],
          rows.map(
            (r) =>
              html`<tr
                class=${current && current.layer === r.layer + 1 && current.index === r.to ? 'current' : ''}
              >
                <td>w<sup>(${r.layer + 1})</sup>${subscript(r.to + 1)}${subscript(r.from + 1)}</td>
                <td>${r.analytic.toExponential(4)}</td>
                <td>${r.numerical.toExponential(4)}</td>
                <td class=${r.relativeError < 1e-6 ? 'good' : 'bad'}>${r.relativeError.toExponential(1)}</td>
              </tr>`,
          ),
        )}
      </section>`;
  }

  private _renderNode(
    net: TinyMlp,
    trace: ForwardTrace,
    grads: BackwardTrace,
    node: NodeRef,
  ): TemplateResult {
    const l = node.layer;
    const j = node.index;
    const output = l === SIZES.length - 1;
    const z = trace.z[l - 1]![j]!;
    const a = trace.a[l]![j]!;
    const dA = grads.dA[l - 1]![j]!;
    const fPrime = layerDerivative(net, l, z);
    const dZ = grads.dZ[l - 1]![j]!;
    const prevName = l - 1 === 0 ? 'x' : 'a';
    const upstream = output
      ? html`∂L/∂a = 2(a − t)/n = 2(${fmt(a, 3)} − ${fmt(this._target[j]!, 3)})/2 = <b>${fmt(dA)}</b>`
      : html`∂L/∂a = Σₖ wₖ·δₖ =
          ${net.weights[l]!.map(
            (row, k) => html`${k > 0 ? ' + ' : ''}(${fmt(row[j]!, 3)})(${fmt(grads.dZ[l]![k]!, 3)})`,
          )}
          = <b>${fmt(dA)}</b>`;
    return html`<h3 class="small">${layerName(l, SIZES.length)} neuron ${j + 1}</h3>
      <div class="math" data-backward-node="${l}-${j}" data-dz=${dZ}>
        ${upstream}<br />
        f′(z) =
        ${output ? 'identity′ = 1' : html`${ACTIVATION_INFO[this._activation].label}′(${fmt(z, 3)}) = ${fmt(fPrime)}`}<br />
        δ = ∂L/∂z = ∂L/∂a · f′(z) = ${fmt(dA)} · ${fmt(fPrime)} = <b>${fmt(dZ)}</b><br />
        ${trace.a[l - 1]!.map(
          (prev, i) =>
            html`∂L/∂w${subscript(j + 1)}${subscript(i + 1)} = δ · ${prevName}${subscript(i + 1)} = ${fmt(dZ)}
              · ${fmt(prev, 3)} = <b>${fmt(grads.dW[l - 1]![j]![i]!)}</b><br />`,
        )}
        ∂L/∂b = δ = <b>${fmt(grads.dB[l - 1]![j]!)}</b>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-backprop-panel': BackpropPanel;
  }
}
