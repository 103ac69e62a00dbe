import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import './gan2d-plane';
import type { PlaneFrame, PlaneLayers } from './gan2d-plane';
import type { Checkpoint } from '../../../storage/checkpoint';
import { createStudioWorker } from '../../../workers/studio-client';
import { loadBackendPreference } from '../../../storage/settings';
import { errorText } from '../../../util/error-text';

/** Fresh samples this often: the generator "sampling live". */
const SAMPLE_MS = 250;
const SAMPLES = 400;
/** A shared link carries no discriminator worth showing (it is rebuilt fresh): samples only. */
const LAYERS: PlaneLayers = { heatmap: false, real: true, fake: true, manifold: false, arrows: false };

/**
 * A shared 2-D GAN's generator drawing fresh samples live against its target, in the studio worker (the
 * checkpoint is validated there again before anything is built).
 */
@customElement('pg-gan2d-share-view')
export class Gan2dShareView extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .legend {
      font-size: 0.85rem;
      color: var(--pg-muted);
      margin-top: 6px;
    }
    .error {
      color: var(--pg-bad);
    }
  `;

  @property({ attribute: false }) checkpoint: Checkpoint | null = null;
  @state() private _frame: PlaneFrame | null = null;
  @state() private _draws = 0;
  @state() private _error: string | null = null;
  private _bridge = createStudioWorker((message) => (this._error = `The worker crashed: ${message}`));
  private _timer = 0;
  private _alive = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this._alive = true;
  }

  override disconnectedCallback(): void {
    this._alive = false;
    clearTimeout(this._timer);
    this._bridge.terminate();
    super.disconnectedCallback();
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('checkpoint') && this.checkpoint) void this._open(this.checkpoint);
  }

  private async _open(checkpoint: Checkpoint): Promise<void> {
    try {
      const { snapshot } = await this._bridge.api.gan2dRestore(checkpoint, {
        preference: loadBackendPreference(),
      });
      this._frame = { bounds: snapshot.bounds, real: snapshot.real, fake: snapshot.fake };
      this._draws = 1;
      this._tick();
    } catch (error) {
      this._error = errorText(error);
    }
  }

  private _tick(): void {
    this._timer = window.setTimeout(async () => {
      if (!this._alive || !this._frame) return;
      try {
        const fake = await this._bridge.api.gan2dSample(SAMPLES);
        this._frame = { ...this._frame, fake };
        this._draws++;
        this._tick();
      } catch (error) {
        if (this._alive) this._error = errorText(error);
      }
    }, SAMPLE_MS);
  }

  override render(): TemplateResult {
    if (this._error) return html`<p class="error" role="alert">${this._error}</p>`;
    return html`<div data-testid="gan-share-view" data-draws=${this._draws}>
      <pg-gan2d-plane .frame=${this._frame} .layers=${LAYERS}></pg-gan2d-plane>
      ${
        this._frame
          ? html`<p class="legend">
              Green: samples of the target. Purple: ${SAMPLES} fresh samples of the shared generator, redrawn
              four times a second.
            </p>`
          : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-gan2d-share-view': Gan2dShareView;
  }
}
