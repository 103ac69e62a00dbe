import { html, nothing, type TemplateResult } from 'lit';

/**
 * The search box of an index (sections, map, resources; styled by searchBoxStyles): every keystroke hands
 * the query to `onQuery`, and Escape clears a query that is not empty (and stays in the box).
 */
export function searchInput(
  query: string,
  onQuery: (query: string) => void,
  { placeholder, label, testid }: { placeholder: string; label: string; testid?: string },
): TemplateResult {
  const onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || query === '') return;
    event.preventDefault();
    onQuery('');
  };
  return html`<input
    type="search"
    placeholder=${placeholder}
    aria-label=${label}
    data-testid=${testid ?? nothing}
    .value=${query}
    @input=${(event: Event) => onQuery((event.target as HTMLInputElement).value)}
    @keydown=${onKey}
  />`;
}
