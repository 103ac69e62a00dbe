import { css } from 'lit';

/** The host of every chart: a block that may shrink below its content's width, with a small muted title. */
export const chartHostStyles = css`
  :host {
    display: block;
    min-width: 0;
  }
  .title {
    font-size: 0.85rem;
    font-weight: 600;
    color: var(--pg-muted);
    margin-bottom: 6px;
  }
`;

/** A host that draws on one canvas scaled to its width (a digit grid, a latent plane), with a focus ring. */
export const canvasHostStyles = css`
  :host {
    display: block;
    min-width: 0;
  }
  canvas {
    display: block;
    width: 100%;
  }
  canvas:focus-visible {
    outline: 2px solid var(--pg-accent);
    outline-offset: 2px;
  }
`;

/** An SVG drawn in a viewBox that fills its host's width. */
export const fullWidthSvgStyles = css`
  svg {
    width: 100%;
    height: auto;
    display: block;
  }
`;

/** The lowest and highest finite values among the first `count` of `values` (±Infinity where none is). */
export function finiteRange(values: ArrayLike<number>, count: number): { low: number; high: number } {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < count; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
  }
  return { low, high };
}
