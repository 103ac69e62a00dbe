/** The arena's look, shared by its page and its panels (each panel has its own shadow root). */
import { css } from 'lit';
import { statStyles } from '../run/run-styles';

/** Rows of buttons and labelled inputs, the stats strip and the small print. */
export const arenaPanelStyles = [
  statStyles,
  css`
    :host {
      display: block;
    }
    .controls {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
      align-items: center;
    }
    .controls label {
      font-size: 0.85rem;
      display: flex;
      align-items: center;
      gap: 6px;
    }
  `,
];

/** The page: game picker, intro and the two-column layout. */
export const arenaPageStyles = css`
  h1 {
    margin: 0;
    font-size: 1.5rem;
  }
  .top {
    display: flex;
    gap: 12px;
    align-items: end;
    flex-wrap: wrap;
    margin-bottom: var(--pg-gap);
  }
  .top label {
    display: flex;
    flex-direction: column;
    font-size: 0.8rem;
    color: var(--pg-muted);
    gap: 3px;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 5fr) minmax(0, 6fr);
    gap: var(--pg-gap);
    align-items: start;
  }
  @media (max-width: 980px) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  /* On a phone the game comes first, right under the intro, not below the whole control card. */
  @media (max-width: 640px) {
    .watch {
      order: -1;
    }
  }
  .column {
    display: grid;
    gap: var(--pg-gap);
    min-width: 0;
  }
  details > summary {
    cursor: pointer;
    font-weight: 600;
  }
  .intro {
    color: var(--pg-muted);
    margin: 4px 0 var(--pg-gap);
    max-width: 900px;
    line-height: 1.45;
  }
`;

/** The list of runs with their colour, status badge and settings. */
export const runListStyles = css`
  .runs {
    display: grid;
    gap: 8px;
  }
  .run {
    display: flex;
    align-items: center;
    gap: 10px;
    flex-wrap: wrap;
    padding: 8px 10px;
    border: 1px solid var(--pg-border);
    border-radius: 8px;
    cursor: pointer;
    background: var(--pg-surface);
  }
  .run[aria-selected='true'] {
    border-color: var(--pg-accent);
    box-shadow: 0 0 0 1px var(--pg-accent);
  }
  /* A short stroke of the run's line on the charts: its colour and its dash. */
  .swatch {
    width: 22px;
    height: 0;
    flex: none;
  }
  .run .name {
    font-weight: 600;
  }
  .run .meta {
    font-size: 0.8rem;
    color: var(--pg-muted);
  }
  .badge {
    font-size: 0.75rem;
    padding: 1px 8px;
    border-radius: 999px;
    background: var(--pg-surface-2);
  }
  .badge.training {
    background: color-mix(in srgb, var(--pg-good) 25%, transparent);
  }
  .badge.diverged,
  .badge.crashed {
    background: color-mix(in srgb, var(--pg-bad) 25%, transparent);
  }
`;
