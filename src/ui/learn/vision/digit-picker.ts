import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { fieldLook, cardStyles } from '../../components/card-styles';
import { customElement, property, state } from 'lit/decorators.js';
import { errorText } from '../../../util/error-text';

/**
 * Chooses a test digit by index (number input, ‹ › buttons) or by class ("show a 3", found by `find`).
 * @fires change-digit - detail: the new index.
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
        ${fieldLook}
        width: 5em;
        padding: 5px 6px;
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
  /** The index of the first digit of class `label` from `from` on (the worker knows the labels). */
  @property({ attribute: false }) find: ((label: number, from: number) => Promise<number>) | null = null;
  @state() private _error: string | null = null;

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

  private async _onClass(event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    const label = Number(select.value);
    select.value = '';
    if (!Number.isInteger(label) || !this.find) return;
    try {
      this._emit(await this.find(label, (this.index + 1) % this.count));
      this._error = null;
    } catch (error) {
      this._error = errorText(error);
    }
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
      <select aria-label="Jump to a digit of class" @change=${(e: Event) => void this._onClass(e)}>
        <option value="">show a…</option>
        ${Array.from({ length: 10 }, (_, d) => html`<option value=${d}>${d}</option>`)}
      </select>
      ${this._error ? html`<span class="error" role="alert">${this._error}</span>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-digit-picker': DigitPicker;
  }
  interface HTMLElementEventMap {
    'change-digit': CustomEvent<number>;
  }
}
