/** Styles the 2-D GAN lab's page and its cards share. */
import { css } from 'lit';
import { fieldLook, splitColumns } from '../../components/card-styles';

export const gan2dLabStyles = css`
  :host {
    display: block;
  }
  .bar {
    display: flex;
    gap: 8px 12px;
    flex-wrap: wrap;
    align-items: end;
  }
  label.field {
    display: grid;
    gap: 2px;
    font-size: 0.8rem;
    color: var(--pg-muted);
  }
  ${splitColumns('.layout', 'minmax(0, 560px) minmax(0, 1fr)')}
  .layout {
    margin-top: var(--pg-gap);
  }
  .layers {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
    margin: 8px 0 4px;
    font-size: 0.85rem;
  }
  .legend {
    display: flex;
    align-items: center;
    gap: 8px;
    font-size: 0.8rem;
    color: var(--pg-muted);
    flex-wrap: wrap;
  }
  .scale {
    width: 140px;
    height: 10px;
    border-radius: 4px;
    background: linear-gradient(
      to right,
      rgba(147, 51, 234, 0.67),
      rgba(147, 51, 234, 0),
      rgba(22, 163, 74, 0),
      rgba(22, 163, 74, 0.67)
    );
    border: 1px solid var(--pg-border);
  }
  .dot {
    display: inline-block;
    width: 9px;
    height: 9px;
    border-radius: 50%;
    vertical-align: middle;
  }
  .card + .card,
  .layout + .card,
  .card + .layout,
  pg-gan2d-custom-points {
    margin-top: var(--pg-gap);
  }
  pg-gan2d-custom-points {
    display: block;
  }
  input.text {
    ${fieldLook}
    padding: 6px 8px;
  }
  input.link {
    width: 100%;
    font-family: var(--pg-mono);
    font-size: 0.75rem;
  }
  p {
    line-height: 1.5;
    max-width: 75ch;
  }
  details summary {
    cursor: pointer;
    font-weight: 600;
  }
  .ok {
    color: var(--pg-good);
  }
`;
