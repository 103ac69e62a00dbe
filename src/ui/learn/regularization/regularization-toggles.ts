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

function checked(event: Event): boolean {
  return (event.target as HTMLInputElement).checked;
}

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
      <div>
        <label class="chips"
          ><label
            ><input
              type="checkbox"
              data-toggle="dropout"
              .checked=${t.dropout}
              @change=${(e: Event) => this._set({ dropout: checked(e) })}
            />
            Dropout</label
          ></label
        >
        <pg-slider
          label="rate"
          min="0.05"
          max="0.6"
          step="0.05"
          .value=${t.dropoutRate}
          @change-value=${(e: CustomEvent<number>) => this._set({ dropoutRate: e.detail, dropout: true })}
        ></pg-slider>
      </div>
      <div>
        <label class="chips"
          ><label
            ><input
              type="checkbox"
              data-toggle="l2"
              .checked=${t.l2}
              @change=${(e: Event) => this._set({ l2: checked(e) })}
            />
            L2 weight decay</label
          ></label
        >
        <pg-slider
          label="λ"
          min="0.0001"
          max="0.01"
          step="0.0001"
          .value=${t.lambda}
          @change-value=${(e: CustomEvent<number>) => this._set({ lambda: e.detail, l2: true })}
        ></pg-slider>
      </div>
      <div>
        <label class="chips"
          ><label
            ><input
              type="checkbox"
              data-toggle="jitter"
              .checked=${t.jitter}
              @change=${(e: Event) => this._set({ jitter: checked(e) })}
            />
            Input jitter</label
          ></label
        >
        <pg-slider
          label="σ"
          min="0.01"
          max="0.3"
          step="0.01"
          .value=${t.jitterSigma}
          @change-value=${(e: CustomEvent<number>) => this._set({ jitterSigma: e.detail, jitter: true })}
        ></pg-slider>
      </div>
      <div>
        <label class="chips"
          ><label
            ><input
              type="checkbox"
              data-toggle="early-stopping"
              .checked=${t.earlyStopping}
              @change=${(e: Event) => this._set({ earlyStopping: checked(e) })}
            />
            Early stopping</label
          ></label
        >
        <pg-slider
          label="patience (epochs)"
          min="10"
          max="500"
          step="10"
          .value=${t.patience}
          @change-value=${(e: CustomEvent<number>) => this._set({ patience: e.detail, earlyStopping: true })}
        ></pg-slider>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-regularization-toggles': RegularizationToggles;
  }
}
