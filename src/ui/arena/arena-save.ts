/**
 * Saving the selected arena run: by hand or every few minutes while it trains, with or without its replay
 * buffer. A checkpoint is taken at the end of the current episode, so that resuming continues exactly.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cardStyles } from '../components/card-styles';
import { errorText } from '../../util/error-text';
import { arenaPanelStyles } from './arena-styles';
import type { ArenaRuns } from './arena-runs';
import type { ArenaRun } from './arena-run';
import type { Checkpoint } from '../../storage/checkpoint';
import '../checkpoints/share-panel';
import { encodeRecipeLink } from '../../storage/recipe-link';
import type { JsonRecord } from '../../storage/checkpoint';

/** Autosave choices in minutes (0 = off); the last few autosaves of a game are kept (src/storage/db.ts). */
const AUTOSAVE_MINUTES = [0, 1, 5, 10];

/** Bytes the replay buffer adds to a checkpoint: two observations, action, reward and flag per transition. */
function replaySizeText(capacity: number, obsSize: number): string {
  const mb = (capacity * (2 * obsSize + 3) * 4) / 2 ** 20;
  return mb < 1 ? `up to ${(mb * 1024).toFixed(0)} KB` : `up to ${mb.toFixed(1)} MB`;
}

@customElement('pg-arena-save')
export class ArenaSave extends LitElement {
  static override styles = [cardStyles, arenaPanelStyles];

  @property({ attribute: false }) runs!: ArenaRuns;
  @property({ attribute: false }) version = 0;
  /** The game's name, in checkpoint names. */
  @property() gameName = '';
  @state() private _saving = false;
  @state() private _includeReplay = false;
  @state() private _autosaveMinutes = 0;
  /** The selected run as it was when "Share" was pressed (the link is made from it). */
  @state() private _sharing: Checkpoint | null = null;
  private _sharingRun: ArenaRun | null = null;
  @state() private _recipe: string | null = null;
  private _autosaveTimer: ReturnType<typeof setInterval> | null = null;

  override disconnectedCallback(): void {
    this._stopAutosave();
    super.disconnectedCallback();
  }

  private async _save(autosave: boolean): Promise<void> {
    const { runs } = this;
    const run = runs.selected;
    if (this._saving || run.status === 'crashed') return;
    this._saving = true;
    const when = new Date().toLocaleString();
    const name = autosave
      ? `Autosave · ${this.gameName} · ${when}`
      : `${this.gameName} · ${run.label} · ${when}`;
    try {
      const { record, pruned } = await run.save(name, { includeReplay: this._includeReplay, autosave });
      const kb = (record.sizeBytes / 1024).toFixed(0);
      const removed = pruned.length ? `; ${pruned.length} older autosave(s) removed` : '';
      runs.notice = {
        ok: true,
        text: `Saved “${record.name}” at env step ${record.counters.envSteps.toLocaleString()} (${kb} KB)${removed}.`,
      };
    } catch (error) {
      runs.notice = { ok: false, text: `Not saved: ${errorText(error)}` };
    } finally {
      this._saving = false;
    }
  }

  /** A link belongs to its run: another run, a reset or another game takes it away. */
  override willUpdate(): void {
    const run = this.runs.selected;
    if (this._recipe && !run.controller.backend) this._recipe = null;
    if (this._sharing && (run !== this._sharingRun || run.state.envSteps < this._sharing.counters.envSteps))
      this._sharing = null;
  }

  /** A short link with the selected run's settings, seed and backend (no weights), to replay it. */
  private _onRecipe(): void {
    const run = this.runs.selected;
    const backend = run.controller.backend?.active;
    if (!backend) return;
    const hash = encodeRecipeLink({
      envId: run.spec.envId,
      envOptions: (run.spec.envOptions ?? {}) as JsonRecord,
      config: run.spec.config,
      evaluation: run.evaluation,
      backend,
    });
    this._recipe = `${location.origin}${location.pathname}${hash}`;
  }

  private async _onShare(): Promise<void> {
    const run = this.runs.selected;
    this._sharing = null;
    try {
      this._sharingRun = run;
      this._sharing = await run.snapshot(`${this.gameName} · ${run.label} · ${new Date().toLocaleString()}`);
    } catch (error) {
      this.runs.notice = { ok: false, text: `Cannot share: ${errorText(error)}` };
    }
  }

  private _onAutosaveChange(event: Event): void {
    this._autosaveMinutes = Number((event.target as HTMLSelectElement).value);
    this._stopAutosave();
    if (this._autosaveMinutes > 0) {
      this._autosaveTimer = setInterval(() => {
        if (this.runs.selected.status === 'training') void this._save(true);
      }, this._autosaveMinutes * 60_000);
    }
  }

  private _stopAutosave(): void {
    if (this._autosaveTimer) clearInterval(this._autosaveTimer);
    this._autosaveTimer = null;
  }

  override render(): TemplateResult {
    const run = this.runs.selected;
    const notice = this.runs.notice;
    return html`
      <div class="controls" style="margin-top:10px">
        <button
          data-testid="save"
          @click=${() => this._save(false)}
          ?disabled=${this._saving || run.status === 'crashed' || this.runs.anyStarting}
          title="Saved at the end of the current episode, so that resuming continues exactly"
        >
          ${this._saving ? 'Saving at the end of this episode…' : 'Save checkpoint'}
        </button>
        <button
          data-testid="arena-share"
          @click=${this._onShare}
          ?disabled=${!run.controller.ready || this.runs.anyStarting}
          title="A link with the agent's weights, verified by playing it"
        >
          Share…
        </button>
        <button
          data-testid="recipe"
          @click=${this._onRecipe}
          ?disabled=${!run.controller.backend}
          title="Settings, seed and backend, no weights: opens the arena ready to replay this run"
        >
          Recipe link
        </button>
        <label title="The replay buffer makes a checkpoint much larger"
          ><input
            type="checkbox"
            .checked=${this._includeReplay}
            @change=${(e: Event) => (this._includeReplay = (e.target as HTMLInputElement).checked)}
          />with replay buffer
          (${replaySizeText(run.spec.config.bufferSize, run.state.info?.obsSize ?? 4)})</label
        >
        <label
          >Autosave
          <select @change=${this._onAutosaveChange}>
            ${AUTOSAVE_MINUTES.map(
              (m) =>
                html`<option value=${m} ?selected=${m === this._autosaveMinutes}>
                  ${m === 0 ? 'off' : `every ${m} min`}
                </option>`,
            )}
          </select></label
        >
      </div>
      ${
        notice
          ? html`<p class=${notice.ok ? 'small' : 'error'} role="status" data-testid="save-message">
              ${notice.text} ${notice.ok ? html`<a href="#/checkpoints">Open checkpoints</a>` : nothing}
            </p>`
          : nothing
      }
      ${
        this._recipe
          ? html`<p class="small">
              <input
                class="link"
                readonly
                .value=${this._recipe}
                data-testid="recipe-url"
                aria-label="Recipe link"
              />
              Replays this run's settings and seed; the same backend gives the same run, bit for bit.
            </p>`
          : nothing
      }
      ${this._sharing ? html`<pg-share-panel .checkpoint=${this._sharing}></pg-share-panel>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-arena-save': ArenaSave;
  }
}
