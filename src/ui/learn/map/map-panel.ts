import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { cardStyles } from '../../components/card-styles';
import { searchInput } from '../../components/search-input';
import { catalogStyles } from '../catalog-styles';
import { MAP_AREAS, MAP_ITEMS, type MapAreaId, type MapItem, type MapLink } from '../../../learn/map-data';
import { countByArea, filterMapItems, groupByArea } from '../../../learn/map-search';
import { isRegisteredRoute, registeredTitle } from '../registered-routes';

interface ShownItem extends MapItem {
  /** Links whose page is in this build (`links`), and those whose page is not (`pending`). */
  pending: readonly MapLink[];
}

/** A link named after the page it opens, as that page is registered (Studio sections say so). */
function named(link: MapLink): MapLink {
  const title = registeredTitle(link.route);
  if (title === undefined) return link;
  return { ...link, label: link.route.startsWith('#/studio/') ? `Studio: ${title}` : title };
}

/** Splits each item's links by whether this build has the page, so no link is ever dead. */
const ITEMS: readonly ShownItem[] = MAP_ITEMS.map((item) => ({
  ...item,
  links: item.links.filter((link) => isRegisteredRoute(link.route)).map(named),
  pending: item.links.filter((link) => !isRegisteredRoute(link.route)),
}));

/**
 * Learn panel 13: the survey's topics as a searchable map, grouped by area, each item pointing to the
 * panel, Studio section or Arena view that demonstrates it.
 */
const SEARCH = { placeholder: 'Search topics, models, tags…', label: 'Search the map', testid: 'map-search' };

@customElement('pg-map-panel')
export class LearnMap extends LitElement {
  static override styles = [
    cardStyles,
    catalogStyles,
    css`
      section {
        margin-bottom: calc(var(--pg-gap) * 1.5);
      }
      section > h2 {
        margin: 0 0 10px;
        font-size: 1.15rem;
        display: flex;
        flex-wrap: wrap;
        gap: 4px 10px;
        align-items: baseline;
      }
      section > h2 .blurb {
        font-size: 0.9rem;
        font-weight: 400;
      }
      ul.items {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 12px;
        grid-template-columns: repeat(auto-fill, minmax(min(300px, 100%), 1fr));
      }
      li.item {
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      li.item h3 {
        margin: 0;
        font-size: 1rem;
      }
      li.item p {
        margin: 0;
        line-height: 1.45;
      }
      .links {
        margin-top: auto;
        display: flex;
        flex-wrap: wrap;
        gap: 4px 14px;
        font-size: 0.9rem;
      }
      .links a {
        color: var(--pg-accent);
        font-weight: 600;
        text-decoration: none;
      }
      .links a:hover {
        text-decoration: underline;
      }
      label.toggle {
        display: inline-flex;
        gap: 6px;
        align-items: center;
        cursor: pointer;
      }
      label.toggle input {
        width: 18px;
        height: 18px;
        accent-color: var(--pg-accent);
        margin: 0;
      }
    `,
  ];

  @state() private _query = '';
  @state() private _area: MapAreaId | 'all' = 'all';
  @state() private _demoOnly = false;

  private _searchTag(tag: string): void {
    this._query = tag;
    this._area = 'all';
    this.renderRoot.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
  }

  private _clear(): void {
    this._query = '';
    this._area = 'all';
    this._demoOnly = false;
  }

  override render(): TemplateResult {
    const filter = { query: this._query, area: this._area, demoOnly: this._demoOnly };
    const shown = filterMapItems(ITEMS, MAP_AREAS, filter);
    // Chip counts follow the search and the demo toggle, so they say what each area would show.
    const perArea = countByArea(filterMapItems(ITEMS, MAP_AREAS, { ...filter, area: 'all' }));
    const anyArea = [...perArea.values()].reduce((sum, n) => sum + n, 0);
    return html`<h1>Map of deep learning</h1>
      <p class="intro muted">
        The topics of the deep-learning survey this playground grew from, each in a sentence or two: how
        networks are built and trained, the main model families, where they are used, what is still hard, and
        where research is going. Follow a link to try the idea live; topics the app does not demonstrate say
        so.
      </p>
      <div class="controls">
        <div class="row">
          ${searchInput(this._query, (query) => (this._query = query), SEARCH)}
          <label class="toggle">
            <input
              type="checkbox"
              data-testid="map-demo-only"
              .checked=${this._demoOnly}
              @change=${(event: Event) => (this._demoOnly = (event.target as HTMLInputElement).checked)}
            />
            Only what I can try here
          </label>
        </div>
        <div class="chips" role="group" aria-label="Filter by area" data-testid="map-areas">
          ${this._chip('all', 'All areas', anyArea)}
          ${MAP_AREAS.map((area) => this._chip(area.id, area.title, perArea.get(area.id) ?? 0))}
        </div>
        <p class="count muted" role="status" data-testid="map-count" data-shown=${shown.length}>
          Showing ${shown.length} of ${ITEMS.length} topics
        </p>
      </div>
      ${
        shown.length === 0
          ? html`<div class="card empty" data-testid="map-empty">
              <p>
                No topic
                matches${this._query ? html` “${this._query}”` : nothing}${
                  this._area === 'all'
                    ? nothing
                    : html` in ${MAP_AREAS.find((area) => area.id === this._area)?.title}`
                }.
              </p>
              <button @click=${this._clear}>Clear search and filters</button>
            </div>`
          : groupByArea(shown, MAP_AREAS).map(
              (group) =>
                html`<section data-area=${group.area.id} aria-labelledby="area-${group.area.id}">
                  <h2 id="area-${group.area.id}">
                    ${group.area.title} <span class="blurb muted">${group.area.blurb}</span>
                  </h2>
                  <ul class="items">
                    ${group.items.map((item) => this._item(item))}
                  </ul>
                </section>`,
            )
      }`;
  }

  private _chip(id: MapAreaId | 'all', label: string, count: number): TemplateResult {
    return html`<button
      class="chip"
      aria-pressed=${this._area === id ? 'true' : 'false'}
      data-area=${id}
      @click=${() => (this._area = id)}
    >
      ${label}<span class="n">${count}</span>
    </button>`;
  }

  // Tags are a click shortcut for the search box; they stay out of the tab order, or some 300 of them would
  // stand between a keyboard user and the links.
  private _item(item: ShownItem): TemplateResult {
    return html`<li class="item card" data-item=${item.id}>
      <h3>${item.title}</h3>
      <p class="small">${item.summary}</p>
      <ul class="tags" aria-label="Tags">
        ${item.tags.map(
          (tag) =>
            html`<li>
              <button
                class="tag"
                tabindex="-1"
                title="Search for “${tag}”"
                @click=${() => this._searchTag(tag)}
              >
                ${tag}
              </button>
            </li>`,
        )}
      </ul>
      <div class="links" data-testid="map-links">
        ${item.links.map((link) => html`<a href=${link.route} data-route=${link.route}>${link.label} →</a>`)}
        ${item.pending.map((link) => html`<span class="muted">${link.label} (not in this build yet)</span>`)}
        ${
          item.links.length === 0 && item.pending.length === 0
            ? html`<span class="muted" data-testid="no-demo">Not demonstrated in this app</span>`
            : nothing
        }
      </div>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pg-map-panel': LearnMap;
  }
}
