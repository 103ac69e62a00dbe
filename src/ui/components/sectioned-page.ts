import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cardStyles } from './card-styles';
import type { PageSection } from './section-nav';

/** Lower-cased words of a section that the index search matches against. */
function haystack(section: PageSection): string {
  return [section.title, section.summary, ...section.keywords].join(' ').toLowerCase();
}

/**
 * A page made of sections: at `#/<base>` an index of cards with a search box; at `#/<base>/<id>` that
 * section, loaded on demand, with links back to the index and to its neighbours.
 */
@customElement('pg-sectioned-page')
export class SectionedPage extends LitElement {
  static override styles = [
    cardStyles,
    css`
      :host {
        display: block;
      }
      h1 {
        margin: 0 0 6px;
        font-size: 1.5rem;
      }
      .intro {
        margin: 0 0 var(--pg-gap);
        max-width: 75ch;
        line-height: 1.5;
      }
      input[type='search'] {
        font: inherit;
        width: min(420px, 100%);
        padding: 8px 12px;
        border-radius: 8px;
        border: 1px solid var(--pg-border);
        background: var(--pg-surface);
        color: var(--pg-text);
        margin-bottom: var(--pg-gap);
        box-sizing: border-box;
      }
      .grid {
        display: grid;
        gap: var(--pg-gap);
        grid-template-columns: repeat(auto-fill, minmax(260px, 1fr));
      }
      a.card {
        display: block;
        color: inherit;
        text-decoration: none;
      }
      a.card:hover,
      a.card:focus-visible {
        border-color: var(--pg-accent);
        outline: none;
      }
      a.card p {
        margin: 0;
        line-height: 1.45;
      }
      nav.crumbs {
        display: flex;
        gap: 12px;
        flex-wrap: wrap;
        align-items: baseline;
        margin-bottom: 12px;
      }
      nav.crumbs a {
        color: var(--pg-accent);
      }
      nav.crumbs .spacer {
        flex: 1;
      }
    `,
  ];

  /** Route base, e.g. 'studio' for #/studio/<id>. */
  @property() base = '';
  @property() heading = '';
  @property() intro = '';
  @property({ attribute: false }) sections: readonly PageSection[] = [];
  /** The route segments after the base: [] for the index, [id, ...] for a section. */
  @property({ attribute: false }) route: readonly string[] = [];

  @state() private _query = '';
  @state() private _loadError = '';

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('route') || changed.has('sections')) {
      const section = this._current();
      this._loadError = '';
      section?.load().catch((error: unknown) => {
        this._loadError = `Could not load “${section.title}”: ${error instanceof Error ? error.message : String(error)}`;
      });
    }
  }

  private _current(): PageSection | undefined {
    const id = this.route[0];
    return id === undefined ? undefined : this.sections.find((section) => section.id === id);
  }

  override render(): TemplateResult {
    const id = this.route[0];
    if (id === undefined) return this._renderIndex();
    const index = this.sections.findIndex((section) => section.id === id);
    const section = this.sections[index];
    if (!section) {
      return html`<nav class="crumbs"><a href="#/${this.base}">← ${this.heading}</a></nav>
        <p class="card error" role="alert">
          There is no section “${id}” here. Pick one from the ${this.heading} index.
        </p>`;
    }
    const previous = this.sections[index - 1];
    const next = this.sections[index + 1];
    return html`<nav class="crumbs" aria-label="${this.heading} sections">
        <a href="#/${this.base}">← ${this.heading}</a>
        <span class="spacer"></span>
        ${previous ? html`<a href="#/${this.base}/${previous.id}">‹ ${previous.title}</a>` : nothing}
        ${next ? html`<a href="#/${this.base}/${next.id}">${next.title} ›</a>` : nothing}
      </nav>
      ${this._loadError ? html`<p class="card error" role="alert">${this._loadError}</p>` : section.render(this.route.slice(1))}`;
  }

  private _renderIndex(): TemplateResult {
    const words = this._query.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = this.sections.filter((section) => words.every((word) => haystack(section).includes(word)));
    return html`<h1>${this.heading}</h1>
      <p class="intro muted">${this.intro}</p>
      ${
        this.sections.length > 6
          ? html`<input
              type="search"
              placeholder="Search ${this.heading.toLowerCase()}…"
              aria-label="Search ${this.heading}"
              .value=${this._query}
              @input=${(event: Event) => (this._query = (event.target as HTMLInputElement).value)}
            />`
          : nothing
      }
      <div class="grid" data-testid="section-index">
        ${shown.map(
          (section) =>
            html`<a class="card" href="#/${this.base}/${section.id}" data-section=${section.id}>
              <h2>${section.title}</h2>
              <p class="muted small">${section.summary}</p>
            </a>`,
        )}
      </div>
      ${
        shown.length === 0 && this.sections.length > 0
          ? html`<p class="muted">Nothing matches “${this._query}”.</p>`
          : nothing
      }
      <slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-sectioned-page': SectionedPage;
  }
}
