import { isBulletCharacter } from '../text/page-artefacts.js';
import type { Timeframe } from '#core';

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

/**
 * The shape of a subheading, whatever its last word ("Children who are looked after"): short,
 * capitalised, without sentence punctuation. Taken as one only where the list's numbering carries
 * straight on after it.
 */
export function isSubheadingShape(line: string): boolean {
  return line.length <= 90 && HEADING_LIKE.test(line) && !/[,:]$/.test(line) && line.split(' ').length <= 12;
}

const INTRODUCTION_OPENING = /^in order to (?:improve|ensure|further improve)\b/i;
const FOLLOWING = /following/i;
const INTRODUCTION_FOLLOWING = [
  /\b(?:should|must|will need to|needs? to) take the following (?:action|actions|steps)\b/i,
  // Anchored on the closing mark and read backwards, so each "the following" does not re-scan the rest of the text.
  /(?<=\bthe following (?:recommendations|actions|areas for improvement)\b[^.]*)[:.]$/i,
];

/** "In order to improve ..., the local authority and its partners should take the following action." */
export function isIntroduction(text: string): boolean {
  const opening = INTRODUCTION_OPENING.test(text);
  // Every other introduction says "the following": one plain search spares most lines the rest.
  if (!opening && !FOLLOWING.test(text)) return false;
  // "Implement the following areas for improvement from the previous inspection:" is itself a recommendation.
  if (opensWithImperative(text)) return false;
  return opening || INTRODUCTION_FOLLOWING.some((pattern) => pattern.test(text));
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
  'accelerate', 'achieve', 'act', 'address', 'agree', 'align', 'allocate', 'analyse', 'apply', 'appoint', 'articulate', 'assess', 'assure', 'audit',
  'better', 'bring', 'broaden', 'build', 'capture', 'carry', 'cease', 'challenge', 'check', 'clarify', 'collate', 'commission', 'communicate', 'complete',
  'comply', 'conduct', 'confirm', 'consider', 'consolidate', 'continue', 'coordinate', 'create', 'deliver', 'demonstrate', 'design', 'determine', 'develop', 'devise',
  'disseminate', 'drive', 'embed', 'enable', 'encourage', 'enforce', 'engage', 'enhance', 'ensure', 'equip', 'establish', 'evaluate', 'evidence', 'examine',
  'expand', 'expedite', 'explore', 'extend', 'facilitate', 'finalise', 'focus', 'formalise', 'further', 'gather', 'give', 'harness', 'help', 'hold',
  'identify', 'implement', 'improve', 'include', 'incorporate', 'increase', 'inform', 'integrate', 'introduce', 'invest', 'involve', 'keep', 'lead', 'learn',
  'listen', 'maintain', 'make', 'manage', 'map', 'match', 'maximise', 'measure', 'minimise', 'monitor', 'move', 'notify', 'obtain', 'offer',
  'oversee', 'place', 'plan', 'prepare', 'prevent', 'prioritise', 'produce', 'progress', 'promote', 'protect', 'provide', 'publish', 'put', 'raise',
  'reach', 'reassess', 'receive', 'recognise', 'record', 'recruit', 'redesign', 'reduce', 'refine', 'refresh', 'reinforce', 'reinvigorate', 'remove', 'renew',
  'report', 'require', 'resolve', 'resource', 'respond', 'restructure', 'retain', 'review', 'revise', 'revisit', 'scrutinise', 'secure', 'seek', 'set',
  'share', 'sharpen', 'simplify', 'speed', 'stabilise', 'streamline', 'strengthen', 'support', 'sustain', 'tackle', 'take', 'target', 'test', 'track',
  'train', 'undertake', 'update', 'use', 'visit', 'work',
]);

const FIRST_WORDS = /^([A-Za-z]+)(?:[ ,]+([A-Za-z]+))?/;
const OPENING_ADVERBS = new Set([
  'urgently', 'significantly', 'fully', 'robustly', 'consistently', 'effectively', 'regularly', 'swiftly', 'rapidly', 'quickly', 'clearly',
  'systematically', 'routinely', 'promptly', 'actively', 'jointly', 'properly', 'immediately', 'continually', 'continuously', 'rigorously',
]);

/** The word an item opens with, lower case, past an adverb ("Urgently improve ..." → "improve"). */
function leadingVerbOf(text: string): string {
  const words = FIRST_WORDS.exec(text);
  if (!words) return '';
  const first = words[1].toLowerCase();
  return OPENING_ADVERBS.has(first) && words[2] ? words[2].toLowerCase() : first;
}

const DIRECTIVE = /\b(?:should|must|needs? to|is to|are to|to ensure)\b/i;
const ADDRESSED_DIRECTIVE = /^(?:that )?(?:(?!(?:has|have|had|is|are|was|were|of)\b)[\w'’()-]+,? ){1,9}(?:should|must|needs? to|is to|are to)\b/i;
/** "The local authority to work with partners ...", "The LSCB to review ...": an addressee and an infinitive. */
const ADDRESSEE_TO = /^(?:the )?(?:local authority|council|lscb|board|safeguarding partners|partnership|senior leaders|leaders|senior managers|managers|partners)(?: and (?:its |their )?partners)?,? to [a-z]+/i;
const INFINITIVE = /^to ([a-z]+)/i;

/**
 * Stricter than `readsLikeRecommendation`: the item opens as a recommendation does, with an
 * imperative ("Ensure ...") or its addressee and a directive ("The LSCB should ..."). Findings
 * paragraphs often contain "should" or "to ensure" somewhere, but do not open like this.
 */
export function opensLikeRecommendation(text: string): boolean {
  if (RECOMMENDATION_VERBS.has(leadingVerbOf(text))) return true;
  return ADDRESSED_DIRECTIVE.test(text);
}

export function readsLikeRecommendation(text: string): boolean {
  if (RECOMMENDATION_VERBS.has(leadingVerbOf(text))) return true;
  return DIRECTIVE.test(text.slice(0, 240));
}

const TIMEFRAME_NAMED = /\b(?:(immediate(?:ly)?)|((?:three|3) (?:calendar )?months?)|(?:six|6) (?:calendar )?months?)\b/i;
const SHORT_HEADING = /^[A-Z][^.;!?]{0,60}$/;

/**
 * A short heading that names a timeframe in words a layout does not use ("In the next three
 * months:", "Immediate action"), or null.
 */
export function timeframeHeading(line: string): Timeframe | null {
  const text = line.endsWith(':') ? line.slice(0, -1) : line;
  if (!SHORT_HEADING.test(text) || text.split(' ').length > 8) return null;
  const match = TIMEFRAME_NAMED.exec(text);
  if (!match) return null;
  if (match[1]) return 'immediate';
  return match[2] ? 'three_months' : 'six_months';
}

const RECOMMENDATIONS_WORDING =
  /^(?:what (?:does|do|did|should) (?:the )?[a-z' -]{2,60} (?:need|needs) to (?:improve|do|change)|what (?:needs|need) to (?:improve|change|develop|happen)|what (?:the )?[a-z' -]{2,60} (?:needs?|should) to (?:improve|do)|areas? (?:for|of|requiring) (?:further |priority )?(?:improvement|development|action|priority action)|(?:key |main |our |further )?recommendations?|priority (?:and immediate )?actions?|immediate actions?)\b/;

/**
 * A heading that no layout spells this way but that names recommendations ("Areas for
 * development", "What the local authority needs to improve"): the timeframe its items take, or
 * null when the line is not such a heading.
 */
export function recommendationsHeadingShape(line: string): Timeframe | null {
  const text = line.replace(/[:?.]$/, '');
  if (!SHORT_HEADING.test(text) || text.split(' ').length > 12) return null;
  const lower = text.toLowerCase().replace(/[’‘]/g, "'");
  if (!RECOMMENDATIONS_WORDING.test(lower)) return null;
  return /\b(?:priority|immediate)\b/.test(lower) ? 'immediate' : 'unspecified';
}

const NOT_IMPERATIVE_AFTER = /^[A-Za-z]+ (?:is|are|was|were|has|have|had|of|in)\b/i;
/** Verbs that are also nouns a finding can open with ("Work with disabled children is comprehensive"). */
const NOUN_LIKE_VERBS = new Set(['work', 'support', 'use', 'plan', 'record', 'report', 'review', 'audit', 'challenge', 'track', 'focus', 'place', 'help', 'lead', 'progress', 'evidence', 'design', 'test', 'visit', 'set', 'map', 'match']);
const FINITE_VERB = /\b(?:is|are|was|were|has|have)\b/;
const OBJECT_AFTER = /^[A-Za-z]+ (?:the|a|an|all|its|their|how|whether|existing|current|any|each|every)\b/i;

/**
 * An item that opens as recommendations do and findings do not: with an imperative ("Ensure that
 * ...", "Strengthen ...") or its addressee and a directive ("The board should ensure ...").
 */
export function opensAsRecommendation(text: string): boolean {
  if (opensWithImperative(text) || ADDRESSED_DIRECTIVE.test(text) || ADDRESSEE_TO.test(text)) return true;
  const infinitive = INFINITIVE.exec(text)?.[1].toLowerCase();
  return infinitive !== undefined && RECOMMENDATION_VERBS.has(infinitive);
}

/** An imperative whose verb is not also a noun ("Ensure ...", not "Work with ..."): the surest sign of a recommendation. */
export function opensWithPlainImperative(text: string): boolean {
  return opensWithImperative(text) && !NOUN_LIKE_VERBS.has(leadingVerbOf(text));
}

/** An item that opens with an imperative ("Ensure that ...", "Strengthen ..."). */
export function opensWithImperative(text: string): boolean {
  if (!/^[A-Z]/.test(text)) return false;
  const verb = leadingVerbOf(text);
  if (!RECOMMENDATION_VERBS.has(verb) || NOT_IMPERATIVE_AFTER.test(text)) return false;
  if (!NOUN_LIKE_VERBS.has(verb)) return true;
  // "Review the dataset" is an instruction; "Review meetings are held" is a finding.
  return OBJECT_AFTER.test(text) || !FINITE_VERB.test(text.slice(0, 60));
}

const FINITE_VERBS_IN_FINDINGS =
  /\b(?:is|are|was|were|has|have|had|do|does|did|can|cannot|could|will|would|may|might|became|become|becomes|remains?|receives?|benefits?|makes?|takes?|understands?|knows?|works?|ensures?|provides?|leads?|feels?|says?|sees?|seen|lives?|live|gives?|helps?|supports?|needs|operates?|uses?|attends?|went|left|ceased|experiences?|continues?|shows?|means?|judged|rated|found)\b/i;

/**
 * An item worded as an area for improvement ("The quality of children's plans.", "Placement
 * choice for children"): a phrase without the finite verb every finding has.
 */
export function readsLikeArea(text: string): boolean {
  // Figures ("12 children became ...", "4.2%") are facts about the area, not areas for improvement.
  return text.length < 200 && /^[A-Za-z]/.test(text) && !text.includes('%') && !FINITE_VERBS_IN_FINDINGS.test(text);
}
