/**
 * "Share this run" for the 2-D GAN lab: a link (float16 weights, no chart history) that opens the generator
 * sampling live in any browser, and a Copy button.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cardStyles } from '../../components/card-styles';
import { encodeShareLink } from '../../../storage/share-link';
import { errorText } from '../../../util/error-text';
import type { RunController, RunUpdate } from '../../run/run-controller';
import { gan2dLabStyles } from './gan2d-lab-styles';

@customElement('pg-gan2d-share')
export class Gan2dShare extends LitElement {
  static override styles = [cardStyles, gan2dLabStyles];

  @property({ attribute: false }) run!: RunController<unknown, RunUpdate>;
  /** The name the shared checkpoint carries. */
  @property() name = 'Shared 2-D GAN';
  @property({ type: Boolean }) disabled = false;

  @state() private _url: string | null = null;
  @state() private _notice: { ok: boolean; text: string } | null = null;

  private async _onShare(): Promise<void> {
    try {
      const checkpoint = await this.run.worker.checkpoint(this.name);
      const link = encodeShareLink(checkpoint, { quantization: 'float16' });
      const url = `${location.origin}${location.pathname}${location.search}${link.hash}`;
      const length = url.length.toLocaleString('en-US');
      this._url = url;
      this._notice = link.fits
        ? { ok: true, text: `Share link ready: ${length} characters (float16 weights).` }
        : {
            ok: false,
            text: `This link is ${length} characters: too long for many apps. Save the run and export it as a file instead.`,
          };
    } catch (error) {
      this._notice = { ok: false, text: `Cannot make a link: ${errorText(error)}` };
    }
  }

  private async _copy(): Promise<void> {
    if (!this._url) return;
    try {
      await navigator.clipboard.writeText(this._url);
      this._notice = { ok: true, text: 'Link copied.' };
    } catch {
      this._notice = { ok: false, text: 'The browser refused the clipboard: select the link and copy it.' };
    }
  }

  override render() {
    return html`<section class="card">
      <h2>Share this run</h2>
      <p class="small muted">
        A link holds the generator and discriminator (float16): whoever opens it sees the generator sampling
        live, and can continue training. Save a checkpoint to keep the charts too.
      </p>
      <div class="bar">
        <button data-testid="share" ?disabled=${this.disabled} @click=${this._onShare}>Share link</button>
      </div>
      ${
        this._url
          ? html`<div class="bar" style="margin-top:8px">
              <input
                class="text link"
                readonly
                aria-label="Share link"
                data-testid="share-link"
                .value=${this._url}
              />
              <button @click=${this._copy}>Copy</button>
            </div>`
          : nothing
      }
      ${
        this._notice
          ? html`<p class=${this._notice.ok ? 'small' : 'error'} role="status" data-testid="share-notice">
              ${this._notice.text}
            </p>`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-gan2d-share': Gan2dShare;
  }
}
