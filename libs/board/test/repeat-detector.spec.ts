import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findRepeats, normalisedWords, stem } from '#board';
import { extractReport } from '#extraction';

const recommendationsOf = (file: string, firstId: number) =>
  extractReport(readFileSync(new URL(`../../../seeds/reports/${file}`, import.meta.url), 'utf8'), {}).recommendations.map((item, index) => ({
    id: firstId + index,
    reference: item.reference,
    text: item.text,
  }));

describe('normalised words', () => {
  it('meet across plural, past and -ing forms, and leave out words that name no subject', () => {
    expect(['records', 'recorded', 'recording', 'record'].map(stem)).toEqual(['record', 'record', 'record', 'record']);
    expect(['planning', 'planned', 'plans'].map(stem)).toEqual(['plan', 'plan', 'plan']);
    expect(stem('access')).toBe('access');
    expect(normalisedWords("Ensure that all children's plans are reviewed")).toEqual(['plan', 'review']);
  });
});

describe('the repeat detector on real recommendations', () => {
  const older = recommendationsOf('waltham-forest-2013-protection.txt', 1000);
  const newer = recommendationsOf('waltham-forest-2014-sif.txt', 1);
  const links = findRepeats(newer, older);
  const pairs = new Set(links.map((link) => `${newer.find((item) => item.id === link.recommendationId)!.reference}<-${older.find((item) => item.id === link.earlierRecommendationId)!.reference}`));

  it('links the 2014 recommendations that repeat 2013 ones, as read in both reports', () => {
    // 9 (supervision and its records) repeats A2; 11 (children's views inform services) repeats A7;
    // 13 (access to advocacy) repeats A13; 1 and 161 (children at risk of sexual exploitation) repeat A8.
    for (const pair of ['9<-A2', '11<-A7', '13<-A13', '1<-A8', '161<-A8']) expect(pairs, pair).toContain(pair);
  });

  it('does not link recommendations that only share generic words', () => {
    // 8 (visiting frequency) and 4 (workforce stability) share "social workers" with A4 (who assesses referrals);
    // 14 (care leavers kept in touch) shares "services" with A12.
    for (const pair of ['8<-A4', '4<-A4', '14<-A12', '15<-A5']) expect(pairs, pair).not.toContain(pair);
  });

  it('says why: the shared subject words, heaviest first', () => {
    const supervision = links.find((link) => link.recommendationId === newer.find((item) => item.reference === '9')!.id)!;
    expect(supervision.sharedWords[0]).toBe('supervision');
    expect(supervision.score).toBeGreaterThan(0.3);
  });
});

describe('the repeat detector on shuffled texts', () => {
  const background = [...recommendationsOf('waltham-forest-2013-protection.txt', 1000), ...recommendationsOf('brent-2012-protection.txt', 2000)];
  // Two subjects with no word in common, and the generic words every recommendation uses.
  const topicA = ['fostering', 'placements', 'sufficiency', 'carers', 'siblings', 'adoption', 'matching', 'permanence'];
  const topicB = ['exploitation', 'missing', 'intelligence', 'episodes', 'trafficking', 'gangs', 'interviews', 'disruption'];
  // Stop words, and words of the council's own recommendations (in the background) that name no one subject.
  const generic = ['ensure', 'that', 'children', 'young', 'people', 'social', 'workers', 'effectively', 'improve', 'and', 'the', 'are', 'consistently', 'practice', 'management', 'quality', 'services', 'case', 'work'];
  // A recommendation is mostly about its subject: as many generic words as subject words at most.
  const sentence = (topic: string[]) =>
    fc
      .shuffledSubarray(topic, { minLength: 3, maxLength: 6 })
      .chain((own) => fc.tuple(fc.constant(own), fc.shuffledSubarray(generic, { minLength: 1, maxLength: own.length })))
      .chain(([own, common]) => fc.shuffledSubarray([...own, ...common], { minLength: own.length + common.length, maxLength: own.length + common.length }))
      .map((words) => words.join(' '));

  it('never links two recommendations about unrelated subjects, whatever their words and order', () => {
    fc.assert(
      fc.property(fc.array(sentence(topicA), { minLength: 1, maxLength: 4 }), fc.array(sentence(topicB), { minLength: 1, maxLength: 4 }), (aTexts, bTexts) => {
        const newer = aTexts.map((text, index) => ({ id: index + 1, text }));
        const earlier = [...bTexts.map((text, index) => ({ id: 100 + index, text })), ...background];
        const links = findRepeats(newer, earlier).filter((link) => link.earlierRecommendationId < 1000);
        expect(links).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('links a recommendation to the same words in another order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: background.length - 1 }), fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (index, randoms) => {
        const original = background[index];
        const words = original.text.split(/\s+/);
        const shuffled = words.map((word) => [randoms.next().value, word] as const).sort((a, b) => a[0] - b[0]).map(([, word]) => word).join(' ');
        fc.pre(normalisedWords(original.text).length >= 2);
        const [best] = findRepeats([{ id: 1, text: shuffled }], background);
        expect(best.earlierRecommendationId).toBe(original.id);
        expect(best.score).toBeGreaterThan(0.99);
      }),
      { numRuns: 60 },
    );
  });
});
