import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../components/sectioned-page';
import { LEARN_PANELS } from './learn-panels';

/** #/learn: one interactive panel per topic of deep learning (#/learn/<panel>). */
@customElement('pg-learn-page')
export class LearnPage extends LitElement {
  @property({ attribute: false }) route: readonly string[] = [];

  override render(): TemplateResult {
    return html`<pg-sectioned-page
      base="learn"
      heading="Learn"
      intro="A small live experiment per idea of deep learning: read what it is in a few sentences, then change it and watch the numbers react. Everything computes for real, in your browser."
      .sections=${LEARN_PANELS}
      .route=${this.route}
    ></pg-sectioned-page>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-learn-page': LearnPage;
  }
}
