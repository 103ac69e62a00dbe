/**
 * The "Save checkpoint" form of the Learn sequence panels: a name field and a button. The panel does the
 * saving (in its worker) through `save`, and this element reports how it went.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { errorText } from '../../util/error-text';

export type SaveHandler = (name: string) => Promise<{ steps: number }>;

@customElement('pg-learn-checkpoint-save')
export class LearnCheckpointSave extends LitElement {
  static override styles = css`
    :host {
      display: block;
      margin-top: 12px;
    }
    form {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: end;
    }
    label {
      display: flex;
      flex-direction: column;
      gap: 4px;
      font-size: 0.85rem;
      color: var(--pg-muted);
      flex: 1 1 12rem;
      min-width: 0;
    }
    input {
      font: inherit;
      padding: 6px 8px;
      border: 1px solid var(--pg-border);
      border-radius: 6px;
      background: var(--pg-surface);
      color: var(--pg-text);
      min-width: 0;
    }
    button {
      font: inherit;
      padding: 6px 12px;
      border: 1px solid var(--pg-border);
      border-radius: 6px;
      background: var(--pg-surface);
      color: var(--pg-text);
      cursor: pointer;
    }
    button:disabled {
      opacity: 0.5;
      cursor: default;
    }
    button:focus-visible,
    input:focus-visible,
    a:focus-visible {
      outline: 2px solid var(--pg-accent);
      outline-offset: 2px;
    }
    p {
      margin: 8px 0 0;
      font-size: 0.85rem;
    }
    .ok {
      color: var(--pg-text);
    }
    .error {
      color: var(--pg-bad);
    }
    a {
      color: var(--pg-accent);
    }
  `;

  /** Name suggested in the field. */
  @property() defaultName = '';
  @property({ type: Boolean }) disabled = false;
  @property({ attribute: false }) save: SaveHandler | null = null;

  @state() private _busy = false;
  @state() private _result: { ok: boolean; text: string } | null = null;

  private async _onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.save || this._busy) return;
    const input = this.renderRoot.querySelector('input')!;
    const name = input.value.trim() || this.defaultName;
    this._busy = true;
    this._result = null;
    try {
      const { steps } = await this.save(name);
      this._result = { ok: true, text: `Saved "${name}" at step ${steps}.` };
    } catch (error) {
      this._result = {
        ok: false,
        text: `Could not save: ${errorText(error)}`,
      };
    } finally {
      this._busy = false;
    }
  }

  override render(): TemplateResult {
    return html`<form @submit=${this._onSubmit}>
        <label
          >Checkpoint name
          <input
            type="text"
            name="name"
            .value=${this.defaultName}
            aria-label="checkpoint name"
            maxlength="120"
          />
        </label>
        <button type="submit" data-testid="save" ?disabled=${this.disabled || this._busy || !this.save}>
          ${this._busy ? 'Saving…' : 'Save checkpoint'}
        </button>
      </form>
      ${
        this._result
          ? html`<p class=${this._result.ok ? 'ok' : 'error'} role="status" data-testid="save-message">
              ${this._result.text}
              ${this._result.ok ? html`<a href="#/checkpoints">All checkpoints</a>` : nothing}
            </p>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-learn-checkpoint-save': LearnCheckpointSave;
  }
}
