/**
 * The frame every Learn panel shares: its heading and intro, then the panel's error and the worker's crash
 * message (each an alert), then the panel itself. The intro and the body are slotted, so the panel's own
 * stylesheet (panel-styles.ts) still styles them.
 *
 *   <pg-panel-frame heading="Recurrent networks" .error=${message} .crash=${crash}>
 *     <div slot="intro"><p>…</p></div>
 *     …cards…
 *   </pg-panel-frame>
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { errorStyles, pageHeadStyles } from '../components/card-styles';

@customElement('pg-panel-frame')
export class PanelFrame extends LitElement {
  static override styles = [
    pageHeadStyles,
    errorStyles,
    css`
      header {
        margin: 0 0 var(--pg-gap);
      }
      .error {
        margin: 0 0 var(--pg-gap);
      }
    `,
  ];

  /** The panel's title (the page's one h1). */
  @property() heading = '';
  /** Something the panel could not do, in words; shown as an alert above the panel. */
  @property({ attribute: false }) error: string | null = null;
  /** Why the panel's worker died, if it did. */
  @property({ attribute: false }) crash: string | null = null;

  override render(): TemplateResult {
    return html`<header>
        <h1>${this.heading}</h1>
        <slot name="intro"></slot>
      </header>
      ${this.error ? html`<p class="error" role="alert" data-testid="panel-error">${this.error}</p>` : nothing}
      ${
        this.crash
          ? html`<p class="error" role="alert" data-testid="panel-crash">
              The worker stopped: ${this.crash}
            </p>`
          : nothing
      }
      <slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-panel-frame': PanelFrame;
  }
}
