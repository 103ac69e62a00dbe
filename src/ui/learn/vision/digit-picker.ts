import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { cardStyles } from '../../components/card-styles';

/**
 * Chooses a test digit by index (number input, ‹ › buttons) or by class ("show a 3").
 * @fires change-digit - detail: the new index.
 * @fires find-digit - detail: { label, from }: the host asks the worker for the next digit of that class.
 */
@customElement('pg-digit-picker')
export class DigitPicker extends LitElement {
  static override styles = [
    cardStyles,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        gap: 6px 10px;
        align-items: center;
        font-size: 0.9rem;
      }
      input {
        font: inherit;
        width: 5em;
        padding: 5px 6px;
        border-radius: 6px;
        border: 1px solid var(--pg-border);
        background: var(--pg-surface);
        color: var(--pg-text);
      }
      button,
      select {
        padding: 5px 10px;
      }
      label {
        display: inline-flex;
        gap: 6px;
        align-items: center;
      }
    `,
  ];

  @property({ type: Number }) index = 0;
  @property({ type: Number }) count = 2000;

  private _emit(index: number): void {
    const wrapped = ((index % this.count) + this.count) % this.count;
    this.dispatchEvent(
      new CustomEvent<number>('change-digit', { detail: wrapped, bubbles: true, composed: true }),
    );
  }

  private _onInput(event: Event): void {
    const value = Number((event.target as HTMLInputElement).value);
    if (Number.isInteger(value) && value >= 0 && value < this.count) this._emit(value);
  }

  private _onClass(event: Event): void {
    const select = event.target as HTMLSelectElement;
    const label = Number(select.value);
    select.value = '';
    if (!Number.isInteger(label)) return;
    this.dispatchEvent(
      new CustomEvent<{ label: number; from: number }>('find-digit', {
        detail: { label, from: (this.index + 1) % this.count },
        bubbles: true,
        composed: true,
      }),
    );
  }

  override render(): TemplateResult {
    return html`<label
        >Test digit
        <input
          type="number"
          min="0"
          max=${this.count - 1}
          .value=${String(this.index)}
          @change=${this._onInput}
          data-testid="digit-index"
      /></label>
      <button aria-label="Previous digit" @click=${() => this._emit(this.index - 1)}>‹</button>
      <button aria-label="Next digit" @click=${() => this._emit(this.index + 1)}>›</button>
      <select aria-label="Jump to a digit of class" @change=${this._onClass}>
        <option value="">show a…</option>
        ${Array.from({ length: 10 }, (_, d) => html`<option value=${d}>${d}</option>`)}
      </select>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-digit-picker': DigitPicker;
  }
  interface HTMLElementEventMap {
    'change-digit': CustomEvent<number>;
    'find-digit': CustomEvent<{ label: number; from: number }>;
  }
}
