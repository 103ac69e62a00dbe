/** Index of the largest entry (first one on ties). */
export function argMax(values: ArrayLike<number>, offset = 0, length = values.length - offset): number {
  let best = 0;
  let bestValue = values[offset]!;
  for (let i = 1; i < length; i++) {
    if (values[offset + i]! > bestValue) {
      bestValue = values[offset + i]!;
      best = i;
    }
  }
  return best;
}
