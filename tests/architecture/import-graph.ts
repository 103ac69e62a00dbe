/**
 * The static import graph of `src/`, as the bundler sees it for one page: an edge is a non-type `import` or
 * `export … from`. Not edges: `import type`, an import whose every name is `type X` (TypeScript erases it),
 * dynamic `import()` (a separate chunk, loaded later) and `new Worker(new URL('./x.worker.ts', import.meta.url))`
 * (a separate bundle that runs in a worker).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');
export const SRC = join(ROOT, 'src');

/** A module id: a path relative to the repository root with forward slashes (`src/ui/app-shell.ts`), or a package name. */
export type ModuleId = string;

/** Every .ts file under `dir` (relative to the repository root), sorted. */
export function listModules(dir: string): ModuleId[] {
  const out: ModuleId[] = [];
  const walk = (abs: string): void => {
    for (const name of readdirSync(abs).sort()) {
      const path = join(abs, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(toId(path));
    }
  };
  walk(join(ROOT, dir));
  return out;
}

function toId(abs: string): ModuleId {
  return relative(ROOT, abs).split(sep).join('/');
}

/** Whether an import declaration brings in values (so the module runs), not only types. */
function importsValues(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return true; // `import './x'`: a side-effect import
  if (clause.isTypeOnly) return false;
  if (clause.name) return true; // a default import
  const bindings = clause.namedBindings;
  if (!bindings) return true;
  if (ts.isNamespaceImport(bindings)) return true;
  // `import { type A, type B } from './x'` is erased; `import {} from './x'` is kept by the bundler.
  return bindings.elements.length === 0 || bindings.elements.some((element) => !element.isTypeOnly);
}

function exportsValues(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return false;
  const clause = node.exportClause;
  if (!clause || ts.isNamespaceExport(clause)) return true; // `export * from`, `export * as ns from`
  return clause.elements.length === 0 || clause.elements.some((element) => !element.isTypeOnly);
}

/** The specifiers that `file` imports for their values, in source order. */
export function valueImports(file: ModuleId): string[] {
  return valueSpecifiers(readFileSync(join(ROOT, file), 'utf8'), file);
}

/** The specifiers that TypeScript source `code` imports for their values, in source order. */
export function valueSpecifiers(code: string, fileName = 'module.ts'): string[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && importsValues(statement)) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && exportsValues(statement)) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (
      ts.isImportEqualsDeclaration(statement) &&
      !statement.isTypeOnly &&
      ts.isExternalModuleReference(statement.moduleReference)
    ) {
      specifiers.push((statement.moduleReference.expression as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

/** Resolves a specifier from `from` to a module id: a source file, or the bare package name (`@tensorflow/tfjs`). */
export function resolveSpecifier(from: ModuleId, specifier: string): ModuleId {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return specifier.split('?')[0];
  const base = resolve(ROOT, dirname(from), specifier.split('?')[0]);
  const candidates = [base, `${base}.ts`, join(base, 'index.ts')];
  if (base.endsWith('.js')) candidates.push(base.replace(/\.js$/, '.ts'));
  for (const candidate of candidates) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return toId(candidate);
  }
  return toId(base); // an asset or a file the graph does not parse (.css, .json, ...)
}

/** The graph, built lazily and cached: module id → the module ids it imports for their values. */
export class ImportGraph {
  private readonly edges = new Map<ModuleId, ModuleId[]>();

  importsOf(id: ModuleId): ModuleId[] {
    let out = this.edges.get(id);
    if (!out) {
      out =
        id.startsWith('src/') && id.endsWith('.ts')
          ? valueImports(id).map((s) => resolveSpecifier(id, s))
          : [];
      this.edges.set(id, out);
    }
    return out;
  }

  /**
   * The shortest chain of imports from `start` to a module that `isTarget` accepts (start first, target last),
   * or undefined when none is reachable. `start` itself is not tested.
   */
  pathTo(start: ModuleId, isTarget: (id: ModuleId) => boolean): ModuleId[] | undefined {
    const parent = new Map<ModuleId, ModuleId | null>([[start, null]]);
    const queue: ModuleId[] = [start];
    while (queue.length > 0) {
      const id = queue.shift() as ModuleId;
      for (const next of this.importsOf(id)) {
        if (parent.has(next)) continue;
        parent.set(next, id);
        if (isTarget(next)) {
          const chain: ModuleId[] = [next];
          for (let at = parent.get(next); at; at = parent.get(at)) chain.unshift(at);
          return chain;
        }
        queue.push(next);
      }
    }
    return undefined;
  }

  /** Every module reachable from `start` (start included). */
  reachable(start: ModuleId): Set<ModuleId> {
    const seen = new Set<ModuleId>([start]);
    const queue: ModuleId[] = [start];
    while (queue.length > 0) {
      for (const next of this.importsOf(queue.shift() as ModuleId)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return seen;
  }
}
