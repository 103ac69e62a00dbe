// The decoders' worst case over hostile inputs (bench/adversarial-inputs.ts): each link or file is decoded in
// a fresh Node process, which reports the CPU time of the decode (process.cpuUsage, all threads) and its peak
// memory (the highest resident set size during the decode, above the resident size just before it). The goal
// (issue 15) is well under 1 s of CPU and 200 MB for every refused input.
// `node bench/decoders.mjs` prints the result; `npm run bench -- decoderWorstCase` includes it in the report.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const load = async (path) =>
  (await runnerImport(join(root, path), { root, configFile: false, logLevel: 'error' })).module;

/** Child: decode one input and print what it cost. */
async function measureOne(path, kind) {
  const { decodeShareLink } = await load('src/storage/share-link.ts');
  const { importCheckpointFile } = await load('src/storage/export-file.ts');
  const input = kind === 'link' ? readFileSync(path, 'utf8') : new Uint8Array(readFileSync(path));
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  let outcome;
  try {
    if (kind === 'link') decodeShareLink(input);
    else importCheckpointFile(input);
    outcome = 'accepted';
  } catch (error) {
    outcome = error?.name === 'CheckpointError' ? `refused (${error.code})` : `threw ${error}`;
  }
  const used = process.cpuUsage(cpu);
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(
    JSON.stringify({
      outcome,
      cpuMs: Math.round((used.user + used.system) / 1000),
      peakMiB: Math.max(0, Math.round((peak - rssBefore) / 2 ** 20)),
    }),
  );
}

/** Parent: build the inputs, decode each in a child, report each and the worst. */
export async function decoderWorstCase() {
  const { buildAdversarialInputs } = await load('bench/adversarial-inputs.ts');
  const dir = mkdtempSync(join(tmpdir(), 'pg-decoders-'));
  try {
    const results = buildAdversarialInputs().map((item, i) => {
      const kind = 'link' in item.input ? 'link' : 'file';
      const path = join(dir, `${i}.${kind}`);
      writeFileSync(path, kind === 'link' ? item.input.link : item.input.file);
      const out = execFileSync(
        process.execPath,
        ['--expose-gc', fileURLToPath(import.meta.url), '--child', path, kind],
        { encoding: 'utf8' },
      );
      const size = kind === 'link' ? item.input.link.length : item.input.file.length;
      return {
        name: item.name,
        fault: item.fault,
        inputBytes: size,
        ...JSON.parse(out.trim().split('\n').pop()),
      };
    });
    return {
      goal: 'every refused input: well under 1 s of CPU and 200 MB of memory',
      worstCpuMs: Math.max(...results.map((r) => r.cpuMs)),
      worstPeakMiB: Math.max(...results.map((r) => r.peakMiB)),
      allRefused: results.every((r) => r.outcome.startsWith('refused')),
      inputs: results,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  await measureOne(process.argv[3], process.argv[4]);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await decoderWorstCase(), null, 2));
}
