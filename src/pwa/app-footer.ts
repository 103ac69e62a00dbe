import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { APP_VERSION_LABEL } from '../version';
import { PwaStateController } from './pwa-state';

/** The small print under every page: the running version, and whether it works offline on this device. */
@customElement('pg-app-footer')
export class AppFooter extends LitElement {
  static override styles = css`
    footer {
      padding: 12px 20px 16px;
      color: var(--pg-muted);
      font-size: 0.8rem;
      text-align: center;
    }
  `;

  private readonly _pwa = new PwaStateController(this);

  override render(): TemplateResult {
    const { offlineReady, storagePersisted } = this._pwa.state;
    return html`<footer>
      RL &amp; GAN Playground <span data-testid="app-version">v${APP_VERSION_LABEL}</span>
      ${offlineReady ? html` · <span data-testid="offline-ready">works offline on this device</span>` : nothing}
      ${storagePersisted ? html` · checkpoints kept in persistent storage` : nothing}
    </footer>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-app-footer': AppFooter;
  }
}
