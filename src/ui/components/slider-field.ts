import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';

/**
 * A labelled range slider that shows its value. Keyboard accessible (it is a native range input).
 * @fires change-value - detail: the new number, on every input event.
 */
@customElement('pg-slider-field')
export class SliderField extends LitElement {
  static override styles = css`
    :host {
      display: block;
      min-width: 0;
    }
    label {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 2px 8px;
      font-size: 0.85rem;
      color: var(--pg-muted);
    }
    output {
      font-variant-numeric: tabular-nums;
      color: var(--pg-text);
      font-weight: 600;
    }
    input {
      grid-column: 1 / -1;
      width: 100%;
      accent-color: var(--pg-accent);
      margin: 2px 0 0;
    }
    input:focus-visible {
      outline: 2px solid var(--pg-accent);
      outline-offset: 2px;
    }
  `;

  @property() label = '';
  @property({ type: Number }) min = 0;
  @property({ type: Number }) max = 1;
  @property({ type: Number }) step = 0.01;
  @property({ type: Number }) value = 0;
  /** Decimals shown in the readout (default: as many as `step` has). */
  @property({ type: Number }) digits: number | null = null;
  /** Optional text after the number, e.g. '%'. */
  @property() unit = '';

  private _onInput(event: Event): void {
    this.value = Number((event.target as HTMLInputElement).value);
    this.dispatchEvent(
      new CustomEvent<number>('change-value', { detail: this.value, bubbles: true, composed: true }),
    );
  }

  override render(): TemplateResult {
    const digits = this.digits ?? Math.max(0, -Math.floor(Math.log10(this.step) + 1e-9));
    return html`<label>
      <span>${this.label}</span>
      <output>${this.value.toFixed(digits)}${this.unit}</output>
      <input
        type="range"
        min=${this.min}
        max=${this.max}
        step=${this.step}
        .value=${String(this.value)}
        @input=${this._onInput}
      />
    </label>`;
  }
}

/** Where a slider starts, ends and how far one notch moves it. */
export type SliderRange = readonly [min: number, max: number, step: number];

export interface SliderFieldOptions {
  /** `data-control`: the name the page's tests and code find the slider by. */
  control?: string;
  /** `data-testid`. */
  testid?: string;
  /** Text after the number, e.g. '%'. */
  unit?: string;
}

/** A `<pg-slider-field>` that calls `onChange` with each new value: how pages write a slider. */
export function sliderField(
  label: string,
  [min, max, step]: SliderRange,
  value: number,
  onChange: (value: number) => void,
  options: SliderFieldOptions = {},
): TemplateResult {
  return html`<pg-slider-field
    label=${label}
    min=${min}
    max=${max}
    step=${step}
    unit=${options.unit ?? nothing}
    data-control=${options.control ?? nothing}
    data-testid=${options.testid ?? nothing}
    .value=${value}
    @change-value=${(e: CustomEvent<number>) => onChange(e.detail)}
  ></pg-slider-field>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-slider-field': SliderField;
  }
  interface HTMLElementEventMap {
    'change-value': CustomEvent<number>;
  }
}
