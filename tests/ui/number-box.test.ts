import { describe, expect, it } from 'vitest';
import { readNumber } from '../../src/ui/components/number-box';

describe('readNumber', () => {
  it('reads a finite number, including negatives and decimals', () => {
    expect(readNumber('-1.5', 'Input x₁')).toEqual({ value: -1.5 });
    expect(readNumber(' 3 ', 'Input x₁')).toEqual({ value: 3 });
  });

  it('says what was expected and what came for an empty box or text', () => {
    expect(readNumber('', 'Input x₁')).toEqual({ error: 'Input x₁ must be a number, got “”.' });
    expect(readNumber('abc', 'Target t₂')).toEqual({ error: 'Target t₂ must be a number, got “abc”.' });
    expect(readNumber('Infinity', 'Input x₁')).toHaveProperty('error');
  });

  it('keeps a bounded value inside its range', () => {
    expect(readNumber('2', 'The start x', [-2, 2])).toEqual({ value: 2 });
    expect(readNumber('2.5', 'The start x', [-2, 2])).toEqual({
      error: 'The start x must be a number in [-2, 2], got “2.5”.',
    });
  });
});
