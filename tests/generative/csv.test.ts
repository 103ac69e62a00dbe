import { describe, expect, it } from 'vitest';
import { parsePointsCsv } from '../../src/generative/csv';

describe('parsePointsCsv: good files', () => {
  it('reads comma-separated rows without a header', () => {
    expect(parsePointsCsv('1,2\n-3.5,4e-1\n')).toEqual({ points: [1, 2, -3.5, 0.4], count: 2, header: null });
  });

  it('reads a header, CRLF line ends, a BOM, blank lines and # comments', () => {
    const text = '\uFEFFx,y\r\n# drawn by hand\r\n\r\n0.5, -1\r\n+2,.25\r\n';
    expect(parsePointsCsv(text)).toEqual({ points: [0.5, -1, 2, 0.25], count: 2, header: ['x', 'y'] });
  });

  it('reads semicolons (with decimal commas), tabs, spaces and quoted fields', () => {
    expect(parsePointsCsv('x;y\n1,5;-2,25\n3;4').points).toEqual([1.5, -2.25, 3, 4]);
    expect(parsePointsCsv('1\t2\n3   4').points).toEqual([1, 2, 3, 4]);
    expect(parsePointsCsv('"x","y"\n"1","2"').points).toEqual([1, 2]);
    expect(parsePointsCsv('"x","y"\n"1","2"').header).toEqual(['x', 'y']);
  });
});

describe('parsePointsCsv: bad rows are named by their line number', () => {
  it.each([
    ['a word', 'x,y\n1,2\n3,4\n5,6\n7,8\n9,10\nabc,1\n', 'Row 7: expected two numbers, got "abc,1"'],
    ['one value', '1,2\n3\n', 'Row 2: expected two numbers, got "3"'],
    ['three values', '1,2\n3,4,5\n', 'Row 2: expected two numbers, got "3,4,5"'],
    ['an empty field', '1,2\n,4\n', 'Row 2: expected two numbers, got ",4"'],
    ['hex', '0x10,1', 'Row 1: expected two numbers, got "0x10,1"'],
    ['Infinity', '1,2\nInfinity,1', 'Row 2: expected two numbers, got "Infinity,1"'],
    ['NaN', 'x,y\n\n1,NaN', 'Row 3: expected two numbers, got "1,NaN"'],
    ['overflow to ∞', '1e999,2', 'Row 1: expected finite numbers, got "1e999,2"'],
    ['out of range', '1,2\n2e6,1', 'Row 2: expected |x| and |y| ≤ 1000000, got "2e6,1"'],
    ['a second header', 'x,y\n1,2\nx,y', 'Row 3: expected two numbers, got "x,y"'],
    ['a header of three names', 'x,y,z\n1,2', 'Row 1: expected a header of two column names, got "x,y,z"'],
  ])('%s', (_, text, message) => {
    expect(() => parsePointsCsv(text)).toThrow(message);
  });

  it('shortens very long rows in the message', () => {
    expect(() => parsePointsCsv(`1,${'9'.repeat(100)}x`)).toThrow(
      /^Row 1: expected two numbers, got "1,9{55}\.\.\."$/,
    );
  });

  it('rejects empty input', () => {
    expect(() => parsePointsCsv('')).toThrow('Expected at least one row of x, y numbers, got none');
    expect(() => parsePointsCsv('x,y\n\n')).toThrow('Expected at least one row of x, y numbers, got none');
  });
});

describe('parsePointsCsv: size limits', () => {
  it('accepts 10,000 rows and rejects the 10,001st, naming its row', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `${i},${-i}`);
    expect(parsePointsCsv(['x,y', ...rows].join('\n')).count).toBe(10_000);
    expect(() => parsePointsCsv(['x,y', ...rows, '1,1'].join('\n'))).toThrow(
      'Row 10002: expected at most 10000 rows of points, got more',
    );
  });

  it('honours custom limits, and rejects oversized text before parsing', () => {
    expect(() => parsePointsCsv('1,2\n3,4', { maxRows: 1 })).toThrow('Row 2: expected at most 1 rows');
    expect(() => parsePointsCsv('5,1', { maxAbs: 4 })).toThrow('Row 1: expected |x| and |y| ≤ 4, got "5,1"');
    expect(() => parsePointsCsv('1,2\n'.repeat(10), { maxChars: 20 })).toThrow(
      'Expected at most 20 characters of CSV, got 40',
    );
  });
});
