import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { proxy } from 'comlink';
import { WorkerController } from '../components/worker-controller';
import { systemPageStyles } from './system-styles';
import '../components/bar-chart';
import '../components/line-chart';
import type { Bar } from '../components/bar-chart';
import { createSystemWorker } from '../../workers/system-client';
import type { SystemApi } from '../../workers/protocol/system';
import {
  BACKENDS,
  isBackendPreference,
  type BackendBenchmark,
  type BackendName,
  type BackendPreference,
  type BackendReport,
  type BenchProgress,
  type BenchStats,
  type TinyTrainProgress,
} from '../../workers/protocol';
import { DEFAULT_PROFILE, backendLabel, formatMs, passedOverReason } from '../../workers/backend-choice';
import {
  clearMeasurements,
  loadBackendPreference,
  loadCachedMeasurement,
  saveBackendPreference,
  saveMeasurement,
} from '../../storage/settings';
import { errorText } from '../../util/error-text';

type Busy = 'init' | 'tiny' | 'bench' | null;
const TINY_STEPS = 40;

/** Which tfjs backend the workers use and why, a switch to force one, and a device benchmark. */
@customElement('pg-system-page')
export class SystemPage extends LitElement {
  static override styles = systemPageStyles;

  private readonly _worker = new WorkerController<SystemApi>(this, createSystemWorker);

  @state() private _preference: BackendPreference = loadBackendPreference();
  @state() private _report: BackendReport | null = null;
  @state() private _error: string | null = null;
  @state() private _busy: Busy = null;
  @state() private _tinyLosses: number[] = [];
  @state() private _tinyBackend: BackendName | null = null;
  @state() private _benchProgress: BenchProgress | null = null;
  @state() private _bench: BackendBenchmark[] | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this._init();
  }

  private async _run<T>(busy: Exclude<Busy, null>, job: () => Promise<T>): Promise<T | undefined> {
    this._busy = busy;
    this._error = null;
    try {
      return await job();
    } catch (error) {
      this._error = errorText(error);
      return undefined;
    } finally {
      this._busy = null;
    }
  }

  private async _init(): Promise<void> {
    const cached = loadCachedMeasurement(DEFAULT_PROFILE.key);
    const report = await this._run('init', () =>
      this._worker.api.init({ preference: this._preference, profile: DEFAULT_PROFILE, cached }),
    );
    if (!report) return;
    this._report = report;
    if (report.measurement && report.measurement.measuredAt !== cached?.measuredAt)
      saveMeasurement(report.measurement);
  }

  private _onPreferenceChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (!isBackendPreference(value)) return;
    this._preference = value;
    saveBackendPreference(value);
    this._tinyLosses = [];
    void this._init();
  }

  private _onRemeasure(): void {
    clearMeasurements();
    void this._init();
  }

  private async _onTrainTiny(): Promise<void> {
    this._tinyLosses = [];
    this._tinyBackend = null;
    const result = await this._run('tiny', () =>
      this._worker.api.trainTiny(
        TINY_STEPS,
        // Progress comes through the callback's own port and may arrive after the result: ignore it then.
        proxy(({ loss }: TinyTrainProgress) => {
          if (this._busy === 'tiny') this._tinyLosses = [...this._tinyLosses, loss];
        }),
      ),
    );
    if (result) {
      this._tinyLosses = result.losses;
      this._tinyBackend = result.backend;
    }
  }

  private async _onBenchmark(): Promise<void> {
    this._bench = null;
    this._benchProgress = null;
    const results = await this._run('bench', () =>
      this._worker.api.benchmark(proxy((progress: BenchProgress) => (this._benchProgress = progress))),
    );
    if (results) this._bench = results;
  }

  private _onRestartWorker(): void {
    this._worker.restart();
    void this._init();
  }

  override render(): TemplateResult {
    return html`
      <h1>System</h1>
      <p class="muted">
        Training runs in web workers on a TensorFlow.js backend. Here you see which one, why, and how fast
        each backend is on this device.
      </p>
      ${
        this._worker.crashMessage
          ? html`<p class="error" role="alert">
              The system worker crashed: ${this._worker.crashMessage}
              <button @click=${this._onRestartWorker}>Restart it</button>
            </p>`
          : nothing
      }
      ${this._error ? html`<p class="error" role="alert" data-testid="system-error">${this._error}</p>` : nothing}
      <div class="grid">
        ${this._renderBackendCard()} ${this._renderProbeCard()} ${this._renderTinyCard()}
        ${this._renderBenchCard()} ${this._renderBrowserCard()}
      </div>
    `;
  }

  private _renderBackendCard(): TemplateResult {
    const report = this._report;
    return html`<section
      class="card"
      data-testid="backend-card"
      data-active-backend=${report?.active ?? ''}
      data-state=${this._busy === 'init' ? 'busy' : report ? 'ready' : 'idle'}
    >
      <h2>Backend in use</h2>
      <div class="active" data-testid="active-backend">
        ${this._busy === 'init' ? 'Choosing…' : report ? backendLabel(report.active) : '—'}
      </div>
      <p class="small">
        ${this._busy === 'init' ? 'Trying each backend for real and timing a training step…' : (report?.why ?? '')}
      </p>
      <div class="controls">
        <label for="pref">Backend</label>
        <select
          id="pref"
          data-testid="backend-select"
          @change=${this._onPreferenceChange}
          ?disabled=${this._busy !== null}
        >
          <option value="auto" ?selected=${this._preference === 'auto'}>Auto (fastest measured)</option>
          ${BACKENDS.map(
            (b) =>
              html`<option value=${b} ?selected=${this._preference === b}>
                ${backendLabel(b)} (forced)
              </option>`,
          )}
        </select>
        ${
          this._preference === 'auto'
            ? html`<button @click=${this._onRemeasure} ?disabled=${this._busy !== null}>
                Measure again
              </button>`
            : nothing
        }
      </div>
      <p class="small muted">Your choice is remembered in this browser and used by every training worker.</p>
    </section>`;
  }

  private _renderProbeCard(): TemplateResult {
    const report = this._report;
    const measurement = report?.measurement;
    const bars: Bar[] = BACKENDS.map((backend) => {
      const ms = measurement?.stepMs[backend];
      const probe = report?.probes.find((p) => p.backend === backend);
      return {
        label: backendLabel(backend),
        value: ms ?? null,
        highlight: backend === report?.active,
        note:
          ms === undefined
            ? probe?.ok === false
              ? 'unavailable'
              : 'not measured'
            : measurement?.cutShort.includes(backend)
              ? 'best of a few warm steps; far slower, so not timed further'
              : undefined,
      };
    });
    return html`<section class="card" data-testid="probe-card">
      <h2>Backends tried</h2>
      <table>
        <thead>
          <tr>
            <th>Backend</th>
            <th>Status</th>
            <th>Start-up</th>
          </tr>
        </thead>
        <tbody>
          ${BACKENDS.map((backend) => {
            const probe = report?.probes.find((p) => p.backend === backend);
            const reason = report
              ? passedOverReason(backend, report.active, report.probes, measurement, report.preference)
              : null;
            return html`<tr data-backend=${backend} data-ok=${probe ? String(probe.ok) : ''}>
              <td>${backendLabel(backend)}</td>
              <td>
                ${
                  !probe
                    ? html`<span class="muted">${reason ?? '…'}</span>`
                    : backend === report?.active
                      ? html`<span class="ok">✓ in use</span>`
                      : probe.ok
                        ? html`<span class="ok">✓</span> <span class="muted">${reason}</span>`
                        : html`<span class="fail">✗</span> ${reason}`
                }
              </td>
              <td>${probe ? formatMs(probe.initMs) : ''}</td>
            </tr>`;
          })}
        </tbody>
      </table>
      ${
        measurement
          ? html`<div style="margin-top:14px">
              <pg-bar-chart
                heading="Training step, ${DEFAULT_PROFILE.layers.join('-')} MLP, batch ${DEFAULT_PROFILE.batch} (median)"
                .bars=${bars}
              ></pg-bar-chart>
              <p class="small muted">Measured ${new Date(measurement.measuredAt).toLocaleString()}.</p>
            </div>`
          : report
            ? html`<p class="small muted">
                A forced backend is used as it is, without measuring the others.
              </p>`
            : nothing
      }
    </section>`;
  }

  private _renderTinyCard(): TemplateResult {
    const losses = this._tinyLosses;
    const done = this._busy !== 'tiny' && losses.length === TINY_STEPS;
    return html`<section
      class="card"
      data-testid="tiny-card"
      data-state=${done ? 'done' : this._busy === 'tiny' ? 'running' : 'idle'}
      data-first-loss=${losses[0] ?? ''}
      data-last-loss=${losses.at(-1) ?? ''}
      data-backend=${this._tinyBackend ?? ''}
    >
      <h2>Check that it learns</h2>
      <p class="small muted">
        Trains a small network (2-16-16-1) to fit a curved surface for ${TINY_STEPS} steps on the backend in
        use. The loss should fall.
      </p>
      <div class="controls">
        <button
          class="primary"
          data-testid="train-tiny"
          @click=${this._onTrainTiny}
          ?disabled=${this._busy !== null || !this._report}
        >
          ${this._busy === 'tiny' ? `Training… ${losses.length}/${TINY_STEPS}` : 'Train a tiny model'}
        </button>
        ${
          done && this._tinyBackend
            ? html`<span class="small"
                >Loss ${losses[0]!.toFixed(4)} → ${losses.at(-1)!.toFixed(4)} on
                ${backendLabel(this._tinyBackend)}</span
              >`
            : nothing
        }
      </div>
      <pg-line-chart
        heading="Training loss (MSE)"
        yLabel="loss"
        logY
        .series=${[{ label: 'loss', values: losses }]}
      ></pg-line-chart>
    </section>`;
  }

  private _renderBenchCard(): TemplateResult {
    const progress = this._benchProgress;
    const chart = (heading: string, pick: (b: BackendBenchmark) => BenchStats | undefined): TemplateResult =>
      html` <pg-bar-chart
        heading=${heading}
        .bars=${(this._bench ?? []).map((b) => ({
          label: backendLabel(b.backend),
          value: pick(b)?.medianMs ?? null,
          note: b.ok ? `${pick(b)?.runs ?? 0} runs` : b.reason,
          highlight: b.backend === this._report?.active,
        }))}
      ></pg-bar-chart>`;
    return html`<section
      class="card"
      data-testid="bench-card"
      data-state=${this._bench ? 'done' : this._busy === 'bench' ? 'running' : 'idle'}
    >
      <h2>Benchmark this device</h2>
      <p class="small muted">
        Times a 512×512 matrix product, one training step of a 4-64-64-2 network on a batch of 64, and a
        single forward pass with its read-back, on every backend, inside a worker. Median of repeated runs;
        lower is faster.
      </p>
      <div class="controls">
        <button
          class="primary"
          data-testid="run-bench"
          @click=${this._onBenchmark}
          ?disabled=${this._busy !== null}
        >
          ${this._busy === 'bench' ? 'Benchmarking…' : 'Benchmark this device'}
        </button>
      </div>
      ${
        this._busy === 'bench' && progress
          ? html`<progress max="1" value=${progress.fraction}></progress>
              <p class="small muted">${backendLabel(progress.backend)}: ${progress.task}</p>`
          : nothing
      }
      ${
        this._bench
          ? html`<div class="bench-charts">
              ${chart('512×512 matmul', (b) => b.matmul512)}
              ${chart('MLP training step (4-64-64-2, batch 64)', (b) => b.mlpTrainStep)}
              ${chart('Batch-1 forward pass + read-back', (b) => b.forwardBatch1)}
            </div>`
          : nothing
      }
    </section>`;
  }

  private _renderBrowserCard(): TemplateResult {
    return html`<section class="card">
      <h2>This browser</h2>
      <dl>
        <dt>CPU threads</dt>
        <dd>${navigator.hardwareConcurrency ?? 'unknown'}</dd>
        <dt>WebGPU API</dt>
        <dd>${'gpu' in navigator ? 'present' : 'absent'}</dd>
        <dt>Cross-origin isolated</dt>
        <dd>${crossOriginIsolated ? 'yes' : 'no (WASM runs single-threaded)'}</dd>
        <dt>User agent</dt>
        <dd class="small muted">${navigator.userAgent}</dd>
      </dl>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-system-page': SystemPage;
  }
}
