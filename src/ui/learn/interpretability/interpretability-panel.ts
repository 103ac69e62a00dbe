import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { cardStyles } from '../../components/card-styles';
import '../../components/heatmap';
import '../../components/bar-chart';
import { sliderField } from '../../components/slider-field';
import '../vision/signed-bars';
import type { SignedBar } from '../vision/signed-bars';
import { panelStyles } from '../vision/panel-styles';
import { ClassifierSession } from '../vision/classifier-session';
import { LatestRunner } from '../vision/latest-runner';
import { predictedClass } from '../vision/prob-bars';
import {
  classifierCard,
  digitPicker,
  errorLine,
  figure,
  pendingNote,
  probabilityChart,
  visionStack,
} from '../vision/panel-parts';
import { errorText } from '../../../util/error-text';
import { listCheckpoints, type CheckpointRecord } from '../../../storage/db';
import type {
  QAttributionRequest,
  QAttributionResult,
  SaliencyResult,
} from '../../../workers/protocol/learn';

interface DigitSettings {
  index: number;
  /** null: explain the predicted class. */
  target: number | null;
  steps: number;
}

function attributionBars(names: readonly string[], values: readonly number[]): SignedBar[] {
  return names.map((label, i) => ({ label, value: values[i]! }));
}

/** Learn panel 11: saliency and integrated gradients on the digit classifier and on a saved DQN agent. */
/** One value per observation feature of the agent, as signed bars. */
function featureBars(
  heading: string,
  features: readonly string[],
  values: readonly number[],
): TemplateResult {
  return html`<pg-signed-bars heading=${heading} labelWidth="11em" .bars=${attributionBars(features, values)}>
  </pg-signed-bars>`;
}

@customElement('pg-interpretability-panel')
export class InterpretabilityPanel extends LitElement {
  static override styles = [cardStyles, panelStyles];

  private readonly _session = new ClassifierSession(this);
  @state() private _digit: DigitSettings = { index: 0, target: null, steps: 50 };
  @state() private _saliency: SaliencyResult | null = null;
  @state() private _error: string | null = null;
  @state() private _agents: CheckpointRecord[] | null = null;
  @state() private _q: QAttributionRequest | null = null;
  @state() private _qResult: QAttributionResult | null = null;
  @state() private _qError: string | null = null;

  private readonly _saliencyRunner = new LatestRunner<DigitSettings>(async (settings) => {
    try {
      let target = settings.target;
      if (target === null) {
        // Explain what the network predicts for this digit.
        const probe = await this._session.api.visionSaliency({ index: settings.index, target: 0, steps: 1 });
        target = predictedClass(probe.probabilities);
      }
      this._saliency = await this._session.api.visionSaliency({
        index: settings.index,
        target,
        steps: settings.steps,
      });
      this._error = null;
    } catch (error) {
      this._error = errorText(error);
    }
  });

  private readonly _qRunner = new LatestRunner<QAttributionRequest>(async (request) => {
    try {
      if (!(await this._session.start())) return;
      this._qResult = await this._session.api.visionQAttribution(request);
      this._qError = null;
    } catch (error) {
      this._qError = errorText(error);
    }
  });

  constructor() {
    super();
    this._session.onModelChange = () => this._explain();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this._loadAgents();
  }

  private async _loadAgents(): Promise<void> {
    try {
      const { records } = await listCheckpoints();
      this._agents = records.filter((r) => r.kind === 'dqn' && r.subject.type === 'game');
      const first =
        this._agents.find((r) => r.subject.type === 'game' && r.subject.gameId === 'CartPole-v1') ??
        this._agents[0];
      if (first) this._setQ({ checkpointId: first.id, seed: 1, step: 20, action: null, igSteps: 64 });
    } catch (error) {
      this._agents = [];
      this._qError = errorText(error);
    }
  }

  private _explain(): void {
    if (!this._session.hasModel || this._session.view.phase === 'training') return;
    this._saliencyRunner.request(this._digit);
  }

  private _setDigit(patch: Partial<DigitSettings>): void {
    this._digit = { ...this._digit, ...patch };
    this._explain();
  }

  private _setQ(patch: Partial<QAttributionRequest>): void {
    const base = this._q ?? { checkpointId: '', seed: 1, step: 20, action: null, igSteps: 64 };
    this._q = { ...base, ...patch };
    if (this._q.checkpointId) this._qRunner.request(this._q);
  }

  private _renderIntro(): TemplateResult {
    return html`<div class="intro">
      <h1>Interpretability</h1>
      <p>
        Deep networks are often called black boxes: they answer, but do not say why.
        <em>Feature attribution</em> asks how much each input contributed to one output. The simplest answer
        is the <strong>saliency map</strong>: the gradient of the output with respect to each input, i.e. how
        much the answer would change if that pixel changed a little. It is cheap, but noisy, and blind where
        the network is saturated.
      </p>
      <p>
        <strong>Integrated gradients</strong> (Sundararajan et al. 2017) instead walk from a
        <em>baseline</em> (here a black image) to the real input in m small steps and add up the gradients
        along the way, times the change of each input. The result has a useful guarantee,
        <em>completeness</em>: the attributions sum to the difference between the output at the input and at
        the baseline. The same tools work on any differentiable model, such as the Q-network of an agent from
        the arena.
      </p>
    </div>`;
  }

  private _renderDigits(): TemplateResult {
    const r = this._saliency;
    const target = r ? (this._digit.target ?? predictedClass(r.probabilities)) : null;
    const residual = r ? Math.abs(r.sum - (r.output - r.baselineOutput)) : 0;
    return html`<section class="card" aria-labelledby="digits" data-testid="saliency-card">
      <h2 id="digits">Which pixels made it say that?</h2>
      ${digitPicker(this._session, this._digit.index, (index) => this._setDigit({ index }))}
      <div class="cols" style="margin:12px 0">
        <label class="inline"
          >Explain the probability of
          <select
            @change=${(e: Event) => {
              const v = (e.target as HTMLSelectElement).value;
              this._setDigit({ target: v === '' ? null : Number(v) });
            }}
            data-testid="saliency-target"
          >
            <option value="" ?selected=${this._digit.target === null}>the predicted class</option>
            ${Array.from(
              { length: 10 },
              (_, d) => html`<option value=${d} ?selected=${this._digit.target === d}>class ${d}</option>`,
            )}
          </select></label
        >
        ${sliderField('m, integrated-gradients steps', [1, 300, 1], this._digit.steps, (v) => this._setDigit({ steps: v }), { testid: 'ig-steps' })}
      </div>
      ${
        r
          ? html`<div class="cols">
                <div class="figures" style="justify-content:center">
                  ${figure(r.digit.pixels, `digit #${r.digit.index} (a ${r.digit.label})`, { label: 'digit' })}
                  ${figure(r.gradient, 'gradient ∂p/∂x', { palette: 'diverging', label: 'vanilla gradient saliency' })}
                  ${figure(r.integrated, 'integrated gradients', { palette: 'diverging' })}
                </div>
                ${probabilityChart(r.probabilities, 'Prediction')}
              </div>
              <p class="small" data-testid="completeness">
                Red pixels raise p(${target}), blue ones lower it. Completeness check: Σ attributions =
                <span class="number" data-testid="ig-sum">${r.sum.toFixed(4)}</span>; F(x) − F(black) =
                ${r.output.toFixed(4)} − ${r.baselineOutput.toFixed(4)} =
                <span class="number" data-testid="ig-delta">${(r.output - r.baselineOutput).toFixed(4)}</span>
                <span class=${residual < 0.01 + 0.05 * Math.abs(r.output - r.baselineOutput) ? 'good' : 'bad'}
                  >(off by
                  ${residual.toFixed(4)}${this._digit.steps < 20 ? '; more steps make it tighter' : ''})</span
                >.
              </p>`
          : pendingNote(this._session, 'Computing…')
      }
    </section>`;
  }

  private _renderAgent(): TemplateResult {
    const agents = this._agents;
    const q = this._q;
    const r = this._qResult;
    let body: TemplateResult;
    if (agents === null) body = html`<p class="muted">Looking for saved agents…</p>`;
    else if (agents.length === 0)
      body = html`<p data-testid="no-agents">
        No DQN agent is saved in this browser yet. Train one in the <a href="#/arena">arena</a> (CartPole
        learns in a few minutes) and press “Save”; then come back to see which observations drive its choices.
      </p>`;
    else
      body = html`<div class="cols" style="margin-bottom:12px">
          <label class="inline"
            >Agent
            <select
              @change=${(e: Event) => this._setQ({ checkpointId: (e.target as HTMLSelectElement).value, action: null })}
              data-testid="agent-select"
            >
              ${agents.map(
                (a) =>
                  html`<option value=${a.id} ?selected=${q?.checkpointId === a.id}>
                    ${a.name} (${a.subject.type === 'game' ? a.subject.gameId : ''})
                  </option>`,
              )}
            </select></label
          >
          <label class="inline"
            >Rollout seed
            <input
              type="number"
              min="0"
              .value=${String(q?.seed ?? 1)}
              @change=${(e: Event) => {
                const seed = Number((e.target as HTMLInputElement).value);
                if (Number.isInteger(seed) && seed >= 0) this._setQ({ seed });
              }}
          /></label>
          ${sliderField('State: step of the greedy rollout', [0, 200, 1], q?.step ?? 0, (v) => this._setQ({ step: v }))}
          ${
            r
              ? html`<label class="inline"
                  >Explain action
                  <select
                    @change=${(e: Event) => {
                      const v = (e.target as HTMLSelectElement).value;
                      this._setQ({ action: v === '' ? null : Number(v) });
                    }}
                  >
                    <option value="" ?selected=${q?.action === null}>the greedy one</option>
                    ${r.actionNames.map(
                      (name, i) => html`<option value=${i} ?selected=${q?.action === i}>${name}</option>`,
                    )}
                  </select></label
                >`
              : nothing
          }
        </div>
        ${
          r
            ? html`<p class="small">
                  ${r.gameId}, seed ${q?.seed}, step
                  ${r.step}${r.step < (q?.step ?? 0) ? ' (the episode ended there)' : ''}. Explaining Q(s,
                  “${r.actionNames[r.action]}”) = <span class="number">${r.output.toFixed(3)}</span>.
                </p>
                <div class="cols" data-testid="agent-attribution">
                  ${featureBars('Observation', r.featureNames, r.observation)}
                  <pg-bar-chart
                    heading="Q-values"
                    unit=""
                    .log=${false}
                    labelWidth="110px"
                    .bars=${r.actionNames.map((label, i) => ({ label, value: r.qValues[i]!, highlight: i === r.action }))}
                  ></pg-bar-chart>
                  ${featureBars('Gradient × input', r.featureNames, r.gradientTimesInput)}
                  ${featureBars('Integrated gradients (baseline: all zeros)', r.featureNames, r.integrated)}
                </div>
                <p class="small">
                  Completeness: Σ IG = <span class="number">${r.sum.toFixed(4)}</span>, Q(s) − Q(0) =
                  <span class="number">${(r.output - r.baselineOutput).toFixed(4)}</span>.
                </p>`
            : html`<p class="muted">Rolling out the agent…</p>`
        }`;
    return html`<section class="card" aria-labelledby="agent" data-testid="agent-card">
      <h2 id="agent">What drives an agent’s action?</h2>
      <p class="small muted">
        The agent’s Q-network scores every action from the observation. Pick a saved agent and a moment of a
        seeded episode it plays greedily; the bars show how much each observed feature pushes the chosen
        action’s value.
      </p>
      ${body} ${errorLine(this._qError)}
    </section>`;
  }

  override render(): TemplateResult {
    return html`${this._renderIntro()}
    ${visionStack([classifierCard(this._session, 'to explain'), this._renderDigits(), errorLine(this._error), this._renderAgent()], null)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-interpretability-panel': InterpretabilityPanel;
  }
}
