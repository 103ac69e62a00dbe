/**
 * How a chart writes its numbers: the ticks of a linear or a log axis, and the legend's values under the cursor.
 */

/** A log-axis tick: plain between 0.001 and 10⁵, else in exponent form. */
export function logTick(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '';
  const size = Math.abs(value);
  return size === 0 || (size >= 1e-3 && size < 1e5) ? String(+value.toPrecision(3)) : value.toExponential(0);
}

/** Linear-axis tick labels: uPlot's default keeps 3 decimals (5e-4 reads "0.001"), these keep 6 digits. */
const LINEAR_TICK = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 6 });

/**
 * A linear-axis tick: below 0.001 in exponent form (5e-4, as narrow as the axis allows), else to 6 significant
 * digits, grouped as the reader's locale writes numbers.
 */
export function linearTick(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '';
  // toPrecision first: a split of 3.0000000000000003e-4 (float steps) reads 3e-4.
  const tiny = value !== 0 && Math.abs(value) < 1e-3;
  return tiny ? (+value.toPrecision(6)).toExponential() : LINEAR_TICK.format(value);
}

/** A legend value: 4 significant digits, exponent form when tiny or huge. */
export function legendValue(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const size = Math.abs(value);
  if (size !== 0 && (size < 1e-3 || size >= 1e6)) return value.toExponential(2);
  return String(+value.toPrecision(4));
}
