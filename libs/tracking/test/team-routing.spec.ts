import { describe, expect, it } from 'vitest';
import { routeToTeam } from '../src/team-routing.js';

const teams = [
  { id: 1, name: 'Children with disabilities team', keywords: ['children with disabilities'] },
  { id: 2, name: 'Locality teams', keywords: ['referrals', 'assessments'] },
  { id: 3, name: 'Safeguarding Children Board business unit', keywords: ['safeguarding children board', 'police public protection'] },
];

describe('routeToTeam', () => {
  it('picks the team whose keyword phrase the text names', () => {
    const team = routeToTeam({ text: 'Ensure that child protection plans for children with disabilities are robust', mentionedBodies: [] }, teams);
    expect(team?.id).toBe(1);
  });

  it('weighs a body the report mentions above a passing word', () => {
    const team = routeToTeam(
      { text: 'Ensure referrals from the police public protection department are exchanged promptly', mentionedBodies: ['police public protection department'] },
      teams,
    );
    expect(team?.id).toBe(3);
  });

  it('matches whole words and phrases across line breaks, case-insensitively', () => {
    expect(routeToTeam({ text: 'Review all REFERRALS', mentionedBodies: [] }, teams)?.id).toBe(2);
    expect(routeToTeam({ text: 'the Safeguarding\nChildren  Board should', mentionedBodies: [] }, teams)?.id).toBe(3);
    expect(routeToTeam({ text: 'self-referralsystem upgrade', mentionedBodies: [] }, teams)).toBeNull();
  });

  it('leaves the action unassigned when nothing matches, and ignores empty keywords', () => {
    expect(routeToTeam({ text: 'Improve the recruitment of foster carers', mentionedBodies: [] }, [...teams, { id: 4, name: 'Empty', keywords: ['  '] }])).toBeNull();
  });

  it('breaks ties by team name so routing is deterministic', () => {
    const tied = [
      { id: 8, name: 'Zeta', keywords: ['audit'] },
      { id: 9, name: 'Alpha', keywords: ['audit'] },
    ];
    expect(routeToTeam({ text: 'complete the audit', mentionedBodies: [] }, tied)?.name).toBe('Alpha');
  });
});
