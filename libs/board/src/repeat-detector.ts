/**
 * Finds recommendations Ofsted has made before: TF-IDF vectors over normalised words, compared by
 * cosine similarity. Plain TypeScript, no network and no model: the vocabulary is the council's own
 * recommendations, so words every recommendation uses ("ensure", "children") weigh little and the
 * words that name a subject ("supervision", "advocacy", "exploitation") weigh most.
 */

/** Words that carry no subject, whatever the report. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been being both but by can could do does for from has have how in into is it its itself may more most must ' +
    'no not of on or other our over should so such than that the their them then there these they this those through to under up ' +
    'upon very was we were what when where whether which while who whom why will with within without would all any each every own ' +
    'ensure ensuring ensures make made take taken use using including include includes across well also further fully appropriate ' +
    'appropriately effective effectively consistently consistent continue improve improved improvement improving sure range level levels ' +
    // Every recommendation is about children and their social workers: these name no subject.
    'child person social young'
  ).split(' '),
);

/**
 * Words of children's services that nearly every recommendation uses in passing ("practice",
 * "management", "multi-agency work"): they count at a third of their weight, so two recommendations on
 * different subjects do not meet on them. Stems, as normalisedWords gives them.
 */
const DOMAIN_COMMON = new Set(
  'practice management manag manager work worker quality service case support help develop development monitor impact agency multi partner partnership council board local authority'.split(' '),
);
const DOMAIN_COMMON_WEIGHT = 1 / 3;

/** One spelling for the forms reports use interchangeably. */
const SYNONYMS: Record<string, string> = { children: 'child', childrens: 'child', people: 'person', staff: 'worker', workforce: 'worker', workers: 'worker' };

/**
 * A light stemmer: plural, past, -ing and -ation endings, so "records", "recorded" and "recording"
 * meet, as do "exploited" and "exploitation".
 * Deliberately crude (no dictionary): it only has to make the same word's forms agree.
 */
export function stem(word: string): string {
  if (SYNONYMS[word]) return SYNONYMS[word];
  for (const suffix of ['ations', 'ation', 'ingly', 'ings', 'ing', 'edly', 'ed', 'ies', 'es', 's', 'ly']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4 && !(suffix === 's' && word.endsWith('ss'))) {
      const base = word.slice(0, -suffix.length);
      if (suffix === 'ies') return `${base}y`;
      // "planning" and "planned" meet "plan"; "called" stays "call".
      return /([b-df-hj-km-np-rtv-z])\1$/.test(base) && !/(ll|ss|ff|zz)$/.test(base) ? base.slice(0, -1) : base;
    }
  }
  return word;
}

/** Lower-case words of three letters or more, without stop words, stemmed. Linear in the text. */
export function normalisedWords(text: string): string[] {
  const words = text.toLowerCase().replace(/['’]s\b/g, '').split(/[^a-z]+/);
  return words.filter((word) => word.length >= 3 && !STOP_WORDS.has(word)).map(stem).filter((word) => !STOP_WORDS.has(word));
}

export interface RecommendationText {
  id: number;
  text: string;
}

export interface RepeatCandidate {
  recommendationId: number;
  earlierRecommendationId: number;
  /** Cosine similarity of the two TF-IDF vectors, 0 to 1. */
  score: number;
  /** The subject words both share, heaviest first: why the two were linked. */
  sharedWords: string[];
}

export interface RepeatOptions {
  /** Pairs scoring below this are not linked. */
  threshold?: number;
  /** At most this many earlier recommendations per new one. */
  maxPerRecommendation?: number;
}

/**
 * Calibrated on Waltham Forest's 2013 and 2014 reports (see the board tests): the repeats found by
 * reading both (supervision, children's views, advocacy, sexual exploitation twice) score 0.20 to
 * 0.44; pairs that share only "social workers", "services" or "referrals" score below 0.16. Between
 * the two are pairs on neighbouring subjects (case audits, plans and records), which a board member
 * confirms or dismisses.
 */
export const REPEAT_THRESHOLD = 0.18;

type Vector = Map<string, number>;

/**
 * Compares each new recommendation with every earlier one. IDF is counted over both sets together,
 * so a word common to the council's recommendations counts for little in either.
 */
export function findRepeats(newer: readonly RecommendationText[], earlier: readonly RecommendationText[], options: RepeatOptions = {}): RepeatCandidate[] {
  const threshold = options.threshold ?? REPEAT_THRESHOLD;
  const maxPer = options.maxPerRecommendation ?? 3;
  if (newer.length === 0 || earlier.length === 0) return [];
  const documents = [...newer, ...earlier].map((item) => normalisedWords(item.text));
  const documentFrequency = new Map<string, number>();
  for (const words of documents) for (const word of new Set(words)) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  const total = documents.length;
  const vectorOf = (words: string[]): Vector => {
    const counts = new Map<string, number>();
    for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
    const vector: Vector = new Map();
    let norm = 0;
    for (const [word, count] of counts) {
      // Smoothed IDF (as scikit-learn's): never zero, so a word in every text still counts a little.
      const weight = (1 + Math.log(count)) * (Math.log((1 + total) / (1 + documentFrequency.get(word)!)) + 1) * (DOMAIN_COMMON.has(word) ? DOMAIN_COMMON_WEIGHT : 1);
      vector.set(word, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [word, weight] of vector) vector.set(word, weight / norm);
    return vector;
  };
  const newerVectors = documents.slice(0, newer.length).map(vectorOf);
  const earlierVectors = documents.slice(newer.length).map(vectorOf);
  // An inverted index of the earlier texts: only pairs sharing a word are ever scored.
  const postings = new Map<string, number[]>();
  earlierVectors.forEach((vector, index) => {
    for (const word of vector.keys()) postings.set(word, [...(postings.get(word) ?? []), index]);
  });

  const results: RepeatCandidate[] = [];
  newerVectors.forEach((vector, newIndex) => {
    const scores = new Map<number, number>();
    for (const [word, weight] of vector) {
      for (const index of postings.get(word) ?? []) scores.set(index, (scores.get(index) ?? 0) + weight * earlierVectors[index].get(word)!);
    }
    // A repeat shares a subject, not a word: two subject words in common at least. One ("referrals"),
    // or words every recommendation uses ("practice", "social workers"), is never enough.
    const sharedCount = (index: number) => [...vector.keys()].filter((word) => !DOMAIN_COMMON.has(word) && earlierVectors[index].has(word)).length;
    const linked = [...scores]
      .filter(([index, score]) => score >= threshold && sharedCount(index) >= 2)
      .sort((a, b) => b[1] - a[1] || earlier[a[0]].id - earlier[b[0]].id)
      .slice(0, maxPer);
    for (const [index, score] of linked) {
      const other = earlierVectors[index];
      const sharedWords = [...vector.keys()]
        .filter((word) => other.has(word))
        .sort((a, b) => vector.get(b)! * other.get(b)! - vector.get(a)! * other.get(a)!)
        .slice(0, 5);
      results.push({ recommendationId: newer[newIndex].id, earlierRecommendationId: earlier[index].id, score: Math.round(score * 1000) / 1000, sharedWords });
    }
  });
  return results;
}
