/** The layout and small text styles the three Studio MNIST pages share (the run controls style themselves). */
import { css } from 'lit';
import { splitColumns } from '../../components/card-styles';

export const imagePageStyles = css`
  :host {
    display: block;
  }
  ${splitColumns('.layout', 'minmax(0, 1fr) minmax(0, 1fr)')}
  .column {
    display: grid;
    gap: var(--pg-gap, 16px);
    min-width: 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 12px;
    align-items: end;
  }
  .row label,
  .field {
    display: flex;
    flex-direction: column;
    gap: 3px;
    font-size: 0.8rem;
    color: var(--pg-muted);
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 260px), 1fr));
    gap: 14px;
  }
  .note {
    font-size: 0.85rem;
    color: var(--pg-muted);
    line-height: 1.45;
    margin: 6px 0 0;
  }
  .progress-line {
    margin-top: 8px;
  }
  pg-run-controls {
    margin-top: 10px;
  }
`;
