import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../components/sectioned-page';
import { FOUNDATION_PANELS } from './panels-foundations';
import { VISION_PANELS } from './panels-vision';
import { SEQUENCE_PANELS } from './panels-sequence';
import { REFERENCE_PANELS } from './panels-reference';

const PANELS = [...FOUNDATION_PANELS, ...VISION_PANELS, ...SEQUENCE_PANELS, ...REFERENCE_PANELS].sort(
  (a, b) => a.order - b.order,
);

/** #/learn: one interactive panel per topic of deep learning (#/learn/<panel>). */
@customElement('pg-learn-page')
export class LearnPage extends LitElement {
  @property({ attribute: false }) route: readonly string[] = [];

  override render(): TemplateResult {
    return html`<pg-sectioned-page
      base="learn"
      heading="Learn"
      intro="A small live experiment per idea of deep learning: read what it is in a few sentences, then change it and watch the numbers react. Everything computes for real, in your browser."
      .sections=${PANELS}
      .route=${this.route}
    ></pg-sectioned-page>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-learn-page': LearnPage;
  }
}
