// Checks the build (dist/) for the rule "tfjs runs only in the workers": starting from the scripts of each
// HTML page, it follows the imports between chunks (static, dynamic, and Vite's preload lists), but not the
// worker bundles (`*.worker-<hash>.js`, loaded through new URL(..., import.meta.url)), and fails if any chunk
// the page can load holds a @tensorflow module according to its source map (or names one in its code).
// Usage: node scripts/check-page-chunks.mjs [dist] (after `vite build`).
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const PAGES = ['index.html', 'bench.html'];
const isWorkerBundle = (file) => /\.worker-[\w-]+\.js$/.test(file);

/** Chunk files (`assets/x.js`) that `code` refers to: imports, dynamic imports and preload lists. */
function referencedChunks(code) {
  const names = [...code.matchAll(/["'`](?:\.\/|\/?assets\/)([\w.-]+\.js)["'`]/g)].map((m) => m[1]);
  return names.map((name) => join('assets', basename(name))).filter((file) => existsSync(join(dist, file)));
}

/** The @tensorflow modules bundled into `file`, from its source map (or a marker when its code names one). */
function tfjsSources(file, code) {
  const mapFile = join(dist, `${file}.map`);
  const sources = existsSync(mapFile) ? JSON.parse(readFileSync(mapFile, 'utf8')).sources : [];
  const tfjs = sources.filter((source) => source.includes('@tensorflow/'));
  if (tfjs.length === 0 && code.includes('@tensorflow/')) tfjs.push('(named in the code)');
  return tfjs;
}

let failures = 0;
for (const page of PAGES) {
  if (!existsSync(join(dist, page))) continue;
  const html = readFileSync(join(dist, page), 'utf8');
  const queue = [...html.matchAll(/(?:src|href)="\/?(assets\/[\w.-]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set();
  let withTfjs = 0;
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file) || isWorkerBundle(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    const tfjs = tfjsSources(file, code);
    if (tfjs.length > 0) {
      withTfjs++;
      console.error(
        `${page}: ${file} runs on the page and bundles tfjs (${tfjs.length} modules, e.g. ${tfjs[0]})`,
      );
    }
    queue.push(...referencedChunks(code));
  }
  console.log(`${page}: ${seen.size} page chunks checked, ${withTfjs} with tfjs`);
  failures += withTfjs;
}
if (failures > 0) {
  console.error('tfjs must run only in the workers: move what the page needs into a tfjs-free module.');
  process.exit(1);
}
