import { css } from 'lit';
import { fieldLook } from '../../components/card-styles';

/** Layout shared by the vision panels: an intro, cards in a responsive grid, labelled figures. */
export const panelStyles = css`
  :host {
    display: block;
  }
  h1 {
    margin: 0 0 6px;
    font-size: 1.45rem;
  }
  .intro {
    max-width: 75ch;
    line-height: 1.55;
    margin: 0 0 var(--pg-gap);
  }
  .intro p {
    margin: 0 0 8px;
  }
  .stack {
    display: grid;
    gap: var(--pg-gap);
  }
  .cols {
    display: grid;
    gap: var(--pg-gap);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr));
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 12px;
    align-items: center;
  }
  figure {
    margin: 0;
    display: grid;
    align-content: start;
    gap: 4px;
    justify-items: center;
    min-width: 0;
  }
  figcaption {
    font-size: 0.8rem;
    color: var(--pg-muted);
    text-align: center;
  }
  .figures {
    display: flex;
    flex-wrap: wrap;
    gap: 12px;
    align-items: flex-start;
  }
  pg-heatmap.digit {
    width: 112px;
  }
  pg-heatmap.small {
    width: 56px;
  }
  .tiles {
    display: grid;
    gap: 6px;
    grid-template-columns: repeat(auto-fill, minmax(56px, 1fr));
  }
  .tiles pg-heatmap {
    width: 100%;
  }
  .number {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  input[type='number'] {
    ${fieldLook}
    width: 5.5em;
    padding: 5px 6px;
  }
  input[type='number']:focus-visible {
    outline: 2px solid var(--pg-accent);
    outline-offset: 1px;
  }
  label.inline {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 6px;
    align-items: center;
    font-size: 0.9rem;
    max-width: 100%;
    min-width: 0;
  }
  select {
    max-width: 100%;
    min-width: 0;
  }
  table {
    border-collapse: collapse;
    font-size: 0.85rem;
    width: 100%;
  }
  th,
  td {
    text-align: right;
    padding: 4px 6px;
    border-bottom: 1px solid var(--pg-border);
    font-variant-numeric: tabular-nums;
  }
  th:first-child,
  td:first-child {
    text-align: left;
  }
  .table-wrap {
    overflow-x: auto;
  }
  .good {
    color: var(--pg-good);
  }
  .bad {
    color: var(--pg-bad);
  }
`;
