import { css } from 'lit';
import { pageHeadStyles, searchBoxStyles } from '../components/card-styles';

/** Look shared by the map and the resources list: page head, search box, filter chips, count, tags. */
export const catalogStyles = [
  pageHeadStyles,
  searchBoxStyles,
  css`
    .controls {
      display: flex;
      flex-direction: column;
      gap: 12px;
      margin-bottom: var(--pg-gap);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
    }
    input:focus-visible,
    a:focus-visible,
    .chip:focus-visible,
    .tag:focus-visible {
      outline: 2px solid var(--pg-accent);
      outline-offset: 2px;
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin: 0;
      padding: 0;
      border: 0;
    }
    .chip {
      font: inherit;
      font-size: 0.9rem;
      padding: 5px 12px;
      border-radius: 999px;
      border: 1px solid var(--pg-border);
      background: var(--pg-surface);
      color: var(--pg-text);
      cursor: pointer;
      white-space: nowrap;
    }
    .chip[aria-pressed='true'] {
      background: var(--pg-accent);
      border-color: var(--pg-accent);
      color: var(--pg-accent-text);
    }
    /* The count keeps the chip's full text colour: a faded one fails contrast on the pressed chip. */
    .chip .n {
      font-weight: 400;
      font-variant-numeric: tabular-nums;
      margin-left: 4px;
    }
    .count {
      margin: 0;
      font-variant-numeric: tabular-nums;
    }
    .tags {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .tag {
      font: inherit;
      font-size: 0.78rem;
      padding: 2px 8px;
      border-radius: 999px;
      border: 1px solid transparent;
      background: var(--pg-surface-2);
      color: var(--pg-muted);
    }
    button.tag {
      cursor: pointer;
    }
    button.tag:hover {
      border-color: var(--pg-accent);
      color: var(--pg-text);
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  `,
];
