import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// WebGPU loses its device after a few synchronous reads: the generative code must only `await t.data()`.
describe('src/generative', () => {
  it('never reads tensors synchronously', () => {
    const dir = join(__dirname, '../../src/generative');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const code = readFileSync(join(dir, file), 'utf8');
      expect(code, file).not.toMatch(/\b(dataSync|arraySync|bufferSync)\s*\(/);
    }
  });
});
