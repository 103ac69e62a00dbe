import { customElement } from 'lit/decorators.js';
import { AreaPage } from '../components/area-page';
import { STUDIO_SECTIONS } from './studio-sections';

/** #/studio: generative models that train live in a worker (#/studio/<section>). */
@customElement('pg-studio-page')
export class StudioPage extends AreaPage {
  constructor() {
    super({
      base: 'studio',
      heading: 'Studio',
      intro:
        'Train generators and watch them learn, live: GANs on 2-D distributions (including your own), and GANs, autoencoders and a VAE on MNIST digits. Everything trains in a background worker.',
      sections: STUDIO_SECTIONS,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-studio-page': StudioPage;
  }
}
