/**
 * The first screen: the product working at once (a trained agent balancing CartPole, live), what it is in two
 * sentences, and the way into each part. Light on purpose: no tfjs, no Phaser (see cartpole-preview.ts).
 */
import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { cardStyles, pageHeadStyles } from '../components/card-styles';
import './cartpole-preview';

const PARTS = [
  {
    route: 'arena',
    name: 'Arena',
    text: 'Train a DQN agent on CartPole, MountainCar, FrozenLake, Snake or Catch and watch it learn; compare settings side by side, or play yourself.',
  },
  {
    route: 'studio',
    name: 'Studio',
    text: 'Watch a GAN learn a 2-D shape you draw, generate digits, and squeeze images through autoencoders and a VAE.',
  },
  {
    route: 'learn',
    name: 'Learn',
    text: 'Deep learning step by step: neurons, backpropagation, optimizers, convolutions, sequences and attention, each one to play with.',
  },
  {
    route: 'checkpoints',
    name: 'Checkpoints',
    text: 'Everything you save: resume it, export it as a file, or share a trained agent as a link.',
  },
  {
    route: 'system',
    name: 'System',
    text: 'Which backend (WebGPU, WebGL, WASM) trains fastest on this device, measured.',
  },
] as const;

@customElement('pg-home-page')
export class HomePage extends LitElement {
  static override styles = [
    cardStyles,
    pageHeadStyles,
    css`
      h1 {
        font-size: 1.6rem;
      }
      .lead {
        margin: 0 0 16px;
        color: var(--pg-muted);
      }
      .hero {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        gap: var(--pg-gap);
        align-items: start;
      }
      .explain p {
        margin: 0 0 12px;
      }
      .explain a.primary {
        display: inline-block;
        padding: 8px 14px;
        border-radius: 8px;
        background: var(--pg-accent);
        color: var(--pg-accent-text);
        font-weight: 600;
        text-decoration: none;
      }
      .parts {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
        gap: var(--pg-gap);
        margin-top: var(--pg-gap);
        padding: 0;
        list-style: none;
      }
      .parts a {
        display: block;
        height: 100%;
        box-sizing: border-box;
        color: var(--pg-text);
        text-decoration: none;
      }
      .parts a:hover,
      .parts a:focus-visible {
        border-color: var(--pg-accent);
      }
      .parts h2 {
        color: var(--pg-accent);
      }
      .parts p {
        margin: 0;
      }
      @media (max-width: 760px) {
        .hero {
          grid-template-columns: minmax(0, 1fr);
        }
        h1 {
          font-size: 1.3rem;
        }
      }
    `,
  ];

  override render(): TemplateResult {
    return html`
      <h1>Watch neural networks learn, in your browser</h1>
      <p class="lead">Nothing to install, no server: everything trains on this device.</p>
      <div class="hero">
        <section class="card" aria-label="Live preview">
          <pg-cartpole-preview></pg-cartpole-preview>
        </section>
        <section class="card explain" data-testid="what-is-this">
          <h2>What am I looking at?</h2>
          <p>
            A small neural network that learned, by trial and error (deep Q-learning), to keep a pole upright
            by pushing its cart left or right, fifty times a second: four numbers in, one push out.
          </p>
          <p>
            In the Arena you can watch one learn this from scratch in a minute or two, change how it learns,
            and try other games; the Studio does the same for networks that generate data.
          </p>
          <a class="primary" href="#/arena" data-testid="start-arena">Train one yourself</a>
        </section>
      </div>
      <ul class="parts" aria-label="Parts of the playground">
        ${PARTS.map(
          (part) =>
            html`<li>
              <a class="card" href="#/${part.route}" data-part=${part.route}>
                <h2>${part.name}</h2>
                <p class="small">${part.text}</p>
              </a>
            </li>`,
        )}
      </ul>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-home-page': HomePage;
  }
}
