import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { checkpointsStyles } from './checkpoints-styles';
import './share-panel';
import {
  deleteCheckpoint,
  listCheckpoints,
  loadCheckpoint,
  renameCheckpoint,
  requestPersistence,
  saveCheckpoint,
  storageEstimate,
  type CheckpointListing,
  type CheckpointRecord,
  type StorageEstimate,
} from '../../storage/db';
import { importCheckpointFile, checkpointFileName } from '../../storage/export-file';
import type { Checkpoint } from '../../storage/checkpoint';
import { modelKindOf } from '../model-kinds';
import { errorText } from '../../util/error-text';

type SortKey = 'updated' | 'name' | 'steps';
/** Files larger than this are refused before reading (a checkpoint with a full replay buffer is far smaller). */
const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 2 ** 20) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 2 ** 30) return `${(bytes / 2 ** 20).toFixed(1)} MB`;
  return `${(bytes / 2 ** 30).toFixed(2)} GB`;
}

function subjectText(record: CheckpointRecord): string {
  return record.subject.type === 'game' ? record.subject.gameId : record.subject.datasetId;
}

function meanReturn(record: CheckpointRecord): number | null {
  const returns = record.metrics.recentReturns;
  return returns.length ? returns.reduce((a, b) => a + b, 0) / returns.length : null;
}

/** Saved checkpoints: list, sort, rename, delete, resume, export, import, share; and storage in use. */
@customElement('pg-checkpoints-page')
export class CheckpointsPage extends LitElement {
  static override styles = checkpointsStyles;

  @state() private _listing: CheckpointListing | null = null;
  @state() private _estimate: StorageEstimate | null = null;
  @state() private _persisted: string | null = null;
  @state() private _sort: SortKey = 'updated';
  @state() private _notice: { ok: boolean; text: string } | null = null;
  @state() private _renaming: string | null = null;
  @state() private _sharing: { id: string; checkpoint: Checkpoint } | null = null;
  @state() private _dragOver = false;
  @state() private _busyId: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this._refresh();
  }

  private async _refresh(): Promise<void> {
    try {
      this._listing = await listCheckpoints();
      this._estimate = await storageEstimate();
    } catch (error) {
      this._notice = { ok: false, text: `Cannot read the saved checkpoints: ${errorText(error)}` };
    }
  }

  private _sorted(): CheckpointRecord[] {
    const records = [...(this._listing?.records ?? [])];
    if (this._sort === 'name') records.sort((a, b) => a.name.localeCompare(b.name));
    else if (this._sort === 'steps') records.sort((a, b) => b.counters.envSteps - a.counters.envSteps);
    else records.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return records;
  }

  private async _onRename(record: CheckpointRecord, event: Event): Promise<void> {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).querySelector('input')!;
    try {
      await renameCheckpoint(record.id, input.value);
      this._renaming = null;
      await this._refresh();
    } catch (error) {
      this._notice = { ok: false, text: errorText(error) };
    }
  }

  private async _onDelete(id: string, name: string): Promise<void> {
    if (!confirm(`Delete “${name}”? This cannot be undone.`)) return;
    try {
      await deleteCheckpoint(id);
      this._notice = { ok: true, text: `Deleted “${name}”.` };
      await this._refresh();
    } catch (error) {
      this._notice = { ok: false, text: errorText(error) };
    }
  }

  private async _onExport(record: CheckpointRecord): Promise<void> {
    this._busyId = record.id;
    // The worker that owns the kind knows its models' Layers topologies (model-kinds.ts).
    const kind = modelKindOf(record);
    try {
      const checkpoint = await loadCheckpoint(record.id);
      const bytes = await kind.exportFile(checkpoint);
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = checkpointFileName(checkpoint);
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      this._notice = { ok: true, text: `Exported “${record.name}” as ${a.download}: ${kind.fileContents}.` };
    } catch (error) {
      this._notice = { ok: false, text: `Export failed: ${errorText(error)}` };
    } finally {
      this._busyId = null;
    }
  }

  private async _onShare(record: CheckpointRecord): Promise<void> {
    if (this._sharing?.id === record.id) {
      this._sharing = null;
      return;
    }
    try {
      this._sharing = { id: record.id, checkpoint: await loadCheckpoint(record.id) };
    } catch (error) {
      this._notice = { ok: false, text: errorText(error) };
    }
  }

  private async _import(file: File): Promise<void> {
    if (file.size > MAX_IMPORT_BYTES) {
      this._notice = {
        ok: false,
        text: `“${file.name}” is ${formatBytes(file.size)}: too large for a checkpoint file.`,
      };
      return;
    }
    try {
      const checkpoint = importCheckpointFile(new Uint8Array(await file.arrayBuffer()));
      // A kind with one slot (the Learn classifier) goes where its page looks for it.
      const slot = modelKindOf(checkpoint).slotId;
      const { record } = await saveCheckpoint(checkpoint, slot ? { id: slot } : {});
      this._notice = { ok: true, text: `Imported “${record.name}”.` };
      await this._refresh();
    } catch (error) {
      this._notice = {
        ok: false,
        text: `Could not import “${file.name}”: ${errorText(error)}. Nothing was stored.`,
      };
    }
  }

  private _onFilePicked(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) void this._import(file);
    input.value = '';
  }

  private _onDrop(event: DragEvent): void {
    event.preventDefault();
    this._dragOver = false;
    const file = event.dataTransfer?.files[0];
    if (file) void this._import(file);
  }

  private async _onPersist(): Promise<void> {
    const result = await requestPersistence();
    this._persisted =
      result === 'persisted'
        ? 'Storage is persistent: the browser will not clear it to make room.'
        : result === 'denied'
          ? 'The browser declined to make storage persistent (it may grant it later, e.g. once the app is installed).'
          : 'This browser cannot make storage persistent.';
  }

  override render(): TemplateResult {
    const records = this._sorted();
    const estimate = this._estimate;
    return html`
      <h1>Checkpoints</h1>
      <p class="muted">
        Saved in this browser (IndexedDB). Resume one where it was trained, export it as a file (its networks
        as TensorFlow.js Layers models wherever stock TensorFlow.js can run them), or share an arena agent as
        a link.
      </p>
      ${
        this._notice
          ? html`<p
              class=${this._notice.ok ? 'small' : 'error'}
              role="status"
              data-testid="checkpoint-notice"
            >
              ${this._notice.text}
            </p>`
          : nothing
      }
      <section class="card">
        <div class="bar">
          ${
            estimate
              ? html`<span class="small"
                    >Storage used: ${formatBytes(estimate.usage)} of ${formatBytes(estimate.quota)}</span
                  >
                  <meter min="0" max=${estimate.quota} .value=${estimate.usage}></meter>`
              : html`<span class="small muted">This browser does not report its storage use.</span>`
          }
          <button @click=${this._onPersist}>Keep my checkpoints (persistent storage)</button>
          ${this._persisted ? html`<span class="small muted">${this._persisted}</span>` : nothing}
        </div>
        <div
          class="drop ${this._dragOver ? 'over' : ''}"
          @dragover=${(e: DragEvent) => {
            e.preventDefault();
            this._dragOver = true;
          }}
          @dragleave=${() => (this._dragOver = false)}
          @drop=${this._onDrop}
        >
          Drop a checkpoint file (.zip) here, or
          <label style="text-decoration:underline;cursor:pointer"
            >choose one<input
              type="file"
              accept=".zip,application/zip"
              hidden
              data-testid="import-file"
              @change=${this._onFilePicked}
          /></label>
        </div>
      </section>
      <div class="bar">
        <label class="small"
          >Sort by
          <select @change=${(e: Event) => (this._sort = (e.target as HTMLSelectElement).value as SortKey)}>
            <option value="updated">newest</option>
            <option value="name">name</option>
            <option value="steps">env steps</option>
          </select></label
        >
        <span class="small muted">${records.length} checkpoint${records.length === 1 ? '' : 's'}</span>
      </div>
      ${
        this._listing && records.length === 0
          ? html`<section class="card">
              <p class="muted" data-testid="no-checkpoints">
                No checkpoints yet. Train an agent in the <a href="#/arena">arena</a> and press “Save
                checkpoint”.
              </p>
            </section>`
          : nothing
      }
      <div class="list">${records.map((record) => this._renderRecord(record))}</div>
      ${
        this._listing?.unreadable.length
          ? html`<section class="card" style="margin-top:12px">
              <h2>Unreadable entries</h2>
              ${this._listing.unreadable.map(
                (u) =>
                  html`<p class="small">
                    ${u.id}: ${u.error} <button @click=${() => this._onDelete(u.id, u.id)}>Delete</button>
                  </p>`,
              )}
            </section>`
          : nothing
      }
    `;
  }

  private _renderRecord(record: CheckpointRecord): TemplateResult {
    const mean = meanReturn(record);
    const isGame = record.subject.type === 'game';
    const kind = modelKindOf(record);
    const resume = kind.resume(record.id);
    return html`<section class="card item" data-testid="checkpoint" data-id=${record.id}>
      <header>
        ${
          this._renaming === record.id
            ? html`<form @submit=${(e: Event) => this._onRename(record, e)}>
                <input class="rename" .value=${record.name} aria-label="New name" maxlength="200" />
                <button type="submit">Rename</button>
                <button type="button" @click=${() => (this._renaming = null)}>Cancel</button>
              </form>`
            : html`<span class="name" data-testid="checkpoint-name">${record.name}</span>`
        }
        <span class="badge" data-testid="checkpoint-kind">${kind.label}</span>
        ${record.autosave ? html`<span class="badge">autosave</span>` : nothing}
      </header>
      <div class="facts">
        <span>${subjectText(record)}</span>
        ${
          isGame
            ? html`<span>${record.counters.envSteps.toLocaleString()} env steps</span>
                <span>${record.counters.episodes.toLocaleString()} episodes</span>`
            : html`<span>${record.counters.gradientSteps.toLocaleString()} iterations</span>`
        }
        ${mean !== null ? html`<span>mean return ${mean.toFixed(1)} (last ${record.metrics.recentReturns.length})</span>` : nothing}
        <span>${formatBytes(record.sizeBytes)}</span>
        <span>saved ${new Date(record.updatedAt).toLocaleString()}</span>
      </div>
      <div class="actions">
        <a href=${resume.href}><button class="primary" tabindex="-1">${resume.label}</button></a>
        <button @click=${() => this._onExport(record)} ?disabled=${this._busyId === record.id}>
          Export file
        </button>
        ${kind.shareLink === 'checkpoints-page' ? html`<button @click=${() => this._onShare(record)} data-testid="share">Share link</button>` : nothing}
        <button @click=${() => (this._renaming = record.id)}>Rename</button>
        <button @click=${() => this._onDelete(record.id, record.name)}>Delete</button>
      </div>
      ${
        this._sharing?.id === record.id
          ? html`<pg-share-panel
              .checkpoint=${this._sharing.checkpoint}
              @export-instead=${() => this._onExport(record)}
            ></pg-share-panel>`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-checkpoints-page': CheckpointsPage;
  }
}
