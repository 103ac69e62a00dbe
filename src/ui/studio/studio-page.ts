import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import '../components/sectioned-page';
import { STUDIO_SECTIONS } from './studio-sections';

/** #/studio: generative models that train live in a worker (#/studio/<section>). */
@customElement('pg-studio-page')
export class StudioPage extends LitElement {
  @property({ attribute: false }) route: readonly string[] = [];

  override render(): TemplateResult {
    return html`<pg-sectioned-page
      base="studio"
      heading="Studio"
      intro="Train generators and watch them learn, live: GANs on 2-D distributions (including your own), and GANs, autoencoders and a VAE on MNIST digits. Everything trains in a background worker."
      .sections=${STUDIO_SECTIONS}
      .route=${this.route}
    ></pg-sectioned-page>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-studio-page': StudioPage;
  }
}
