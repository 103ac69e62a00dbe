/**
 * How the n-th line of a chart is drawn. Each style differs from its neighbours in colour AND dash, so runs
 * stay apart for readers who do not see the colours apart (and in a greyscale print).
 */
export interface SeriesStyle {
  /** A theme colour: the name of a --pg-series-n custom property. */
  color: string;
  /** Canvas line dash ([] is solid). */
  dash: number[];
  /** The CSS border style that draws the same dash in a legend swatch. */
  swatch: 'solid' | 'dashed' | 'dotted' | 'double';
}

const COLORS = ['--pg-series-1', '--pg-series-2', '--pg-series-3', '--pg-series-4'];
const DASHES: readonly { dash: number[]; swatch: SeriesStyle['swatch'] }[] = [
  { dash: [], swatch: 'solid' },
  { dash: [8, 4], swatch: 'dashed' },
  { dash: [2, 3], swatch: 'dotted' },
  { dash: [10, 3, 2, 3], swatch: 'double' },
];

/**
 * The style of series `index` (0-based). Colours cycle every 4; the dash shifts by one more each round, so
 * the first 16 series all differ in their (colour, dash) pair and any two neighbours differ in both.
 */
export function seriesStyle(index: number): SeriesStyle {
  const i = Math.max(0, Math.trunc(index));
  const { dash, swatch } = DASHES[(i + Math.floor(i / COLORS.length)) % DASHES.length]!;
  return { color: COLORS[i % COLORS.length]!, dash: [...dash], swatch };
}

/** The legend swatch's border style for a canvas dash pattern. */
export function swatchFor(dash: readonly number[] | undefined): SeriesStyle['swatch'] {
  if (!dash || dash.length === 0) return 'solid';
  return DASHES.find((d) => d.dash.join(',') === dash.join(','))?.swatch ?? 'dashed';
}
