import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';

/** A clear placeholder for a page that is not built yet: what it will hold, with no pretend controls. */
@customElement('pg-coming-next')
export class ComingNext extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    section {
      max-width: 720px;
      margin: 40px auto;
      padding: 28px;
      background: var(--pg-surface);
      border: 1px solid var(--pg-border);
      border-radius: var(--pg-radius);
    }
    h1 {
      margin: 0 0 8px;
      font-size: 1.6rem;
    }
    .badge {
      display: inline-block;
      margin-bottom: 12px;
      padding: 2px 10px;
      border-radius: 999px;
      background: var(--pg-surface-2);
      color: var(--pg-muted);
      font-size: 0.8rem;
      font-weight: 600;
      letter-spacing: 0.04em;
      text-transform: uppercase;
    }
    p {
      color: var(--pg-muted);
      line-height: 1.5;
    }
    li {
      margin: 6px 0;
      line-height: 1.4;
    }
  `;

  @property() heading = '';
  @property({ attribute: false }) points: readonly string[] = [];

  override render(): TemplateResult {
    return html`<section>
      <span class="badge">Coming next</span>
      <h1>${this.heading}</h1>
      <p><slot></slot></p>
      ${
        this.points.length > 0
          ? html`<p>Planned for this page:</p>
              <ul>
                ${this.points.map((point) => html`<li>${point}</li>`)}
              </ul>`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-coming-next': ComingNext;
  }
}
