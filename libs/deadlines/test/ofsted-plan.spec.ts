import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, addWorkingDays, isWorkingDay, needsOfstedActionPlan, ofstedPlanDeadline, ofstedPlanReminderDue, workingDaysBetween } from '#deadlines';

const INADEQUATE = [{ area: 'overall effectiveness', grade: 'inadequate' }];

describe('addWorkingDays', () => {
  it('steps over Easter (Good Friday and Easter Monday 2014) and the weekend between', () => {
    expect(addWorkingDays('2014-04-17', 1)).toBe('2014-04-22');
  });

  it('agrees with workingDaysBetween for any start and count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 1, max: 120 }), (offset, days) => {
        const start = addCalendarDays('2012-01-01', offset);
        const end = addWorkingDays(start, days);
        expect(isWorkingDay(end)).toBe(true);
        expect(workingDaysBetween(start, end)).toBe(days);
      }),
      { numRuns: 200 },
    );
  });
});

describe("Ofsted's action plan deadline", () => {
  it('is 70 working days after publication, three bank holidays (Easter and early May 2014) later than 14 weeks', () => {
    // Monday 3 February + 14 weeks is Monday 12 May; Good Friday, Easter Monday and 5 May push it to Thursday 15 May.
    expect(ofstedPlanDeadline({ publishedOn: '2014-02-03', judgements: INADEQUATE }, '2014-02-03')).toEqual({
      dueDate: '2014-05-15',
      source: 'default',
      workingDaysLeft: 70,
      passed: false,
    });
  });

  it('reminds 20 working days before (on the Monday before Easter) and 5 working days before', () => {
    expect(ofstedPlanReminderDue('2014-05-15', '2014-04-14')).toBe(20);
    expect(ofstedPlanReminderDue('2014-05-15', '2014-05-08')).toBe(5);
    for (const other of ['2014-04-11', '2014-04-15', '2014-04-18', '2014-05-07', '2014-05-09', '2014-05-15']) {
      expect(ofstedPlanReminderDue('2014-05-15', other), other).toBeNull();
    }
  });

  it('takes the date the board recorded over the default', () => {
    const deadline = ofstedPlanDeadline({ publishedOn: '2014-02-03', judgements: INADEQUATE, ofstedPlanDueDate: '2014-06-30' }, '2014-07-01');
    expect(deadline).toEqual({ dueDate: '2014-06-30', source: 'set', workingDaysLeft: 0, passed: true });
  });

  it('is not due for a good report, nor for one with no date to count from', () => {
    expect(ofstedPlanDeadline({ publishedOn: '2014-02-03', judgements: [{ area: 'overall effectiveness', grade: 'good' }] }, '2014-02-03')).toBeNull();
    expect(ofstedPlanDeadline({ publishedOn: null, judgements: INADEQUATE }, '2014-02-03')).toBeNull();
  });

  it('counts from the baseline when the report prints no publication date', () => {
    expect(ofstedPlanDeadline({ publishedOn: null, baselineDate: '2014-02-03', judgements: INADEQUATE }, '2014-02-03')?.dueDate).toBe('2014-05-15');
  });

  it('reads the overall judgement when there is one, and any judgement otherwise', () => {
    expect(needsOfstedActionPlan([{ area: 'overall effectiveness', grade: 'requires improvement to be good' }])).toBe(true);
    expect(needsOfstedActionPlan([{ area: 'overall effectiveness', grade: 'good' }, { area: 'leadership', grade: 'inadequate' }])).toBe(false);
    expect(needsOfstedActionPlan([{ area: 'overall effectiveness of arrangements', grade: 'adequate' }, { area: 'leadership', grade: 'inadequate' }])).toBe(false);
    expect(needsOfstedActionPlan([{ area: 'help and protection', grade: 'adequate' }, { area: 'leadership', grade: 'inadequate' }])).toBe(true);
  });
});
