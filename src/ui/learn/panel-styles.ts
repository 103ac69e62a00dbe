import { css } from 'lit';
import { cardStyles, fieldLook, pageHeadStyles, splitColumns } from '../components/card-styles';

/**
 * The one stylesheet of the Learn panels: cards, the intro (see panel-frame.ts), controls, readouts,
 * tables and heat maps. Layouts: `.grid` puts a wide column beside a narrow one (the foundations panels),
 * `.cols` lays cards out in as many columns as fit; `.wide` spans every column.
 */
export const panelStyles = [
  cardStyles,
  pageHeadStyles,
  css`
    .lead,
    .intro,
    [slot='intro'] {
      max-width: 78ch;
      line-height: 1.55;
    }
    .lead,
    .intro {
      margin: 0 0 var(--pg-gap);
    }
    .lead p,
    .intro p,
    [slot='intro'] p {
      margin: 0 0 8px;
    }
    .stack {
      display: grid;
      gap: var(--pg-gap);
      min-width: 0;
    }
    ${splitColumns('.grid', 'minmax(0, 3fr) minmax(0, 2fr)')}
    .cols {
      display: grid;
      gap: var(--pg-gap);
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 360px), 1fr));
    }
    .wide {
      grid-column: 1 / -1;
    }
    .controls {
      display: grid;
      gap: 10px 16px;
      grid-template-columns: repeat(auto-fill, minmax(170px, 1fr));
      align-items: end;
    }
    .row,
    .buttons {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
      align-items: center;
    }
    label.field,
    label.select {
      display: flex;
      flex-direction: column;
      gap: 3px;
      font-size: 0.85rem;
      color: var(--pg-muted);
      min-width: 0;
    }
    .controls select {
      width: 100%;
      min-width: 0;
    }
    input[type='number'] {
      ${fieldLook}
      padding: 6px 8px;
      width: 100%;
      box-sizing: border-box;
    }
    input[type='number']:focus-visible,
    input[type='checkbox']:focus-visible {
      outline: 2px solid var(--pg-accent);
      outline-offset: 2px;
    }
    .note {
      margin: 8px 0 0;
      font-size: 0.82rem;
      color: var(--pg-muted);
      line-height: 1.4;
    }
    .status {
      font-size: 0.85rem;
      color: var(--pg-muted);
      font-variant-numeric: tabular-nums;
    }
    .readout {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(120px, 1fr));
      gap: 8px;
      margin: 10px 0 0;
    }
    .readout div {
      background: var(--pg-surface-2);
      border-radius: 8px;
      padding: 6px 10px;
      min-width: 0;
    }
    .readout dt {
      font-size: 0.75rem;
      color: var(--pg-muted);
    }
    .readout dd {
      margin: 0;
      font-variant-numeric: tabular-nums;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .math {
      font-family: var(--pg-mono);
      font-size: 0.85rem;
      line-height: 1.6;
      overflow-wrap: anywhere;
      background: var(--pg-surface-2);
      border-radius: 8px;
      padding: 8px 10px;
      margin: 8px 0 0;
    }
    .table-wrap {
      overflow-x: auto;
      max-width: 100%;
    }
    table {
      border-collapse: collapse;
      font-size: 0.82rem;
      font-variant-numeric: tabular-nums;
      width: 100%;
    }
    th,
    td {
      text-align: right;
      padding: 3px 6px;
      border-bottom: 1px solid var(--pg-border);
      white-space: nowrap;
    }
    th:first-child,
    td:first-child {
      text-align: left;
    }
    /* On a phone a table fits the card: headers wrap and cells are tighter (no sideways scrolling). */
    @media (max-width: 640px) {
      table {
        font-size: 0.74rem;
      }
      th {
        white-space: normal;
      }
      th,
      td {
        padding: 3px 3px;
      }
    }
    tr.current td {
      background: color-mix(in srgb, var(--pg-accent) 14%, transparent);
    }
    .good {
      color: var(--pg-good);
    }
    .bad {
      color: var(--pg-bad);
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
    }
    .chips label {
      display: inline-flex;
      align-items: center;
      gap: 5px;
      font-size: 0.85rem;
      border: 1px solid var(--pg-border);
      border-radius: 999px;
      padding: 3px 10px;
      cursor: pointer;
    }
    .swatch {
      display: inline-block;
      width: 10px;
      height: 10px;
      border-radius: 50%;
    }
    .maps {
      display: grid;
      gap: 12px;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 220px), 1fr));
    }
    .map-title {
      font-size: 0.85rem;
      font-weight: 600;
      color: var(--pg-muted);
      margin-bottom: 4px;
    }
    pg-heatmap {
      display: block;
      width: 100%;
    }
    .tabs {
      display: flex;
      gap: 6px;
      flex-wrap: wrap;
      margin-bottom: 10px;
    }
    .tabs button[aria-pressed='true'] {
      border-color: var(--pg-accent);
      color: var(--pg-accent);
      font-weight: 600;
    }
  `,
];
