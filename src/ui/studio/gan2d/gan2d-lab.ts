/**
 * The 2-D GAN lab: a generator learns to imitate a 2-D distribution (a preset, points you draw, or a CSV)
 * while a discriminator learns to tell its samples from real ones, live, in the studio worker. The page lays
 * out views of one run controller; the run's lifecycle lives in src/ui/run.
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cardStyles, pageHeadStyles } from '../../components/card-styles';
import '../../run/run-controls';
import './gan2d-plane';
import './gan2d-config';
import './gan2d-charts';
import './gan2d-custom-points';
import './gan2d-share';
import type { PointsLoaded } from './gan2d-custom-points';
import { ALL_LAYERS, type PlaneLayers } from './gan2d-plane';
import { RunController } from '../../run/run-controller';
import type { RunStat } from '../../run/run-controls';
import { gan2dPort, type Gan2dPort } from './gan2d-port';
import { Gan2dRunState } from './gan2d-run-state';
import { gan2dLabStyles } from './gan2d-lab-styles';
import { GAN_HELP, helpStyles, helpText } from '../gan-settings-help';
import {
  DRAW_BOX,
  drawnSpec,
  KINDS,
  LAYER_LABELS,
  MAX_DRAWN,
  PRESETS,
  SPEEDS,
  targetLabel,
} from './gan2d-presets';
import { customDistribution, type Bounds, type DistributionKind } from '../../../generative/distributions';
import { ganConfig, type GanConfig } from '../../../generative/gan-config';
import type { Gan2dRunSpec, Gan2dSnapshot } from '../../../workers/protocol/studio';

function mean(values: Float32Array, offset: number): number {
  let sum = 0;
  for (let i = offset; i < values.length; i += 2) sum += values[i];
  return sum / Math.max(1, values.length / 2);
}

@customElement('pg-gan2d-lab')
export class Gan2dLab extends LitElement {
  static override styles = [cardStyles, pageHeadStyles, gan2dLabStyles, helpStyles];

  /** The route after the section id, e.g. ['resume', '<checkpoint id>']. */
  @property({ attribute: false }) route: readonly string[] = [];

  @state() private _kind: DistributionKind = 'ring';
  @state() private _config: GanConfig = ganConfig();
  @state() private _layers: PlaneLayers = { ...ALL_LAYERS };
  @state() private _speed = 0;
  @state() private _drawing = false;
  @state() private _drawn: number[] = [];
  @state() private _drawBounds: Bounds = DRAW_BOX;
  @state() private _notice: { ok: boolean; text: string } | null = null;

  private readonly _state = new Gan2dRunState();
  private readonly _run = new RunController<Gan2dRunSpec, Gan2dSnapshot>(this, {
    port: gan2dPort,
    state: this._state,
    activity: 'Training a 2-D GAN',
  });
  /** The checkpoint this page last resumed (a route change to another id resumes again). */
  private _resumed = '';

  private get _port(): Gan2dPort {
    return this._run.worker as Gan2dPort;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('route')) return;
    const [verb, id] = this.route;
    if (verb === 'resume' && id) {
      if (id !== this._resumed) void this._resume(id);
    } else if (this._run.status === 'idle') {
      void this._start();
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Shown again after leaving: the controller ended its worker; build a fresh run.
    if (this.hasUpdated && this._run.status === 'idle') void this._start();
  }

  private _spec(): Gan2dRunSpec {
    const distribution =
      this._kind === 'custom'
        ? drawnSpec(this._drawn, this._drawn.length >= 2 ? customDistribution(this._drawn).bounds : DRAW_BOX)
        : PRESETS[this._kind].spec;
    return { config: this._config, distribution };
  }

  /** A fresh run of the form's spec (the old one stops first; a refused spec says why). */
  private async _start(): Promise<boolean> {
    if (!(await this._run.start(this._spec()))) return false;
    if (this._speed > 0) await this._port.setSpeed(this._speed);
    return true;
  }

  private async _resume(id: string): Promise<void> {
    this._resumed = id;
    const spec = await this._run.resume(id);
    if (!spec) {
      this._notice = { ok: false, text: this._run.message ?? 'Cannot resume this checkpoint.' };
      if (this.isConnected) void this._start();
      return;
    }
    this._config = spec.config;
    this._kind = spec.distribution.kind;
    if (spec.distribution.kind === 'custom') {
      this._drawn = spec.distribution.points.slice();
      this._drawBounds = customDistribution(this._drawn).bounds;
    }
    this._drawing = false;
    const iteration = this._state.snapshot?.iteration ?? 0;
    this._notice = {
      ok: true,
      text: `${this._run.saved?.text ?? 'Resumed.'} At iteration ${iteration.toLocaleString('en-US')}.`,
    };
  }

  private async _onKind(event: Event): Promise<void> {
    this._kind = (event.target as HTMLSelectElement).value as DistributionKind;
    this._notice = null;
    if (this._kind === 'custom') {
      // New data: what the old run measured (iterations, losses, coverage, the plane) goes with it.
      await this._run.reset();
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
    this._forgetRun();
  }

  private async _onDraw(): Promise<void> {
    await this._run.pause();
    this._drawing = true;
  }

  /** The drawn points changed: a run trained on the old ones no longer describes the data. */
  private _forgetRun(): void {
    if (this._run.status !== 'idle') void this._run.reset();
  }

  private _onClearPoints(): void {
    this._forgetRun();
    this._drawn = [];
    this._drawBounds = DRAW_BOX;
    this._drawing = true;
  }

  private async _onTrainDrawn(): Promise<void> {
    this._drawing = false;
    if (await this._start()) this._run.train();
  }

  private async _onPointsLoaded(event: CustomEvent<PointsLoaded>): Promise<void> {
    const { points, fileName } = event.detail;
    this._kind = 'custom';
    this._drawn = points;
    this._drawBounds = customDistribution(points).bounds;
    this._drawing = false;
    await this._start();
    this._notice = { ok: true, text: `Loaded ${points.length / 2} points from “${fileName}”.` };
  }

  private async _onSpeed(event: Event): Promise<void> {
    this._speed = Number((event.target as HTMLSelectElement).value);
    if (this._run.ready) await this._port.setSpeed(this._speed);
  }

  private _toggleLayer(key: keyof PlaneLayers): void {
    this._layers = { ...this._layers, [key]: !this._layers[key] };
  }

  private _stats(): RunStat[] {
    const snap = this._state.snapshot;
    const modes = this._state.modes;
    return [
      {
        label: 'iterations',
        value: (snap?.iteration ?? 0).toLocaleString('en-US'),
        testid: 'stat-iteration',
      },
      {
        label: 'iterations / s',
        value:
          snap && snap.iterationsPerSec > 0 ? Math.round(snap.iterationsPerSec).toLocaleString('en-US') : '—',
      },
      { label: 'modes covered', value: modes ? `${modes.covered} / ${modes.total}` : '—' },
    ];
  }

  override render(): TemplateResult {
    const run = this._run;
    const snap = this._state.snapshot;
    const busy = run.status === 'starting';
    const iteration = snap?.iteration ?? 0;
    return html`
      <h1>2-D GAN lab</h1>
      <p>
        Two small networks play a game on the plane. The <b>generator G</b> turns random noise into points and
        tries to put them where the real data lies; the <b>discriminator D</b> looks at a point and scores how
        real it seems. Each training iteration updates D (k times) to tell real from generated better, then G
        to fool the updated D. Watch the generated points (purple) move onto the real ones (green).
      </p>
      <section class="card">
        <div
          data-testid="gan-stats"
          data-status=${run.status}
          data-iterations=${iteration}
          data-loss-points=${this._state.series.dLoss.length}
          data-backend=${run.backend?.active ?? ''}
          data-modes-covered=${this._state.modes?.covered ?? ''}
          data-fake-mean=${snap ? `${mean(snap.fake, 0).toFixed(4)},${mean(snap.fake, 1).toFixed(4)}` : ''}
          data-target=${run.spec?.distribution.kind ?? this._kind}
        >
          <pg-run-controls
            .run=${run}
            .spec=${this._spec()}
            .stats=${this._stats()}
            .resetAction=${() => void this._start()}
            ?disabled=${this._drawing}
            stepTitle="one iteration: k D steps and one G step"
            saveName=${`2-D GAN on ${targetLabel(this._kind)} — ${iteration.toLocaleString('en-US')} it`}
          >
            <div class="help-field" slot="actions" title=${GAN_HELP.target}>
              <label class="field"
                >Target
                <select
                  aria-describedby="help-target"
                  data-testid="distribution"
                  .value=${this._kind}
                  @change=${this._onKind}
                  ?disabled=${busy}
                >
                  ${KINDS.map(
                    (k) =>
                      html`<option value=${k} ?selected=${k === this._kind}>
                        ${k === 'custom' ? 'Your own points (draw or CSV)' : PRESETS[k].label}
                      </option>`,
                  )}
                </select></label
              >${helpText('help-target', 'target')}
            </div>
            <div class="help-field" slot="actions" title=${GAN_HELP.speed}>
              <label class="field"
                >Speed
                <select aria-describedby="help-speed" data-testid="speed" @change=${this._onSpeed}>
                  ${SPEEDS.map(
                    (s) =>
                      html`<option value=${s.value} ?selected=${s.value === this._speed}>${s.label}</option>`,
                  )}
                </select></label
              >${helpText('help-speed', 'speed')}
            </div>
          </pg-run-controls>
        </div>
        ${
          this._notice
            ? html`<p class=${this._notice.ok ? 'small' : 'error'} role="status" data-testid="gan-notice">
                ${this._notice.text}
              </p>`
            : nothing
        }
      </section>
      ${
        this._kind === 'custom'
          ? html`<pg-gan2d-custom-points
              .points=${this._drawn}
              ?drawing=${this._drawing}
              @draw=${this._onDraw}
              @clear-points=${this._onClearPoints}
              @train-drawn=${this._onTrainDrawn}
              @points-loaded=${this._onPointsLoaded}
            ></pg-gan2d-custom-points>`
          : nothing
      }
      <div class="layout">
        ${this._renderPlane(snap)}
        <pg-gan2d-charts .series=${this._state.series} .version=${run.version}></pg-gan2d-charts>
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
      <pg-gan2d-share
        .run=${run}
        name=${`Shared 2-D GAN (${targetLabel(this._kind)})`}
        ?disabled=${busy || !snap}
      ></pg-gan2d-share>
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

  private _renderPlane(snap: Gan2dSnapshot | null): TemplateResult {
    const kind = snap?.grid.kind ?? 'probability';
    return html`<section class="card">
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
        <span>${kind === 'probability' ? '“generated” (0)' : 'low score'}</span>
        <span class="scale" aria-hidden="true"></span>
        <span>${kind === 'probability' ? '“real” (1)' : 'high score'}</span>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-gan2d-lab': Gan2dLab;
  }
}
