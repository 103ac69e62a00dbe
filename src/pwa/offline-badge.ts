import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { PwaStateController } from './pwa-state';

/** A badge in the top bar while the network is gone; its tooltip says whether the app is fully cached. */
@customElement('pg-offline-badge')
export class OfflineBadge extends LitElement {
  static override styles = css`
    span {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 4px 10px;
      border-radius: 999px;
      border: 1px solid var(--pg-warn);
      color: var(--pg-warn);
      font-size: 0.85rem;
      font-weight: 600;
      white-space: nowrap;
    }
    @media (max-width: 640px) {
      span {
        padding: 3px 8px;
        font-size: 0.78rem;
      }
    }
    span::before {
      content: '';
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: currentColor;
    }
  `;

  private readonly _pwa = new PwaStateController(this);

  override render(): TemplateResult | typeof nothing {
    const { online, offlineReady } = this._pwa.state;
    if (online) return nothing;
    const detail = offlineReady
      ? 'No network. Everything keeps working from the copy of the app on this device.'
      : 'No network, and the app is not fully stored on this device yet: pages not opened before may not load.';
    return html`<span
      role="status"
      data-testid="offline-badge"
      title=${detail}
      aria-label="Offline. ${detail}"
      >Offline</span
    >`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-offline-badge': OfflineBadge;
  }
}
