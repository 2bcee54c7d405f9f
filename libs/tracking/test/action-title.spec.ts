import { describe, expect, it } from 'vitest';
import { actionTitleFrom } from '../src/action-title.js';

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
