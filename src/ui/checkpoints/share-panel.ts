import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { fieldLook, cardStyles } from '../components/card-styles';
import { customElement, property, state } from 'lit/decorators.js';
import type { Checkpoint } from '../../storage/checkpoint';
import { checkpointWithAgent, readDqnEvaluation, type AgentChoice } from '../../storage/dqn-evaluation';
import {
  encodeShareLink,
  QUANTIZATIONS,
  SHARE_LINK_MAX_CHARS,
  type Quantization,
} from '../../storage/share-link';
import { evaluationDefaults } from '../../agents/solve-rules';
import type { ShareVerification } from '../../agents/share-verify';
import { makeEnvFromConfig } from '../../envs/registry';
import { createRlWorker } from '../../workers/rl-client';
import type { WorkerBridge } from '../../workers/bridge';
import type { RlApi } from '../../workers/rl.worker';
import { errorText } from '../../util/error-text';

/** 'auto': the smallest precision that fits and keeps the verified score. */
type PrecisionChoice = 'auto' | Quantization;

interface Verified {
  quantization: Quantization;
  url: string;
  length: number;
  fits: boolean;
  verification: ShareVerification;
  /** Picked by 'auto' (else the user's choice). */
  auto: boolean;
}

/**
 * Makes a share link for a DQN checkpoint. Before a link is shown, a worker plays the agent at every
 * precision for the game's evaluation episodes; by default the link uses the smallest precision that fits and
 * keeps the score, says which, and carries the verified score and episode count.
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
        ${fieldLook}
        font-family: var(--pg-mono);
        font-size: 0.8rem;
        padding: 6px 8px;
      }
      .warn {
        color: var(--pg-warn);
      }
    `,
  ];

  @property({ attribute: false }) checkpoint: Checkpoint | null = null;
  @state() private _precision: PrecisionChoice = 'auto';
  @state() private _agent: AgentChoice = 'best';
  @state() private _busy = false;
  @state() private _verified: Verified | null = null;
  @state() private _error: string | null = null;
  @state() private _copied = false;
  private _worker: WorkerBridge<RlApi> | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._worker?.terminate();
    this._worker = null;
  }

  private get _hasBest(): boolean {
    return this.checkpoint !== null && Object.hasOwn(this.checkpoint.networks, 'best');
  }

  /** Episodes and threshold of the game's solve rule (the checkpoint's own settings when it has them). */
  private _rule(checkpoint: Checkpoint): { episodes: number; threshold: number | null } {
    if (checkpoint.subject.type !== 'game')
      throw new Error('Only arena agents can be verified by playing them');
    const { spec } = makeEnvFromConfig(checkpoint.subject.gameId, checkpoint.subject.envOptions);
    const { record } = readDqnEvaluation(checkpoint);
    const episodes = record?.settings.episodes ?? evaluationDefaults(spec.id, spec.rewardThreshold).episodes;
    return { episodes, threshold: spec.rewardThreshold };
  }

  private async _onMake(): Promise<void> {
    const source = this.checkpoint;
    if (!source) return;
    this._busy = true;
    this._error = null;
    this._verified = null;
    this._copied = false;
    try {
      const checkpoint = checkpointWithAgent(source, this._agent);
      const { episodes, threshold } = this._rule(checkpoint);
      const origin = `${location.origin}${location.pathname}`;
      this._worker ??= createRlWorker((message) => (this._error = message));
      const verification = await this._worker.api.verifyShare(checkpoint, episodes, threshold, origin.length);
      const auto = this._precision === 'auto';
      const quantization = auto ? (verification.chosen ?? 'float32') : (this._precision as Quantization);
      const check = verification.checks.find((c) => c.quantization === quantization)!;
      const link = encodeShareLink(checkpoint, {
        quantization,
        extraMetrics: { 'share/verifiedMeanReturn': check.mean, 'share/verifiedEpisodes': episodes },
      });
      const url = `${origin}${link.hash}`;
      this._verified = { quantization, url, length: url.length, fits: check.fits, verification, auto };
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
    return html`
      <div class="row">
        ${
          this._hasBest
            ? html`<label class="small"
                >Agent
                <select
                  data-testid="share-agent"
                  @change=${(e: Event) => (this._agent = (e.target as HTMLSelectElement).value as AgentChoice)}
                >
                  <option value="best" ?selected=${this._agent === 'best'}>best evaluated</option>
                  <option value="latest" ?selected=${this._agent === 'latest'}>latest</option>
                </select></label
              >`
            : nothing
        }
        <label class="small"
          >Precision
          <select
            @change=${(e: Event) => (this._precision = (e.target as HTMLSelectElement).value as PrecisionChoice)}
            data-testid="share-quantization"
          >
            <option value="auto" ?selected=${this._precision === 'auto'}>
              smallest that keeps the score
            </option>
            ${QUANTIZATIONS.map((q) => html`<option value=${q} ?selected=${q === this._precision}>${q}</option>`)}
          </select></label
        >
        <button class="primary" @click=${this._onMake} ?disabled=${this._busy} data-testid="make-link">
          ${this._busy ? 'Playing the agent to verify…' : 'Verify and make a link'}
        </button>
      </div>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      ${v ? this._renderVerified(v) : nothing}
    `;
  }

  private _renderVerified(v: Verified): TemplateResult {
    const { verification } = v;
    const chosen = verification.checks.find((c) => c.quantization === v.quantization)!;
    const why = v.auto
      ? verification.chosen
        ? html`Chose <b>${v.quantization}</b>: the smallest precision that fits a link and keeps the score.`
        : html`<span class="warn">No precision both fits a link and keeps the score; showing float32.</span>`
      : html`Precision <b>${v.quantization}</b>, as
          chosen${
            chosen.keeps ? '' : html` — <span class="warn">it plays worse: prefer a finer precision.</span>`
          }`;
    return html`<p
        class="small"
        data-testid="share-verdict"
        data-quantization=${v.quantization}
        data-quantized-mean=${chosen.mean}
        data-original-mean=${verification.fullMean}
      >
        Played ${verification.episodes} seeded greedy episodes: full precision averaged
        <b>${verification.fullMean.toFixed(1)}</b>;
        ${verification.checks.map(
          (c, i) =>
            html`${i > 0 ? ', ' : ''}${c.quantization} ${c.mean.toFixed(1)} (${c.hashLength.toLocaleString()}
            characters${c.fits ? '' : ', too long'})`,
        )}.
        ${why}
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
                ${SHARE_LINK_MAX_CHARS.toLocaleString()}, which chat apps and mail clients pass intact).
              </p>`
          : html`<p class="small warn" data-testid="share-too-long">
              This link would be ${v.length.toLocaleString()} characters, over the
              ${SHARE_LINK_MAX_CHARS.toLocaleString()} that chat apps and mail clients pass intact. Try int8,
              or send the file instead.
              <button @click=${() => this.dispatchEvent(new CustomEvent('export-instead'))}>
                Export the file
              </button>
            </p>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-share-panel': SharePanel;
  }
}
