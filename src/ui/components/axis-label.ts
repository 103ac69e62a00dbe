/**
 * The y label runs up the plot's height, and uPlot clips what does not fit: shrink its font (12 px down to
 * 9 px) until the label fits beside the plot area (the height less the x axis and its label, about 60 px).
 */
export function yLabelFontPx(label: string, chartHeight: number): number {
  const room = Math.max(chartHeight - 60, 0);
  const px = Math.floor(room / (0.6 * Math.max(label.length, 1)));
  return Math.min(12, Math.max(9, px));
}
