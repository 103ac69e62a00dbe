// Compiles the typed-array engine's SIMD kernels (wasm/nn-kernels.ts, AssemblyScript) and writes the module
// as base64 into src/nn/simd-kernels-data.ts, which is committed: building the app needs no compiler.
// Usage: npm run build:kernels (after changing wasm/nn-kernels.ts). --check compares instead of writing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OUT = 'src/nn/simd-kernels-data.ts';
const dir = mkdtempSync(join(tmpdir(), 'nn-kernels-'));
try {
  const wasm = join(dir, 'nn-kernels.wasm');
  // No runtime, no abort import, memory supplied by the caller: the module exports only the kernels.
  // `npm run` puts node_modules/.bin (the assemblyscript devDependency's asc) on PATH.
  execFileSync(
    'asc',
    [
      'wasm/nn-kernels.ts',
      '-O3',
      '--noAssert',
      '--runtime',
      'stub',
      '--importMemory',
      '--initialMemory',
      '0',
      '--enable',
      'simd',
      '-o',
      wasm,
    ],
    { stdio: 'inherit' },
  );
  const base64 = readFileSync(wasm).toString('base64');
  const source =
    `/** wasm/nn-kernels.ts compiled by scripts/build-wasm-kernels.mjs (npm run build:kernels); do not edit. */\n` +
    `export const SIMD_KERNELS_BASE64 =\n  '${base64}';\n`;
  if (process.argv.includes('--check')) {
    if (readFileSync(OUT, 'utf8') !== source) {
      console.error(`${OUT} is out of date: run npm run build:kernels`);
      process.exit(1);
    }
    console.log(`${OUT} matches wasm/nn-kernels.ts`);
  } else {
    writeFileSync(OUT, source);
    console.log(`wrote ${OUT} (${readFileSync(wasm).length} bytes of wasm)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
