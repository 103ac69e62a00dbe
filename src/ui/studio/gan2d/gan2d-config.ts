import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cardStyles } from '../../components/card-styles';
import { GAN_HELP, helpStyles, helpText } from '../gan-settings-help';
import {
  GAN_ACTIVATIONS,
  GAN_LOSSES,
  GAN_OPTIMIZERS,
  lossDefaults,
  NOISE_KINDS,
  validateGanConfig,
  type GanConfig,
  type GanLoss,
  type MlpConfig,
  type GanOptimizerConfig,
} from '../../../generative/gan-config';

const LOSS_LABELS: Record<GanLoss, string> = {
  minimax: 'Minimax (original)',
  'non-saturating': 'Non-saturating',
  'least-squares': 'Least squares (LSGAN)',
  'wasserstein-gp': 'Wasserstein + gradient penalty',
};

type Net = 'generator' | 'discriminator';
type Opt = 'generatorOptimizer' | 'discriminatorOptimizer';

/**
 * Every field of the GAN's config. A change that passes validation is sent at once (the page starts a new
 * run with it); one that does not is shown with the validator's message and not sent.
 *
 * @fires config-change - detail: the new, valid GanConfig
 */
@customElement('pg-gan2d-config')
export class Gan2dConfigForm extends LitElement {
  static override styles = [
    cardStyles,
    helpStyles,
    css`
      :host {
        display: block;
      }
      fieldset {
        border: 1px solid var(--pg-border);
        border-radius: 8px;
        padding: 8px 10px 10px;
        margin: 0 0 10px;
        min-width: 0;
      }
      legend {
        font-weight: 600;
        font-size: 0.9rem;
        padding: 0 4px;
      }
      .fields {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
        gap: 8px 10px;
      }
      .field {
        display: grid;
        gap: 3px;
        align-content: start;
      }
      label {
        display: grid;
        gap: 2px;
        font-size: 0.8rem;
        color: var(--pg-muted);
      }
      input,
      select {
        font: inherit;
        font-size: 0.9rem;
        color: var(--pg-text);
        background: var(--pg-surface);
        border: 1px solid var(--pg-border);
        border-radius: 6px;
        padding: 5px 6px;
        min-width: 0;
      }
      input:focus-visible {
        outline: 2px solid var(--pg-accent);
        outline-offset: 1px;
      }
    `,
  ];

  @property({ attribute: false }) config!: GanConfig;
  @property({ type: Boolean }) disabled = false;
  @state() private _errors: string[] = [];

  private _emit(next: GanConfig): void {
    const errors = validateGanConfig(next);
    this._errors = errors;
    if (errors.length > 0) return;
    this.dispatchEvent(new CustomEvent('config-change', { detail: next, bubbles: true, composed: true }));
  }

  private _number(event: Event): number {
    const input = event.target as HTMLInputElement;
    return input.value.trim() === '' ? NaN : Number(input.value);
  }

  private _net(net: Net, key: keyof MlpConfig, value: string | number): void {
    this._emit({ ...this.config, [net]: { ...this.config[net], [key]: value } });
  }

  private _opt(opt: Opt, key: keyof GanOptimizerConfig, value: string | number): void {
    this._emit({ ...this.config, [opt]: { ...this.config[opt], [key]: value } });
  }

  private _onLoss(event: Event): void {
    const loss = (event.target as HTMLSelectElement).value as GanLoss;
    // A game comes with its usual settings (WGAN-GP: k = 5, Adam β₂ = 0.9, no R1).
    this._emit({ ...this.config, ...lossDefaults(loss) });
  }

  private _netFields(net: Net, title: string): TemplateResult {
    const c = this.config[net];
    return html`<fieldset>
      <legend>${title}</legend>
      <div class="fields">
        <div class="field" title=${GAN_HELP.hiddenLayers}>
          <label
            >Hidden layers
            <input
              aria-describedby="help-${net}-hiddenLayers"
              type="number"
              min="0"
              max="8"
              step="1"
              .value=${String(c.hiddenLayers)}
              data-testid="${net}-layers"
              @change=${(e: Event) => this._net(net, 'hiddenLayers', this._number(e))} /></label
          >${helpText(`help-${net}-hiddenLayers`, 'hiddenLayers')}
        </div>
        <div class="field" title=${GAN_HELP.hiddenUnits}>
          <label
            >Units per layer
            <input
              aria-describedby="help-${net}-hiddenUnits"
              type="number"
              min="1"
              max="512"
              step="1"
              .value=${String(c.hiddenUnits)}
              data-testid="${net}-units"
              @change=${(e: Event) => this._net(net, 'hiddenUnits', this._number(e))} /></label
          >${helpText(`help-${net}-hiddenUnits`, 'hiddenUnits')}
        </div>
        <div class="field" title=${GAN_HELP.activation}>
          <label
            >Activation
            <select
              aria-describedby="help-${net}-activation"
              .value=${c.activation}
              @change=${(e: Event) => this._net(net, 'activation', (e.target as HTMLSelectElement).value)}
            >
              ${GAN_ACTIVATIONS.map((a) => html`<option value=${a} ?selected=${a === c.activation}>${a}</option>`)}
            </select></label
          >${helpText(`help-${net}-activation`, 'activation')}
        </div>
      </div>
    </fieldset>`;
  }

  private _optFields(opt: Opt, title: string): TemplateResult {
    const c = this.config[opt];
    return html`<fieldset>
      <legend>${title}</legend>
      <div class="fields">
        <div class="field" title=${GAN_HELP.optimizer}>
          <label
            >Optimizer
            <select
              aria-describedby="help-${opt}-optimizer"
              .value=${c.name}
              @change=${(e: Event) => this._opt(opt, 'name', (e.target as HTMLSelectElement).value)}
            >
              ${GAN_OPTIMIZERS.map((o) => html`<option value=${o} ?selected=${o === c.name}>${o}</option>`)}
            </select></label
          >${helpText(`help-${opt}-optimizer`, 'optimizer')}
        </div>
        <div class="field" title=${GAN_HELP.learningRate}>
          <label
            >Learning rate
            <input
              aria-describedby="help-${opt}-learningRate"
              type="number"
              min="0"
              step="any"
              .value=${String(c.learningRate)}
              data-testid="${opt}-lr"
              @change=${(e: Event) => this._opt(opt, 'learningRate', this._number(e))} /></label
          >${helpText(`help-${opt}-learningRate`, 'learningRate')}
        </div>
      </div>
    </fieldset>`;
  }

  override render(): TemplateResult {
    const c = this.config;
    return html`<fieldset ?disabled=${this.disabled} style="border:0;padding:0;margin:0">
      ${this._netFields('generator', 'Generator G')} ${this._netFields('discriminator', 'Discriminator D')}
      <fieldset>
        <legend>Game</legend>
        <div class="fields">
          <div class="field" title=${GAN_HELP.loss}>
            <label
              >Loss
              <select
                aria-describedby="help-loss"
                .value=${c.loss}
                data-testid="loss"
                @change=${this._onLoss}
              >
                ${GAN_LOSSES.map((l) => html`<option value=${l} ?selected=${l === c.loss}>${LOSS_LABELS[l]}</option>`)}
              </select></label
            >${helpText(`help-loss`, 'loss')}
          </div>
          <div class="field" title=${GAN_HELP.discriminatorSteps}>
            <label
              >D steps per G step (k)
              <input
                aria-describedby="help-discriminatorSteps"
                type="number"
                min="1"
                max="20"
                step="1"
                .value=${String(c.discriminatorSteps)}
                @change=${(e: Event) => this._emit({ ...c, discriminatorSteps: this._number(e) })} /></label
            >${helpText(`help-discriminatorSteps`, 'discriminatorSteps')}
          </div>
          <div class="field" title=${GAN_HELP.batchSize}>
            <label
              >Batch size
              <input
                aria-describedby="help-batchSize"
                type="number"
                min="1"
                max="4096"
                step="1"
                .value=${String(c.batchSize)}
                data-testid="batch"
                @change=${(e: Event) => this._emit({ ...c, batchSize: this._number(e) })} /></label
            >${helpText(`help-batchSize`, 'batchSize')}
          </div>
          <div class="field" title=${GAN_HELP.r1}>
            <label
              >R1 penalty γ
              <input
                aria-describedby="help-r1"
                type="number"
                min="0"
                step="any"
                .value=${String(c.r1Weight)}
                @change=${(e: Event) => this._emit({ ...c, r1Weight: this._number(e) })} /></label
            >${helpText(`help-r1`, 'r1')}
          </div>
          <div class="field" title=${GAN_HELP.noiseDim}>
            <label
              >Noise dimensions
              <input
                aria-describedby="help-noiseDim"
                type="number"
                min="1"
                max="16"
                step="1"
                .value=${String(c.noiseDim)}
                data-testid="noise-dim"
                @change=${(e: Event) => this._emit({ ...c, noiseDim: this._number(e) })} /></label
            >${helpText(`help-noiseDim`, 'noiseDim')}
          </div>
          <div class="field" title=${GAN_HELP.noise}>
            <label
              >Noise
              <select
                aria-describedby="help-noise"
                .value=${c.noise}
                @change=${(e: Event) =>
                  this._emit({ ...c, noise: (e.target as HTMLSelectElement).value as GanConfig['noise'] })}
              >
                ${NOISE_KINDS.map((n) => html`<option value=${n} ?selected=${n === c.noise}>${n}</option>`)}
              </select></label
            >${helpText(`help-noise`, 'noise')}
          </div>
          <div class="field" title=${GAN_HELP.seed}>
            <label
              >Seed
              <input
                aria-describedby="help-seed"
                type="number"
                step="1"
                .value=${String(c.seed)}
                @change=${(e: Event) => this._emit({ ...c, seed: this._number(e) })} /></label
            >${helpText(`help-seed`, 'seed')}
          </div>
        </div>
      </fieldset>
      ${this._optFields('generatorOptimizer', 'G’s optimizer')}
      ${this._optFields('discriminatorOptimizer', 'D’s optimizer')}
      ${
        this._errors.length > 0
          ? html`<p class="error" role="alert" data-testid="config-error">${this._errors.join(' ')}</p>`
          : nothing
      }
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-gan2d-config': Gan2dConfigForm;
  }
}
