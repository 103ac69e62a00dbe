import { customElement } from 'lit/decorators.js';
import { AreaPage } from '../components/area-page';
import { LEARN_PANELS } from './learn-panels';

/** #/learn: one interactive panel per topic of deep learning (#/learn/<panel>). */
@customElement('pg-learn-page')
export class LearnPage extends AreaPage {
  constructor() {
    super({
      base: 'learn',
      heading: 'Learn',
      intro:
        'A small live experiment per idea of deep learning: read what it is in a few sentences, then change it and watch the numbers react. Everything computes for real, in your browser.',
      sections: LEARN_PANELS,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-learn-page': LearnPage;
  }
}
