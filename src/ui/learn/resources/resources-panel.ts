import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { cardStyles } from '../../components/card-styles';
import { searchInput } from '../../components/search-input';
import { catalogStyles } from '../catalog-styles';
import {
  RESOURCES,
  RESOURCE_KINDS,
  RESOURCE_KIND_LABELS,
  type Resource,
  type ResourceKind,
} from '../../../learn/resources-data';
import {
  RESOURCE_SORTS,
  countByKind,
  filterResources,
  matchesResourceQuery,
  type ResourceSort,
} from '../../../learn/resources-search';

/** The host name a link goes to, shown so the user knows where it leads before opening it. */
function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}

function isSort(value: string): value is ResourceSort {
  return RESOURCE_SORTS.some((sort) => sort.id === value);
}

/**
 * Learn panel 14: the survey's recommended courses, books, research outlets, communities, frameworks,
 * platforms, conferences and sites, as a list that searches, filters and sorts offline. Only the links
 * themselves need the network.
 */
const SEARCH = {
  placeholder: 'Search titles, authors, topics…',
  label: 'Search resources',
  testid: 'resources-search',
};

@customElement('pg-resources-panel')
export class LearnResources extends LitElement {
  static override styles = [
    cardStyles,
    catalogStyles,
    css`
      .sort {
        display: inline-flex;
        gap: 8px;
        align-items: center;
      }
      ul.list {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 12px;
        grid-template-columns: repeat(auto-fill, minmax(min(340px, 100%), 1fr));
      }
      li.resource {
        display: flex;
        flex-direction: column;
        gap: 6px;
      }
      li.resource h2 {
        margin: 0;
        font-size: 1rem;
        line-height: 1.35;
      }
      li.resource p {
        margin: 0;
        line-height: 1.45;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 6px 10px;
        align-items: center;
        font-size: 0.82rem;
      }
      .kind {
        font-weight: 600;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        font-size: 0.72rem;
        color: var(--pg-accent);
      }
      .year {
        font-variant-numeric: tabular-nums;
      }
      .by {
        font-size: 0.9rem;
      }
      .go {
        margin-top: auto;
        padding-top: 4px;
        display: flex;
        flex-wrap: wrap;
        gap: 4px 10px;
        align-items: baseline;
        font-size: 0.9rem;
      }
      .go a {
        color: var(--pg-accent);
        font-weight: 600;
        text-decoration: none;
        overflow-wrap: anywhere;
      }
      .go a:hover {
        text-decoration: underline;
      }
      .net {
        font-size: 0.78rem;
      }
      .offline {
        color: var(--pg-warn);
        margin: 0;
      }
    `,
  ];

  @state() private _query = '';
  @state() private _kinds: ReadonlySet<ResourceKind> = new Set();
  @state() private _sort: ResourceSort = 'kind';
  @state() private _online = navigator.onLine;

  private readonly _onNetwork = (): void => {
    this._online = navigator.onLine;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this._onNetwork);
    window.addEventListener('offline', this._onNetwork);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('online', this._onNetwork);
    window.removeEventListener('offline', this._onNetwork);
    super.disconnectedCallback();
  }

  private _toggleKind(kind: ResourceKind): void {
    const next = new Set(this._kinds);
    if (next.has(kind)) next.delete(kind);
    else next.add(kind);
    this._kinds = next;
  }

  private _clear(): void {
    this._query = '';
    this._kinds = new Set();
  }

  override render(): TemplateResult {
    const shown = filterResources(RESOURCES, { query: this._query, kinds: this._kinds, sort: this._sort });
    // Chip counts follow the search, so each says how many of its kind the search would show.
    const matching = countByKind(RESOURCES.filter((r) => matchesResourceQuery(r, this._query)));
    return html`<h1>Resources</h1>
      <p class="intro muted">
        Where to go next: the courses, books, research outlets, communities, frameworks and platforms that the
        deep-learning survey behind this playground recommends. The list itself works offline; each link opens
        the official site in a new tab and needs a network connection. The survey gives no dates: the years
        shown are when a book was published or a project launched, added by us only where well established.
      </p>
      <div class="controls">
        <div class="row">
          ${searchInput(this._query, (query) => (this._query = query), SEARCH)}
          <label class="sort">
            Sort by
            <select
              data-testid="resources-sort"
              .value=${this._sort}
              @change=${(event: Event) => {
                const value = (event.target as HTMLSelectElement).value;
                if (isSort(value)) this._sort = value;
              }}
            >
              ${RESOURCE_SORTS.map(
                (sort) =>
                  html`<option value=${sort.id} ?selected=${sort.id === this._sort}>${sort.label}</option>`,
              )}
            </select>
          </label>
        </div>
        <div class="chips" role="group" aria-label="Filter by kind" data-testid="resources-kinds">
          <button
            class="chip"
            aria-pressed=${this._kinds.size === 0 ? 'true' : 'false'}
            data-kind="all"
            @click=${() => (this._kinds = new Set())}
          >
            All kinds<span class="n">${[...matching.values()].reduce((sum, n) => sum + n, 0)}</span>
          </button>
          ${RESOURCE_KINDS.map(
            (kind) =>
              html`<button
                class="chip"
                aria-pressed=${this._kinds.has(kind) ? 'true' : 'false'}
                data-kind=${kind}
                @click=${() => this._toggleKind(kind)}
              >
                ${RESOURCE_KIND_LABELS[kind].many}<span class="n">${matching.get(kind) ?? 0}</span>
              </button>`,
          )}
        </div>
        <p class="count muted" role="status" data-testid="resources-count" data-shown=${shown.length}>
          Showing ${shown.length} of ${RESOURCES.length} resources
        </p>
        ${
          this._online
            ? nothing
            : html`<p class="offline small" data-testid="resources-offline">
                You are offline: the list works, but the links will open only once you are back online.
              </p>`
        }
      </div>
      ${
        shown.length === 0
          ? html`<div class="card empty" data-testid="resources-empty">
              <p>
                No resources
                match${this._query ? html` “${this._query}”` : nothing}${
                  this._kinds.size > 0 ? html` among the chosen kinds` : nothing
                }.
              </p>
              <button @click=${this._clear}>Clear search and filters</button>
            </div>`
          : html`<ul class="list" data-testid="resources-list">
              ${shown.map((resource) => this._item(resource))}
            </ul>`
      }`;
  }

  private _item(resource: Resource): TemplateResult {
    return html`<li class="resource card" data-resource=${resource.id} data-kind=${resource.kind}>
      <div class="meta">
        <span class="kind">${RESOURCE_KIND_LABELS[resource.kind].one}</span>
        ${resource.year === undefined ? nothing : html`<span class="year muted">${resource.year}</span>`}
      </div>
      <h2>${resource.title}</h2>
      ${resource.by ? html`<p class="by muted">${resource.by}</p>` : nothing}
      <p class="small">${resource.note}</p>
      <div class="go">
        ${
          resource.url
            ? html`<a href=${resource.url} target="_blank" rel="noopener noreferrer"
                  >${hostOf(resource.url)} ↗<span class="visually-hidden"> (opens in a new tab)</span></a
                >
                <span class="net muted">needs the network</span>`
            : html`<span class="muted small">No link: we list it as the survey names it.</span>`
        }
      </div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-resources-panel': LearnResources;
  }
}
