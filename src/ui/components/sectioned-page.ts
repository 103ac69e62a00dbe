import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cardStyles, pageHeadStyles, searchBoxStyles } from './card-styles';
import { searchInput } from './search-input';
import type { PageSection } from './section-nav';
import { errorText } from '../../util/error-text';

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
    pageHeadStyles,
    searchBoxStyles,
    css`
      .tools {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 16px;
        align-items: center;
        margin-bottom: var(--pg-gap);
      }
      input[type='search']:focus-visible {
        outline: 2px solid var(--pg-accent);
        outline-offset: 1px;
      }
      .count {
        margin: 0;
        font-variant-numeric: tabular-nums;
      }
      .grid {
        display: grid;
        gap: var(--pg-gap);
        grid-template-columns: repeat(auto-fill, minmax(min(260px, 100%), 1fr));
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .grid > li {
        display: flex;
        min-width: 0;
      }
      a.card {
        display: flex;
        flex-direction: column;
        gap: 8px;
        flex: 1;
        color: inherit;
        text-decoration: none;
        transition: border-color 0.15s;
      }
      a.card:hover {
        border-color: var(--pg-accent);
      }
      a.card:focus-visible {
        border-color: var(--pg-accent);
        outline: 2px solid var(--pg-accent);
        outline-offset: 2px;
      }
      a.card .title {
        display: flex;
        gap: 10px;
        align-items: flex-start;
      }
      a.card h2 {
        margin: 0;
      }
      a.card .num {
        flex: none;
        min-width: 1.6em;
        padding: 1px 6px;
        border-radius: 6px;
        background: var(--pg-surface-2);
        color: var(--pg-muted);
        font-size: 0.8rem;
        font-weight: 600;
        text-align: center;
        font-variant-numeric: tabular-nums;
        line-height: 1.4;
        margin-top: 0.1em;
      }
      a.card:hover .num,
      a.card:focus-visible .num {
        background: var(--pg-accent);
        color: var(--pg-accent-text);
      }
      a.card p {
        margin: 0;
        line-height: 1.45;
      }
      @media (max-width: 640px) {
        .grid {
          gap: 10px;
        }
        a.card {
          padding: 12px 14px;
          gap: 6px;
        }
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

  override updated(changed: PropertyValues<this>): void {
    // A hash change keeps the scroll position; a newly opened section should start at its top.
    const before = changed.get('route');
    if (before !== undefined && before[0] !== this.route[0]) window.scrollTo(0, 0);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('route') || changed.has('sections')) {
      const section = this._current();
      this._loadError = '';
      section?.load().catch((error: unknown) => {
        this._loadError = `Could not load “${section.title}”: ${errorText(error)}`;
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

  private _clearSearch(): void {
    this._query = '';
    this.renderRoot.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
  }

  private _renderIndex(): TemplateResult {
    const words = this._query.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = this.sections.filter((section) => words.every((word) => haystack(section).includes(word)));
    const searchable = this.sections.length > 6;
    return html`<h1>${this.heading}</h1>
      <p class="intro muted">${this.intro}</p>
      ${
        searchable
          ? html`<div class="tools">
              ${searchInput(this._query, (query) => (this._query = query), {
                placeholder: 'Find a topic or a model…',
                label: `Search ${this.heading}`,
              })}
              <p class="count muted small" role="status" data-testid="section-count">
                ${
                  words.length === 0
                    ? `${this.sections.length} in all`
                    : `Showing ${shown.length} of ${this.sections.length}`
                }
              </p>
            </div>`
          : nothing
      }
      <ol class="grid" data-testid="section-index">
        ${shown.map(
          (section) =>
            html`<li>
              <a class="card" href="#/${this.base}/${section.id}" data-section=${section.id}>
                <div class="title">
                  <span class="num">${section.order}</span>
                  <h2>${section.title}</h2>
                </div>
                <p class="muted small">${section.summary}</p>
              </a>
            </li>`,
        )}
      </ol>
      ${
        this.sections.length === 0
          ? html`<p class="card muted" data-testid="section-none">
              Nothing here yet: the first sections are on their way.
            </p>`
          : nothing
      }
      ${
        shown.length === 0 && this.sections.length > 0
          ? html`<div class="card empty" data-testid="section-empty">
              <p>Nothing matches “${this._query}”. Try fewer or other words.</p>
              <button @click=${this._clearSearch}>Clear search</button>
            </div>`
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
