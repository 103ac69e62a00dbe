import { css } from 'lit';
import { cardStyles, pageHeadStyles } from '../components/card-styles';

/** The look of the System page: backend cards, the switch, the benchmark's chart and table. */
export const systemPageStyles = [
  cardStyles,
  pageHeadStyles,
  css`
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr));
      gap: var(--pg-gap);
      margin-top: var(--pg-gap);
    }
    .active {
      font-size: 2rem;
      font-weight: 700;
      margin: 4px 0;
    }
    .controls {
      display: flex;
      gap: 8px;
      align-items: center;
      flex-wrap: wrap;
      margin: 10px 0;
    }
    table {
      width: 100%;
      border-collapse: collapse;
      font-size: 0.88rem;
    }
    th,
    td {
      text-align: left;
      padding: 6px 4px;
      border-bottom: 1px solid var(--pg-border);
      vertical-align: top;
    }
    .ok {
      color: var(--pg-good);
      font-weight: 600;
    }
    .fail {
      color: var(--pg-bad);
      font-weight: 600;
    }
    .bench-charts {
      display: grid;
      gap: 14px;
      margin-top: 10px;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 12px;
      font-size: 0.85rem;
      margin: 0;
    }
    dd {
      margin: 0;
      word-break: break-word;
    }
  `,
];
