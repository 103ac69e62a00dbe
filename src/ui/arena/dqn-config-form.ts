import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import {
  ACTIVATIONS,
  OPTIMIZERS,
  observationScaleMismatch,
  validateDqnConfig,
  type DqnConfig,
} from '../../agents/dqn-config';
import { cardStyles, fieldLook } from '../components/card-styles';

type NumberKey = {
  [K in keyof DqnConfig]: DqnConfig[K] extends number ? K : never;
}[keyof DqnConfig];
type NullableNumberKey = 'learningRateEnd' | 'pauseLearningAtReturn' | 'huberDelta' | 'maxGradNorm';
type BooleanKey = 'dueling' | 'doubleDqn' | 'prioritized';

interface NumberField {
  key: NumberKey;
  label: string;
  step?: string;
  help: string;
}

const NUMBER_FIELDS: NumberField[] = [
  { key: 'learningRate', label: 'Learning rate', step: 'any', help: 'Optimizer step size' },
  { key: 'gamma', label: 'Discount γ', step: 'any', help: 'How much future reward counts, in (0, 1]' },
  {
    key: 'nStep',
    label: 'n-step returns',
    help: 'Rewards summed per target before bootstrapping with γⁿ (1 to 20; 1 is one-step DQN)',
  },
  { key: 'batchSize', label: 'Batch size', help: 'Transitions per gradient step' },
  { key: 'bufferSize', label: 'Replay size', help: 'Transitions kept; the oldest are overwritten' },
  { key: 'learningStarts', label: 'Learning starts', help: 'Env steps collected before training' },
  { key: 'trainFreq', label: 'Train every', help: 'Env steps between training rounds' },
  { key: 'gradientSteps', label: 'Gradient steps', help: 'Gradient steps per training round' },
  { key: 'epsilonStart', label: 'ε start', step: 'any', help: 'Exploration at the start' },
  { key: 'epsilonEnd', label: 'ε end', step: 'any', help: 'Exploration after the decay' },
  {
    key: 'explorationFraction',
    label: 'ε decay fraction',
    step: 'any',
    help: 'Share of the planned steps over which ε decays',
  },
  {
    key: 'totalSteps',
    label: 'Planned steps',
    help: 'Sets the ε, learning-rate and PER β schedules; training may go on',
  },
  { key: 'seed', label: 'Seed', help: 'Seeds the network, exploration, replay and the game' },
];

/** Shown right after "Pause learning at return", the setting it belongs to. */
const PAUSE_WINDOW_FIELD: NumberField = {
  key: 'pauseLearningEpisodes',
  label: 'Pause window',
  help: 'Latest training episodes averaged for "Pause learning at return"',
};

const NULLABLE_FIELDS: { key: NullableNumberKey; label: string; help: string }[] = [
  {
    key: 'learningRateEnd',
    label: 'Final learning rate',
    help: 'Reached at the planned steps, decaying linearly; empty keeps the rate constant',
  },
  {
    key: 'pauseLearningAtReturn',
    label: 'Pause learning at return',
    help: 'Learning stops while the latest training episodes average at least this, and resumes when they fall; empty never pauses',
  },
  { key: 'huberDelta', label: 'Huber δ', help: 'Empty for plain squared error' },
  { key: 'maxGradNorm', label: 'Max grad norm', help: 'Empty for no clipping' },
];

const BOOLEAN_FIELDS: { key: BooleanKey; label: string }[] = [
  { key: 'doubleDqn', label: 'Double DQN' },
  { key: 'dueling', label: 'Dueling head' },
  { key: 'prioritized', label: 'Prioritized replay' },
];

/**
 * Every DQN hyperparameter as a form. Emits the edited config with its validation errors; nothing is applied
 * until the page says so (a change means starting the run again).
 *
 * @fires config-change - detail: { config: DqnConfig; errors: string[] }
 */
@customElement('pg-dqn-config-form')
export class DqnConfigForm extends LitElement {
  static override styles = [
    cardStyles,
    css`
      :host {
        display: block;
      }
      .fields {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
        gap: 10px 12px;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 3px;
        font-size: 0.82rem;
        color: var(--pg-muted);
      }
      label.check {
        flex-direction: row;
        align-items: center;
        gap: 6px;
        color: var(--pg-text);
      }
      input[type='number'],
      input[type='text'],
      select {
        ${fieldLook}
        font-size: 0.9rem;
        padding: 5px 8px;
      }
      ul.errors {
        margin: 10px 0 0;
        padding-left: 18px;
        color: var(--pg-bad);
        font-size: 0.85rem;
      }
    `,
  ];

  @property({ attribute: false }) config!: DqnConfig;
  @property({ type: Boolean }) disabled = false;
  /** Features in the game's observation (observationScale needs one factor each); null when unknown. */
  @property({ attribute: false }) observationSize: number | null = null;

  private _errors(config: DqnConfig): string[] {
    const errors = validateDqnConfig(config);
    const mismatch =
      this.observationSize === null ? null : observationScaleMismatch(config, this.observationSize);
    return mismatch ? [...errors, mismatch] : errors;
  }

  private _emit(config: DqnConfig): void {
    this.dispatchEvent(
      new CustomEvent('config-change', {
        detail: { config, errors: this._errors(config) },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private _set<K extends keyof DqnConfig>(key: K, value: DqnConfig[K]): void {
    this._emit({ ...this.config, [key]: value });
  }

  private _number(event: Event): number {
    const text = (event.target as HTMLInputElement).value.trim();
    return text === '' ? NaN : Number(text);
  }

  private _onHidden(event: Event): void {
    const text = (event.target as HTMLInputElement).value;
    const sizes = text
      .split(/[,\s]+/)
      .filter((part) => part.length > 0)
      .map(Number);
    this._set('hiddenSizes', sizes);
  }

  private _numberField(f: NumberField): TemplateResult {
    return html`<label title=${f.help}
      >${f.label}
      <input
        type="number"
        step=${f.step ?? '1'}
        .value=${String(this.config[f.key])}
        data-field=${f.key}
        @change=${(e: Event) => this._set(f.key, this._number(e))}
    /></label>`;
  }

  private _onObservationScale(event: Event): void {
    const text = (event.target as HTMLInputElement).value.trim();
    const parts = text.split(/[,\s]+/).filter((part) => part.length > 0);
    const none = parts.length === 0 || (parts.length === 1 && parts[0]!.toLowerCase() === 'none');
    this._set('observationScale', none ? null : parts.map(Number));
  }

  private _onTargetKind(event: Event): void {
    const kind = (event.target as HTMLSelectElement).value;
    this._set(
      'targetUpdate',
      kind === 'soft' ? { kind: 'soft', tau: 0.005 } : { kind: 'hard', interval: 500 },
    );
  }

  private _onTargetValue(event: Event): void {
    const value = this._number(event);
    const current = this.config.targetUpdate;
    this._set(
      'targetUpdate',
      current.kind === 'soft' ? { kind: 'soft', tau: value } : { kind: 'hard', interval: value },
    );
  }

  override render(): TemplateResult {
    const c = this.config;
    const errors = this._errors(c);
    const target = c.targetUpdate;
    return html`<fieldset ?disabled=${this.disabled} style="border:0;padding:0;margin:0">
      <div class="fields">
        <label title="Units per hidden layer, e.g. 64, 64"
          >Hidden layers
          <input
            type="text"
            .value=${c.hiddenSizes.join(', ')}
            @change=${this._onHidden}
            data-field="hiddenSizes"
        /></label>
        <label
          title="A power-of-two factor per observation feature, applied before the first layer (e.g. 0.5, 0.25, 4, 0.25); empty feeds observations as they are"
          >Observation scale
          <input
            type="text"
            placeholder="none"
            .value=${c.observationScale?.join(', ') ?? ''}
            @change=${this._onObservationScale}
            data-field="observationScale"
        /></label>
        <label
          >Activation
          <select
            @change=${(e: Event) => this._set('activation', (e.target as HTMLSelectElement).value as DqnConfig['activation'])}
          >
            ${ACTIVATIONS.map((a) => html`<option value=${a} ?selected=${a === c.activation}>${a}</option>`)}
          </select></label
        >
        <label
          >Optimizer
          <select
            @change=${(e: Event) => this._set('optimizer', (e.target as HTMLSelectElement).value as DqnConfig['optimizer'])}
          >
            ${OPTIMIZERS.map((o) => html`<option value=${o} ?selected=${o === c.optimizer}>${o}</option>`)}
          </select></label
        >
        ${NUMBER_FIELDS.map((f) => this._numberField(f))}
        ${NULLABLE_FIELDS.map(
          (f) =>
            html`<label title=${f.help}
                >${f.label}
                <input
                  type="number"
                  step="any"
                  placeholder="off"
                  .value=${c[f.key] === null ? '' : String(c[f.key])}
                  data-field=${f.key}
                  @change=${(e: Event) => {
                    const text = (e.target as HTMLInputElement).value.trim();
                    this._set(f.key, text === '' ? null : Number(text));
                  }}
              /></label>
              ${f.key === 'pauseLearningAtReturn' ? this._numberField(PAUSE_WINDOW_FIELD) : nothing}`,
        )}
        <label
          >Target update
          <select @change=${this._onTargetKind}>
            <option value="hard" ?selected=${target.kind === 'hard'}>hard copy every N grad steps</option>
            <option value="soft" ?selected=${target.kind === 'soft'}>soft (Polyak τ)</option>
          </select></label
        >
        <label
          >${target.kind === 'hard' ? 'Sync every' : 'τ'}
          <input
            type="number"
            step=${target.kind === 'hard' ? '1' : 'any'}
            .value=${String(target.kind === 'hard' ? target.interval : target.tau)}
            @change=${this._onTargetValue}
        /></label>
        ${BOOLEAN_FIELDS.map(
          (f) =>
            html`<label class="check"
              ><input
                type="checkbox"
                .checked=${c[f.key]}
                data-field=${f.key}
                @change=${(e: Event) => this._set(f.key, (e.target as HTMLInputElement).checked)}
              />${f.label}</label
            >`,
        )}
      </div>
      ${
        errors.length > 0
          ? html`<ul class="errors" role="alert">
              ${errors.map((e) => html`<li>${e}</li>`)}
            </ul>`
          : nothing
      }
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-dqn-config-form': DqnConfigForm;
  }
}
