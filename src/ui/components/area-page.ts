import { LitElement, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import './sectioned-page';
import type { PageSection } from './section-nav';

/** A top-level page made of sections (#/learn, #/studio): its route base, heading, intro and sections. */
export interface Area {
  base: string;
  heading: string;
  intro: string;
  sections: readonly PageSection[];
}

/** The element of a page of sections: an index, or the section its route names (#/<base>/<section>/…). */
export class AreaPage extends LitElement {
  /** The route after the page, e.g. ['cnn'] or ['rnn', 'resume', '<checkpoint id>']. */
  @property({ attribute: false }) route: readonly string[] = [];

  constructor(private readonly area: Area) {
    super();
  }

  override render(): TemplateResult {
    const { base, heading, intro, sections } = this.area;
    return html`<pg-sectioned-page
      base=${base}
      heading=${heading}
      intro=${intro}
      .sections=${sections}
      .route=${this.route}
    ></pg-sectioned-page>`;
  }
}
