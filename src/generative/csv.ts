/**
 * Reads the user's own 2-D points from CSV text: two columns x, y; an optional header line; comma, semicolon,
 * tab or space separated. Everything is validated, and the first bad row is named by its line number in the
 * file (1-based, as an editor shows it): `Row 7: expected two numbers, got "abc,1"`.
 */

export interface CsvLimits {
  /** Most data rows accepted (default 10,000). */
  maxRows?: number;
  /** Largest |x| or |y| accepted (default 1e6). */
  maxAbs?: number;
  /** Longest text accepted, in characters (default 2,000,000), checked before any parsing. */
  maxChars?: number;
}

export interface ParsedPoints {
  /** Flat [x0, y0, x1, y1, ...], ready for customDistribution(). */
  points: number[];
  count: number;
  /** The header's two column names, or null when the file starts with data. */
  header: [string, string] | null;
}

export const CSV_DEFAULT_LIMITS: Required<CsvLimits> = { maxRows: 10_000, maxAbs: 1e6, maxChars: 2_000_000 };

/** A plain decimal number (no hex, no "Infinity", no empty string, which Number() would all accept). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

type Separator = ',' | ';' | 'whitespace';

/** Picks the separator from a line: semicolon first (it allows decimal commas), then comma, else whitespace. */
function detectSeparator(line: string): Separator {
  if (line.includes(';')) return ';';
  if (line.includes(',')) return ',';
  return 'whitespace';
}

function splitFields(line: string, separator: Separator): string[] {
  const fields = separator === 'whitespace' ? line.trim().split(/\s+/) : line.split(separator);
  return fields.map((f) => unquote(f.trim()));
}

function unquote(field: string): string {
  const quoted =
    field.length >= 2 && field[0] === field[field.length - 1] && (field[0] === '"' || field[0] === "'");
  return quoted ? field.slice(1, -1).trim() : field;
}

/** Parses one field; with ';' as separator a decimal comma ("1,5") is read as a point. */
function parseNumber(field: string, separator: Separator): number | null {
  const text = separator === ';' ? field.replace(',', '.') : field;
  return NUMBER.test(text) ? Number(text) : null;
}

/** Throws an Error naming the first bad row, or returns the points. Blank lines and lines starting with # are skipped. */
export function parsePointsCsv(text: string, limits: CsvLimits = {}): ParsedPoints {
  const { maxRows, maxAbs, maxChars } = { ...CSV_DEFAULT_LIMITS, ...limits };
  if (typeof text !== 'string') throw new Error(`Expected CSV text, got ${typeof text}`);
  if (text.length > maxChars)
    throw new Error(`Expected at most ${maxChars} characters of CSV, got ${text.length}`);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const points: number[] = [];
  let header: [string, string] | null = null;
  let sawContent = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const row = i + 1;
    // Per line, so a header "x,y" may sit above "1;2" rows; ';' lines may use decimal commas.
    const separator = detectSeparator(line);
    const fields = splitFields(line, separator);
    const numbers = fields.map((f) => parseNumber(f, separator));
    const shown = JSON.stringify(line.length > 60 ? `${line.slice(0, 57)}...` : line);

    // A header is the first non-blank line when none of its fields is a number.
    if (!sawContent && numbers.every((v) => v === null)) {
      sawContent = true;
      if (fields.length !== 2)
        throw new Error(`Row ${row}: expected a header of two column names, got ${shown}`);
      header = [fields[0], fields[1]];
      continue;
    }
    sawContent = true;

    if (fields.length !== 2 || numbers.some((v) => v === null))
      throw new Error(`Row ${row}: expected two numbers, got ${shown}`);
    const [x, y] = numbers as [number, number];
    if (!Number.isFinite(x) || !Number.isFinite(y))
      throw new Error(`Row ${row}: expected finite numbers, got ${shown}`);
    if (Math.abs(x) > maxAbs || Math.abs(y) > maxAbs)
      throw new Error(`Row ${row}: expected |x| and |y| ≤ ${maxAbs}, got ${shown}`);
    if (points.length / 2 >= maxRows)
      throw new Error(`Row ${row}: expected at most ${maxRows} rows of points, got more`);
    points.push(x, y);
  }

  if (points.length === 0) throw new Error('Expected at least one row of x, y numbers, got none');
  return { points, count: points.length / 2, header };
}
