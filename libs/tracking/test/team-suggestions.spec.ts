import { describe, expect, it } from 'vitest';
import { suggestTeams } from '#tracking';

describe('team suggestions', () => {
  const recommendations = [
    { mentionedBodies: ['children with disabilities team', 'police public protection unit'] },
    { mentionedBodies: ['children with disabilities team', 'Children With Disabilities Team'] },
    { mentionedBodies: ['independent reviewing officers', 'brent council'] },
    { mentionedBodies: ['referral and advice team'] },
  ];

  it('suggests each body the recommendations name, most named first, once however it is capitalised', () => {
    expect(suggestTeams(recommendations, [])).toEqual([
      { name: 'Children with disabilities team', keywords: ['children with disabilities team'], recommendationCount: 2 },
      { name: 'Police public protection unit', keywords: ['police public protection unit'], recommendationCount: 1 },
      { name: 'Referral and advice team', keywords: ['referral and advice team'], recommendationCount: 1 },
    ]);
  });

  it('leaves out bodies a team covers already, by its name or one of its keywords', () => {
    const teams = [
      { name: 'Referral and Advice Team', keywords: [] },
      { name: 'Disabled children', keywords: ['children with disabilities'] },
    ];
    expect(suggestTeams(recommendations, teams).map((suggestion) => suggestion.name)).toEqual(['Police public protection unit']);
  });

  it('stops at the limit', () => {
    expect(suggestTeams(recommendations, [], 1)).toHaveLength(1);
    expect(suggestTeams([], [])).toEqual([]);
  });
});
