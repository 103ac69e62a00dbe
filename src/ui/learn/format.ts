/** A number for a readout: fixed decimals for ordinary sizes, exponent notation for tiny or huge ones. */
export function fmt(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e5) return value.toExponential(2).replace('-', '−');
  return value.toFixed(digits).replace('-', '−');
}
