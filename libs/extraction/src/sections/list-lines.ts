import { isBulletCharacter } from '../text/page-artefacts.js';

/** The start of a list item: a printed paragraph number ("161.") or a bullet. */
export interface ItemStart {
  number: number | null;
  /** The bullet character, or null for a numbered item. */
  bullet: string | null;
  text: string;
}

// The text keeps its leading spaces (the caller trims): `\s+(.*)$` would re-scan the line once per space.
const NUMBERED_ITEM = /^(?:[-*\u2022]\s+)?(\d{1,3})[.)](?=\s|$)(.*)$/;

export function parseItemStart(line: string): ItemStart | null {
  const first = line[0];
  if (first === undefined) return null;
  if (first >= '0' && first <= '9') {
    const match = NUMBERED_ITEM.exec(line);
    if (match) return { number: Number(match[1]), bullet: null, text: match[2].trim() };
    return null;
  }
  if (!isBulletCharacter(first)) return null;
  // '-' and '*' are bullets only when followed by a space; glyph bullets may touch their text.
  if ((first === '-' || first === '*') && line[1] !== ' ') return null;
  const numbered = NUMBERED_ITEM.exec(line);
  if (numbered) return { number: Number(numbered[1]), bullet: null, text: numbered[2].trim() };
  return { number: null, bullet: first, text: line.slice(1).trim() };
}

/** Markdown and plain bullets are one kind; a different glyph inside a glyph list marks a sub-bullet. */
export function bulletClass(bullet: string): string {
  return bullet === '-' || bullet === '*' || bullet === '\u2022' ? '-' : bullet;
}

/** Glyphs that converters use only for second-level bullets (a dash in the Symbol font, a white bullet). */
export function isSubBulletGlyph(bullet: string): boolean {
  return bullet === '\uF02D' || bullet === '\u25E6';
}

/**
 * Words a line cannot end on when its sentence is complete: a list item ending on one of these
 * continues after the page break, even when the continuation carries a bullet of its own.
 */
const DANGLING_WORDS = new Set([
  'a', 'an', 'the', 'of', 'to', 'and', 'or', 'for', 'from', 'with', 'within', 'without', 'in', 'into', 'on', 'onto', 'at', 'by', 'as', 'that',
  'which', 'who', 'whose', 'whom', 'their', 'its', 'his', 'her', 'our', 'your', 'is', 'are', 'be', 'been', 'being', 'was', 'were', 'this', 'these',
  'those', 'including', 'between', 'across', 'through', 'about', 'than', 'so', 'such', 'not', 'but', 'both', 'all', 'any', 'each', 'every',
  'ensure', 'ensuring', 'has', 'have', 'had', 'will', 'would', 'should', 'must', 'can', 'could', 'may', 'if', 'when', 'where', 'whether',
  'while', 'whilst', 'per', 'via', 'under', 'over', 'after', 'before', 'during', 'against', 'among', 'amongst', 'upon', 'towards', 'toward',
]);

const LAST_WORD = /(?<![A-Za-z'])([A-Za-z']+)$/;
const DANGLING_END = /[-,(/&:;]$/;

/** Whether an item's text stops mid-sentence (a page break cut it, not the end of the recommendation). */
export function endsMidSentence(text: string): boolean {
  if (text.length === 0) return true;
  if (DANGLING_END.test(text)) return true;
  const word = LAST_WORD.exec(text)?.[1];
  return word !== undefined && DANGLING_WORDS.has(word.toLowerCase());
}

const TERMINAL_END = /[.!?]["'’”)\]]*$|\)$/;

export function endsSentence(text: string): boolean {
  return TERMINAL_END.test(text);
}

const STARTS_CONTINUATION = /^[a-z0-9(£%'‘"“]/;

/** Prose paragraphs and headings start with a capital; a line starting lower case continues an item. */
export function startsLikeContinuation(line: string): boolean {
  return STARTS_CONTINUATION.test(line);
}

const HEADING_LIKE = /^[A-Z][^.;!]*$/;

/**
 * A short capitalised line without closing punctuation: a theme subheading ("Corporate parenting",
 * "Children who go missing and are at risk of child sexual exploitation") or an unknown heading.
 */
export function looksLikeHeading(line: string): boolean {
  if (line.length > 90 || !HEADING_LIKE.test(line) || /[,:]$/.test(line)) return false;
  if (line.split(' ').length > 12) return false;
  return !endsMidSentence(line);
}

const INTRODUCTION = [
  /^in order to (?:improve|ensure|further improve)\b/i,
  /\b(?:should|must|will need to|needs? to) take the following (?:action|actions|steps)\b/i,
  // Anchored on the closing mark and read backwards, so each "the following" does not re-scan the rest of the text.
  /(?<=\bthe following (?:recommendations|actions|areas for improvement)\b[^.]*)[:.]$/i,
];

/** "In order to improve ..., the local authority and its partners should take the following action." */
export function isIntroduction(text: string): boolean {
  return INTRODUCTION.some((pattern) => pattern.test(text));
}

const NO_ITEMS = /^(?:there (?:are|is|were|was) no|no) (?:[a-z-]+ ){0,6}(?:actions?|recommendations?|areas?)\b/i;

/** "There are no areas for priority or immediate action": says a list is empty; not an item. */
export function isNoItemsSentence(line: string): boolean {
  return NO_ITEMS.test(line);
}

/**
 * Verbs that open recommendations. Used only to tell a numbered list of recommendations from the
 * numbered findings paragraphs that can follow it under an unrecognised heading.
 */
const RECOMMENDATION_VERBS = new Set([
  'accelerate', 'address', 'agree', 'align', 'analyse', 'apply', 'assess', 'audit', 'better', 'bring', 'build', 'challenge', 'clarify', 'commission',
  'communicate', 'complete', 'comply', 'consider', 'consolidate', 'continue', 'coordinate', 'create', 'deliver', 'demonstrate', 'develop', 'devise',
  'embed', 'enable', 'engage', 'enhance', 'ensure', 'establish', 'evaluate', 'evidence', 'expand', 'explore', 'extend', 'focus', 'further', 'identify',
  'implement', 'improve', 'include', 'increase', 'inform', 'integrate', 'introduce', 'involve', 'maintain', 'make', 'manage', 'monitor', 'place',
  'plan', 'prioritise', 'produce', 'promote', 'provide', 'publish', 'raise', 'record', 'reduce', 'refine', 'reinforce', 'report', 'respond', 'review',
  'revise', 'scrutinise', 'secure', 'seek', 'set', 'share', 'strengthen', 'support', 'sustain', 'take', 'tackle', 'track', 'train', 'undertake',
  'update', 'use', 'work',
]);

const DIRECTIVE = /\b(?:should|must|needs? to|is to|are to|to ensure)\b/i;

export function readsLikeRecommendation(text: string): boolean {
  const firstWord = /^[A-Za-z]+/.exec(text)?.[0].toLowerCase();
  if (firstWord && RECOMMENDATION_VERBS.has(firstWord)) return true;
  return DIRECTIVE.test(text.slice(0, 240));
}
