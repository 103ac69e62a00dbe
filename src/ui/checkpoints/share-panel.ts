import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cardStyles } from '../components/card-styles';
import { evaluateGreedy, type EvaluationResult } from '../../agents/evaluate';
import { joinNetworkWeights, type Checkpoint } from '../../storage/checkpoint';
import {
  encodeShareLink,
  quantizeCheckpoint,
  QUANTIZATIONS,
  SHARE_LINK_MAX_CHARS,
  type Quantization,
} from '../../storage/share-link';
import { errorText } from '../../util/error-text';

const EPISODES = 5;

interface Verified {
  quantization: Quantization;
  url: string;
  length: number;
  fits: boolean;
  original: EvaluationResult;
  quantized: EvaluationResult;
}

/**
 * Makes a share link for a DQN checkpoint. The chosen quantization is verified before the link is shown:
 * the quantized agent plays a few seeded episodes next to the original, and the link carries that score.
 *
 * @fires export-instead - the link is too long; the page offers the file instead
 */
@customElement('pg-share-panel')
export class SharePanel extends LitElement {
  static override styles = [
    cardStyles,
    css`
      :host {
        display: block;
        margin-top: 10px;
      }
      .row {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
        align-items: center;
      }
      input.link {
        flex: 1;
        min-width: 200px;
        font: inherit;
        font-family: var(--pg-mono);
        font-size: 0.8rem;
        padding: 6px 8px;
        border-radius: 6px;
        border: 1px solid var(--pg-border);
        background: var(--pg-surface-2);
        color: var(--pg-text);
      }
      .warn {
        color: var(--pg-warn);
      }
    `,
  ];

  @property({ attribute: false }) checkpoint: Checkpoint | null = null;
  @state() private _quantization: Quantization = 'float16';
  @state() private _busy = false;
  @state() private _verified: Verified | null = null;
  @state() private _error: string | null = null;
  @state() private _copied = false;

  private async _score(checkpoint: Checkpoint): Promise<EvaluationResult> {
    if (checkpoint.kind !== 'dqn' || checkpoint.subject.type !== 'game') {
      throw new Error('Only arena agents can be verified by playing them');
    }
    const online = checkpoint.networks.online;
    if (!online) throw new Error('The checkpoint has no online network');
    return evaluateGreedy(
      joinNetworkWeights({ online }),
      checkpoint.config.activation,
      checkpoint.subject.gameId,
      checkpoint.subject.envOptions as Record<string, unknown>,
      EPISODES,
    );
  }

  private async _onMake(): Promise<void> {
    const checkpoint = this.checkpoint;
    if (!checkpoint) return;
    this._busy = true;
    this._error = null;
    this._verified = null;
    this._copied = false;
    try {
      const quantization = this._quantization;
      const original = await this._score(checkpoint);
      const quantized = await this._score(quantizeCheckpoint(checkpoint, { quantization }));
      const link = encodeShareLink(checkpoint, {
        quantization,
        extraMetrics: { 'share/verifiedMeanReturn': quantized.mean, 'share/verifiedEpisodes': EPISODES },
      });
      const url = `${location.origin}${location.pathname}${link.hash}`;
      this._verified = { quantization, url, length: url.length, fits: link.fits, original, quantized };
    } catch (error) {
      this._error = errorText(error);
    } finally {
      this._busy = false;
    }
  }

  private async _onCopy(): Promise<void> {
    if (!this._verified) return;
    try {
      await navigator.clipboard.writeText(this._verified.url);
      this._copied = true;
    } catch {
      this._error = 'The browser refused the clipboard: select the link and copy it by hand.';
    }
  }

  override render(): TemplateResult {
    const v = this._verified;
    const worse =
      v !== null && v.quantized.mean < v.original.mean - Math.max(1, Math.abs(v.original.mean) * 0.05);
    return html`
      <div class="row">
        <label class="small"
          >Precision
          <select
            @change=${(e: Event) => (this._quantization = (e.target as HTMLSelectElement).value as Quantization)}
            data-testid="share-quantization"
          >
            ${QUANTIZATIONS.map((q) => html`<option value=${q} ?selected=${q === this._quantization}>${q}</option>`)}
          </select></label
        >
        <button class="primary" @click=${this._onMake} ?disabled=${this._busy} data-testid="make-link">
          ${this._busy ? 'Playing the agent to verify…' : 'Verify and make a link'}
        </button>
      </div>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      ${
        v
          ? html`<p
                class="small"
                data-testid="share-verdict"
                data-quantized-mean=${v.quantized.mean}
                data-original-mean=${v.original.mean}
              >
                Played ${EPISODES} seeded episodes: full precision averaged
                <b>${v.original.mean.toFixed(1)}</b>, ${v.quantization} averaged
                <b>${v.quantized.mean.toFixed(1)}</b>.
                ${worse ? html`<span class="warn">The ${v.quantization} agent plays worse: prefer a finer precision.</span>` : nothing}
              </p>
              ${
                v.fits
                  ? html`<div class="row">
                        <input
                          class="link"
                          readonly
                          .value=${v.url}
                          data-testid="share-url"
                          aria-label="Share link"
                        />
                        <button @click=${this._onCopy}>${this._copied ? 'Copied' : 'Copy'}</button>
                      </div>
                      <p class="small muted">
                        ${v.length.toLocaleString()} characters (links are kept under
                        ${SHARE_LINK_MAX_CHARS.toLocaleString()}, which chat apps and mail clients pass
                        intact).
                      </p>`
                  : html`<p class="small warn" data-testid="share-too-long">
                      This link would be ${v.length.toLocaleString()} characters, over the
                      ${SHARE_LINK_MAX_CHARS.toLocaleString()} that chat apps and mail clients pass intact.
                      Try int8, or send the file instead.
                      <button @click=${() => this.dispatchEvent(new CustomEvent('export-instead'))}>
                        Export the file
                      </button>
                    </p>`
              }`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-share-panel': SharePanel;
  }
}
