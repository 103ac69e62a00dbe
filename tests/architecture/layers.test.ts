/**
 * The layering rules of DESIGN.md, checked on the import graph of src/ (tests/architecture/import-graph.ts):
 * storage is plain data, and the page (main thread) never loads tfjs; tfjs runs only in the workers.
 */
import { describe, expect, it } from 'vitest';
import { ImportGraph, listModules, valueSpecifiers, type ModuleId } from './import-graph';

const graph = new ImportGraph();

const isTfjs = (id: ModuleId): boolean => id.startsWith('@tensorflow/');

/**
 * Config modules of the models that storage may import to validate a checkpoint's config: plain data, their
 * defaults and validators, no tfjs (checked below). Everything else under src/agents and src/generative is
 * model code, and converters between a model and its checkpoint live there, next to the model.
 */
const PLAIN_MODEL_CONFIG: readonly ModuleId[] = [
  'src/agents/dqn-config.ts',
  'src/generative/gan-config.ts',
  'src/generative/distributions.ts',
];

/** The worker protocols: every type that crosses postMessage, one file per worker, imported by the page. */
const PROTOCOL_DIR = 'src/workers/protocol/';
/** Plain-data modules outside the protocol folder whose values (constants, guards) the protocols re-export. */
const PLAIN_PROTOCOL_DATA: readonly ModuleId[] = ['src/backend-preference.ts'];

const isForbiddenForStorage = (id: ModuleId): boolean =>
  isTfjs(id) ||
  id.startsWith('src/workers/') ||
  ((id.startsWith('src/agents/') || id.startsWith('src/generative/')) && !PLAIN_MODEL_CONFIG.includes(id));

function describeChain(chain: readonly ModuleId[]): string {
  return chain.join(' → ');
}

/** For each module, the chain that breaks the rule, if any. */
function violations(modules: readonly ModuleId[], isTarget: (id: ModuleId) => boolean): string[] {
  const out: string[] = [];
  for (const module of modules) {
    const chain = graph.pathTo(module, isTarget);
    if (chain) out.push(describeChain(chain));
  }
  return out;
}

/** The page's modules: main.ts and what it imports statically, every UI and PWA module, and storage. */
function mainThreadModules(): ModuleId[] {
  const modules = new Set<ModuleId>(graph.reachable('src/main.ts'));
  for (const dir of ['src/ui', 'src/pwa', 'src/storage']) for (const id of listModules(dir)) modules.add(id);
  return [...modules].filter((id) => id.startsWith('src/')).sort();
}

describe('the import graph', () => {
  it('counts imports that run a module, not those erased or loaded apart', () => {
    const code = `
      import type { A } from './type-only';
      import { type B, type C } from './types-in-braces';
      import { type D, e } from './mixed';
      import f from './default';
      import * as g from './namespace';
      import './side-effect';
      export { h } from './re-export';
      export type { I } from './type-re-export';
      export * from './star';
      const lazy = () => import('./dynamic');
      const worker = new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' });
    `;
    expect(valueSpecifiers(code)).toEqual([
      './mixed',
      './default',
      './namespace',
      './side-effect',
      './re-export',
      './star',
    ]);
  });
});

describe('layers', () => {
  it('finds the modules and their imports (the graph is not empty)', () => {
    expect(listModules('src/storage').length).toBeGreaterThan(5);
    expect(graph.importsOf('src/workers/rl/rl-api.ts')).toContain('@tensorflow/tfjs');
    expect(graph.reachable('src/main.ts').has('src/ui/app-shell.ts')).toBe(true);
  });

  it('storage imports neither tfjs, nor model code, nor workers', () => {
    const broken = violations(listModules('src/storage'), isForbiddenForStorage);
    expect(
      broken,
      `src/storage must stay plain data; these import chains break it:\n${broken.join('\n')}`,
    ).toEqual([]);
  });

  it('the model config modules that storage may import are plain data (no tfjs)', () => {
    const broken = violations(PLAIN_MODEL_CONFIG, isForbiddenForStorage);
    expect(broken, `these config modules must stay plain data:\n${broken.join('\n')}`).toEqual([]);
  });

  it('the worker protocols import only types and plain data', () => {
    const protocols = listModules(PROTOCOL_DIR);
    expect(protocols).toEqual(
      expect.arrayContaining(
        ['images', 'index', 'learn', 'rl', 'studio', 'system'].map((f) => `${PROTOCOL_DIR}${f}.ts`),
      ),
    );
    const broken = protocols.flatMap((id) =>
      graph
        .importsOf(id)
        .filter((to) => !to.startsWith(PROTOCOL_DIR) && !PLAIN_PROTOCOL_DATA.includes(to))
        .map((to) => `${id} → ${to}`),
    );
    expect(
      broken,
      `protocol files may import other modules only with \`import type\`; these value imports break it:\n${broken.join('\n')}`,
    ).toEqual([]);
    const tfjs = violations([...protocols, ...PLAIN_PROTOCOL_DATA], isTfjs);
    expect(tfjs, `the worker protocols must not load tfjs:\n${tfjs.join('\n')}`).toEqual([]);
  });

  it('no main-thread module reaches tfjs through its imports', () => {
    const broken = violations(mainThreadModules(), isTfjs);
    expect(
      broken,
      `tfjs runs only in the workers; these main-thread modules load it:\n${broken.join('\n')}`,
    ).toEqual([]);
  });
});
