import { describe, expect, it } from 'vitest';
import { yLabelFontPx } from '../../src/ui/components/axis-label';

/** Width of a label at `px` by the same estimate: what must fit the plot's height less the x axis. */
const fits = (label: string, px: number, height: number): boolean => 0.6 * px * label.length <= height - 60;

describe('y-axis label size', () => {
  it('keeps the full 12 px where the label fits', () => {
    expect(yLabelFontPx('env steps/s', 180)).toBe(12);
    expect(fits('env steps/s', 12, 180)).toBe(true);
  });

  it('shrinks a long label until it fits the plot height', () => {
    const label = 'return (reward per episode)';
    const px = yLabelFontPx(label, 230);
    expect(px).toBeLessThan(12);
    expect(fits(label, px, 230)).toBe(true);
    expect(fits(label, px + 1, 230)).toBe(false);
  });

  it('never goes below 9 px (a label that long is the caller’s to shorten)', () => {
    expect(yLabelFontPx('loss L and its slope ∂L/∂prediction in nats per sample', 120)).toBe(9);
    expect(yLabelFontPx('', 0)).toBe(9);
  });
});
