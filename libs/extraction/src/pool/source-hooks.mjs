// Used only when the pool runs from the TypeScript sources (the tests, `vitest`): lets the pool's
// threads load them the way vitest does. `.js` specifiers fall back to the `.ts` file beside them.
// The types were stripped beforehand on the main thread (see prepareSources in
// extraction-pool.ts), keyed by each file's content: a native transpiler loaded in a thread
// crashes the process when the pool throws that thread away, and TypeScript's own takes far too
// long to load in every thread. A file not prepared is transpiled here by TypeScript.
// The compiled build never loads this file.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where prepareSources in extraction-pool.ts leaves the stripped files. */
const cacheDirectory = join(tmpdir(), 'improvement-tracker-extraction-sources');

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const relative = specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:');
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && relative && specifier.endsWith('.js')) return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    throw error;
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const filename = fileURLToPath(url);
  const source = await readFile(filename, 'utf8');
  const key = createHash('sha256').update(source).digest('hex');
  try {
    return { format: 'module', source: await readFile(join(cacheDirectory, `${key}.js`), 'utf8'), shortCircuit: true };
  } catch {
    const { default: ts } = await import('typescript');
    const { outputText } = ts.transpileModule(source, { fileName: filename, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    return { format: 'module', source: outputText, shortCircuit: true };
  }
}
