import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cardStyles } from '../../components/card-styles';
import { choiceField } from '../../components/choice-field';
import '../../components/line-chart';
import '../../components/slider-field';
import './digit-grid';
import { ImageRun } from './image-run';
import { metricChart } from './metric-chart';
import { imagePageStyles } from './image-page-styles';
import { imageRunControls } from './image-run-view';
import {
  DEFAULT_AUTOENCODER_CONFIG,
  type AutoencoderConfig,
  type ImageModelSpec,
} from '../../../generative/image-config';
import type { AutoencoderViews, ScoredDigit } from '../../../workers/protocol/images';

const BOTTLENECKS = [2, 8, 16, 32, 64];

/**
 * #/studio/autoencoder: a plain or denoising autoencoder training live. A fixed set of test digits shows the
 * encoder's (noisy) input, the reconstruction and the clean original; the test digits it reconstructs worst and
 * best show what it treats as anomalies.
 */
@customElement('pg-autoencoder-studio')
export class AutoencoderStudio extends LitElement {
  static override styles = [cardStyles, imagePageStyles];

  @property({ attribute: false }) route: readonly string[] = [];
  @state() private _config: AutoencoderConfig = structuredClone(DEFAULT_AUTOENCODER_CONFIG);
  private readonly _run = new ImageRun<AutoencoderViews>(this, {
    kind: 'autoencoder',
    route: () => this.route,
    resumed: (config) => {
      this._config = config;
      this._startNoise = config.noiseLevel;
    },
  });

  constructor() {
    super();
    // A new model starts with the noise level the form shows.
    this._run.state.onClear = () => (this._startNoise = this._config.noiseLevel);
  }

  private get _spec(): ImageModelSpec {
    // The noise level changes live without rebuilding the model: the spec that identifies a run leaves it out.
    return { kind: 'autoencoder', config: { ...this._config, noiseLevel: this._startNoise } };
  }

  private _startNoise = DEFAULT_AUTOENCODER_CONFIG.noiseLevel;

  private _set<K extends keyof AutoencoderConfig>(key: K, value: AutoencoderConfig[K]): void {
    this._config = { ...this._config, [key]: value };
  }

  private async _onNoise(sigma: number): Promise<void> {
    this._set('noiseLevel', sigma);
    if (!this._run.ready) {
      this._startNoise = sigma;
      return;
    }
    await this._run.controller.worker.setNoiseLevel(sigma);
    await this._run.refreshViews();
  }

  private _controls(): TemplateResult {
    const { denoising } = this._config;
    // The architecture is fixed once a model is built.
    const fixed = { layout: null, disabled: this._run.ready } as const;
    return html`<section class="card">
      <h1>Autoencoder</h1>
      <div class="row">
        ${choiceField(
          'Kind',
          ['plain', 'denoising'] as const,
          denoising ? 'denoising' : 'plain',
          (kind) => this._set('denoising', kind === 'denoising'),
          { ...fixed, testid: 'ae-kind' },
        )}
        ${choiceField('Bottleneck', BOTTLENECKS, this._config.bottleneck, (n) => this._set('bottleneck', n), fixed)}
      </div>
      ${
        denoising
          ? html`<pg-slider-field
              style="margin-top:10px;max-width:320px"
              label="Noise level σ (changes live)"
              min="0"
              max="1"
              step="0.05"
              .value=${this._config.noiseLevel}
              @change-value=${(e: CustomEvent<number>) => void this._onNoise(e.detail)}
            ></pg-slider-field>`
          : nothing
      }
      <p class="note">
        Encoder 784 → ${this._config.hiddenUnits} → ${this._config.bottleneck}, decoder back to 784 pixels;
        binary cross-entropy summed over the pixels, Adam.
        ${
          denoising
            ? 'Denoising: the encoder sees x + σ·ε clipped to [0, 1], and must give back the clean digit.'
            : 'Plain: input and target are the same digit.'
        }
        ${fixed.disabled ? 'Reset to change the kind or the bottleneck.' : ''}
      </p>
      ${imageRunControls(this._run, this._spec, `${denoising ? 'Denoising' : 'Plain'} autoencoder, iteration ${this._run.state.iteration}`)}
    </section>`;
  }

  private _triptych(): TemplateResult {
    const views = this._run.state.views;
    let pixels: Float32Array | null = null;
    if (views) {
      const n = views.clean.length;
      pixels = new Float32Array(3 * n);
      pixels.set(views.noisy);
      pixels.set(views.reconstruction, n);
      pixels.set(views.clean, 2 * n);
    }
    return html`<section class="card">
      <h2>Input, reconstruction, original</h2>
      <pg-digit-grid
        data-testid="ae-triptych"
        .pixels=${pixels}
        .cols=${10}
        .rowLabels=${['input', 'output', 'clean']}
        label="the encoder's input (noisy when denoising), the reconstruction, and the clean test digit"
      ></pg-digit-grid>
      <p class="note">
        The same ten test digits at every
        snapshot${views ? html`, with σ = ${views.noiseLevel.toFixed(2)}` : nothing}.
      </p>
    </section>`;
  }

  private _anomalies(): TemplateResult {
    const anomaly = this._run.state.views?.anomaly;
    const list = (digits: readonly ScoredDigit[]) =>
      html`<ol class="note" style="columns:2;margin:4px 0 0;padding-left:1.4em">
        ${digits.map((d) => html`<li>a ${d.label}: ${d.score.toFixed(4)}</li>`)}
      </ol>`;
    const column = (title: string, end: string, pixels: Float32Array, digits: readonly ScoredDigit[]) =>
      html`<div>
        <div class="field">${title}</div>
        <pg-digit-grid
          .pixels=${pixels}
          .cols=${8}
          label="test digits with the ${end} reconstruction error"
        ></pg-digit-grid>
        ${list(digits)}
      </div>`;
    return html`<section class="card">
      <h2>Anomaly scores</h2>
      <p class="note">
        Score = mean squared error of a clean test digit’s reconstruction. Over the first 1,000 test digits:
      </p>
      ${
        anomaly
          ? html`<div class="charts" data-testid="anomalies">
              ${column('Highest (most unusual)', 'highest', anomaly.highestPixels, anomaly.highest)}
              ${column('Lowest (most typical)', 'lowest', anomaly.lowestPixels, anomaly.lowest)}
            </div>`
          : html`<p class="note">Scores appear once the model has started.</p>`
      }
    </section>`;
  }

  private _charts(): TemplateResult {
    const { train, test } = this._run.state;
    return html`<section class="card">
      <h2>Reconstruction loss per digit (nats)</h2>
      ${metricChart(null, 'loss (nats per digit)', [
        ['train', train, 'losses/reconstruction'],
        ['test', test, 'test/reconstruction'],
      ])}
      <p class="note">Test: 1,000 held-out digits, with the same fixed corruption each time.</p>
    </section>`;
  }

  override render(): TemplateResult {
    return html`<div class="layout">
      <div class="column">${this._controls()} ${this._triptych()}</div>
      <div class="column">${this._anomalies()} ${this._run.ready ? this._charts() : nothing}</div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-autoencoder-studio': AutoencoderStudio;
  }
}
