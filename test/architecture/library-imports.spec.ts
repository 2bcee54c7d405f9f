import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The libraries' import graph, read from the sources: an edge for every `#library` import (a
 * package import of package.json) and every relative path. Libraries may depend on each other
 * only one way, only through their `#` name, and libs/core on nothing at all.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGE_IMPORTS = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { imports: Record<string, unknown> }).imports);
const LIBRARIES = readdirSync(join(ROOT, 'libs'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

interface ImportSite {
  file: string;
  specifier: string;
}

function typeScriptFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

// Static imports and re-exports (`... from '...'`), side-effect imports and dynamic import().
const SPECIFIERS = /(?:\bfrom\s*|\bimport\s*\(?\s*)'([^']+)'/g;

function importsOf(file: string): ImportSite[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(SPECIFIERS)].map((match) => ({ file: relative(ROOT, file), specifier: match[1] }));
}

function sourcesOf(library: string): string[] {
  return typeScriptFiles(join(ROOT, 'libs', library, 'src'));
}

/** library → the libraries its sources import, with one place each edge comes from. */
function libraryGraph(): Map<string, Map<string, string>> {
  const graph = new Map(LIBRARIES.map((library) => [library, new Map<string, string>()]));
  for (const library of LIBRARIES) {
    for (const site of sourcesOf(library).flatMap(importsOf)) {
      const target = site.specifier.startsWith('#') ? site.specifier.slice(1) : null;
      if (target && target !== library && graph.has(target)) graph.get(library)!.set(target, site.file);
    }
  }
  return graph;
}

/** Every cycle's libraries in order, each found once from its smallest-named member. */
function cyclesOf(graph: Map<string, Map<string, string>>): string[][] {
  const cycles: string[][] = [];
  const walk = (start: string, path: string[]) => {
    for (const next of graph.get(path.at(-1)!)!.keys()) {
      if (next === start) cycles.push([...path, start]);
      else if (next > start && !path.includes(next)) walk(start, [...path, next]);
    }
  };
  for (const library of [...graph.keys()].sort()) walk(library, [library]);
  return cycles;
}

describe('the libraries import graph', () => {
  it('has no cycle', () => {
    const graph = libraryGraph();
    const described = cyclesOf(graph).map((cycle) => cycle.map((library, i) => (i === 0 ? library : `→ ${library} (${graph.get(cycle[i - 1])!.get(library)})`)).join(' '));
    expect(described).toEqual([]);
  });

  it('has no relative import that leaves its library or application, in sources and tests alike', () => {
    const files = [...typeScriptFiles(join(ROOT, 'libs')), ...typeScriptFiles(join(ROOT, 'apps'))];
    const crossing = files.flatMap(importsOf).filter((site) => {
      if (!site.specifier.startsWith('.')) return false;
      const from = join(ROOT, site.file);
      const to = resolve(dirname(from), site.specifier);
      const home = relative(ROOT, from).split(sep).slice(0, 2).join(sep);
      return !relative(ROOT, to).startsWith(home + sep);
    });
    expect(crossing.map((site) => `${site.file}: ${site.specifier}`)).toEqual([]);
  });

  it('names every library in package.json "imports", and libs/core depends on nothing', () => {
    expect(LIBRARIES.map((library) => `#${library}`).filter((name) => !PACKAGE_IMPORTS.includes(name))).toEqual([]);
    const coreImports = sourcesOf('core')
      .flatMap(importsOf)
      .filter((site) => !site.specifier.startsWith('./'));
    expect(coreImports).toEqual([]);
  });

  it('reads the environment only in the config library, which validates it', () => {
    // Sources only: a test sets variables for the command it runs.
    const sources = [join(ROOT, 'apps'), join(ROOT, 'libs'), join(ROOT, 'bench')]
      .flatMap(typeScriptFiles)
      .filter((file) => !/[\\/]test[\\/]|\.spec\.ts$/.test(relative(ROOT, file)));
    expect(sources.length).toBeGreaterThan(100);
    const readers = sources.filter((file) => /\bprocess\.env\b/.test(readFileSync(file, 'utf8'))).map((file) => relative(ROOT, file));
    expect(readers.length).toBeGreaterThan(0);
    expect(readers.filter((file) => !file.startsWith(join('libs', 'config') + sep))).toEqual([]);
  });

  it('tells a cycle from a diamond', () => {
    const edges = (pairs: [string, string][]) => {
      const graph = new Map<string, Map<string, string>>();
      for (const [from, to] of pairs) {
        for (const node of [from, to]) if (!graph.has(node)) graph.set(node, new Map());
        graph.get(from)!.set(to, `libs/${from}/src/index.ts`);
      }
      return graph;
    };
    expect(cyclesOf(edges([['b', 'c'], ['c', 'a'], ['a', 'b'], ['a', 'd']]))).toEqual([['a', 'b', 'c', 'a']]);
    expect(cyclesOf(edges([['a', 'b'], ['a', 'c'], ['b', 'd'], ['c', 'd']]))).toEqual([]);
  });
});
