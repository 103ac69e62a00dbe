/** How charts write their numbers (src/ui/components/chart-numbers.ts). */
import { describe, expect, it } from 'vitest';
import { legendValue, linearTick, logTick } from '../../src/ui/components/chart-numbers';

describe('linear-axis ticks', () => {
  it('keep small steps apart instead of rounding them to 3 decimals', () => {
    expect(linearTick(5e-4)).toBe('5e-4');
    expect(linearTick(-2.5e-5)).toBe('-2.5e-5');
    expect(linearTick(0.0001 * 3)).toBe('3e-4');
    expect(linearTick(1.5e-3)).toMatch(/^0[.,]0015$/);
    expect(linearTick(1e-3)).not.toBe(linearTick(5e-4));
    expect(linearTick(0)).toBe('0');
    expect(linearTick(0.1 + 0.2)).toMatch(/^0[.,]3$/);
    expect(linearTick(null)).toBe('');
  });
});

describe('log-axis ticks and legend values', () => {
  it('switch to exponent form where plain digits would lose the value', () => {
    expect(logTick(1e-4)).toBe('1e-4');
    expect(logTick(0.01)).toBe('0.01');
    expect(legendValue(8.55e-4)).toBe('8.55e-4');
    expect(legendValue(0)).toBe('0');
    expect(legendValue(NaN)).toBe('—');
  });
});
