import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cardStyles } from '../../components/card-styles';
import { choiceField } from '../../components/choice-field';
import '../../components/line-chart';
import '../../components/heatmap';
import './digit-grid';
import './latent-plane';
import type { PlaneMode } from './latent-plane';
import { ImageRun } from './image-run';
import { metricChart } from './metric-chart';
import { imagePageStyles } from './image-page-styles';
import { imageRunControls } from './image-run-view';
import { DEFAULT_VAE_CONFIG, type ImageModelSpec, type VaeConfig } from '../../../generative/image-config';
import { DenseDecoder } from '../../../generative/dense-decode';
import type { VaeViews } from '../../../workers/protocol/images';

const HIDDEN_CHOICES = [128, 256, 512];
const LEARNING_RATES = [3e-4, 1e-3, 3e-3];

/**
 * #/studio/vae: a VAE with a 2-D latent space training live. Reconstructions, the test digits in latent space,
 * the decoded latent plane, a probe that decodes any point (in the page, from the streamed decoder weights), and
 * the ELBO's two terms.
 */
@customElement('pg-vae-studio')
export class VaeStudio extends LitElement {
  static override styles = [cardStyles, imagePageStyles];

  @property({ attribute: false }) route: readonly string[] = [];
  @state() private _config: VaeConfig = structuredClone(DEFAULT_VAE_CONFIG);
  @state() private _mode: PlaneMode = 'scatter';
  @state() private _probe = { x: 0, y: 0 };
  private readonly _run = new ImageRun<VaeViews>(this, {
    kind: 'vae',
    route: () => this.route,
    resumed: (config) => (this._config = config),
  });
  private _decoder: DenseDecoder | null = null;
  private _decoderWeights: unknown = null;

  private get _spec(): ImageModelSpec {
    return { kind: 'vae', config: this._config };
  }

  /** The decoder for the probe, rebuilt only when new weights arrive. */
  private _currentDecoder(): DenseDecoder | null {
    const weights = this._run.state.views?.decoder;
    if (weights && weights !== this._decoderWeights) {
      this._decoderWeights = weights;
      try {
        this._decoder = new DenseDecoder(weights);
      } catch {
        this._decoder = null;
      }
    }
    return this._decoder;
  }

  private _set<K extends keyof VaeConfig>(key: K, value: VaeConfig[K]): void {
    this._config = { ...this._config, [key]: value };
  }

  private _controls(): TemplateResult {
    // The architecture is fixed once a model is built.
    const fixed = { layout: null, disabled: this._run.ready } as const;
    const c = this._config;
    return html`<section class="card">
      <h1>Variational autoencoder</h1>
      <div class="row">
        ${choiceField('Hidden units', HIDDEN_CHOICES, c.hiddenUnits, (n) => this._set('hiddenUnits', n), fixed)}
        ${choiceField(
          'Learning rate',
          LEARNING_RATES,
          c.optimizer.learningRate,
          (learningRate) => this._set('optimizer', { ...c.optimizer, learningRate }),
          fixed,
        )}
        <label
          >Seed
          <input
            type="text"
            inputmode="numeric"
            style="width:5em"
            ?disabled=${fixed.disabled}
            .value=${String(this._config.seed)}
            @change=${(e: Event) => {
              const seed = Number((e.target as HTMLInputElement).value);
              if (Number.isInteger(seed)) this._set('seed', seed);
            }}
          />
        </label>
      </div>
      <p class="note">
        Encoder 784 → ${this._config.hiddenUnits} → (μ, log σ²) in 2-D; decoder 2 →
        ${this._config.hiddenUnits} → 784 Bernoulli pixels; Adam, batch ${this._config.batchSize}. Loss: −ELBO
        = binary cross-entropy summed over the pixels + KL(q(z|x) ‖ N(0, I)) (Kingma &amp; Welling, 2014).
        ${fixed.disabled ? 'Reset to change these.' : ''}
      </p>
      ${imageRunControls(this._run, this._spec, `VAE, iteration ${this._run.state.iteration}`)}
    </section>`;
  }

  private _reconstructions(): TemplateResult {
    const views = this._run.state.views;
    let pixels: Float32Array | null = null;
    if (views) {
      pixels = new Float32Array(views.originals.length * 2);
      pixels.set(views.originals);
      pixels.set(views.reconstruction, views.originals.length);
    }
    return html`<section class="card">
      <h2>Reconstructions</h2>
      <pg-digit-grid
        data-testid="vae-reconstructions"
        .pixels=${pixels}
        .cols=${10}
        .rowLabels=${['test', 'VAE']}
        label="test digits (top) and their reconstructions through the mean code (bottom)"
      ></pg-digit-grid>
      <p class="note">
        Top: test digits. Bottom: decoded from μ(x). Two numbers per digit are all the code holds.
      </p>
    </section>`;
  }

  private _plane(): TemplateResult {
    const views = this._run.state.views;
    const decoder = this._currentDecoder();
    const decoded = decoder ? decoder.decode([this._probe.x, this._probe.y]) : null;
    const checksum = decoded ? decoded.reduce((a, b) => a + b, 0).toFixed(3) : '';
    return html`<section class="card">
      <h2>Latent space</h2>
      <div class="row" role="radiogroup" aria-label="what the plane shows">
        <label style="flex-direction:row;align-items:center"
          ><input
            type="radio"
            name="plane"
            ?checked=${this._mode === 'scatter'}
            @change=${() => (this._mode = 'scatter')}
          />test digits at μ(x)</label
        >
        <label style="flex-direction:row;align-items:center"
          ><input
            type="radio"
            name="plane"
            data-testid="mode-grid"
            ?checked=${this._mode === 'grid'}
            @change=${() => (this._mode = 'grid')}
          />decoded grid (15 × 15 over ±3)</label
        >
      </div>
      <div class="layout" style="margin-top:8px">
        <pg-latent-plane
          .points=${views?.latent?.points ?? null}
          .labels=${views?.latent?.labels ?? null}
          .grid=${views?.grid ?? null}
          .mode=${this._mode}
          .probe=${this._probe}
          @probe=${(e: CustomEvent<{ x: number; y: number }>) => (this._probe = e.detail)}
        ></pg-latent-plane>
        <div>
          <div class="field">Decoded at z = (${this._probe.x.toFixed(2)}, ${this._probe.y.toFixed(2)})</div>
          ${
            decoded
              ? html`<pg-heatmap
                  style="width:min(100%, 224px);display:block"
                  data-testid="decoded"
                  data-z=${`${this._probe.x.toFixed(3)},${this._probe.y.toFixed(3)}`}
                  data-checksum=${checksum}
                  .values=${decoded}
                  rows="28"
                  cols="28"
                  min="0"
                  max="1"
                  label="the decoder's image at the probe"
                ></pg-heatmap>`
              : html`<p class="note">
                  Train for a moment: the decoder's weights arrive with the first full snapshot.
                </p>`
          }
          <p class="note">
            Click or drag on the plane (or focus it and use the arrow keys). The decoding runs in this page
            from the decoder's latest weights. The KL term pulls the codes towards N(0, I), so most of the
            plane within ±3 decodes to something digit-like.
          </p>
        </div>
      </div>
    </section>`;
  }

  private _charts(): TemplateResult {
    const { train, test } = this._run.state;
    return html`<section class="card">
      <h2>ELBO, per digit (nats)</h2>
      <div class="charts">
        ${metricChart(
          '−ELBO: train (batches) and test',
          '−ELBO (nats per digit)',
          [
            ['train', train, 'losses/negativeElbo'],
            ['test', test, 'test/negativeElbo'],
          ],
          'vae-elbo-chart',
        )}
        ${metricChart('Reconstruction (BCE) and KL terms', 'nats per digit', [
          ['reconstruction', train, 'losses/reconstruction'],
          ['KL', train, 'losses/kl'],
        ])}
      </div>
      <p class="note">
        −ELBO = reconstruction + KL is an upper bound on −log p(x). Test values use 1,000 held-out digits with
        one sample of z each.
      </p>
    </section>`;
  }

  override render(): TemplateResult {
    return html`<div class="layout">
        <div class="column">${this._controls()} ${this._reconstructions()}</div>
        <div class="column">${this._plane()}</div>
      </div>
      <div style="margin-top:var(--pg-gap,16px)">${this._run.ready ? this._charts() : nothing}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-vae-studio': VaeStudio;
  }
}
