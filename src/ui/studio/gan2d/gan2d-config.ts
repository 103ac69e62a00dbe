import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cardStyles, fieldLook } from '../../components/card-styles';
import { helpStyles } from '../gan-settings-help';
import { numberField, selectField, type NumberFieldSpec } from '../gan-field';
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
type GameNumber = 'discriminatorSteps' | 'batchSize' | 'r1Weight' | 'noiseDim' | 'seed';
type NumberRow = Omit<NumberFieldSpec, 'id' | 'value' | 'onChange'>;

/** The bounds of the game's number settings; `help` is also the help line's id (help-<help>). */
const GAME_NUMBERS: Record<GameNumber, NumberRow> = {
  discriminatorSteps: {
    help: 'discriminatorSteps',
    label: 'D steps per G step (k)',
    min: 1,
    max: 20,
    step: 1,
  },
  batchSize: { help: 'batchSize', label: 'Batch size', min: 1, max: 4096, step: 1, testId: 'batch' },
  r1Weight: { help: 'r1', label: 'R1 penalty γ', min: 0, step: 'any' },
  noiseDim: { help: 'noiseDim', label: 'Noise dimensions', min: 1, max: 16, step: 1, testId: 'noise-dim' },
  seed: { help: 'seed', label: 'Seed', step: 1 },
};

const ACTIVATION = { help: 'activation', label: 'Activation', options: GAN_ACTIVATIONS } as const;
const OPTIMIZER = { help: 'optimizer', label: 'Optimizer', options: GAN_OPTIMIZERS } as const;

/** Each network's size settings; the test id is prefixed with the network's name. */
const NET_NUMBERS = {
  hiddenLayers: { label: 'Hidden layers', min: 0, max: 8, step: 1, testId: 'layers' },
  hiddenUnits: { label: 'Units per layer', min: 1, max: 512, step: 1, testId: 'units' },
} as const;

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
      label {
        display: grid;
        gap: 2px;
        font-size: 0.8rem;
        color: var(--pg-muted);
      }
      input,
      select {
        ${fieldLook}
        font-size: 0.9rem;
        padding: 5px 6px;
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

  private _net(net: Net, key: keyof MlpConfig, value: string | number): void {
    this._emit({ ...this.config, [net]: { ...this.config[net], [key]: value } });
  }

  private _opt(opt: Opt, key: keyof GanOptimizerConfig, value: string | number): void {
    this._emit({ ...this.config, [opt]: { ...this.config[opt], [key]: value } });
  }

  private _netFields(net: Net, title: string): TemplateResult {
    const c = this.config[net];
    return html`<fieldset>
      <legend>${title}</legend>
      <div class="fields">
        ${(['hiddenLayers', 'hiddenUnits'] as const).map((key) =>
          numberField({
            ...NET_NUMBERS[key],
            id: `${net}-${key}`,
            help: key,
            value: c[key],
            testId: `${net}-${NET_NUMBERS[key].testId}`,
            onChange: (value) => this._net(net, key, value),
          }),
        )}
        ${selectField({ ...ACTIVATION, id: `${net}-activation`, value: c.activation, onChange: (v) => this._net(net, 'activation', v) })}
      </div>
    </fieldset>`;
  }

  private _optFields(opt: Opt, title: string): TemplateResult {
    const c = this.config[opt];
    return html`<fieldset>
      <legend>${title}</legend>
      <div class="fields">
        ${selectField({ ...OPTIMIZER, id: `${opt}-optimizer`, value: c.name, onChange: (v) => this._opt(opt, 'name', v) })}
        ${numberField({
          id: `${opt}-learningRate`,
          help: 'learningRate',
          label: 'Learning rate',
          min: 0,
          step: 'any',
          value: c.learningRate,
          testId: `${opt}-lr`,
          onChange: (value) => this._opt(opt, 'learningRate', value),
        })}
      </div>
    </fieldset>`;
  }

  private _gameNumber(key: GameNumber): TemplateResult {
    const row = GAME_NUMBERS[key];
    return numberField({
      ...row,
      id: row.help,
      value: this.config[key],
      onChange: (value) => this._emit({ ...this.config, [key]: value }),
    });
  }

  override render(): TemplateResult {
    const c = this.config;
    return html`<fieldset ?disabled=${this.disabled} style="border:0;padding:0;margin:0">
      ${this._netFields('generator', 'Generator G')} ${this._netFields('discriminator', 'Discriminator D')}
      <fieldset>
        <legend>Game</legend>
        <div class="fields">
          ${selectField({
            id: 'loss',
            help: 'loss',
            label: 'Loss',
            value: c.loss,
            options: GAN_LOSSES,
            optionLabel: (loss) => LOSS_LABELS[loss],
            testId: 'loss',
            // A game comes with its usual settings (WGAN-GP: k = 5, Adam β₂ = 0.9, no R1).
            onChange: (loss) => this._emit({ ...c, ...lossDefaults(loss) }),
          })}
          ${(['discriminatorSteps', 'batchSize', 'r1Weight', 'noiseDim'] as const).map((key) => this._gameNumber(key))}
          ${selectField({
            id: 'noise',
            help: 'noise',
            label: 'Noise',
            value: c.noise,
            options: NOISE_KINDS,
            onChange: (noise) => this._emit({ ...c, noise }),
          })}
          ${this._gameNumber('seed')}
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
