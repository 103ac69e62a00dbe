/**
 * The shared run controls as the three Studio MNIST pages show them: with their numbers (iterations, epochs,
 * speed) and, below them, the MNIST load progress while starting, the progress through the epoch and the
 * model's size.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ImageModelSpec } from '../../../generative/image-config';
import '../../run/run-controls';
import type { RunStat } from '../../run/run-controls';
import type { ImageRun } from './image-run';

/** Train/Pause/Step/Reset, the stats, the backend, the run's message and the save form for `spec`. */
export function imageRunControls(run: ImageRun, spec: ImageModelSpec, saveName: string): TemplateResult {
  return html`<pg-run-controls
    .run=${run.controller}
    .spec=${spec}
    .stats=${imageRunStats(run)}
    saveName=${saveName}
    stepTitle="one iteration"
    >${imageRunDetails(run)}</pg-run-controls
  >`;
}

function format(value: number, digits = 0): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

function imageRunStats(run: ImageRun): RunStat[] {
  const { state, controller } = run;
  return [
    { label: 'iterations', value: String(state.iteration), testid: 'stat-iteration' },
    { label: 'epochs', value: format(state.epoch, 2) },
    {
      label: 'iterations / s',
      value: controller.status === 'training' ? format(state.itersPerSec, 1) : '—',
    },
  ];
}

function imageRunDetails(run: ImageRun): TemplateResult {
  const { state, controller } = run;
  const info = state.info;
  return html`${
      controller.status === 'starting' && state.progress
        ? html`<p class="note" data-testid="loading" role="status">
            ${state.progress.text}<progress class="progress-line"></progress>
          </p>`
        : nothing
    }
    <progress
      class="progress-line"
      max="1"
      .value=${state.epoch - Math.floor(state.epoch)}
      aria-label="progress through the current epoch"
    ></progress>
    <p class="note">
      ${
        info
          ? html`${info.parameterCount.toLocaleString('en-US')} parameters ·
            ${info.trainCount.toLocaleString('en-US')} training digits (${info.batchesPerEpoch} batches an
            epoch)`
          : 'The digits load when training starts.'
      }
    </p>`;
}
