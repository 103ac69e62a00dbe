/**
 * A merge conflict left inside a template literal type-checks and lints, and then shows "<<<<<<< HEAD" on a
 * page: no source file may hold a conflict marker line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = ['src', 'tests', 'e2e', 'bench', 'scripts'];
const SOURCE = /\.(ts|mjs|js|css|html)$/;
const MARKER = /^\s*(<{7}|>{7})( |$)/m;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

describe('merge conflicts', () => {
  it('no source file holds a conflict marker', () => {
    const files = ROOTS.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((file) => MARKER.test(readFileSync(file, 'utf8')))).toEqual([]);
  });
});
