import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { NamedWeight } from '../../agents/weights';
import type { Activation } from '../../agents/dqn-config';
import { JsQPolicy } from '../../agents/js-q-policy';
import { makeEnvFromConfig, type GameEnv } from '../../envs/registry';
import type { EnvId } from '../../envs/registry';
import type { RunningGame } from '../../envs/scenes';
import type * as Phaser from 'phaser';
import { cardStyles } from '../components/card-styles';
import '../components/bar-chart';

export type WatchMode = 'agent' | 'human';

/**
 * A second copy of the game, played live by the trainer's current greedy policy (or by a person), drawn by
 * the game's Phaser scene. The policy runs in plain TypeScript from the weights the trainer streams, so
 * watching costs the trainer nothing.
 *
 * @fires watch-episode - detail: { return: number } when an episode in the watch view ends
 */
@customElement('pg-watch-view')
export class WatchView extends LitElement {
  static override styles = [
    cardStyles,
    css`
      :host {
        display: block;
      }
      .stage {
        width: 100%;
        aspect-ratio: 640 / 400;
        border-radius: 8px;
        overflow: hidden;
        background: var(--pg-surface-2);
        outline: none;
      }
      .stage:focus-visible {
        outline: 2px solid var(--pg-accent);
      }
      .under {
        display: flex;
        justify-content: space-between;
        gap: 12px;
        flex-wrap: wrap;
        margin-top: 6px;
        font-size: 0.85rem;
      }
      .pad {
        display: flex;
        gap: 6px;
        flex-wrap: wrap;
        margin-top: 8px;
      }
      .pad button {
        flex: 1;
        min-width: 70px;
        touch-action: manipulation;
      }
    `,
  ];

  @property() envId: EnvId = 'CartPole-v1';
  @property({ attribute: false }) envOptions: Record<string, unknown> = {};
  @property({ attribute: false }) weights: NamedWeight[] | null = null;
  @property() activation: Activation = 'relu';
  @property() mode: WatchMode = 'agent';
  /** Env steps per second shown. */
  @property({ type: Number }) speed = 30;
  @property({ type: Number }) seed = 0;

  @state() private _qValues: Float32Array | null = null;
  @state() private _episodeReturn = 0;
  @state() private _lastReturns: number[] = [];
  @state() private _waiting = false;
  /** The game's scene is up and reads the keyboard. */
  @state() private _ready = false;

  private _game: RunningGame<unknown> | null = null;
  private _env: GameEnv | null = null;
  private _observation: Float32Array | null = null;
  private _policy: JsQPolicy | null = null;
  private _accumulator = 0;
  private _restartAt = 0;
  private _touchAction: number | null = null;
  /** A button tapped since the last step: a tap shorter than a step still counts, as a key press does. */
  private _tappedAction: number | null = null;
  private _startToken = 0;

  override render(): TemplateResult {
    const names = this._env?.spec.actionNames ?? [];
    const q = this._qValues;
    return html`
      <div
        class="stage"
        tabindex="0"
        role="application"
        aria-label="Game view. Focus it and use the arrow keys to play."
        data-testid="watch-stage"
        data-ready=${this._ready ? 'true' : 'false'}
        data-speed=${this.speed}
      ></div>
      <div class="under">
        <span data-testid="watch-return">Return this episode: ${this._episodeReturn.toFixed(0)}</span>
        <span class="muted" data-testid="watch-last-returns"
          >${
            this._lastReturns.length
              ? `Last episodes: ${this._lastReturns.map((r) => r.toFixed(0)).join(', ')}`
              : this.mode === 'agent'
                ? 'Greedy policy, no exploration'
                : ''
          }</span
        >
      </div>
      ${
        this.mode === 'human'
          ? html`<p class="small muted">
                ${this._waiting ? 'Waiting for your move: ' : ''}Click the game, then use the arrow keys (or
                the buttons).
              </p>
              <div class="pad">
                ${names.map(
                  (name, action) =>
                    html`<button
                      @pointerdown=${() => (this._touchAction = this._tappedAction = action)}
                      @pointerup=${() => (this._touchAction = null)}
                      @pointerleave=${() => (this._touchAction = null)}
                      data-action=${action}
                    >
                      ${name}
                    </button>`,
                )}
              </div>`
          : nothing
      }
      ${
        q && this.mode === 'agent'
          ? html`<pg-bar-chart
              heading="Q-values of the current state"
              unit=""
              .log=${false}
              .bars=${names.map((name, i) => ({
                label: name,
                value: q[i]!,
                highlight: i === argMax(q),
              }))}
            ></pg-bar-chart>`
          : nothing
      }
    `;
  }

  /** The state of the game shown, as its simulation describes it (null before the game starts). */
  get snapshot(): unknown {
    return this._env?.snapshot() ?? null;
  }

  /** The words drawn on the canvas (status line, tile letters): a WebGL canvas cannot be read back for them. */
  canvasTexts(): string[] {
    const objects = this._game?.scene.children?.list ?? [];
    return objects.filter((o): o is Phaser.GameObjects.Text => o.type === 'Text').map((t) => t.text);
  }

  override async firstUpdated(): Promise<void> {
    await this._startGame();
  }

  override updated(changed: PropertyValues<this>): void {
    // The first render starts the game in firstUpdated; later changes of game or options restart it.
    const previousOptions = changed.get('envOptions') as Record<string, unknown> | undefined;
    const gameChanged =
      (changed.has('envId') && changed.get('envId') !== undefined) ||
      // Compared by value: a parent may pass an equal but new object on every render.
      (previousOptions !== undefined && JSON.stringify(previousOptions) !== JSON.stringify(this.envOptions));
    if (gameChanged) void this._startGame();
    if (changed.has('weights')) this._loadPolicy();
    if (changed.has('mode') || changed.has('seed')) this._resetEpisode(true);
  }

  override disconnectedCallback(): void {
    this._stopGame();
    super.disconnectedCallback();
  }

  private _stopGame(): void {
    this._startToken++;
    this._ready = false;
    this._game?.game.destroy(true);
    this._game = null;
  }

  private async _startGame(): Promise<void> {
    this._stopGame();
    const token = this._startToken;
    this._env = makeEnvFromConfig(this.envId, this.envOptions);
    this._loadPolicy();
    this._resetEpisode(true);
    const { startGame } = await import('../../envs/scenes'); // Phaser loads only when a game is shown
    if (token !== this._startToken) return;
    const stage = this.renderRoot.querySelector<HTMLElement>('.stage')!;
    this._game = startGame(stage, this.envId as EnvId);
    this._game.scene.onFrame = (delta) => this._advance(delta);
    this._game.scene.onReady = () => (this._ready = true);
    this._game.scene.show(this._env.snapshot());
  }

  private _loadPolicy(): void {
    if (!this.weights || !this._env) {
      this._policy = null;
      return;
    }
    try {
      const policy = new JsQPolicy(this.weights, this.activation);
      this._policy = policy.obsSize === this._observation?.length ? policy : null;
    } catch {
      this._policy = null; // weights of another game's network, until the new run sends its own
    }
  }

  private _resetEpisode(reseed: boolean): void {
    if (!this._env) return;
    const { observation } = this._env.reset(reseed ? { seed: this.seed } : undefined);
    this._observation = observation;
    this._episodeReturn = 0;
    this._accumulator = 0;
    if (reseed) this._lastReturns = [];
    this._qValues = this._policy ? this._policy.qValues(observation) : null;
    this._game?.scene.show(this._env.snapshot());
  }

  private _advance(deltaMs: number): void {
    if (!this._env || !this._observation) return;
    const now = performance.now();
    if (this._restartAt > 0) {
      if (now < this._restartAt) return;
      this._restartAt = 0;
      this._resetEpisode(false);
    }
    this._accumulator = Math.min(this._accumulator + (deltaMs / 1000) * this.speed, 50);
    while (this._accumulator >= 1) {
      this._accumulator -= 1;
      const action = this._chooseAction();
      if (action === null) {
        this._waiting = true;
        this._accumulator = 0;
        return;
      }
      this._waiting = false;
      const result = this._env.step(action);
      this._observation = result.observation;
      this._episodeReturn += result.reward;
      if (result.terminated || result.truncated) {
        this._lastReturns = [...this._lastReturns.slice(-4), this._episodeReturn];
        this.dispatchEvent(new CustomEvent('watch-episode', { detail: { return: this._episodeReturn } }));
        this._restartAt = now + 600; // a short pause so the end of an episode can be seen
        this._accumulator = 0;
        break;
      }
    }
    if (this._policy && this.mode === 'agent') this._qValues = this._policy.qValues(this._observation);
    this._game?.scene.show(this._env.snapshot());
  }

  private _chooseAction(): number | null {
    if (this.mode === 'human') {
      const scene = this._game?.scene;
      if (!scene) return null;
      const touch = this._touchAction ?? this._tappedAction;
      this._tappedAction = null;
      return touch ?? scene.keyAction(scene.heldKeys(), this._env!.snapshot() as never);
    }
    if (!this._policy) return null;
    return this._policy.act(this._observation!);
  }
}

function argMax(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-watch-view': WatchView;
  }
}
