// For tests: walks a module's imports to show that it reaches no Node module (code the page runs).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Packages a browser bundle may take as they are. */
const BROWSER_PACKAGES = new Set(['zod']);

/** The file a workspace specifier (`@sockscope/recordings/import`) stands for, by its package's exports. */
function resolveWorkspace(specifier: string): string {
  const [scope, name, ...rest] = specifier.split('/');
  const folder = ['packages', 'apps'].map((parent) => path.join(ROOT, parent, name ?? '')).find((dir) => {
    try {
      return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name === `${scope}/${name}`;
    } catch {
      return false;
    }
  });
  if (!folder) throw new Error(`no workspace package for ${specifier}`);
  const exports = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')).exports as Record<string, string>;
  const target = exports[rest.length > 0 ? `./${rest.join('/')}` : '.'];
  if (!target) throw new Error(`${specifier} is not exported by ${folder}`);
  return path.join(folder, target);
}

/** Every module the file imports, directly or through others, with who imports it. */
function importGraph(entry: string): Map<string, string> {
  const seen = new Map<string, string>([[entry, '(entry)']]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)) {
      const specifier = (match[1] ?? match[2]) as string;
      const resolved = specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier)
        : specifier.startsWith('@sockscope/') ? resolveWorkspace(specifier) : specifier;
      if (seen.has(resolved)) continue;
      seen.set(resolved, path.relative(ROOT, file));
      if (resolved.endsWith('.ts')) queue.push(resolved);
    }
  }
  return seen;
}

/**
 * Checks that a workspace entry (`@sockscope/analysis`) imports no Node module, directly or
 * through others, and that the walk really reached `files` (paths from the repository's root).
 */
export function expectBrowserSafe(specifier: string, files: string[]): void {
  const graph = importGraph(resolveWorkspace(specifier));
  const outside = [...graph].filter(([module]) => !module.endsWith('.ts') && !BROWSER_PACKAGES.has(module));
  expect(outside.map(([module, by]) => `${module} (imported by ${by})`)).toEqual([]);
  expect([...graph.keys()].map((file) => path.relative(ROOT, file))).toEqual(expect.arrayContaining(files));
}
