/**
 * Teams and services a recommendation names ("children with disabilities team", "police public
 * protection department", "Brent Safeguarding Children Board"), lower case and deduplicated. Team
 * routing matches its keywords against these, so a name is kept whole rather than split up.
 */

/** Nouns that end the name of a body. */
const BODY_NOUNS = new Set([
  'team', 'teams', 'service', 'services', 'department', 'departments', 'unit', 'units', 'panel', 'panels', 'board', 'boards', 'hub', 'hubs',
  'partnership', 'partnerships', 'committee', 'committees', 'group', 'groups', 'sub-group', 'sub-groups', 'subgroup', 'forum', 'forums', 'trust',
  'trusts', 'council', 'school', 'schools', 'officer', 'officers', 'chairs', 'chair', 'centre', 'centres', 'network', 'agency',
]);

/** Bodies named without one of the nouns above. */
const NAMED_BODIES = [
  { pattern: /\bchildren(?:'s|’s) social care\b(?! services?\b| teams?\b)/i, name: "children's social care" },
  { pattern: /\bthe police\b(?! public| and crime)/i, name: 'police' },
  { pattern: /\bcafcass\b/i, name: 'cafcass' },
  { pattern: /\bhealth visitors\b/i, name: 'health visitors' },
];

/** Words that cannot be part of a body's name: reading back from the noun stops at them. */
const STOP_WORDS = new Set([
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'your', 'all', 'any', 'each', 'every', 'some', 'both',
  'either', 'neither', 'other', 'another', 'such', 'same', 'within', 'in', 'into', 'to', 'for', 'from', 'by', 'on', 'at', 'across', 'between',
  'through', 'via', 'over', 'under', 'about', 'as', 'than', 'so', 'also', 'more', 'most', 'less', 'least', 'is', 'are', 'be', 'was', 'were',
  'been', 'being', 'has', 'have', 'had', 'will', 'would', 'should', 'must', 'can', 'could', 'may', 'might', 'not', 'no', 'ensure', 'ensures',
  'ensuring', 'including', 'include', 'includes', 'which', 'who', 'whose', 'where', 'when', 'how', 'what', 'whether', 'provide', 'provides',
  'provided', 'providing', 'use', 'uses', 'used', 'using', 'make', 'makes', 'made', 'improve', 'improves', 'improving', 'improved', 'develop',
  'developing', 'developed', 'review', 'reviews', 'reviewing', 'strengthen', 'support', 'supports', 'supported', 'supporting', 'deliver',
  'delivers', 'delivered', 'works', 'engage', 'engages', 'engaged', 'receive', 'receives', 'attend', 'attends', 'among',
  'against', 'during', 'after', 'before', 'until', 'while', 'per', 'if', 'then', 'identified', 'robust', 'robustly', 'regular', 'regularly',
  'effective', 'effectively', 'appropriate', 'appropriately', 'sufficient', 'relevant', 'key', 'new', 'current', 'existing', 'of',
  'with', 'and', 'or', 'nor', 'but', 'it', 'they', 'them', 'he', 'she', 'we', 'you', 'i', 'there', 'here', 'do', 'does', 'did', 'help', 'helps',
  'commission', 'commissioned', 'commissioning', 'consult', 'notify', 'notified', 'inform', 'informs', 'informed', 'involve', 'involved',
  'involving', 'partner', 'wider', 'whole', 'own', 'various', 'different', 'specific', 'statutory', 'consistent', 'consistently', 'timely',
  'following', 'regarding', 'concerning', 'after', 'good', 'high', 'better', 'targeted', 'coordinated', 'respective', 'individual', 'additional', 'adequate', 'well', 'fully', 'full', 'only', 'just', 'very', 'further', 'promptly', 'needs', 'need',
]);

/** Nouns that, following a body noun, show it is a modifier ("service delivery", "team managers"), not a body. */
const COMPOUND_CONTINUATIONS = new Set([
  'delivery', 'development', 'developments', 'improvement', 'improvements', 'user', 'users', 'plan', 'plans', 'planning', 'provision', 'offer',
  'standards', 'level', 'levels', 'area', 'areas', 'manager', 'managers', 'leader', 'leaders', 'priorities', 'policy', 'policies', 'performance',
  'records', 'data', 'design', 'specification', 'capacity', 'structure', 'structures', 'arrangements', 'review', 'reviews', 'model', 'models',
  'member', 'members', 'meeting', 'meetings', 'minutes', 'report', 'reports', 'budget', 'budgets', 'needs', 'response', 'responses',
  'conference', 'conferences', 'decision', 'decisions',
]);

/** Stop words that stop a name even when capitalised inside it ("The", "All"); other capitalised words are part of a proper name. */
const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'your', 'all', 'any', 'each', 'every', 'some', 'both',
  'in', 'into', 'to', 'for', 'from', 'by', 'on', 'at', 'as', 'is', 'are', 'be', 'it', 'they', 'we', 'you', 'i', 'there', 'here', 'or', 'but',
]);

/** Connectors allowed inside a name: "referral and advice team", "children with disabilities team", "Children in Care Council". */
const CONNECTORS = new Set(['and', 'with', 'in', 'of', 'for', '&']);
const MAX_NAME_WORDS = 6;

interface Token {
  word: string;
  lower: string;
  capitalised: boolean;
  /** The token ends a clause (comma, semicolon, full stop): a name never spans it. */
  endsClause: boolean;
  /** The token opens a parenthesis: a name never reaches back past it. */
  opensParenthesis: boolean;
}

const LEADING_MARKS = new Set(['(', '"', "'", '‘', '“', '[']);
const TRAILING_MARKS = new Set([')', '"', '”', ']', '.', ',', ';', ':', '!', '?']);
const CLAUSE_ENDS = new Set(['.', ',', ';', ':', '!', '?', ')']);
const SENTENCE_ENDS = new Set(['.', '!', '?', ';']);
const QUOTES = new Set(["'", '’', '"', '”']);

function isUpperCaseLetter(char: string): boolean {
  return char >= 'A' && char <= 'Z';
}

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  let sentenceStart = true;
  for (const raw of text.split(' ')) {
    if (raw.length === 0) continue;
    let start = 0;
    let end = raw.length;
    while (start < end && LEADING_MARKS.has(raw[start])) start += 1;
    while (end > start && TRAILING_MARKS.has(raw[end - 1])) end -= 1;
    // A trailing apostrophe after "s" is a plural possessive ("care leavers' service"), not a quote.
    while (end > start && QUOTES.has(raw[end - 1]) && raw[end - 2] !== 's') end -= 1;
    if (end <= start) continue;
    const word = raw.slice(start, end);
    const last = raw[raw.length - 1];
    const lastMark = QUOTES.has(last) && raw.length > 1 ? raw[raw.length - 2] : last;
    const startsSentence = sentenceStart;
    sentenceStart = SENTENCE_ENDS.has(lastMark);
    tokens.push({
      word,
      lower: word.toLowerCase().replaceAll('’', "'"),
      // The first word of a sentence is capitalised by grammar, not because it names something.
      capitalised: !startsSentence && isUpperCaseLetter(word[0]),
      endsClause: CLAUSE_ENDS.has(lastMark),
      opensParenthesis: raw[0] === '(',
    });
  }
  return tokens;
}

function nameEndingAt(tokens: readonly Token[], headIndex: number): string | null {
  const words: string[] = [tokens[headIndex].lower];
  let index = headIndex - 1;
  while (index >= 0 && words.length < MAX_NAME_WORDS) {
    if (tokens[index + 1].opensParenthesis) break;
    const token = tokens[index];
    if (token.endsClause) break;
    // A body noun before "and" closes an earlier name: "... chairs and fostering and adoption panel chairs".
    if (BODY_NOUNS.has(token.lower) && CONNECTORS.has(words[0])) break;
    if (CONNECTORS.has(token.lower)) {
      const before = tokens[index - 1];
      const after = tokens[index + 1];
      if (!before || before.endsClause || STOP_WORDS.has(before.lower) && !CONNECTORS.has(before.lower)) break;
      // "of", "in" and "for" join only the words of a proper name ("Children in Care Council").
      const joinsProperName = before.capitalised && after.capitalised;
      if (token.lower !== 'and' && token.lower !== 'with' && token.lower !== '&' && !joinsProperName) break;
      if (token.lower === 'with' && before.lower !== 'children' && before.lower !== 'people' && !joinsProperName) break;
      words.unshift(token.lower);
      index -= 1;
      continue;
    }
    if ((STOP_WORDS.has(token.lower) && (!token.capitalised || FUNCTION_WORDS.has(token.lower))) || /^\d/.test(token.lower)) break;
    words.unshift(token.lower);
    index -= 1;
  }
  while (words.length > 0 && CONNECTORS.has(words[0])) words.shift();
  if (words.length < 2) return null;
  return words.join(' ');
}

const ANY_BODY_NOUN = new RegExp(`\\b(?:${[...BODY_NOUNS].join('|')})\\b`, 'i');

export function mentionedBodiesOf(text: string): string[] {
  const bodies: string[] = [];
  const seen = new Set<string>();
  const add = (name: string): void => {
    const normalised = name.replace(/\s+/g, ' ').trim();
    if (normalised.length > 0 && !seen.has(normalised)) {
      seen.add(normalised);
      bodies.push(normalised);
    }
  };
  const tokens = ANY_BODY_NOUN.test(text) ? tokenise(text) : [];
  for (let i = 0; i < tokens.length; i += 1) {
    if (!BODY_NOUNS.has(tokens[i].lower)) continue;
    const next = tokens[i + 1];
    if (next && !tokens[i].endsClause && (BODY_NOUNS.has(next.lower) || COMPOUND_CONTINUATIONS.has(next.lower))) continue;
    const name = nameEndingAt(tokens, i);
    if (name) add(name);
  }
  for (const { pattern, name } of NAMED_BODIES) if (pattern.test(text)) add(name);
  return bodies;
}
