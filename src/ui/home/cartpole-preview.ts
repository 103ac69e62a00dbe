/**
 * The home page's live preview: a trained DQN agent balancing CartPole, in real time. The policy is a plain
 * TypeScript forward pass (JsQPolicy) over weights shipped as a small data module, the game is the arena's
 * own simulation, and a 2-D canvas draws it, so the home page loads neither tfjs nor Phaser.
 * It plays only while it can be seen: it stops when the tab is hidden, when it scrolls out of view and when
 * the page is left, and with prefers-reduced-motion it shows a still frame and a Play button.
 */
import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { JsQPolicy } from '../../agents/js-q-policy';
import { makeEnv, type GameEnv } from '../../envs/registry';
import type { CartPoleSnapshot } from '../../envs/cartpole/sim';
import { cardStyles } from '../components/card-styles';
import { errorText } from '../../util/error-text';
import { loadHomePolicy } from './home-policy';
import { drawCartPole } from './draw-cartpole';

/** Gymnasium's CartPole renders at 50 frames a second: one step each 20 ms is real time. */
const STEP_MS = 20;
/** At most this many steps per frame, so a long stall does not turn into a burst of play. */
const MAX_STEPS_PER_FRAME = 5;
/** The first episode's seed: the same opening on every visit. */
const SEED = 7;

@customElement('pg-cartpole-preview')
export class CartPolePreview extends LitElement {
  static override styles = [
    cardStyles,
    css`
      :host {
        display: block;
      }
      canvas {
        display: block;
        width: 100%;
        aspect-ratio: 16 / 9;
        border-radius: 8px;
        background: #10131c;
      }
      .under {
        display: flex;
        gap: 10px;
        align-items: center;
        justify-content: space-between;
        flex-wrap: wrap;
        margin-top: 8px;
        font-size: 0.85rem;
      }
    `,
  ];

  /** The person asked for motion (Play) or did not ask to reduce it. */
  @state() private _wanted = !matchMedia('(prefers-reduced-motion: reduce)').matches;
  /** The preview can be seen: the tab is visible and the canvas is on screen. */
  @state() private _visible = !document.hidden;
  @state() private _onScreen = true;
  @state() private _error = '';
  @state() private _episodeReturn = 0;
  @state() private _lastReturns: number[] = [];

  private _env: GameEnv<CartPoleSnapshot> | null = null;
  private _policy: JsQPolicy | null = null;
  private _observation: Float32Array | null = null;
  private _frame = 0;
  private _lastTime = 0;
  private _owed = 0;
  /** Env steps played since the page opened (tests read it from data-steps). */
  private _steps = 0;
  private _observer: IntersectionObserver | null = null;

  private readonly _onVisibility = (): void => {
    this._visible = !document.hidden;
  };

  private get _playing(): boolean {
    return this._wanted && this._visible && this._onScreen && this._policy !== null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this._onVisibility);
    void this._load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this._onVisibility);
    this._observer?.disconnect();
    this._observer = null;
    this._stop();
  }

  override firstUpdated(): void {
    this._observer = new IntersectionObserver((entries) => {
      this._onScreen = entries.some((e) => e.isIntersecting);
    });
    this._observer.observe(this.renderRoot.querySelector('canvas')!);
  }

  override updated(): void {
    if (this._playing) this._start();
    else this._stop();
    this.setAttribute('data-steps', String(this._steps));
  }

  private async _load(): Promise<void> {
    try {
      const { weights, activation } = await loadHomePolicy();
      this._policy = new JsQPolicy(weights, activation);
      this._env = makeEnv('CartPole-v1');
      this._observation = Float32Array.from(this._env.reset({ seed: SEED }).observation);
      this._draw();
      this.requestUpdate();
    } catch (error) {
      this._error = `The preview could not start: ${errorText(error)}`;
    }
  }

  private _start(): void {
    if (this._frame !== 0) return;
    this._lastTime = performance.now();
    this._frame = requestAnimationFrame((t) => this._tick(t));
  }

  private _stop(): void {
    if (this._frame !== 0) cancelAnimationFrame(this._frame);
    this._frame = 0;
    this._owed = 0;
  }

  private _tick(time: number): void {
    this._frame = 0;
    if (!this._playing) return;
    this._owed += (time - this._lastTime) / STEP_MS;
    this._lastTime = time;
    let steps = Math.min(Math.floor(this._owed), MAX_STEPS_PER_FRAME);
    this._owed = Math.min(this._owed - steps, 1);
    while (steps-- > 0) this._step();
    this._draw();
    this.setAttribute('data-steps', String(this._steps));
    this._frame = requestAnimationFrame((t) => this._tick(t));
  }

  private _step(): void {
    const env = this._env!;
    const result = env.step(this._policy!.act(this._observation!));
    this._observation = Float32Array.from(result.observation);
    this._episodeReturn += result.reward;
    this._steps++;
    if (result.terminated || result.truncated) {
      this._lastReturns = [...this._lastReturns.slice(-2), this._episodeReturn];
      this._episodeReturn = 0;
      this._observation = Float32Array.from(env.reset().observation);
    }
  }

  private _draw(): void {
    const canvas = this.renderRoot.querySelector('canvas');
    const context = canvas?.getContext('2d');
    if (!canvas || !context || !this._env) return;
    drawCartPole(context, canvas.width, canvas.height, this._env.snapshot());
  }

  private _togglePlay(): void {
    this._wanted = !this._wanted;
  }

  override render(): TemplateResult {
    const playing = this._playing;
    const last = this._lastReturns;
    return html`
      <canvas
        width="640"
        height="360"
        role="img"
        aria-label="A trained agent balancing a pole on a cart"
        data-testid="preview-canvas"
      ></canvas>
      <div class="under">
        <span data-testid="preview-return" data-return=${this._episodeReturn}
          >Steps balanced: ${this._episodeReturn}${last.length ? ` (last: ${last.join(', ')})` : ''}</span
        >
        <button
          data-testid="preview-play"
          data-playing=${playing ? 'true' : 'false'}
          @click=${this._togglePlay}
          ?disabled=${!this._policy}
        >
          ${this._wanted ? 'Pause' : 'Play'}
        </button>
      </div>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : ''}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-cartpole-preview': CartPolePreview;
  }
}
