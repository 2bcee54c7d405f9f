import { AUTHORITY_TITLE_PATTERNS } from '../layouts/index.js';
import { authorityNameVariants, resolveAuthority, type AuthorityDirectoryEntry } from '../authority-directory.js';

export interface PrintedAuthority {
  /** The name as the report prints it, e.g. "London Borough of Waltham Forest". */
  name: string;
  entry: AuthorityDirectoryEntry | null;
}


/** Lines of the report's front matter that are labels, not names. */
const NOT_A_NAME = /\b(?:inspection|inspector|ofsted|crown copyright|age group|published|dates?:|website|www\.|report|contents|dear|piccadilly|street|road|house|hall|lane|judgement|grade|focused visit|children(?:'s|’s) services|director|executive)\b/i;
const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/;
const COUNCIL_WORDS = /\b(?:council|borough|county|city of|unitary authority)\b/i;

/** A line that ends mid-name: the name goes on on the next line. */
const WRAPPED_END = /\b(?:upon|on|of|and|under|in|the|le|with)$|[&-]$/i;

function cleanNameLine(line: string): string {
  return line.replace(/(?<![¹²³⁴0-9])[¹²³⁴0-9]+$/, '').trim();
}

function couldBeName(line: string): boolean {
  return line.length >= 3 && line.length <= 80 && !line.includes('\t') && !NOT_A_NAME.test(line) && !/[.:;]$/.test(line);
}

let namesInText: RegExp | null = null;

function directoryNamePattern(): RegExp {
  if (!namesInText) {
    const names = authorityNameVariants()
      .filter((name) => name.length > 3 && !name.includes(','))
      .sort((first, second) => second.length - first.length)
      .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
    namesInText = new RegExp(`\\b(?:${names.join('|')})\\b`, 'g');
  }
  return namesInText;
}

/**
 * The authority a report is about: named in its title, printed on a line of its own in the front
 * matter, or (for layouts nobody has seen) the directory name the opening text mentions most.
 */
export function findAuthority(openingLines: readonly string[]): PrintedAuthority | null {
  const opening = openingLines.slice(0, 40).join(' ').replace(/\s+/g, ' ');
  let unresolvedTitleName: string | null = null;
  for (const pattern of AUTHORITY_TITLE_PATTERNS) {
    const match = pattern.exec(opening);
    if (!match) continue;
    const name = match[1].trim();
    const entry = resolveAuthority(name);
    if (entry) return { name, entry };
    if (!unresolvedTitleName && /^[A-Z]/.test(name)) unresolvedTitleName = name;
  }

  let councilLikeLine: string | null = null;
  for (let i = 0; i < Math.min(openingLines.length, 40); i += 1) {
    const line = cleanNameLine(openingLines[i]);
    if (!couldBeName(line)) continue;
    // Ofsted's own address sits above the letter: "Manchester" followed by its postcode is not the authority.
    if (POSTCODE.test(openingLines[i + 1] ?? '')) continue;
    // A name wrapped over two title lines: "Royal Borough of Kingston upon" / "Thames Council".
    const next = cleanNameLine(openingLines[i + 1] ?? '');
    if (couldBeName(next) && !POSTCODE.test(next)) {
      const joined = `${line} ${next}`;
      const joinedEntry = resolveAuthority(joined);
      if (joinedEntry && (WRAPPED_END.test(line) || !resolveAuthority(line))) return { name: joined, entry: joinedEntry };
    }
    const entry = resolveAuthority(line);
    if (entry) return { name: line, entry };
    if (!councilLikeLine && COUNCIL_WORDS.test(line) && /^[A-Z]/.test(line)) councilLikeLine = line;
  }
  if (unresolvedTitleName) return { name: unresolvedTitleName, entry: null };
  if (councilLikeLine) return { name: councilLikeLine, entry: null };

  const counts = new Map<string, { name: string; count: number }>();
  for (const match of opening.matchAll(directoryNamePattern())) {
    const name = match[0].replace(/\s+/g, ' ');
    const key = name.toLowerCase();
    const seen = counts.get(key);
    if (seen) seen.count += 1;
    else counts.set(key, { name, count: 1 });
  }
  let best: { name: string; count: number } | null = null;
  for (const candidate of counts.values()) if (!best || candidate.count > best.count) best = candidate;
  return best ? { name: best.name, entry: resolveAuthority(best.name) } : null;
}
