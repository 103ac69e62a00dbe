/**
 * "Try an input": digits typed for the transformer, its output (right and wrong digits marked) and the
 * attention map of every layer and head on them. Fires `input-text` with the typed text; the panel runs it.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { fieldLook } from '../../components/card-styles';
import { customElement, property } from 'lit/decorators.js';
import { digitTarget, type DigitTaskKind } from '../../../learn/digit-tasks';
import type { AttentionInspection } from '../../../learn/transformer-config';
import { panelStyles } from '../panel-styles';
import '../../components/heatmap';

/**
 * @fires input-text - CustomEvent<string>: the text in the field, at every keystroke.
 */
@customElement('pg-attention-try')
export class AttentionTry extends LitElement {
  static override styles = [
    panelStyles,
    css`
      h2 {
        margin: 0 0 10px;
        font-size: 1.05rem;
      }
      input[type='text'] {
        ${fieldLook}
        font-family: var(--pg-mono);
        padding: 7px 10px;
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
      .keys,
      .queries {
        display: grid;
        font-family: var(--pg-mono);
        font-size: 0.75rem;
        color: var(--pg-muted);
      }
      .keys {
        text-align: center;
        margin-bottom: 2px;
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
        align-items: center;
      }
    `,
  ];

  @property({ attribute: false }) inspection: AttentionInspection | null = null;
  @property() task: DigitTaskKind = 'reverse';
  /** Digits the model reads. */
  @property({ type: Number }) length = 6;
  @property() text = '';
  @property({ attribute: false }) inputError: string | null = null;

  private _onInput(event: Event): void {
    const text = (event.target as HTMLInputElement).value;
    this.dispatchEvent(new CustomEvent('input-text', { detail: text, bubbles: true, composed: true }));
  }

  override render(): TemplateResult {
    const ins = this.inspection;
    const expected = ins ? digitTarget(this.task, ins.input) : [];
    return html`<h2>Try an input</h2>
      <label class="select"
        >Type ${this.length} digits
        <input
          type="text"
          data-testid="attn-input"
          inputmode="numeric"
          autocomplete="off"
          spellcheck="false"
          aria-describedby="input-error"
          .value=${this.text}
          @input=${this._onInput}
        />
      </label>
      ${
        this.inputError
          ? html`<p class="error small" id="input-error" role="alert">${this.inputError}</p>`
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
      } `;
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
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-attention-try': AttentionTry;
  }
}
