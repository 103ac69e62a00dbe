import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cardStyles } from '../../components/card-styles';
import '../../components/line-chart';
import type { LineSeries } from '../../components/line-chart';
import './plane-view';
import './config-form';
import { ALL_LAYERS, type PlaneLayers } from './plane-view';
import { Gan2dRun } from './gan2d-run';
import {
  customDistribution,
  DEFAULT_CLUSTERS,
  DEFAULT_GRID,
  DEFAULT_LINE,
  DEFAULT_RING,
  DEFAULT_SPIRAL,
  DEFAULT_TWO_MOONS,
  type Bounds,
  type DistributionKind,
  type DistributionSpec,
} from '../../../generative/distributions';
import { parsePointsCsv } from '../../../generative/csv';
import { ganConfig, type GanConfig } from '../../../generative/gan-config';
import { backendLabel } from '../../../workers/backend-choice';
import { loadCheckpoint } from '../../../storage/db';
import { encodeShareLink } from '../../../storage/share-link';
import { errorText } from '../../../util/error-text';

const PRESETS: Record<Exclude<DistributionKind, 'custom'>, { label: string; spec: DistributionSpec }> = {
  ring: { label: 'Ring of 8 Gaussians', spec: DEFAULT_RING },
  grid: { label: '5 × 5 grid of Gaussians', spec: DEFAULT_GRID },
  'two-moons': { label: 'Two moons', spec: DEFAULT_TWO_MOONS },
  spiral: { label: 'Spiral', spec: DEFAULT_SPIRAL },
  line: { label: 'Line', spec: DEFAULT_LINE },
  clusters: { label: 'Four uneven clusters', spec: DEFAULT_CLUSTERS },
};
const KINDS = [...(Object.keys(PRESETS) as DistributionKind[]), 'custom' as const];
const SPEEDS: { label: string; value: number }[] = [
  { label: 'as fast as possible', value: 0 },
  { label: '1,000 it/s', value: 1000 },
  { label: '200 it/s', value: 200 },
  { label: '50 it/s', value: 50 },
  { label: '10 it/s', value: 10 },
  { label: '2 it/s', value: 2 },
];
const LAYER_LABELS: Record<keyof PlaneLayers, string> = {
  heatmap: 'D’s heat map',
  real: 'Real samples',
  fake: 'Generated samples',
  manifold: 'G’s manifold',
  arrows: 'Gradient arrows',
};
/** Charts redraw at most this often: enough to look live, cheap for the main thread. */
const CHART_MS = 250;
/** Jitter around each of the user's points, as a share of the points' extent (at least 0.02). */
const CUSTOM_JITTER = 0.02;
const DRAW_BOX: Bounds = { xMin: -3, xMax: 3, yMin: -3, yMax: 3 };
const MAX_DRAWN = 2000;

function mean(values: Float32Array, offset: number): number {
  let sum = 0;
  for (let i = offset; i < values.length; i += 2) sum += values[i];
  return sum / Math.max(1, values.length / 2);
}

/**
 * The 2-D GAN lab: a generator learns to imitate a 2-D distribution (a preset, points you draw, or a CSV)
 * while a discriminator learns to tell its samples from real ones, live, in the studio worker.
 */
@customElement('pg-gan2d-lab')
export class Gan2dLab extends LitElement {
  static override styles = [
    cardStyles,
    css`
      :host {
        display: block;
      }
      .bar {
        display: flex;
        gap: 8px 12px;
        flex-wrap: wrap;
        align-items: end;
      }
      label.field {
        display: grid;
        gap: 2px;
        font-size: 0.8rem;
        color: var(--pg-muted);
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 560px) minmax(0, 1fr);
        gap: var(--pg-gap);
        margin-top: var(--pg-gap);
        align-items: start;
      }
      @media (max-width: 900px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .charts {
        display: grid;
        gap: 12px;
        min-width: 0;
      }
      .layers {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
        margin: 8px 0 4px;
        font-size: 0.85rem;
      }
      .legend {
        display: flex;
        align-items: center;
        gap: 8px;
        font-size: 0.8rem;
        color: var(--pg-muted);
        flex-wrap: wrap;
      }
      .scale {
        width: 140px;
        height: 10px;
        border-radius: 4px;
        background: linear-gradient(
          to right,
          rgba(147, 51, 234, 0.67),
          rgba(147, 51, 234, 0),
          rgba(22, 163, 74, 0),
          rgba(22, 163, 74, 0.67)
        );
        border: 1px solid var(--pg-border);
      }
      .dot {
        display: inline-block;
        width: 9px;
        height: 9px;
        border-radius: 50%;
        vertical-align: middle;
      }
      .stats {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 16px;
        font-size: 0.85rem;
        margin-top: 10px;
      }
      .stats b {
        font-variant-numeric: tabular-nums;
      }
      .card + .card,
      .layout + .card {
        margin-top: var(--pg-gap);
      }
      input.text {
        font: inherit;
        padding: 6px 8px;
        border-radius: 6px;
        border: 1px solid var(--pg-border);
        background: var(--pg-surface);
        color: var(--pg-text);
        min-width: 0;
      }
      input.link {
        width: 100%;
        font-family: var(--pg-mono);
        font-size: 0.75rem;
      }
      p {
        line-height: 1.5;
        max-width: 75ch;
      }
      details summary {
        cursor: pointer;
        font-weight: 600;
      }
      .ok {
        color: var(--pg-good);
      }
    `,
  ];

  /** The route after the section id, e.g. ['resume', '<checkpoint id>']. */
  @property({ attribute: false }) rest: readonly string[] = [];

  @state() private _kind: DistributionKind = 'ring';
  @state() private _config: GanConfig = ganConfig();
  @state() private _layers: PlaneLayers = { ...ALL_LAYERS };
  @state() private _speed = 0;
  @state() private _drawing = false;
  @state() private _drawn: number[] = [];
  @state() private _drawBounds: Bounds = DRAW_BOX;
  @state() private _csvError: string | null = null;
  @state() private _notice: { ok: boolean; text: string } | null = null;
  @state() private _shareUrl: string | null = null;
  @state() private _saveName = '';
  @state() private _charts: {
    loss: LineSeries[];
    lossX: number[];
    quality: LineSeries[];
    divergence: LineSeries[];
    metricX: number[];
  } = {
    loss: [],
    lossX: [],
    quality: [],
    divergence: [],
    metricX: [],
  };
  @state() private _tick = 0;

  private _run: Gan2dRun | null = null;
  private _chartTimer = 0;
  private _resumed = '';
  private _fresh = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this._run = new Gan2dRun({ config: this._config, distribution: DEFAULT_RING }, () => this._onRunChange());
    // A fresh run (and worker) each time the page is shown: set it up on the next update.
    this._fresh = true;
    this._resumed = '';
  }

  override disconnectedCallback(): void {
    this._run?.dispose();
    this._run = null;
    clearTimeout(this._chartTimer);
    this._chartTimer = 0;
    super.disconnectedCallback();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('rest') && !this._fresh) return;
    this._fresh = false;
    const [verb, id] = this.rest;
    if (verb === 'resume' && id) {
      if (id !== this._resumed) {
        this._resumed = id;
        void this._resume(id);
      }
    } else if (!this._run?.snapshot && this._run?.status === 'idle') {
      void this._start();
    }
  }

  private get run(): Gan2dRun {
    return this._run!;
  }

  private _onRunChange(): void {
    if (!this._run) return; // a late message from a worker this page already ended
    this._tick++;
    if (!this._chartTimer) this._chartTimer = window.setTimeout(() => this._refreshCharts(), CHART_MS);
  }

  private _refreshCharts(): void {
    this._chartTimer = 0;
    if (!this._run) return;
    const s = this._run.series;
    this._charts = {
      lossX: s.lossIteration.slice(),
      loss: [
        { label: 'D loss', values: s.dLoss.slice(), color: '--pg-series-1' },
        { label: 'G loss', values: s.gLoss.slice(), color: '--pg-series-2' },
      ],
      metricX: s.metricIteration.slice(),
      quality:
        s.coverage.length > 0
          ? [
              { label: 'modes covered (share)', values: s.coverage.slice(), color: '--pg-series-3' },
              { label: 'high-quality samples', values: s.highQuality.slice(), color: '--pg-series-4' },
            ]
          : [],
      divergence: [
        { label: 'JS (nats)', values: s.js.slice(), color: '--pg-series-1' },
        { label: 'KL (nats)', values: s.kl.slice(), color: '--pg-series-2' },
      ],
    };
  }

  private _spec(): { config: GanConfig; distribution: DistributionSpec } {
    if (this._kind === 'custom') {
      const extent = this._drawn.length >= 2 ? customDistribution(this._drawn).bounds : DRAW_BOX;
      const jitter = Math.max(0.02, CUSTOM_JITTER * (extent.xMax - extent.xMin) * 0.25);
      return {
        config: this._config,
        distribution: {
          kind: 'custom',
          points: this._drawn.slice(),
          jitter: Math.round(jitter * 1000) / 1000,
        },
      };
    }
    return { config: this._config, distribution: PRESETS[this._kind].spec };
  }

  private async _start(): Promise<void> {
    this._shareUrl = null;
    const run = this.run;
    try {
      await run.start(this._spec());
      this._refreshCharts();
    } catch {
      // The run shows its message.
    }
  }

  private async _resume(id: string): Promise<void> {
    const run = this.run; // held across awaits: the page may be left meanwhile
    try {
      const checkpoint = await loadCheckpoint(id);
      const name = await run.restore(checkpoint);
      const spec = run.spec;
      this._config = spec.config;
      this._kind = spec.distribution.kind;
      if (spec.distribution.kind === 'custom') {
        this._drawn = spec.distribution.points.slice();
        this._drawBounds = customDistribution(this._drawn).bounds;
      }
      this._drawing = false;
      this._refreshCharts();
      this._notice = {
        ok: true,
        text: `Resumed “${name}” at iteration ${run.snapshot?.iteration.toLocaleString('en-US') ?? 0}.`,
      };
    } catch (error) {
      this._notice = { ok: false, text: `Cannot resume this checkpoint: ${errorText(error)}` };
      if (!run.snapshot && this._run === run) {
        run.status = 'idle';
        void this._start();
      }
    }
  }

  private async _onKind(event: Event): Promise<void> {
    this._kind = (event.target as HTMLSelectElement).value as DistributionKind;
    this._csvError = null;
    if (this._kind === 'custom') {
      await this.run.pause();
      this._drawing = true;
      return;
    }
    this._drawing = false;
    await this._start();
  }

  private async _onConfig(event: CustomEvent<GanConfig>): Promise<void> {
    this._config = event.detail;
    if (this._kind === 'custom' && this._drawn.length < 2) return;
    await this._start();
  }

  private _onAddPoint(event: CustomEvent<{ x: number; y: number }>): void {
    if (this._drawn.length / 2 >= MAX_DRAWN) return;
    this._drawn = [...this._drawn, event.detail.x, event.detail.y];
  }

  private async _trainOnDrawn(): Promise<void> {
    if (this._drawn.length < 2) {
      this._csvError = 'Draw at least one point first (click or drag on the plane), or load a CSV.';
      return;
    }
    this._drawing = false;
    const run = this.run;
    await this._start();
    if (run.status === 'paused') run.train();
  }

  private async _onCsv(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this._csvError = null;
    try {
      if (file.size > 2_000_000)
        throw new Error(`The file is ${file.size} bytes; at most 2,000,000 are read`);
      const { points } = parsePointsCsv(await file.text());
      this._kind = 'custom';
      this._drawn = points;
      this._drawBounds = customDistribution(points).bounds;
      this._drawing = false;
      await this._start();
      this._notice = { ok: true, text: `Loaded ${points.length / 2} points from “${file.name}”.` };
    } catch (error) {
      this._csvError = `Cannot use “${file.name}”: ${errorText(error)}`;
    }
  }

  private async _onSpeed(event: Event): Promise<void> {
    this._speed = Number((event.target as HTMLSelectElement).value);
    await this.run.setSpeed(this._speed);
  }

  private async _onReset(): Promise<void> {
    const run = this.run;
    await this._start();
    await run.setSpeed(this._speed);
  }

  private async _onSave(): Promise<void> {
    const iteration = this.run.snapshot?.iteration ?? 0;
    const name =
      this._saveName.trim() ||
      `2-D GAN on ${this._kind === 'custom' ? 'my points' : PRESETS[this._kind].label} — ${iteration.toLocaleString('en-US')} it`;
    try {
      const { record } = await this.run.save(name);
      this._notice = {
        ok: true,
        text: `Saved “${record.name}” at iteration ${record.counters.gradientSteps.toLocaleString('en-US')}.`,
      };
    } catch (error) {
      this._notice = { ok: false, text: `Not saved: ${errorText(error)}` };
    }
  }

  private async _onShare(): Promise<void> {
    try {
      const checkpoint = await this.run.checkpoint(
        `Shared 2-D GAN (${this._kind === 'custom' ? 'my points' : PRESETS[this._kind].label})`,
      );
      const link = encodeShareLink(checkpoint, { quantization: 'float16' });
      const url = `${location.origin}${location.pathname}${location.search}${link.hash}`;
      this._shareUrl = url;
      this._notice = link.fits
        ? {
            ok: true,
            text: `Share link ready: ${url.length.toLocaleString('en-US')} characters (float16 weights).`,
          }
        : {
            ok: false,
            text: `This link is ${url.length.toLocaleString('en-US')} characters: too long for many apps. Save the run and export it as a file instead.`,
          };
    } catch (error) {
      this._notice = { ok: false, text: `Cannot make a link: ${errorText(error)}` };
    }
  }

  private async _copyShare(): Promise<void> {
    if (!this._shareUrl) return;
    try {
      await navigator.clipboard.writeText(this._shareUrl);
      this._notice = { ok: true, text: 'Link copied.' };
    } catch {
      this._notice = { ok: false, text: 'The browser refused the clipboard: select the link and copy it.' };
    }
  }

  private _toggleLayer(key: keyof PlaneLayers): void {
    this._layers = { ...this._layers, [key]: !this._layers[key] };
  }

  override render(): TemplateResult {
    if (!this._run) return html``;
    const run = this._run;
    const snap = run.snapshot;
    const busy = run.status === 'starting';
    const training = run.status === 'training';
    const lossKind = snap?.grid.kind ?? 'probability';
    return html`
      <p>
        Two small networks play a game on the plane. The <b>generator G</b> turns random noise into points and
        tries to put them where the real data lies; the <b>discriminator D</b> looks at a point and scores how
        real it seems. Each training iteration updates D (k times) to tell real from generated better, then G
        to fool the updated D. Watch the generated points (purple) move onto the real ones (green).
      </p>
      <section class="card">
        <div class="bar">
          <label class="field"
            >Target
            <select data-testid="distribution" .value=${this._kind} @change=${this._onKind} ?disabled=${busy}>
              ${KINDS.map(
                (k) =>
                  html`<option value=${k} ?selected=${k === this._kind}>
                    ${k === 'custom' ? 'Your own points (draw or CSV)' : PRESETS[k].label}
                  </option>`,
              )}
            </select></label
          >
          <button
            class="primary"
            data-testid="train"
            ?disabled=${busy || training || this._drawing}
            @click=${() => this.run.train()}
          >
            Train
          </button>
          <button data-testid="pause" ?disabled=${!training} @click=${() => this.run.pause()}>Pause</button>
          <button
            data-testid="step"
            ?disabled=${busy || training || this._drawing}
            @click=${() => this.run.step()}
            title="One iteration: k D steps and one G step"
          >
            Step
          </button>
          <button data-testid="reset" ?disabled=${busy || this._drawing} @click=${this._onReset}>
            Reset
          </button>
          <label class="field"
            >Speed
            <select data-testid="speed" @change=${this._onSpeed}>
              ${SPEEDS.map(
                (s) =>
                  html`<option value=${s.value} ?selected=${s.value === this._speed}>${s.label}</option>`,
              )}
            </select></label
          >
        </div>
        ${this._renderStats()}
        ${
          run.message
            ? html`<p
                class=${run.status === 'diverged' || run.status === 'crashed' ? 'error' : 'small'}
                role="alert"
                data-testid="run-message"
              >
                ${run.message}
              </p>`
            : nothing
        }
        ${
          this._notice
            ? html`<p class=${this._notice.ok ? 'small' : 'error'} role="status" data-testid="gan-notice">
                ${this._notice.text}
                ${
                  this._notice.ok && this._notice.text.startsWith('Saved')
                    ? html`<a href="#/checkpoints">Open checkpoints</a>`
                    : nothing
                }
              </p>`
            : nothing
        }
      </section>
      ${this._kind === 'custom' ? this._renderCustom() : nothing}
      <div class="layout">
        <section class="card">
          <pg-gan2d-plane
            data-testid="plane"
            .frame=${snap}
            .layers=${this._layers}
            .drawing=${this._drawing}
            .drawn=${this._drawn}
            .drawBounds=${this._drawBounds}
            @add-point=${this._onAddPoint}
          ></pg-gan2d-plane>
          <div class="layers" role="group" aria-label="Layers">
            ${(Object.keys(LAYER_LABELS) as (keyof PlaneLayers)[]).map(
              (key) =>
                html`<label
                  ><input
                    type="checkbox"
                    data-testid="layer-${key}"
                    .checked=${this._layers[key]}
                    @change=${() => this._toggleLayer(key)}
                  />
                  ${LAYER_LABELS[key]}</label
                >`,
            )}
          </div>
          <div class="legend">
            <span><span class="dot" style="background:rgb(22,163,74)"></span> real</span>
            <span><span class="dot" style="background:rgb(147,51,234)"></span> generated</span>
            <span>D says:</span>
            <span>${lossKind === 'probability' ? '“generated” (0)' : 'low score'}</span>
            <span class="scale" aria-hidden="true"></span>
            <span>${lossKind === 'probability' ? '“real” (1)' : 'high score'}</span>
          </div>
        </section>
        <div class="charts">
          <section class="card">
            <pg-line-chart
              data-testid="loss-chart"
              heading="Losses"
              xLabel="iteration"
              .x=${this._charts.lossX}
              .series=${this._charts.loss}
              .height=${160}
            ></pg-line-chart>
          </section>
          <section class="card">
            ${
              this._charts.quality.length > 0
                ? html`<pg-line-chart
                    data-testid="quality-chart"
                    heading="Mode coverage and sample quality"
                    xLabel="iteration"
                    .x=${this._charts.metricX}
                    .series=${this._charts.quality}
                    .height=${140}
                  ></pg-line-chart>`
                : html`<p class="small muted">
                    This target is not a mixture of Gaussians: there are no modes to count. The divergence
                    below still measures the fit.
                  </p>`
            }
            <p class="small muted">
              A mode counts as covered when at least 1% of 2,000 generated samples lie within 3σ of its
              centre; high-quality samples are those within 3σ of any centre. Measured every 250 iterations.
            </p>
          </section>
          <section class="card">
            <pg-line-chart
              data-testid="divergence-chart"
              heading="Divergence between real and generated (30 × 30 grid)"
              xLabel="iteration"
              .x=${this._charts.metricX}
              .series=${this._charts.divergence}
              .height=${140}
            ></pg-line-chart>
          </section>
        </div>
      </div>
      <section class="card">
        <details>
          <summary>Networks and training settings</summary>
          <p class="small muted">Changing a setting starts a new run with it.</p>
          <pg-gan2d-config
            .config=${this._config}
            ?disabled=${busy}
            @config-change=${this._onConfig}
          ></pg-gan2d-config>
        </details>
      </section>
      <section class="card">
        <h2>Keep or share this run</h2>
        <div class="bar">
          <input
            class="text"
            aria-label="Checkpoint name"
            placeholder="Name (optional)"
            maxlength="200"
            .value=${this._saveName}
            @input=${(e: Event) => (this._saveName = (e.target as HTMLInputElement).value)}
          />
          <button data-testid="save" ?disabled=${busy || !snap} @click=${this._onSave}>
            Save checkpoint
          </button>
          <button data-testid="share" ?disabled=${busy || !snap} @click=${this._onShare}>Share link</button>
        </div>
        ${
          this._shareUrl
            ? html`<div class="bar" style="margin-top:8px">
                <input
                  class="text link"
                  readonly
                  aria-label="Share link"
                  data-testid="share-link"
                  .value=${this._shareUrl}
                />
                <button @click=${this._copyShare}>Copy</button>
              </div>`
            : nothing
        }
      </section>
      <section class="card">
        <h2>Reading the plane</h2>
        <p class="small">
          The coloured background is D’s opinion of every point of the plane: green where it would call a
          point real, purple where it would call it generated, clear where it cannot tell. With the
          Wasserstein or least-squares games D gives a score instead of a probability, so the colours show its
          range in the current frame. G can only learn through D: each arrow shows where G’s next update
          pushes a generated point (uphill on D’s surface). The manifold is G applied to an even grid of
          noise: where its cells stretch, G spreads its samples thin; where they bunch up, it piles them on.
          When D wins too easily its surface goes flat far from the data and G stops learning; when G piles
          everything onto one cluster and D chases it round, you see mode collapse: the coverage chart drops.
        </p>
      </section>
    `;
  }

  private _renderStats(): TemplateResult {
    const run = this.run;
    const snap = run.snapshot;
    const b = run.backend;
    return html`<div
      class="stats"
      data-testid="gan-stats"
      data-status=${run.status}
      data-iterations=${snap?.iteration ?? 0}
      data-loss-points=${run.series.dLoss.length}
      data-backend=${b?.active ?? ''}
      data-modes-covered=${run.modes?.covered ?? ''}
      data-fake-mean=${snap ? `${mean(snap.fake, 0).toFixed(4)},${mean(snap.fake, 1).toFixed(4)}` : ''}
      data-target=${run.spec.distribution.kind}
    >
      <span>Status <b>${run.status}</b></span>
      <span>Iteration <b>${(snap?.iteration ?? 0).toLocaleString('en-US')}</b></span>
      <span
        >Speed
        <b>${snap && snap.iterationsPerSec > 0 ? `${Math.round(snap.iterationsPerSec)} it/s` : '—'}</b></span
      >
      <span>Modes <b>${run.modes ? `${run.modes.covered} / ${run.modes.total}` : '—'}</b></span>
      <span title=${b?.why ?? ''}>Backend <b>${b ? backendLabel(b.active) : '…'}</b></span>
    </div>`;
  }

  private _renderCustom(): TemplateResult {
    const count = this._drawn.length / 2;
    return html`<section class="card" style="margin-top:var(--pg-gap)">
      <h2>Your own distribution</h2>
      <p class="small">
        ${
          this._drawing
            ? 'Click or drag on the plane to add points, then train the GAN on them.'
            : 'Training on your points. Draw again to change them.'
        }
        Or load a CSV file with two columns, x and y (an optional header line is fine).
      </p>
      <div class="bar">
        <span class="small" data-testid="drawn-count">${count} point${count === 1 ? '' : 's'}</span>
        <button data-testid="draw" ?disabled=${this._drawing} @click=${this._startDrawing}>
          Draw points
        </button>
        <button data-testid="clear-points" ?disabled=${count === 0} @click=${this._clearDrawn}>Clear</button>
        <button
          class="primary"
          data-testid="train-drawn"
          ?disabled=${count === 0}
          @click=${this._trainOnDrawn}
        >
          Train on my points
        </button>
        <label class="field"
          >Load CSV
          <input type="file" accept=".csv,text/csv,text/plain" data-testid="csv" @change=${this._onCsv}
        /></label>
      </div>
      ${
        this._csvError
          ? html`<p class="error" role="alert" data-testid="csv-error">${this._csvError}</p>`
          : nothing
      }
    </section>`;
  }

  private async _startDrawing(): Promise<void> {
    await this.run.pause();
    this._drawing = true;
  }

  private _clearDrawn(): void {
    this._drawn = [];
    this._drawBounds = DRAW_BOX;
    this._drawing = true;
    this._csvError = null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-gan2d-lab': Gan2dLab;
  }
}
