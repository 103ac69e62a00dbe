import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { runningActivities } from './activity';
import { PwaStateController, applyUpdate } from './pwa-state';
import { buttonStyles } from '../ui/components/card-styles';

/**
 * "A new version is ready — Reload": shown when a new version has been downloaded in the background. It
 * never reloads by itself; when training is running it says that reloading will stop it. The live region
 * stays in the page so that screen readers announce the message when it appears.
 */
@customElement('pg-update-banner')
export class UpdateBanner extends LitElement {
  static override styles = [
    buttonStyles,
    css`
      /* A toast at the bottom: seen wherever the page is scrolled, never covering the top bar. */
      .banner {
        position: fixed;
        z-index: 20;
        left: 16px;
        right: 16px;
        bottom: 16px;
        max-width: 620px;
        margin: 0 auto;
        box-sizing: border-box;
        box-shadow: 0 6px 24px rgb(0 0 0 / 0.25);
        border-radius: var(--pg-radius);
        border: 1px solid var(--pg-border);
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: 8px 14px;
        padding: 12px 16px;
        background: var(--pg-surface);
        color: var(--pg-text);
      }
      .text {
        flex: 1 1 240px;
        min-width: 0;
      }
      .warn {
        display: block;
        color: var(--pg-warn);
        font-size: 0.9rem;
        margin-top: 2px;
      }
      .actions {
        display: flex;
        gap: 8px;
      }
      button {
        padding: 6px 12px;
      }
      @media (max-width: 640px) {
        .banner {
          left: 8px;
          right: 8px;
          bottom: 8px;
        }
      }
    `,
  ];

  private readonly _pwa = new PwaStateController(this);
  @state() private _dismissed = false;
  @state() private _reloading = false;

  private async _onReload(): Promise<void> {
    this._reloading = true;
    await applyUpdate();
    // Still here: the new version did not take over (the page reloads when it does); let the user try again.
    this._reloading = false;
  }

  override render(): TemplateResult {
    const show = this._pwa.state.updateReady && !this._dismissed;
    const work = runningActivities();
    return html`<div role="status" data-testid="update-banner" ?hidden=${!show}>
      ${
        show
          ? html`<div class="banner">
              <span class="text"
                ><strong>A new version is ready</strong> — reload to use it.
                ${
                  work.length > 0
                    ? html`<span class="warn" data-testid="update-stops-work"
                        >${work.join(', ')} is running: reloading will stop it. Save a checkpoint first to
                        keep it.</span
                      >`
                    : nothing
                }</span
              >
              <span class="actions">
                <button
                  class="primary"
                  data-testid="update-reload"
                  ?disabled=${this._reloading}
                  @click=${this._onReload}
                >
                  ${this._reloading ? 'Reloading…' : 'Reload'}
                </button>
                <button data-testid="update-later" @click=${() => (this._dismissed = true)}>Later</button>
              </span>
            </div>`
          : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-update-banner': UpdateBanner;
  }
}
