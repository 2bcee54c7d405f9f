import { describe, expect, it } from 'vitest';
import { actionTitleFrom } from '../src/action-title.js';
import { allowedTransitions, canTransition } from '../src/action-workflow.js';
import { ACTION_STATUSES } from '#core';

describe('action workflow', () => {
  it('allows the forward path and blocked-and-back', () => {
    expect(canTransition('not_started', 'in_progress')).toBe(true);
    expect(canTransition('in_progress', 'completed')).toBe(true);
    expect(canTransition('in_progress', 'blocked')).toBe(true);
    expect(canTransition('blocked', 'in_progress')).toBe(true);
    expect(canTransition('completed', 'in_progress')).toBe(true);
  });

  it('refuses skipping straight to completed or completing a blocked action', () => {
    expect(canTransition('not_started', 'completed')).toBe(false);
    expect(canTransition('blocked', 'completed')).toBe(false);
    expect(canTransition('completed', 'not_started')).toBe(false);
  });

  it('never offers a move to the same status', () => {
    for (const status of ACTION_STATUSES) expect(allowedTransitions(status)).not.toContain(status);
  });
});

describe('actionTitleFrom', () => {
  it('takes the first sentence, capitalised, without trailing punctuation', () => {
    expect(actionTitleFrom('ensure that all contacts and referrals are assessed by qualified social workers.')).toBe(
      'Ensure that all contacts and referrals are assessed by qualified social workers',
    );
  });

  it('cuts a long sentence at a word boundary and marks the cut', () => {
    const text = `ensure that ${'every assessment of need '.repeat(12)}is completed`;
    const title = actionTitleFrom(text);
    expect(title.length).toBeLessThanOrEqual(150);
    expect(title.endsWith('…')).toBe(true);
    expect(text.toLowerCase().startsWith(title.slice(0, -1).toLowerCase().trimEnd())).toBe(true);
  });
});
