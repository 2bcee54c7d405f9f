const MAX_TITLE_LENGTH = 150;

/** A short title for lists and email subjects: the recommendation's first sentence, cut at a word. */
export function actionTitleFrom(recommendationText: string): string {
  const clean = recommendationText.replace(/\s+/g, ' ').trim();
  const firstSentence = clean.split(/(?<=[.;])\s/)[0] ?? clean;
  const candidate = firstSentence.replace(/(?<![.;:,])[.;:,]+$/, '');
  const sentence = candidate.charAt(0).toUpperCase() + candidate.slice(1);
  if (sentence.length <= MAX_TITLE_LENGTH) return sentence;
  const cut = sentence.slice(0, MAX_TITLE_LENGTH - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 60 ? cut.lastIndexOf(' ') : cut.length)}…`;
}
