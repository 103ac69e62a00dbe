/** The attention panel's toy tasks: a sequence of digits in, the same digits reversed or sorted out. */
import type { Rng } from '../envs/rng';

export type DigitTaskKind = 'reverse' | 'sort';

export const DIGIT_VOCAB = 10;

export function digitTarget(kind: DigitTaskKind, input: readonly number[]): number[] {
  return kind === 'reverse' ? [...input].reverse() : [...input].sort((a, b) => a - b);
}

export interface DigitBatch {
  batch: number;
  length: number;
  /** [batch · length] input tokens. */
  inputs: Int32Array;
  /** [batch · length] target tokens. */
  targets: Int32Array;
}

export function sampleDigits(kind: DigitTaskKind, length: number, batch: number, rng: Rng): DigitBatch {
  const inputs = new Int32Array(batch * length);
  const targets = new Int32Array(batch * length);
  for (let b = 0; b < batch; b++) {
    const row = Array.from({ length }, () => rng.nextInt(DIGIT_VOCAB));
    inputs.set(row, b * length);
    targets.set(digitTarget(kind, row), b * length);
  }
  return { batch, length, inputs, targets };
}

/**
 * Reads digits typed by a user ("3 1 4 1 5 9", "314159" or "3,1,4"): one token per digit.
 * Throws a message that says what was expected when the text is not `length` digits.
 */
export function parseDigits(text: string, length: number): number[] {
  const cleaned = text.replace(/[\s,;]+/g, '');
  if (!/^[0-9]*$/.test(cleaned)) {
    throw new Error(`Only the digits 0–9 are tokens here; "${text.trim()}" has other characters`);
  }
  if (cleaned.length !== length) {
    throw new Error(`The model reads exactly ${length} digits; got ${cleaned.length}`);
  }
  return Array.from(cleaned, Number);
}
