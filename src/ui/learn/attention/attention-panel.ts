import { LitElement, html, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { DEFAULT_TRANSFORMER, type TransformerTrainerConfig } from '../../../learn/transformer-config';
import { parseDigits, type DigitTaskKind } from '../../../learn/digit-tasks';
import type { AttnUpdate, TransformerSpec } from '../../../workers/protocol/learn';
import { errorText } from '../../../util/error-text';
import type { LineSeries } from '../../components/line-chart';
import { RunController } from '../../run/run-controller';
import { panelStyles } from '../panel-styles';
import { LiveRun } from '../live-run';
import { AttentionRunState, attentionPort, type AttentionPort } from './attention-run';
import '../../components/line-chart';
import '../../run/run-controls';
import '../panel-frame';
import './attention-try';
import './positional-encoding';

function defaultInput(length: number): string {
  return [3, 1, 4, 1, 5, 9, 2, 6].slice(0, length).join(' ');
}

/** Learn panel 9: a tiny transformer learns to reverse or sort digits; its attention maps, live. */
@customElement('pg-attention-panel')
export class LearnAttentionPanel extends LitElement {
  static override styles = panelStyles;

  @state() private _config: TransformerTrainerConfig = { ...DEFAULT_TRANSFORMER };
  @state() private _text = defaultInput(DEFAULT_TRANSFORMER.length);
  @state() private _inputError: string | null = null;
  /** Route after #/learn/attention, e.g. ['resume', '<checkpoint id>']. */
  @property({ attribute: false }) route: readonly string[] = [];

  private readonly _state = new AttentionRunState((input) => this._matchesInput(input));
  private readonly _run = new RunController<TransformerSpec, AttnUpdate, AttentionPort>(this, {
    port: (onCrash) => attentionPort(onCrash, this._state),
    state: this._state,
    activity: 'Training the transformer in Learn',
  });
  /** Keeps a model built (or the route's checkpoint resumed) for the views to show. */
  private readonly _live = new LiveRun(this, this._run, {
    spec: () => this._spec(),
    route: () => this.route,
    resumed: (spec) => this._onResumed(spec),
    steps: () => this._state.steps,
  });

  /** The config and the typed digits if they fit the model, else the default input. */
  private _spec(): TransformerSpec {
    let probe: number[];
    try {
      probe = parseDigits(this._text, this._config.length);
    } catch {
      probe = parseDigits(defaultInput(this._config.length), this._config.length);
    }
    return { config: { ...this._config }, probe };
  }

  /** A resumed model's config and input; training and the charts continue from its step. */
  private _onResumed(spec: TransformerSpec): void {
    this._config = spec.config;
    this._text = spec.probe.join(' ');
    this._inputError = null;
  }

  private _matchesInput(input: readonly number[]): boolean {
    try {
      return parseDigits(this._text, this._config.length).join() === input.join();
    } catch {
      return true;
    }
  }

  private async _onInput(event: CustomEvent<string>): Promise<void> {
    this._text = event.detail;
    let tokens: number[];
    try {
      tokens = parseDigits(this._text, this._config.length);
      this._inputError = null;
    } catch (error) {
      this._inputError = errorText(error);
      return;
    }
    if (!this._run.ready) return;
    try {
      const inspection = await this._run.worker.inspect(tokens);
      if (this._matchesInput(inspection.input)) {
        this._state.inspection = inspection;
        this._run.changed();
      }
    } catch (error) {
      this._inputError = errorText(error);
    }
  }

  private _change<K extends keyof TransformerTrainerConfig>(
    key: K,
    value: TransformerTrainerConfig[K],
  ): void {
    const config = { ...this._config, [key]: value };
    if (config.dModel % config.heads !== 0) config.heads = 1;
    this._config = config;
    if (key === 'length') {
      this._text = defaultInput(config.length);
      this._inputError = null;
    }
    void this._live.restart();
  }

  override render(): TemplateResult {
    const c = this._config;
    return html`<pg-panel-frame heading="Transformers & self-attention">
      ${this._renderIntro()}
      <div class="stack">
        ${this._renderControls()}
        <div class="cols">
          ${this._renderCurves()}
          <section class="card wide" id="try">
            <pg-attention-try
              .inspection=${this._state.inspection}
              .task=${c.task}
              .length=${c.length}
              .text=${this._text}
              .inputError=${this._inputError}
              @input-text=${this._onInput}
            ></pg-attention-try>
          </section>
          <section class="card wide">
            <pg-positional-encoding .dModel=${c.dModel} .length=${c.length}></pg-positional-encoding>
          </section>
        </div>
      </div>
    </pg-panel-frame>`;
  }

  private _renderIntro(): TemplateResult {
    return html`<div slot="intro">
      <p>
        Self-attention lets every position of a sequence look at every other position in one step, instead of
        passing a state along as a recurrent network does. Each position makes a query, a key and a value; the
        weights that mix the values are softmax(QKᵀ/√d<sub>k</sub>): how well this position's query matches
        each key, scaled so the softmax does not saturate as d<sub>k</sub> grows (Vaswani et al. 2017).
        Several heads do this in parallel on smaller projections and can each follow a different pattern.
      </p>
      <p>
        Attention by itself ignores order, so a positional encoding is added to each token's embedding: sines
        and cosines of the position at wavelengths from 2π to 10000·2π, one pair per two dimensions.
      </p>
      <p class="small muted">
        The model here is encoder-only and non-autoregressive: it reads the ${this._config.length} digits and
        predicts every output digit at once (cross-entropy per position). Pre-LN blocks: x + Attention(LN(x)),
        then x + FFN(LN(x)), with a ReLU FFN of width 4·d<sub>model</sub>. Trained with Adam (learning rate
        ${this._config.learningRate}, batches of ${this._config.batchSize} fresh random sequences) in a web
        worker.
      </p>
    </div>`;
  }

  private _select(
    label: string,
    key: 'task' | 'layers' | 'heads' | 'dModel' | 'length',
    options: readonly (string | number)[],
  ): TemplateResult {
    const value = this._config[key];
    return html`<label class="select"
      >${label}
      <select
        aria-label=${label}
        @change=${(event: Event) => {
          const raw = (event.target as HTMLSelectElement).value;
          if (key === 'task') this._change('task', raw as DigitTaskKind);
          else this._change(key, Number(raw));
        }}
      >
        ${options.map(
          (option) =>
            html`<option
              value=${option}
              ?selected=${option === value}
              ?disabled=${key === 'heads' && this._config.dModel % Number(option) !== 0}
            >
              ${option}
            </option>`,
        )}
      </select>
    </label>`;
  }

  private _renderControls(): TemplateResult {
    const c = this._config;
    return html`<section class="card">
      <div class="controls">
        ${this._select('Task', 'task', ['reverse', 'sort'])}
        ${this._select('Sequence length', 'length', [4, 5, 6, 7, 8])}
        ${this._select('Layers', 'layers', [1, 2])} ${this._select('Heads', 'heads', [1, 2, 4])}
        ${this._select('d_model', 'dModel', [16, 32])}
      </div>
      <pg-run-controls
        style="margin-top: 12px"
        .run=${this._run}
        .spec=${this._run.spec ?? this._spec()}
        .stats=${[{ label: 'step', value: String(this._state.steps), testid: 'attn-steps' }]}
        saveName=${`Transformer, ${c.task} ${c.length} digits`}
        stepTitle="one step"
      >
        <p class="note">
          Changing a setting builds a fresh
          model.${this._live.resumedAt !== null ? ` Resumed from a checkpoint at step ${this._live.resumedAt}.` : ''}
        </p>
      </pg-run-controls>
    </section>`;
  }

  private _renderCurves(): TemplateResult {
    const s = this._state;
    const last = s.loss.length - 1;
    const loss: LineSeries[] = [{ label: 'loss', values: s.loss }];
    const accuracy: LineSeries[] = [
      { label: 'whole sequence right', values: s.sequenceAccuracy, color: '--pg-series-1' },
      { label: 'digits right', values: s.tokenAccuracy, color: '--pg-series-3' },
    ];
    return html`<section
      class="card wide"
      id="curves"
      data-testid="attn-curves"
      data-points=${s.loss.length}
      data-first-loss=${s.loss[0] ?? ''}
      data-last-loss=${s.loss[last] ?? ''}
      data-last-accuracy=${s.sequenceAccuracy[last] ?? ''}
    >
      <div class="cols">
        <pg-line-chart
          heading="Training loss (cross-entropy per digit, log scale)"
          xLabel="training step"
          yLabel="cross-entropy (nats)"
          logY
          .x=${s.x}
          .series=${loss}
        ></pg-line-chart>
        <pg-line-chart
          heading="Accuracy on each training batch"
          xLabel="training step"
          yLabel="fraction right"
          .x=${s.x}
          .series=${accuracy}
        ></pg-line-chart>
      </div>
      <p class="note">Chance is 1 in 10 per digit. Every batch is new, so these are not memorised answers.</p>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-attention-panel': LearnAttentionPanel;
  }
}
