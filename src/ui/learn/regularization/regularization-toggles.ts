/** The regularizers the fit can use, each a switch with its strength. */
import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { panelStyles } from '../panel-styles';
import '../../components/slider-field';

export interface Toggles {
  dropout: boolean;
  dropoutRate: number;
  l2: boolean;
  lambda: number;
  jitter: boolean;
  jitterSigma: number;
  earlyStopping: boolean;
  patience: number;
}

export const DEFAULT_TOGGLES: Toggles = {
  dropout: false,
  dropoutRate: 0.2,
  l2: false,
  lambda: 0.001,
  jitter: false,
  jitterSigma: 0.1,
  earlyStopping: false,
  patience: 200,
};

type Switch = 'dropout' | 'l2' | 'jitter' | 'earlyStopping';
type Strength = 'dropoutRate' | 'lambda' | 'jitterSigma' | 'patience';

/** Each regularizer: its switch, its label, and the slider of its strength. */
const SWITCHES: readonly {
  key: Switch;
  testid: string;
  label: string;
  strength: Strength;
  slider: { label: string; min: number; max: number; step: number };
}[] = [
  {
    key: 'dropout',
    testid: 'dropout',
    label: 'Dropout',
    strength: 'dropoutRate',
    slider: { label: 'rate', min: 0.05, max: 0.6, step: 0.05 },
  },
  {
    key: 'l2',
    testid: 'l2',
    label: 'L2 weight decay',
    strength: 'lambda',
    slider: { label: 'λ', min: 0.0001, max: 0.01, step: 0.0001 },
  },
  {
    key: 'jitter',
    testid: 'jitter',
    label: 'Input jitter',
    strength: 'jitterSigma',
    slider: { label: 'σ', min: 0.01, max: 0.3, step: 0.01 },
  },
  {
    key: 'earlyStopping',
    testid: 'early-stopping',
    label: 'Early stopping',
    strength: 'patience',
    slider: { label: 'patience (epochs)', min: 10, max: 500, step: 10 },
  },
];

/**
 * @fires toggles-change - CustomEvent<Partial<Toggles>>: what the user changed.
 */
@customElement('pg-regularization-toggles')
export class RegularizationToggles extends LitElement {
  static override styles = panelStyles;

  @property({ attribute: false }) toggles: Toggles = DEFAULT_TOGGLES;

  private _set(patch: Partial<Toggles>): void {
    this.dispatchEvent(new CustomEvent('toggles-change', { detail: patch, bubbles: true, composed: true }));
  }

  override render(): TemplateResult {
    const t = this.toggles;
    return html`<div class="controls">
      ${SWITCHES.map(
        ({ key, testid, label, strength, slider }) =>
          html`<div>
            <label class="chips"
              ><label
                ><input
                  type="checkbox"
                  data-toggle=${testid}
                  .checked=${t[key]}
                  @change=${(e: Event) => this._set({ [key]: (e.target as HTMLInputElement).checked })}
                />
                ${label}</label
              ></label
            >
            <pg-slider-field
              label=${slider.label}
              min=${slider.min}
              max=${slider.max}
              step=${slider.step}
              .value=${t[strength]}
              @change-value=${(e: CustomEvent<number>) => this._set({ [strength]: e.detail, [key]: true })}
            ></pg-slider-field>
          </div>`,
      )}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-regularization-toggles': RegularizationToggles;
  }
}
