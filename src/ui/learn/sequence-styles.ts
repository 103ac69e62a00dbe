import { css } from 'lit';

/** Layout shared by the two sequence panels: an intro, a control bar, then a grid of chart cards. */
export const sequencePanelStyles = css`
  :host {
    display: block;
  }
  .stack {
    display: grid;
    gap: var(--pg-gap);
  }
  .intro h1 {
    margin: 0 0 10px;
    font-size: 1.5rem;
  }
  .intro p {
    margin: 0 0 8px;
    line-height: 1.5;
    max-width: 75ch;
  }
  .intro p:last-child {
    margin-bottom: 0;
  }
  .controls {
    display: grid;
    gap: 12px 18px;
    grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
    align-items: end;
  }
  .controls label.select {
    display: grid;
    gap: 4px;
    font-size: 0.85rem;
    color: var(--pg-muted);
    min-width: 0;
  }
  .controls select {
    width: 100%;
    min-width: 0;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  .status {
    font-size: 0.85rem;
    color: var(--pg-muted);
    font-variant-numeric: tabular-nums;
  }
  .grid {
    display: grid;
    gap: var(--pg-gap);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 380px), 1fr));
  }
  .wide {
    grid-column: 1 / -1;
  }
  .note {
    margin: 8px 0 0;
    font-size: 0.82rem;
    color: var(--pg-muted);
    line-height: 1.4;
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
`;
