import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * The look of a box on a card (a number, text or search field): the same border, text and font as the
 * buttons, a plain surface. A fragment to use inside a rule, with the rule's own padding and width:
 * `input.rename { ${fieldLook} padding: 4px 8px; }`.
 */
export const fieldLook = css`
  font: inherit;
  border-radius: 6px;
  border: 1px solid var(--pg-border);
  background: var(--pg-surface);
  color: var(--pg-text);
  min-width: 0;
`;

/** A message that something failed, tinted with the theme's "bad" colour. */
export const errorStyles = css`
  .error {
    color: var(--pg-bad);
    background: color-mix(in srgb, var(--pg-bad) 10%, transparent);
    border-radius: 8px;
    padding: 8px 12px;
  }
`;

/** Buttons and selects: raised, a filled accent for the primary action, a ring when focused by keyboard. */
export const buttonStyles = css`
  button,
  select {
    font: inherit;
    border-radius: 8px;
    border: 1px solid var(--pg-border);
    background: var(--pg-surface-2);
    color: var(--pg-text);
    padding: 7px 12px;
  }
  button {
    cursor: pointer;
  }
  button.primary {
    background: var(--pg-accent);
    color: var(--pg-accent-text);
    border-color: var(--pg-accent);
    font-weight: 600;
  }
  button:disabled {
    opacity: 0.55;
    cursor: progress;
  }
  button:focus-visible,
  select:focus-visible {
    outline: 2px solid var(--pg-accent);
    outline-offset: 2px;
  }
`;

/** Shared look for page sections: cards, buttons, selects, errors and the small print. */
export const cardStyles = css`
  .card {
    background: var(--pg-surface);
    border: 1px solid var(--pg-border);
    border-radius: var(--pg-radius);
    padding: 16px 18px;
    min-width: 0;
  }
  .card h2 {
    margin: 0 0 10px;
    font-size: 1.05rem;
  }
  /* A page whose title heads its first card (the image studios). */
  .card h1 {
    margin: 0 0 10px;
    font-size: 1.3rem;
  }
  .muted {
    color: var(--pg-muted);
  }
  .small {
    font-size: 0.85rem;
  }
  ${buttonStyles}
  ${errorStyles}
  progress {
    width: 100%;
    accent-color: var(--pg-accent);
  }
`;

/**
 * Two columns side by side that stack into one below 900px wide: `columns` is the wide layout's
 * grid-template-columns, `selector` the layout's class (both constants of the stylesheet that uses it).
 */
export function splitColumns(selector: string, columns: string): CSSResult {
  return css`
    ${unsafeCSS(selector)} {
      display: grid;
      gap: var(--pg-gap);
      grid-template-columns: ${unsafeCSS(columns)};
      align-items: start;
    }
    @media (max-width: 900px) {
      ${unsafeCSS(selector)} {
        grid-template-columns: minmax(0, 1fr);
      }
    }
  `;
}

/** The head of a top-level page: a block host, its title and an introductory paragraph. */
export const pageHeadStyles = css`
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
`;

/** The search box of an index page (sections, map, resources) and the row shown when nothing matches. */
export const searchBoxStyles = css`
  input[type='search'] {
    ${fieldLook}
    width: min(420px, 100%);
    padding: 8px 12px;
    border-radius: 8px;
    box-sizing: border-box;
  }
  /* What a search that finds nothing shows: a line of text and a button to clear it. */
  .empty {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 12px;
    align-items: center;
  }
  .empty p {
    margin: 0;
  }
`;
