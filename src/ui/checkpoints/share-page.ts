import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cardStyles } from '../components/card-styles';
import '../arena/watch-view';
import { decodeShareLink } from '../../storage/share-link';
import { joinNetworkWeights, type Checkpoint } from '../../storage/checkpoint';
import { saveCheckpoint } from '../../storage/db';
import type { EnvId } from '../../envs/registry';
import type { NamedWeight } from '../../agents/weights';
import { isGan2dCheckpoint } from '../../storage/validate-gan';
import { resumeTarget } from '../model-kinds';
import { errorText } from '../../util/error-text';

/**
 * Opens a share link: what it holds, the agent playing its game live (read-only), and buttons to keep it or
 * continue training it. Everything in the link is decoded and validated before use; nothing of it is ever
 * inserted as HTML.
 */
@customElement('pg-share-page')
export class SharePage extends LitElement {
  static override styles = [
    cardStyles,
    css`
      :host {
        display: block;
        max-width: 900px;
        margin: 0 auto;
      }
      h1 {
        margin: 0 0 6px;
        font-size: 1.5rem;
      }
      .actions {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
        margin: 12px 0;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 4px 14px;
        font-size: 0.9rem;
      }
      dd {
        margin: 0;
      }
    `,
  ];

  @property() payload = '';
  @state() private _checkpoint: Checkpoint | null = null;
  @state() private _quantization = '';
  @state() private _error: string | null = null;
  @state() private _notice: string | null = null;
  private _decodedFrom = '';

  override willUpdate(): void {
    if (this.payload === this._decodedFrom) return;
    this._decodedFrom = this.payload;
    this._checkpoint = null;
    this._error = null;
    try {
      const decoded = decodeShareLink(this.payload);
      this._checkpoint = decoded.checkpoint;
      this._quantization = decoded.quantization;
      if (isGan2dCheckpoint(decoded.checkpoint)) void import('../studio/gan2d/gan2d-share-view');
    } catch (error) {
      this._error = errorText(error);
    }
  }

  private async _save(): Promise<string | null> {
    if (!this._checkpoint) return null;
    try {
      const { record } = await saveCheckpoint(this._checkpoint);
      this._notice = `Saved “${record.name}” to your checkpoints.`;
      return record.id;
    } catch (error) {
      this._error = `Not saved: ${errorText(error)}`;
      return null;
    }
  }

  private async _onContinue(): Promise<void> {
    const id = await this._save();
    const cp = this._checkpoint;
    if (id && cp) location.hash = resumeTarget({ id, kind: cp.kind, subject: cp.subject }).href;
  }

  override render(): TemplateResult {
    if (this._error && !this._checkpoint) {
      return html`<section class="card">
        <h1>This share link cannot be opened</h1>
        <p class="error" role="alert" data-testid="share-error">${this._error}</p>
        <p class="muted">Nothing was stored. Ask for the link again, or for the checkpoint file instead.</p>
      </section>`;
    }
    const cp = this._checkpoint;
    if (!cp) return html`<p class="muted">Opening the link…</p>`;
    const game = cp.subject.type === 'game' ? cp.subject : null;
    const verified = cp.metrics.latest['share/verifiedMeanReturn'];
    const online = cp.networks.online;
    const weights: NamedWeight[] | null = online ? joinNetworkWeights({ online }) : null;
    return html`
      <section class="card" data-testid="shared-checkpoint">
        <h1>${cp.name}</h1>
        <dl>
          <dt>What</dt>
          <dd>
            ${
              game
                ? `${cp.kind.toUpperCase()} agent for ${game.gameId}`
                : `${cp.kind.toUpperCase()} trained on ${cp.subject.type === 'dataset' ? cp.subject.datasetId : ''}`
            }
          </dd>
          <dt>Trained for</dt>
          <dd>
            ${
              game
                ? `${cp.counters.envSteps.toLocaleString()} env steps, ${cp.counters.episodes.toLocaleString()} episodes`
                : `${cp.counters.gradientSteps.toLocaleString()} iterations`
            }
          </dd>
          ${
            verified !== undefined
              ? html`<dt>Verified score</dt>
                  <dd data-testid="verified-score">
                    mean return ${verified.toFixed(1)} over
                    ${cp.metrics.latest['share/verifiedEpisodes'] ?? '?'} episodes, played with these
                    ${this._quantization} weights before sharing
                  </dd>`
              : nothing
          }
          <dt>Precision</dt>
          <dd>${this._quantization}</dd>
        </dl>
        <div class="actions">
          <button class="primary" @click=${this._onContinue} data-testid="continue-training">
            Continue training
          </button>
          <button @click=${this._save} data-testid="save-shared">Save to my checkpoints</button>
        </div>
        ${
          this._notice
            ? html`<p class="small" role="status" data-testid="share-notice">
                ${this._notice} <a href="#/checkpoints">Open checkpoints</a>
              </p>`
            : nothing
        }
        ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      </section>
      ${
        isGan2dCheckpoint(cp)
          ? html`<section class="card" style="margin-top:var(--pg-gap)">
              <h2>Sampling live</h2>
              <pg-gan2d-share-view .checkpoint=${cp}></pg-gan2d-share-view>
            </section>`
          : nothing
      }
      ${
        game && weights
          ? html`<section class="card" style="margin-top:var(--pg-gap)">
              <h2>Playing live</h2>
              <pg-watch-view
                .envId=${game.gameId as EnvId}
                .envOptions=${game.envOptions as Record<string, unknown>}
                .weights=${weights}
                .activation=${cp.kind === 'dqn' ? cp.config.activation : 'relu'}
                .speed=${30}
              ></pg-watch-view>
            </section>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-share-page': SharePage;
  }
}
