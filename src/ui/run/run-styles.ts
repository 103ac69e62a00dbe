/** Looks every training page shares: the stats strip (a value over its label) and a checkpoint-name field. */
import { css } from 'lit';
import { fieldLook } from '../components/card-styles';

export const statStyles = css`
  .stats {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(105px, 1fr));
    gap: 8px;
    margin-top: 10px;
  }
  .stat {
    background: var(--pg-surface-2);
    border-radius: 8px;
    padding: 6px 10px;
  }
  .stat b {
    display: block;
    font-size: 1.05rem;
    font-variant-numeric: tabular-nums;
  }
  .stat span {
    font-size: 0.75rem;
    color: var(--pg-muted);
  }
`;

export const nameFieldStyles = css`
  input[type='text'] {
    ${fieldLook}
    padding: 6px 10px;
    width: 14em;
    max-width: 100%;
  }
`;
