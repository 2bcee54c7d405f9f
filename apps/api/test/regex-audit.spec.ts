import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import fc from 'fast-check';
import { checkSync, type Diagnostics } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every regular expression written in the applications and libraries, checked for super-linear
 * backtracking: one request's text must never hold the event loop (or a worker) for seconds.
 * recheck looks for an attack on each expression; then each one runs on adversarial input of
 * 10-100 KB (recheck's attack grown to that size, and repetitions of fragments made of the
 * expression's own characters) and must finish within the bound. A linear expression takes about
 * a millisecond on 100 KB; a quadratic one takes seconds, an exponential one forever (the vm
 * timeout stops it).
 */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BOUND_MS = 250;

interface FoundRegex {
  where: string;
  source: string;
  flags: string;
}

function* typescriptFiles(directory: string): Generator<string> {
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules') yield* typescriptFiles(path);
    } else if (name.endsWith('.ts')) {
      yield path;
    }
  }
}

function sourceDirectories(): string[] {
  return ['apps', 'libs'].flatMap((top) =>
    readdirSync(join(ROOT, top))
      .map((name) => join(ROOT, top, name, 'src'))
      .filter((path) => statSync(path, { throwIfNoEntry: false })?.isDirectory()),
  );
}

/** Regular expression literals, found by the TypeScript parser (so none hides in an odd line). */
function regexLiterals(): FoundRegex[] {
  const found: FoundRegex[] = [];
  for (const directory of sourceDirectories()) {
    for (const file of typescriptFiles(directory)) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
          const text = node.getText(source);
          const end = text.lastIndexOf('/');
          const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
          found.push({ where: `${relative(ROOT, file)}:${line}`, source: text.slice(1, end), flags: text.slice(end + 1) });
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return found;
}

/** Runs the expression over the whole input as the code would (every match for /g), in ms; Infinity past the bound. */
const context = vm.createContext({ source: '', flags: '', input: '' });
const script = new vm.Script(`{ const re = new RegExp(source, flags); re.global || re.sticky ? input.replace(re, '') : re.exec(input); }`);

function timeOnInput(regex: FoundRegex, input: string): number {
  Object.assign(context, { source: regex.source, flags: regex.flags, input });
  const started = performance.now();
  try {
    script.runInContext(context, { timeout: BOUND_MS * 4 });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return Number.POSITIVE_INFINITY;
    throw error;
  }
  return performance.now() - started;
}

/** recheck's attack string, its repeated part grown until the whole is about `size` characters. */
function grownAttack(diagnostics: Diagnostics, size: number): string | null {
  if (diagnostics.status !== 'vulnerable') return null;
  const { pumps, suffix } = diagnostics.attack as unknown as { pumps: { prefix: string; pump: string }[]; suffix: string };
  const perPump = Math.max(1, Math.floor(size / Math.max(1, pumps.length)));
  const text = pumps.map(({ prefix, pump }) => prefix + pump.repeat(Math.ceil(perPump / Math.max(1, pump.length)))).join('') + suffix;
  return text.slice(0, size * 2);
}

/** Characters an attack on this expression would use: its own literal characters and the usual suspects. */
function alphabetOf(regex: FoundRegex): string[] {
  const own = [...new Set(regex.source.replace(/\\[dDsSwWbBnrtfv]/g, '').replace(/[\\^$*+?()[\]{}|]/g, ''))];
  return [...new Set([...own, ' ', '\t', '\n', 'a', 'A', '0', '.', ',', ':', '-', '/', "'", 'x', '\u00a0'])];
}

const regexes = regexLiterals();

describe('regular expressions that read text', () => {
  it('finds the expressions of every library and application', () => {
    expect(regexes.length).toBeGreaterThan(100);
    expect(regexes.some((regex) => regex.where.startsWith('libs/extraction/'))).toBe(true);
    expect(regexes.some((regex) => regex.where.startsWith('apps/api/src/web/'))).toBe(true);
  });

  it.each(regexes)('$where /$source/$flags stays within the bound on its worst input grown to 100 KB', (regex) => {
    const diagnostics = checkSync(regex.source, regex.flags, { timeout: 500 });
    for (const size of [10_000, 100_000]) {
      const attack = grownAttack(diagnostics, size);
      if (attack === null) continue;
      expect(timeOnInput(regex, attack), `attack ${JSON.stringify(attack.slice(0, 60))}… (${attack.length} chars)`).toBeLessThan(BOUND_MS);
    }
  });

  // The two expressions whose quantified group holds a quantifier of its own. Each repetition of
  // the group starts with a character nothing before it can match ('.' after digits, '|' after
  // dashes, colons and spaces), so a match has one way through and a failure gives back in linear
  // time. Checked here on hand-made 100 KB input that nearly matches and then fails at the end.
  it.each([
    { file: 'libs/extraction/src/metadata/judgements.ts', pattern: '^\\d+(?:\\.\\d+)*', inputs: ['1' + '.1'.repeat(50_000) + 'x', '12.'.repeat(33_000) + '.', '9'.repeat(100_000) + '.'] },
    {
      file: 'libs/extraction/src/text/page-artefacts.ts',
      pattern: '(?:\\|\\s*:?-{2,}',
      inputs: ['|' + ' :--: |'.repeat(14_000) + 'x', '|' + '-'.repeat(100_000) + ' x', '|' + '--  '.repeat(25_000) + '|x', ' '.repeat(50_000) + '--' + ' '.repeat(50_000) + 'x'],
    },
  ])('$file: the nested quantifiers stay linear on near-misses of 100 KB', ({ file, pattern, inputs }) => {
    const found = regexes.filter((regex) => regex.where.startsWith(`${file}:`) && regex.source.includes(pattern));
    expect(found).toHaveLength(1);
    for (const input of inputs) {
      expect(input.length).toBeGreaterThanOrEqual(50_000);
      expect(timeOnInput(found[0], input), `${JSON.stringify(input.slice(0, 30))}… (${input.length} chars)`).toBeLessThan(BOUND_MS);
    }
  });

  it('each stays within the bound on repetitions of its own characters, 10-100 KB long', () => {
    for (const regex of regexes) {
      const alphabet = alphabetOf(regex);
      const fragment = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 12 }).map((chars) => chars.join(''));
      fc.assert(
        fc.property(fragment, fc.integer({ min: 10_000, max: 100_000 }), fc.constantFrom(...alphabet, '\u0000', '!'), (unit, size, tail) => {
          const input = unit.repeat(Math.ceil(size / unit.length)).slice(0, size) + tail;
          const took = timeOnInput(regex, input);
          if (took >= BOUND_MS) throw new Error(`${regex.where} /${regex.source}/${regex.flags} took ${took} ms on ${JSON.stringify(unit)} × ${size}`);
        }),
        { numRuns: 25 },
      );
    }
  });
});
