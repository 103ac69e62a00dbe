/** The controls and status every Studio MNIST page shares: train/pause/step/reset, progress, backend, saving. */
import { css, html, nothing, type TemplateResult } from 'lit';
import { backendLabel } from '../../../workers/backend-choice';
import type { ImageRun } from './image-run';

export interface RunHandlers {
  train: () => void;
  pause: () => void;
  step: () => void;
  reset: () => void;
  save: (name: string) => void;
}

export const imagePageStyles = css`
  :host {
    display: block;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    gap: var(--pg-gap, 16px);
    align-items: start;
  }
  @media (max-width: 900px) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .column {
    display: grid;
    gap: var(--pg-gap, 16px);
    min-width: 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 12px;
    align-items: end;
  }
  .row label,
  .field {
    display: flex;
    flex-direction: column;
    gap: 3px;
    font-size: 0.8rem;
    color: var(--pg-muted);
  }
  .stats {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(100px, 1fr));
    gap: 8px;
    margin-top: 10px;
  }
  .stat {
    background: var(--pg-surface-2);
    border-radius: 8px;
    padding: 6px 10px;
  }
  .stat b {
    display: block;
    font-size: 1.05rem;
    font-variant-numeric: tabular-nums;
  }
  .stat span {
    font-size: 0.75rem;
    color: var(--pg-muted);
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 260px), 1fr));
    gap: 14px;
  }
  .note {
    font-size: 0.85rem;
    color: var(--pg-muted);
    line-height: 1.45;
    margin: 6px 0 0;
  }
  .ok {
    color: var(--pg-good);
  }
  input[type='text'] {
    font: inherit;
    border-radius: 8px;
    border: 1px solid var(--pg-border);
    background: var(--pg-surface-2);
    color: var(--pg-text);
    padding: 6px 10px;
    min-width: 0;
    width: 14em;
    max-width: 100%;
  }
  .progress-line {
    margin-top: 8px;
  }
`;

function format(value: number, digits = 0): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

const STATUS_TEXT: Record<string, string> = {
  idle: 'not started',
  starting: 'starting…',
  loading: 'loading…',
  paused: 'paused',
  training: 'training',
  diverged: 'stopped: diverged',
  crashed: 'error',
};

export function runControls(run: ImageRun, handlers: RunHandlers, saveName: string): TemplateResult {
  const training = run.status === 'training';
  const starting = run.status === 'starting' || run.status === 'loading';
  const epochFraction = run.epoch - Math.floor(run.epoch);
  const onSave = (event: Event) => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('name') as HTMLInputElement;
    handlers.save(input.value.trim() || saveName);
  };
  return html`<div class="controls-block">
    <div class="row">
      ${
        training
          ? html`<button class="primary" data-testid="pause" @click=${handlers.pause}>Pause</button>`
          : html`<button class="primary" data-testid="train" ?disabled=${starting} @click=${handlers.train}>
              ${run.started ? 'Train' : 'Start training'}
            </button>`
      }
      <button data-testid="step" ?disabled=${training || starting} @click=${handlers.step}>Step</button>
      <button data-testid="reset" ?disabled=${starting} @click=${handlers.reset}>Reset</button>
    </div>
    ${
      starting && run.progress
        ? html`<p class="note" data-testid="loading" role="status">
            ${run.progress.text}<progress class="progress-line"></progress>
          </p>`
        : nothing
    }
    <div
      class="stats"
      data-testid="run-stats"
      data-status=${run.status}
      data-iteration=${run.iteration}
      data-version=${run.version}
    >
      <div class="stat">
        <b data-testid="stat-status">${STATUS_TEXT[run.status] ?? run.status}</b><span>status</span>
      </div>
      <div class="stat"><b data-testid="stat-iteration">${run.iteration}</b><span>iterations</span></div>
      <div class="stat"><b>${format(run.epoch, 2)}</b><span>epochs</span></div>
      <div class="stat"><b>${training ? format(run.itersPerSec, 1) : '—'}</b><span>iterations / s</span></div>
    </div>
    <progress
      class="progress-line"
      max="1"
      .value=${epochFraction}
      aria-label="progress through the current epoch"
    ></progress>
    <p class="note">
      ${
        run.info
          ? html`${run.info.parameterCount.toLocaleString()} parameters ·
            ${run.info.trainCount.toLocaleString()} training digits (${run.info.batchesPerEpoch} batches an
            epoch) · `
          : nothing
      }
      ${
        run.backend
          ? html`backend <b data-testid="backend">${backendLabel(run.backend.active)}</b>
              <span title=${run.backend.why}>(why?)</span>`
          : html`the digits load when training starts`
      }
    </p>
    ${run.message ? html`<p class="error" role="alert" data-testid="run-message">${run.message}</p>` : nothing}
    <form class="row" style="margin-top:10px" @submit=${onSave}>
      <label
        >Checkpoint name
        <input type="text" name="name" .value=${saveName} aria-label="checkpoint name" />
      </label>
      <button type="submit" data-testid="save" ?disabled=${!run.started || starting}>Save checkpoint</button>
    </form>
    ${
      run.saved
        ? html`<p class="note ${run.saved.ok ? 'ok' : 'error'}" data-testid="save-message">
            ${run.saved.text} ${run.saved.ok ? html`<a href="#/checkpoints">All checkpoints</a>` : nothing}
          </p>`
        : nothing
    }
  </div>`;
}
