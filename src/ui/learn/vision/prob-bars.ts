import type { Bar } from '../../components/bar-chart';

/** Ten bars, one per digit class, in percent; the predicted class is highlighted. */
export function probabilityBars(probabilities: ArrayLike<number>): Bar[] {
  let best = 0;
  for (let i = 1; i < probabilities.length; i++) if (probabilities[i]! > probabilities[best]!) best = i;
  return Array.from({ length: probabilities.length }, (_, i) => ({
    label: String(i),
    value: probabilities[i]! * 100,
    highlight: i === best,
  }));
}

export function predictedClass(probabilities: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < probabilities.length; i++) if (probabilities[i]! > probabilities[best]!) best = i;
  return best;
}
