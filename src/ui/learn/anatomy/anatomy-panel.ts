import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { TINY_NET_SIZES, tinyNetDiagram } from './tiny-net-diagram';
import type { NodeRef } from '../../components/network-diagram';
import { choiceField } from '../../components/choice-field';
import { numberBox, readNumber } from '../../components/number-box';
import { panelStyles } from '../panel-styles';
import { fmt } from '../format';
import { ACTIVATIONS, ACTIVATION_INFO, type ActivationName } from '../../../learn/activations';
import { forward, makeTinyMlp, type TinyMlp } from '../../../learn/tiny-mlp';
import { computeOrder, layerName, networkLabels, subscript } from './network-text';

const SIZES = TINY_NET_SIZES;

/**
 * Learn panel 1: a 3-4-2 network with seeded weights; the user edits the inputs and steps the forward pass
 * one neuron at a time, reading each weighted sum, bias and activation.
 */
@customElement('pg-anatomy-panel')
export class AnatomyPanel extends LitElement {
  static override styles = panelStyles;

  @state() private _inputs: number[] = [1, 0.5, -1];
  @state() private _inputError = '';
  @state() private _activation: ActivationName = 'tanh';
  @state() private _seed = 1;
  /** How many neurons have been computed (0 … hidden + output). */
  @state() private _computed = 0;

  private get _net(): TinyMlp {
    return makeTinyMlp(SIZES, this._activation, this._seed);
  }

  private _onInput(i: number, text: string): void {
    const read = readNumber(text, `Input x${subscript(i + 1)}`);
    this._inputError = 'error' in read ? read.error : '';
    if ('value' in read) this._inputs = this._inputs.map((v, k) => (k === i ? read.value : v));
  }

  override render(): TemplateResult {
    const net = this._net;
    const trace = forward(net, this._inputs);
    const order = computeOrder(SIZES);
    const current: NodeRef | null = this._computed > 0 ? order[this._computed - 1]! : null;
    const isDone = (node: NodeRef): boolean =>
      node.layer === 0 ||
      order.findIndex((n) => n.layer === node.layer && n.index === node.index) < this._computed;
    const labels = networkLabels(SIZES, (node) => {
      if (node.layer === 0) return [`x${subscript(node.index + 1)}`, fmt(this._inputs[node.index]!, 2)];
      if (!isDone(node)) return ['?'];
      return [
        `z ${fmt(trace.z[node.layer - 1]![node.index]!, 2)}`,
        `a ${fmt(trace.a[node.layer]![node.index]!, 2)}`,
      ];
    });
    const finished = this._computed === order.length;
    return html`<h1>Network anatomy &amp; forward propagation</h1>
      <div class="lead">
        <p>
          A neural network is layers of neurons. The input layer only holds the numbers you give it; every
          neuron after it takes the previous layer’s outputs, multiplies each by a weight, adds them up with
          its own bias — the weighted sum <b>z = Σ w·x + b</b> — and passes z through an activation function,
          <b>a = f(z)</b>. That a is what the next layer sees.
        </p>
        <p>
          Forward propagation is just this, layer after layer, until the output layer gives the prediction.
          Step through it below: thick lines are large weights, blue ones positive and red ones negative.
        </p>
      </div>
      <div class="grid">
        <section class="card">
          <h2>The network (3 inputs, 4 hidden, 2 outputs)</h2>
          ${tinyNetDiagram(net, this._activation, {
            labels,
            highlight: current,
            done: isDone,
            label: `A 3-4-2 network; ${this._computed} of ${order.length} neurons computed`,
            dimPending: true,
          })}
          <div class="row">
            <button
              @click=${() => (this._computed = Math.max(0, this._computed - 1))}
              ?disabled=${this._computed === 0}
            >
              ‹ Back
            </button>
            <button
              class="primary"
              data-action="step"
              @click=${() => (this._computed = Math.min(order.length, this._computed + 1))}
              ?disabled=${finished}
            >
              Step ›
            </button>
            <button @click=${() => (this._computed = order.length)} ?disabled=${finished}>Run all</button>
            <button @click=${() => (this._computed = 0)}>Reset</button>
            <span class="muted small" data-computed=${this._computed}
              >${this._computed} / ${order.length} neurons</span
            >
          </div>
        </section>
        <div class="stack">
          <section class="card">
            <h2>Inputs and activation</h2>
            <div class="controls">
              ${this._inputs.map((value, i) =>
                numberBox(`x${subscript(i + 1)}`, value, (text) => this._onInput(i, text), {
                  control: `input-${i}`,
                }),
              )}
              ${choiceField(
                'Hidden activation',
                ACTIVATIONS,
                this._activation,
                (v) => (this._activation = v),
                {
                  control: 'activation',
                  optionLabel: (name) => ACTIVATION_INFO[name].label,
                },
              )}
              <label class="field"
                >Weights
                <button @click=${() => (this._seed += 1)} data-seed=${this._seed}>
                  New random weights (seed ${this._seed})
                </button>
              </label>
            </div>
            ${this._inputError ? html`<p class="error" role="alert">${this._inputError}</p>` : nothing}
          </section>
          <section class="card" aria-live="polite">
            <h2>
              ${current ? `Neuron ${layerName(current.layer, SIZES.length)} ${current.index + 1}` : 'Nothing computed yet'}
            </h2>
            ${current ? this._renderNeuron(net, trace, current) : html`<p class="muted">Press Step to compute the first hidden neuron.</p>`}
          </section>
          <section class="card">
            <h2>Prediction</h2>
            <dl class="readout">
              ${trace.a[SIZES.length - 1]!.map(
                (value, k) =>
                  html`<div>
                    <dt>ŷ${subscript(k + 1)}</dt>
                    <dd data-output=${k} data-value=${finished ? value : ''}>
                      ${finished ? fmt(value) : '—'}
                    </dd>
                  </div>`,
              )}
            </dl>
          </section>
        </div>
      </div>`;
  }

  private _renderNeuron(net: TinyMlp, trace: ReturnType<typeof forward>, node: NodeRef): TemplateResult {
    const l = node.layer;
    const weights = net.weights[l - 1]![node.index]!;
    const bias = net.biases[l - 1]![node.index]!;
    const inputs = trace.a[l - 1]!;
    const z = trace.z[l - 1]![node.index]!;
    const a = trace.a[l]![node.index]!;
    const prev = l - 1 === 0 ? 'x' : 'a';
    const output = l === SIZES.length - 1;
    const f = output ? 'identity' : ACTIVATION_INFO[this._activation].label;
    return html`<div class="math" data-current-node="${l}-${node.index}" data-z=${z} data-a=${a}>
        z = ${weights.map((w, i) => html`${i > 0 ? ' + ' : ''}(${fmt(w, 3)})·${prev}${subscript(i + 1)}`)} +
        b<br />
        &nbsp;&nbsp;=
        ${weights.map((w, i) => html`${i > 0 ? ' + ' : ''}(${fmt(w, 3)})(${fmt(inputs[i]!, 3)})`)} +
        (${fmt(bias, 3)})<br />
        &nbsp;&nbsp;= <b>${fmt(z)}</b><br />
        a = ${f}(z) = ${f}(${fmt(z)}) = <b>${fmt(a)}</b>
      </div>
      <p class="muted small">
        Bias b = ${fmt(bias, 3)}.
        ${output ? 'The output layer is linear here (a = z), as usual for regression.' : `Formula: ${ACTIVATION_INFO[this._activation].formula}.`}
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-anatomy-panel': AnatomyPanel;
  }
}
