import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ROUTES, hrefFor, parseHash, type Route } from './router';
import { startRouteWorkers } from './route-workers';
import { initTheme, nextThemePreference, setThemePreference } from './theme';
import type { ThemePreference } from '../storage/settings';
import './components/coming-next';
import '../pwa/app-footer';
import '../pwa/offline-badge';
import '../pwa/update-banner';

const THEME_LABEL: Record<ThemePreference, string> = { system: 'Auto', light: 'Light', dark: 'Dark' };
const THEME_ICON: Record<ThemePreference, string> = { system: '◐', light: '☀', dark: '☾' };

/** The app frame: top bar, navigation, theme switch, and the page for the current hash route. */
@customElement('pg-app-shell')
export class AppShell extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 100vh;
    }
    header {
      position: sticky;
      top: 0;
      z-index: 10;
      display: flex;
      align-items: center;
      gap: var(--pg-gap);
      padding: 10px 20px;
      background: var(--pg-surface);
      border-bottom: 1px solid var(--pg-border);
      flex-wrap: wrap;
    }
    .brand {
      display: flex;
      align-items: center;
      gap: 10px;
      font-weight: 700;
      font-size: 1.05rem;
      color: var(--pg-text);
      text-decoration: none;
      white-space: nowrap;
    }
    .brand img {
      width: 28px;
      height: 28px;
    }
    nav {
      display: flex;
      gap: 4px;
      flex: 1;
      overflow-x: auto;
      scrollbar-width: none;
    }
    nav a {
      padding: 8px 12px;
      border-radius: 8px;
      color: var(--pg-muted);
      text-decoration: none;
      font-weight: 500;
      white-space: nowrap;
    }
    nav a:hover {
      background: var(--pg-surface-2);
      color: var(--pg-text);
    }
    nav a[aria-current='page'] {
      background: var(--pg-accent);
      color: var(--pg-accent-text);
    }
    nav a:focus-visible,
    button:focus-visible {
      outline: 2px solid var(--pg-accent);
      outline-offset: 2px;
    }
    button.theme {
      border: 1px solid var(--pg-border);
      background: var(--pg-surface-2);
      color: var(--pg-text);
      border-radius: 8px;
      padding: 6px 10px;
      font: inherit;
      cursor: pointer;
      white-space: nowrap;
    }
    main {
      flex: 1;
      width: 100%;
      max-width: 1400px;
      margin: 0 auto;
      padding: 20px;
      box-sizing: border-box;
    }
    @media (max-width: 640px) {
      header {
        padding: 8px 12px;
        gap: 8px;
      }
      /* Every link stays on screen: they wrap onto a second line rather than scroll out of sight. */
      nav {
        order: 3;
        flex-basis: 100%;
        flex-wrap: wrap;
        overflow-x: visible;
        gap: 2px;
      }
      nav a {
        padding: 8px 5px;
        font-size: 0.95rem;
      }
      .brand {
        flex: 1 1 0;
        min-width: 0;
      }
      .brand span {
        font-size: 0.95rem;
        /* Gives way (ellipsis) when the offline badge needs the room. */
        overflow: hidden;
        text-overflow: ellipsis;
      }
      pg-offline-badge {
        flex-shrink: 0;
      }
      button.theme {
        margin-left: auto;
        flex-shrink: 0;
      }
      main {
        padding: 12px;
      }
    }
  `;

  @state() private _route: Route = parseHash(location.hash);
  @state() private _theme: ThemePreference = initTheme();

  private readonly _onHashChange = (): void => {
    this._route = parseHash(location.hash);
    startRouteWorkers(this._route);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this._onHashChange);
    // Before the page's code arrives: a page whose worker loads for long gets it started now.
    startRouteWorkers(this._route);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this._onHashChange);
    super.disconnectedCallback();
  }

  override updated(): void {
    const route = ROUTES.find((r) => r.id === this._route.id);
    const id = this._route.id;
    if (id === 'home') {
      document.title = 'RL & GAN Playground';
      return;
    }
    const title = route?.title ?? (id === 'share' ? 'Shared checkpoint' : 'Not found');
    document.title = `${title} · RL & GAN Playground`;
  }

  private _onThemeClick(): void {
    this._theme = nextThemePreference(this._theme);
    setThemePreference(this._theme);
  }

  override render(): TemplateResult {
    return html`
      <header>
        <a class="brand" href="#/" data-route="home">
          <img src="/favicon.svg" alt="" />
          <span>RL &amp; GAN Playground</span>
        </a>
        <nav aria-label="Pages">
          ${ROUTES.map(
            (route) =>
              html`<a
                href=${hrefFor(route.id)}
                aria-current=${route.id === this._route.id ? 'page' : 'false'}
                data-route=${route.id}
                >${route.label}</a
              >`,
          )}
        </nav>
        <pg-offline-badge></pg-offline-badge>
        <button
          class="theme"
          @click=${this._onThemeClick}
          title="Theme: ${THEME_LABEL[this._theme]} (click to switch)"
          aria-label="Theme: ${THEME_LABEL[this._theme]}. Switch theme"
          data-theme-preference=${this._theme}
        >
          ${THEME_ICON[this._theme]} ${THEME_LABEL[this._theme]}
        </button>
      </header>
      <pg-update-banner></pg-update-banner>
      <main id="page" data-page=${this._route.id}>${this._renderPage()}</main>
      <pg-app-footer></pg-app-footer>
    `;
  }

  private _renderPage(): TemplateResult {
    switch (this._route.id) {
      case 'home':
        void import('./home/home-page');
        return html`<pg-home-page></pg-home-page>`;
      case 'system':
        void import('./system/system-page');
        return html`<pg-system-page></pg-system-page>`;
      case 'arena':
        void import('./arena/arena-page');
        return html`<pg-arena-page .route=${this._route.rest}></pg-arena-page>`;
      case 'studio':
        void import('./studio/studio-page');
        return html`<pg-studio-page .route=${this._route.rest}></pg-studio-page>`;
      case 'learn':
        void import('./learn/learn-page');
        return html`<pg-learn-page .route=${this._route.rest}></pg-learn-page>`;
      case 'checkpoints':
        void import('./checkpoints/checkpoints-page');
        return html`<pg-checkpoints-page></pg-checkpoints-page>`;
      case 'share':
        void import('./checkpoints/share-page');
        return html`<pg-share-page .payload=${this._route.rest.join('/')}></pg-share-page>`;
      case 'not-found':
        return html`<pg-coming-next heading="Page not found">
          There is no page at <code>#/${this._route.rest.join('/')}</code>. Pick one from the bar above.
        </pg-coming-next>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-app-shell': AppShell;
  }
}
