import { css } from 'lit';

/** Shared look for page sections: cards, buttons, selects and the small print. */
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
  .error {
    color: var(--pg-bad);
    background: color-mix(in srgb, var(--pg-bad) 10%, transparent);
    border-radius: 8px;
    padding: 8px 12px;
  }
  progress {
    width: 100%;
    accent-color: var(--pg-accent);
  }
`;

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

/** The search box of an index page (sections, map, resources). */
export const searchBoxStyles = css`
  input[type='search'] {
    font: inherit;
    width: min(420px, 100%);
    padding: 8px 12px;
    border-radius: 8px;
    border: 1px solid var(--pg-border);
    background: var(--pg-surface);
    color: var(--pg-text);
    box-sizing: border-box;
  }
`;
