/** The MNIST test digits the vision panels show and probe: one by index, or the next of a class. */
import { IMAGE_PIXELS, type LabelledSet } from '../../../learn/classifier';
import type { Digit } from '../../protocol/learn';

export function digitAt(test: LabelledSet, index: number): Digit {
  if (!Number.isInteger(index) || index < 0 || index >= test.count)
    throw new Error(`Expected a test digit index in 0–${test.count - 1}, got ${index}`);
  return {
    index,
    label: test.labels[index]!,
    pixels: test.pixels.slice(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS),
  };
}

/** The first test digit (from `from`, wrapping) whose label is `label`. */
export function findDigit(test: LabelledSet, label: number, from: number): number {
  for (let k = 0; k < test.count; k++) {
    const i = (((from + k) % test.count) + test.count) % test.count;
    if (test.labels[i] === label) return i;
  }
  throw new Error(`No test digit with label ${label}`);
}
