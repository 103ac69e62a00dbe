import { css } from 'lit';
import { cardStyles } from '../components/card-styles';

/** The look shared by Learn panels 1–6: a lead paragraph, then cards in a responsive grid. */
export const panelStyles = [
  cardStyles,
  css`
    :host {
      display: block;
    }
    h1 {
      margin: 0 0 6px;
      font-size: 1.45rem;
    }
    .lead {
      max-width: 78ch;
      line-height: 1.55;
      margin: 0 0 var(--pg-gap);
    }
    .lead p {
      margin: 0 0 8px;
    }
    .grid {
      display: grid;
      gap: var(--pg-gap);
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
      align-items: start;
    }
    .stack {
      display: grid;
      gap: var(--pg-gap);
      min-width: 0;
    }
    @media (max-width: 900px) {
      .grid {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    .controls {
      display: grid;
      gap: 10px 16px;
      grid-template-columns: repeat(auto-fill, minmax(170px, 1fr));
      align-items: end;
    }
    .row {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
      align-items: center;
    }
    label.field {
      display: flex;
      flex-direction: column;
      gap: 3px;
      font-size: 0.85rem;
      color: var(--pg-muted);
      min-width: 0;
    }
    input[type='number'] {
      font: inherit;
      border-radius: 8px;
      border: 1px solid var(--pg-border);
      background: var(--pg-surface-2);
      color: var(--pg-text);
      padding: 6px 8px;
      width: 100%;
      box-sizing: border-box;
    }
    input[type='number']:focus-visible,
    input[type='checkbox']:focus-visible {
      outline: 2px solid var(--pg-accent);
      outline-offset: 2px;
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
  `,
];

/** A number for a readout: fixed decimals for ordinary sizes, exponent notation for tiny or huge ones. */
export function fmt(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e5) return value.toExponential(2).replace('-', '−');
  return value.toFixed(digits).replace('-', '−');
}
