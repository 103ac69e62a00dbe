import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cardStyles } from '../../components/card-styles';
import '../../components/line-chart';
import './digit-grid';
import { ImageRun } from './image-run';
import { metricChart } from './metric-chart';
import { imagePageStyles } from './image-page-styles';
import { imageRunControls } from './image-run-view';
import { helpStyles } from '../gan-settings-help';
import { selectField } from '../gan-field';
import {
  DEFAULT_DCGAN_WIDTH,
  DEFAULT_IMAGE_GAN_CONFIG,
  type Conditioning,
  type ImageGanArchitecture,
  type ImageGanConfig,
  type ImageModelSpec,
} from '../../../generative/image-config';
import type { GanViews } from '../../../workers/protocol/images';
import { errorText } from '../../../util/error-text';

const INTERPOLATION_STEPS = 10;
const CONDITIONING_TEXT: Record<Conditioning, string> = {
  none: 'none',
  'one-hot': 'one-hot label',
  embedding: 'learned label embedding',
};

/**
 * #/studio/digit-gan: a GAN learning MNIST digits live. Samples from fixed noise (the same z at every snapshot,
 * so they visibly sharpen), one row per digit when conditional; a walk between two samples; D and G's losses.
 */
@customElement('pg-digit-gan-studio')
export class DigitGanStudio extends LitElement {
  static override styles = [cardStyles, imagePageStyles, helpStyles];

  @property({ attribute: false }) route: readonly string[] = [];
  @state() private _config: ImageGanConfig = structuredClone(DEFAULT_IMAGE_GAN_CONFIG);
  /** Grid cells picked for the interpolation (at most two). */
  @state() private _picked: number[] = [];
  @state() private _walk: Float32Array | null = null;
  @state() private _walkText = '';
  private readonly _run = new ImageRun<GanViews>(this, {
    kind: 'gan',
    route: () => this.route,
    resumed: (config) => (this._config = config),
  });

  constructor() {
    super();
    // A new run (or a reset) forgets the picks and the walk of the old one.
    this._run.state.onClear = () => {
      this._picked = [];
      this._walk = null;
      this._walkText = '';
    };
  }

  private get _spec(): ImageModelSpec {
    return { kind: 'gan', config: this._config };
  }

  private _set<K extends keyof ImageGanConfig>(key: K, value: ImageGanConfig[K]): void {
    this._config = { ...this._config, [key]: value };
  }

  private _setArchitecture(architecture: ImageGanArchitecture): void {
    this._config = {
      ...this._config,
      architecture,
      width: architecture === 'mlp' ? DEFAULT_IMAGE_GAN_CONFIG.width : DEFAULT_DCGAN_WIDTH,
    };
  }

  private async _interpolate(from: number | null, to: number | null): Promise<void> {
    if (!this._run.ready) return;
    try {
      this._walk = await this._run.controller.worker.interpolate(from, to, INTERPOLATION_STEPS);
      const views = this._run.state.views;
      const name = (cell: number | null) => {
        if (cell === null) return 'a random point';
        const label = views?.rowLabels?.[Math.floor(cell / (views?.cols ?? 10))];
        return label === undefined ? `cell ${cell + 1}` : `a ${label} (cell ${cell + 1})`;
      };
      this._walkText = `From ${name(from)} to ${name(to)}`;
    } catch (error) {
      this._walkText = errorText(error);
    }
  }

  private _onCell(cell: number): void {
    const picked = this._picked.length >= 2 ? [cell] : [...this._picked, cell];
    this._picked = picked;
    if (picked.length === 2) void this._interpolate(picked[0], picked[1]);
  }

  private _controls(): TemplateResult {
    const locked = this._run.ready;
    const c = this._config;
    return html`<section class="card">
      <h1>Digit GAN</h1>
      <div class="row">
        ${selectField({
          id: 'architecture',
          help: 'architecture',
          label: 'Architecture',
          value: c.architecture,
          options: ['mlp', 'dcgan'] as const,
          optionLabel: (a) => (a === 'mlp' ? 'MLP' : 'small DCGAN'),
          testId: 'gan-architecture',
          disabled: locked,
          onChange: (architecture) => this._setArchitecture(architecture),
        })}
        ${selectField({
          id: 'conditioning',
          help: 'conditioning',
          label: 'Conditioning',
          value: c.conditioning,
          options: ['none', 'one-hot', 'embedding'] as const,
          optionLabel: (k) => CONDITIONING_TEXT[k],
          testId: 'gan-conditioning',
          disabled: locked,
          onChange: (conditioning) => this._set('conditioning', conditioning),
        })}
        ${selectField({
          id: 'digitLearningRate',
          help: 'digitLearningRate',
          label: 'Learning rate',
          value: c.generatorOptimizer.learningRate,
          options: [2e-4, 5e-4, 1e-3],
          disabled: locked,
          onChange: (learningRate) => {
            this._config = {
              ...this._config,
              generatorOptimizer: { ...c.generatorOptimizer, learningRate },
              discriminatorOptimizer: { ...c.discriminatorOptimizer, learningRate },
            };
          },
        })}
      </div>
      <p class="note">
        ${
          c.architecture === 'mlp'
            ? html`G: z (${c.noiseDim}) → ${c.width} → ${2 * c.width} → 784; D: 784 → ${2 * c.width} →
              ${c.width} → 1, leaky ReLU.`
            : html`G: z → 7×7×${2 * c.width} → upsample + conv to 14×14×${c.width} → 28×28; D: two stride-2
              convolutions (${c.width}, ${2 * c.width} channels) → 1. Convolutions are slow on the CPU
              backends (WASM, cpu): expect one or two iterations per second, and digits only after several
              minutes; the MLP draws recognisable digits within about a minute.`
        }
        Non-saturating loss with one-sided label smoothing (real = 0.9); D also sees the batch's spread
        (minibatch standard deviation), which discourages collapse onto one image. Adam (β₁ = 0.5), batch
        ${c.batchSize}.
        ${
          c.conditioning !== 'none'
            ? 'The label is concatenated to G’s noise; D is a projection discriminator (its score adds a learned per-digit vector · its last hidden layer), so each row shows its own digit within several hundred iterations.'
            : ''
        }
        ${locked ? 'Reset to change these.' : ''}
      </p>
      ${imageRunControls(this._run, this._spec, `Digit GAN (${c.architecture}), iteration ${this._run.state.iteration}`)}
    </section>`;
  }

  private _samples(): TemplateResult {
    const views = this._run.state.views;
    return html`<section class="card">
      <h2>Samples from fixed noise</h2>
      <pg-digit-grid
        data-testid="gan-samples"
        data-iteration=${this._run.state.iteration}
        .pixels=${views?.samples ?? null}
        .cols=${views?.cols ?? 10}
        .rowLabels=${views?.rowLabels ? views.rowLabels.map(String) : null}
        selectable
        .selected=${this._picked}
        @cell-select=${(e: CustomEvent<number>) => this._onCell(e.detail)}
        label="generated digits from the same noise at every snapshot; pick two to walk between them"
      ></pg-digit-grid>
      <p class="note">
        ${
          views?.rowLabels
            ? 'Each row is conditioned on its digit; each column shares one noise vector z (its “style”).'
            : '100 fixed noise vectors.'
        }
        Pick two samples to walk between them.
      </p>
    </section>`;
  }

  private _walkView(): TemplateResult {
    return html`<section class="card">
      <h2>Latent interpolation</h2>
      <div class="row">
        <button
          data-testid="random-walk"
          ?disabled=${!this._run.ready}
          @click=${() => {
            this._picked = [];
            void this._interpolate(null, null);
          }}
        >
          Two random points
        </button>
        <button
          ?disabled=${this._picked.length !== 2}
          @click=${() => void this._interpolate(this._picked[0], this._picked[1])}
        >
          Redraw with current weights
        </button>
      </div>
      ${
        this._walk
          ? html`<pg-digit-grid
                style="margin-top:8px"
                data-testid="gan-walk"
                .pixels=${this._walk}
                .cols=${INTERPOLATION_STEPS}
                label="images along a straight line between two inputs of G"
              ></pg-digit-grid>
              <p class="note">
                ${this._walkText}: ${INTERPOLATION_STEPS} points on the straight line between the two inputs
                (noise and label weights blended).
              </p>`
          : html`<p class="note">
              ${this._picked.length === 1 ? 'Now pick a second sample.' : 'Pick two samples above, or two random points.'}
            </p>`
      }
    </section>`;
  }

  private _charts(): TemplateResult {
    const { train } = this._run.state;
    return html`<section class="card">
      <h2>Losses</h2>
      <div class="charts">
        ${metricChart('D and G losses', 'loss (nats)', [
          ['D', train, 'losses/discriminator'],
          ['G', train, 'losses/generator'],
        ])}
        ${metricChart("D's mean output on real and generated digits", 'D output (probability)', [
          ['D(real)', train, 'charts/dReal'],
          ['D(G(z))', train, 'charts/dFake'],
        ])}
      </div>
      <p class="note">
        At the game’s equilibrium D outputs ½ everywhere (D loss 2 ln 2 ≈ 1.39). A D loss near 0 means D wins
        and G gets little signal.
      </p>
    </section>`;
  }

  override render(): TemplateResult {
    // Samples before charts, so that on a phone (one column) they come right after the controls.
    return html`<div class="layout">
        <div class="column">${this._controls()}</div>
        <div class="column">${this._samples()} ${this._walkView()}</div>
      </div>
      <div style="margin-top:var(--pg-gap,16px)">${this._run.ready ? this._charts() : nothing}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-digit-gan-studio': DigitGanStudio;
  }
}
