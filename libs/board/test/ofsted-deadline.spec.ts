import { describe, expect, it } from 'vitest';
import { BoardErrorCode, ofstedDueDateProblem } from '#board';

describe('a recorded Ofsted plan date', () => {
  it('may be cleared, or any date from the report’s publication on', () => {
    expect(ofstedDueDateProblem(null, '2026-01-10')).toBeNull();
    expect(ofstedDueDateProblem('2026-01-10', '2026-01-10')).toBeNull();
    expect(ofstedDueDateProblem('2025-12-01', null)).toBeNull();
  });

  it('is refused, saying why, when not a date or before the report was published', () => {
    expect(ofstedDueDateProblem('10/01/2026', null)?.message).toBe('dueDate must be a date in the form YYYY-MM-DD, or null for the default');
    expect(ofstedDueDateProblem('2026-02-30', null)?.code).toBe(BoardErrorCode.INVALID_INPUT);
    expect(ofstedDueDateProblem('2026-01-09', '2026-01-10')?.message).toBe('dueDate 2026-01-09 is before the report was published (2026-01-10)');
  });
});
