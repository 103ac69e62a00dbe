/** The checkpoints page's look: the list, its rows and badges, the import area and the storage bar. */
import { css } from 'lit';
import { cardStyles, fieldLook } from '../components/card-styles';

export const checkpointsStyles = [
  cardStyles,
  css`
    :host {
      display: block;
    }
    h1 {
      margin: 0 0 4px;
      font-size: 1.5rem;
    }
    .bar {
      display: flex;
      gap: 12px;
      flex-wrap: wrap;
      align-items: center;
      margin: 12px 0;
    }
    .drop {
      border: 2px dashed var(--pg-border);
      border-radius: var(--pg-radius);
      padding: 14px;
      text-align: center;
      color: var(--pg-muted);
    }
    .drop.over {
      border-color: var(--pg-accent);
      color: var(--pg-text);
    }
    .list {
      display: grid;
      gap: 10px;
      margin-top: 12px;
    }
    .item header {
      display: flex;
      gap: 10px;
      flex-wrap: wrap;
      align-items: baseline;
    }
    .item .name {
      font-weight: 700;
      font-size: 1rem;
    }
    .facts {
      display: flex;
      gap: 14px;
      flex-wrap: wrap;
      font-size: 0.85rem;
      color: var(--pg-muted);
      margin: 6px 0;
    }
    .actions {
      display: flex;
      gap: 6px;
      flex-wrap: wrap;
    }
    .badge {
      font-size: 0.72rem;
      padding: 1px 8px;
      border-radius: 999px;
      background: var(--pg-surface-2);
    }
    meter {
      width: 200px;
    }
    input.rename {
      ${fieldLook}
      padding: 4px 8px;
    }
  `,
];
