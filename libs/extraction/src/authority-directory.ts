import { AUTHORITY_DIRECTORY_ROWS } from './authority-directory.data.js';
import type { AuthorityDirectoryEntry } from './authority-directory.types.js';

export type { AuthorityDirectoryEntry };

/** The 156 English local authorities with children's services, as shipped in seeds/local-authorities.csv. */
export const AUTHORITY_DIRECTORY: readonly AuthorityDirectoryEntry[] = AUTHORITY_DIRECTORY_ROWS;

/**
 * Words that reports put around an authority's name ("London Borough of Brent", "Durham County
 * Council", "Bristol, City of") but that the directory does not. Longest first, so that
 * "metropolitan borough council" goes before "council".
 */
const NAME_PREFIXES = [
  'council of the',
  'council of',
  'the royal borough of',
  'the london borough of',
  'royal borough of',
  'london borough of',
  'metropolitan borough of',
  'city and county of',
  'the city of',
  'borough of',
  'county of',
  'city of',
  'county',
  'the',
];
const NAME_SUFFIXES = [
  // Children's trusts run a council's services on its behalf: "Birmingham Children's Trust",
  // "Bradford Children and Families Trust", "Doncaster Children's Services Trust".
  // A board's own report names it: "Lincolnshire Safeguarding Children Board".
  'local safeguarding children board',
  'safeguarding children board',
  'safeguarding children partnership',
  'lscb',
  'children and families trust',
  'children services trust',
  'children trust',
  'children first',
  'children services',
  'metropolitan borough council',
  'metropolitan district council',
  'district metropolitan council',
  'metropolitan council',
  'unitary authority',
  'unitary council',
  'borough council',
  'county council',
  'district council',
  'city council',
  'local authority',
  'metropolitan borough',
  'metropolitan district',
  'council',
  'borough',
  'district',
  'metropolitan',
  'mbc',
  'mdc',
  'bc',
  'cc',
  'dc',
  'city of',
  'county of',
  'city',
  'county',
];

/** Lower case, '&' as 'and', possessives and punctuation dropped, 'St.' as 'st', single spaces. */
export function normaliseAuthorityName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    // "Trafford Council's", "Birmingham Children's Trust": the possessive is not part of the name.
    .replace(/['’‘`]s\b/g, '')
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function stripAffixes(normalised: string): string {
  let name = ` ${normalised} `;
  let changed = true;
  while (changed) {
    changed = false;
    for (const prefix of NAME_PREFIXES) {
      if (name.startsWith(` ${prefix} `) && name.length > prefix.length + 3) {
        name = name.slice(prefix.length + 1);
        changed = true;
      }
    }
    for (const suffix of NAME_SUFFIXES) {
      if (name.endsWith(` ${suffix} `) && name.length > suffix.length + 3) {
        name = name.slice(0, name.length - suffix.length - 1);
        changed = true;
      }
    }
  }
  return name.trim();
}

const AMBIGUOUS_KEYS = new Set(['london']);

interface AuthorityIndex {
  exact: Map<string, AuthorityDirectoryEntry>;
  stripped: Map<string, AuthorityDirectoryEntry>;
}

let index: AuthorityIndex | null = null;

function authorityIndex(): AuthorityIndex {
  if (index) return index;
  const exact = new Map<string, AuthorityDirectoryEntry>();
  const stripped = new Map<string, AuthorityDirectoryEntry>();
  for (const entry of AUTHORITY_DIRECTORY) {
    for (const name of [entry.name, ...entry.alsoKnownAs]) {
      const normalised = normaliseAuthorityName(name);
      if (!exact.has(normalised)) exact.set(normalised, entry);
    }
  }
  // A stripped key never shadows another authority's own name, and "London" (an address line or a
  // region far more often than the City of London) is not a key at all.
  for (const entry of AUTHORITY_DIRECTORY) {
    for (const name of [entry.name, ...entry.alsoKnownAs]) {
      const key = stripAffixes(normaliseAuthorityName(name));
      if (key.length === 0 || AMBIGUOUS_KEYS.has(key) || exact.has(key) || stripped.has(key)) continue;
      stripped.set(key, entry);
    }
  }
  index = { exact, stripped };
  return index;
}

/**
 * The directory row for an authority name as a report prints it ("London Borough of Waltham
 * Forest", "Hull City Council", "Bristol, City of", "City of York Council"), or null.
 */
export function resolveAuthority(name: string): AuthorityDirectoryEntry | null {
  if (typeof name !== 'string' || name.length === 0 || name.length > 200) return null;
  const { exact, stripped } = authorityIndex();
  const normalised = normaliseAuthorityName(name);
  if (normalised.length === 0) return null;
  const direct = exact.get(normalised);
  if (direct) return direct;
  const key = stripAffixes(normalised);
  return exact.get(key) ?? stripped.get(key) ?? uniqueNameStartingWith(key);
}

/** "Newcastle" for Newcastle upon Tyne: a shortened name that only one authority's name starts with. */
function uniqueNameStartingWith(key: string): AuthorityDirectoryEntry | null {
  if (key.length < 4) return null;
  let found: AuthorityDirectoryEntry | null = null;
  for (const [name, entry] of authorityIndex().exact) {
    if (!name.startsWith(`${key} `)) continue;
    if (found && found !== entry) return null;
    found = entry;
  }
  return found;
}

/** Every name and alias in the directory, for finding an authority named inside running text. */
export function authorityNameVariants(): string[] {
  const names = new Set<string>();
  for (const entry of AUTHORITY_DIRECTORY) {
    names.add(entry.name);
    for (const alias of entry.alsoKnownAs) names.add(alias);
  }
  return [...names];
}
