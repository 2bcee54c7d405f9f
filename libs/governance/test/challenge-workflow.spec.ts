import { describe, expect, it } from 'vitest';
import {
  CHALLENGE_EVENTS,
  CHALLENGE_STATES,
  challengeEventsFor,
  decideChallengeEvent,
  decideNewChallenge,
  type ChallengeEvent,
  type ChallengeRole,
  type ChallengeState,
} from '../src/index.js';

/** By hand: the state each event leads to, and who may take it. */
const EXPECTED: Record<ChallengeState, Partial<Record<ChallengeEvent, { to: ChallengeState; by: ChallengeRole }>>> = {
  open: { respond: { to: 'responded', by: 'responder' }, close: { to: 'closed', by: 'challenger' } },
  responded: { close: { to: 'closed', by: 'challenger' }, challenge_again: { to: 'open', by: 'challenger' } },
  closed: {},
};

const both = new Set<ChallengeRole>(['challenger', 'responder']);
const note = 'The audit covered one week only';

describe('challenge workflow: every event from every state', () => {
  for (const state of CHALLENGE_STATES) {
    for (const event of CHALLENGE_EVENTS) {
      const expected = EXPECTED[state][event];
      it(`${state} + ${event}: ${expected ? `→ ${expected.to} by the ${expected.by}` : 'refused (422)'}`, () => {
        const decision = decideChallengeEvent({ state, event, roles: both, note });
        if (!expected) {
          expect(decision).toMatchObject({ ok: false, kind: 'illegal' });
          return;
        }
        expect(decision).toMatchObject({ ok: true, to: expected.to, reopens: event === 'challenge_again' });
        const other: ChallengeRole = expected.by === 'challenger' ? 'responder' : 'challenger';
        expect(decideChallengeEvent({ state, event, roles: new Set([expected.by]), note })).toMatchObject({ ok: true, to: expected.to });
        expect(decideChallengeEvent({ state, event, roles: new Set([other]), note })).toMatchObject({ ok: false, kind: 'not_permitted' });
        expect(decideChallengeEvent({ state, event, roles: new Set(), note })).toMatchObject({ ok: false, kind: 'not_permitted' });
      });
    }
  }

  it('lists the events this caller may take when refusing', () => {
    const refused = decideChallengeEvent({ state: 'open', event: 'challenge_again', roles: both, note });
    expect(refused).toMatchObject({ ok: false, kind: 'illegal', allowed: ['respond', 'close'] });
    expect(refused.ok === false && refused.message).toContain('it can be: respond, close');
    expect(decideChallengeEvent({ state: 'closed', event: 'respond', roles: both, note })).toMatchObject({ ok: false, allowed: [] });
    expect(challengeEventsFor('responded', new Set(['responder']))).toEqual([]);
    expect(challengeEventsFor('open', new Set(['responder']))).toEqual(['respond']);
  });

  it('needs words to respond and to challenge again, not to close', () => {
    expect(decideChallengeEvent({ state: 'open', event: 'respond', roles: both, note: ' ' })).toMatchObject({ ok: false, kind: 'incomplete' });
    expect(decideChallengeEvent({ state: 'responded', event: 'challenge_again', roles: both })).toMatchObject({ ok: false, kind: 'incomplete' });
    expect(decideChallengeEvent({ state: 'responded', event: 'close', roles: both })).toMatchObject({ ok: true, to: 'closed' });
  });
});

describe('raising a challenge', () => {
  it('needs a challenger and a note', () => {
    expect(decideNewChallenge({ roles: new Set(['challenger']), note })).toEqual({ ok: true });
    expect(decideNewChallenge({ roles: new Set(['responder']), note })).toMatchObject({ ok: false, kind: 'not_permitted' });
    expect(decideNewChallenge({ roles: new Set(['challenger']), note: '' })).toMatchObject({ ok: false, kind: 'incomplete' });
  });
});
