import { addDays, differenceInCalendarDays, format } from 'date-fns';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addCalendarMonths,
  AMBER_WINDOW_DAYS,
  baselineDateOf,
  dayNumberOf,
  daysBetween,
  deriveRag,
  formatLongDate,
  dueDateFor,
  isBankHoliday,
  isIsoDate,
  isWeekend,
  isWorkingDay,
  nextWorkingDay,
  parseIsoDate,
  todayIn,
  toIsoDate,
  workingDaysBetween,
} from '#deadlines';

describe('addCalendarMonths', () => {
  it.each([
    ['2014-08-31', 6, '2015-02-28'],
    ['2015-08-31', 6, '2016-02-29'],
    ['2023-08-31', 6, '2024-02-29'],
    ['2099-08-31', 6, '2100-02-28'],
    ['2013-11-30', 3, '2014-02-28'],
    ['2015-11-30', 3, '2016-02-29'],
    ['2014-11-29', 3, '2015-02-28'],
    ['2013-03-31', 3, '2013-06-30'],
    ['2015-01-20', 3, '2015-04-20'],
    ['2015-01-20', 6, '2015-07-20'],
    ['2015-01-20', 12, '2016-01-20'],
    ['2016-02-29', 12, '2017-02-28'],
    ['2013-12-31', 2, '2014-02-28'],
    ['2013-10-31', 1, '2013-11-30'],
    ['2012-10-31', 0, '2012-10-31'],
    ['2015-03-31', -1, '2015-02-28'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(addCalendarMonths(from, months)).toBe(expected);
  });
});

describe('dueDateFor', () => {
  it('gives immediate items the baseline itself', () => {
    expect(dueDateFor('immediate', '2015-01-20')).toEqual({ dueDate: '2015-01-20', dueDateAssumed: false });
  });

  it('adds three and six calendar months, clamping to the month end', () => {
    expect(dueDateFor('three_months', '2013-11-30')).toEqual({ dueDate: '2014-02-28', dueDateAssumed: false });
    expect(dueDateFor('six_months', '2014-08-31')).toEqual({ dueDate: '2015-02-28', dueDateAssumed: false });
    expect(dueDateFor('six_months', '2015-08-31')).toEqual({ dueDate: '2016-02-29', dueDateAssumed: false });
  });

  it('gives unspecified items twelve months and flags the date as assumed', () => {
    expect(dueDateFor('unspecified', '2015-01-20')).toEqual({ dueDate: '2016-01-20', dueDateAssumed: true });
    expect(dueDateFor('unspecified', '2016-02-29')).toEqual({ dueDate: '2017-02-28', dueDateAssumed: true });
  });

  it('rejects a baseline that is not a calendar date', () => {
    expect(() => dueDateFor('immediate', '2015-02-30')).toThrow(RangeError);
    expect(() => dueDateFor('immediate', '20 January 2015')).toThrow(RangeError);
  });
});

describe('baselineDateOf', () => {
  it('prefers the publication date, then the last inspection day', () => {
    expect(baselineDateOf('2015-01-20', '2014-11-26')).toBe('2015-01-20');
    expect(baselineDateOf(null, '2014-11-26')).toBe('2014-11-26');
    expect(baselineDateOf(null, null)).toBeNull();
  });
});

describe('calendar dates', () => {
  it('recognises only real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-2-1')).toBe(false);
    expect(isIsoDate(20230201)).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('2023-00-10')).toBe(false);
    expect(isIsoDate('2023-04-31')).toBe(false);
    expect(isIsoDate('2023-04-00')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('0050-06-15')).toBe(true);
    expect(() => parseIsoDate('2023-13-01')).toThrow(RangeError);
  });

  it('counts and adds whole days', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(daysBetween('2024-03-30', '2024-04-01')).toBe(2);
    expect(daysBetween('2024-10-26', '2024-10-28')).toBe(2);
    expect(daysBetween('2024-04-01', '2024-03-30')).toBe(-2);
  });

  it('gives a remembered date the same day number, and refuses a date that is not one every time', () => {
    for (let time = 0; time < 3; time++) {
      expect(daysBetween('1970-01-01', '2024-02-29')).toBe(19_782);
      expect(() => daysBetween('1970-01-01', '2023-02-29')).toThrow(RangeError);
      expect(() => daysBetween('2024-2-29', '2024-03-01')).toThrow(RangeError);
    }
  });

  it('formats a local date without shifting it', () => {
    expect(toIsoDate(new Date(2015, 0, 20))).toBe('2015-01-20');
  });

  it("reads today's date in the council's time zone", () => {
    const lateEveningUtc = new Date(Date.UTC(2024, 6, 1, 23, 30));
    expect(todayIn('Europe/London', lateEveningUtc)).toBe('2024-07-02');
    expect(todayIn('UTC', lateEveningUtc)).toBe('2024-07-01');
  });
});

describe('working days', () => {
  it.each([
    '2023-05-08', // coronation of King Charles III
    '2022-09-19', // state funeral of Queen Elizabeth II
    '2022-06-03', // platinum jubilee
    '2025-04-18',
    '2025-04-21',
    '2025-05-05',
    '2025-05-26',
    '2025-08-25',
    '2025-12-25',
    '2025-12-26',
  ])('%s is an England and Wales bank holiday', (date) => {
    expect(isBankHoliday(date)).toBe(true);
    expect(isWorkingDay(date)).toBe(false);
  });

  it.each(['2025-03-17', '2025-11-05', '2025-12-24', '2025-12-29', '2023-05-09'])('%s is not a bank holiday', (date) => {
    expect(isBankHoliday(date)).toBe(false);
  });

  it('treats Saturdays and Sundays as non-working', () => {
    expect(isWeekend('2025-12-27')).toBe(true);
    expect(isWeekend('2025-12-28')).toBe(true);
    expect(isWeekend('2025-12-29')).toBe(false);
    expect(isWorkingDay('2025-12-27')).toBe(false);
    expect(isWorkingDay('2025-12-29')).toBe(true);
  });

  it('finds the next working day across weekends and bank holidays', () => {
    expect(nextWorkingDay('2025-12-24')).toBe('2025-12-29');
    expect(nextWorkingDay('2025-08-22')).toBe('2025-08-26');
    expect(nextWorkingDay('2023-05-05')).toBe('2023-05-09');
    expect(nextWorkingDay('2025-03-17')).toBe('2025-03-18');
  });

  it('counts working days after the start up to and including the end', () => {
    expect(workingDaysBetween('2025-12-22', '2025-12-31')).toBe(5); // 23, 24, 29, 30, 31
    expect(workingDaysBetween('2023-05-01', '2023-05-12')).toBe(8); // 2-5, 9-12
    expect(workingDaysBetween('2025-03-17', '2025-03-17')).toBe(0);
    expect(workingDaysBetween('2025-03-18', '2025-03-17')).toBe(0);
  });
});

describe('deriveRag', () => {
  const today = '2025-03-01';

  it('is green when more than the amber window remains', () => {
    expect(AMBER_WINDOW_DAYS).toBe(14);
    expect(deriveRag({ status: 'open', dueDate: '2025-03-16', today })).toBe('green');
  });

  it('turns amber exactly 14 days before the due date, and stays amber on the day', () => {
    expect(deriveRag({ status: 'open', dueDate: '2025-03-15', today })).toBe('amber');
    expect(deriveRag({ status: 'open', dueDate: '2025-03-02', today })).toBe('amber');
    expect(deriveRag({ status: 'open', dueDate: '2025-03-01', today })).toBe('amber');
  });

  it('turns red the day after the due date', () => {
    expect(deriveRag({ status: 'open', dueDate: '2025-02-28', today })).toBe('red');
  });

  it('is complete once signed off, and an override wins', () => {
    expect(deriveRag({ status: 'signed_off', dueDate: '2020-01-01', today })).toBe('complete');
    expect(deriveRag({ status: 'open', dueDate: '2020-01-01', today, override: 'amber' })).toBe('amber');
    expect(deriveRag({ status: 'open', dueDate: '2030-01-01', today, override: null })).toBe('green');
  });
});

describe('time zone independence', () => {
  const originalTimeZone = process.env.TZ;
  afterEach(() => {
    if (originalTimeZone === undefined) delete process.env.TZ;
    else process.env.TZ = originalTimeZone;
  });

  // Node re-reads TZ when it is assigned, so each zone below really changes local midnight.
  it.each(['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/St_Johns', 'Australia/Adelaide', 'Europe/London'])(
    'gives the same calendar dates under TZ=%s',
    (timeZone) => {
      process.env.TZ = timeZone;
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(timeZone);
      const computed = [
        addCalendarMonths('2014-08-31', 6),
        addCalendarMonths('2013-11-30', 3),
        addCalendarMonths('2015-03-29', 1),
        addCalendarMonths('2014-10-26', 12),
        dueDateFor('unspecified', '2015-01-20').dueDate,
        addCalendarDays('2024-03-30', 2),
        addCalendarDays('2024-10-26', 2),
        String(daysBetween('2024-03-30', '2024-04-01')),
        String(workingDaysBetween('2025-12-22', '2025-12-31')),
        nextWorkingDay('2023-05-05'),
        String(isWeekend('2025-12-27')),
      ];
      expect(computed).toEqual([
        '2015-02-28',
        '2014-02-28',
        '2015-04-29',
        '2015-10-26',
        '2016-01-20',
        '2024-04-01',
        '2024-10-28',
        '2',
        '5',
        '2023-05-09',
        'true',
      ]);
    },
  );
});

describe('day arithmetic', () => {
  it('agrees with date-fns and a day-by-day count on days, working days and dates', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 * 365 }), fc.integer({ min: -20, max: 500 }), (offset, back) => {
        const to = format(addDays(new Date(2000, 0, 1), offset), 'yyyy-MM-dd');
        const from = format(addDays(parseIsoDate(to), -back), 'yyyy-MM-dd');
        expect(addCalendarDays(to, -back)).toBe(from);
        expect(daysBetween(from, to)).toBe(differenceInCalendarDays(parseIsoDate(to), parseIsoDate(from)));
        let working = 0;
        for (let day = addDays(parseIsoDate(from), 1); day <= parseIsoDate(to); day = addDays(day, 1)) {
          const iso = format(day, 'yyyy-MM-dd');
          if (day.getDay() !== 0 && day.getDay() !== 6 && !isBankHoliday(iso)) working += 1;
        }
        expect(workingDaysBetween(from, to)).toBe(working);
      }),
      { numRuns: 150 },
    );
  });

  it('gives each date the same day number however often and in whatever order it is asked, past the dates it keeps', () => {
    const dates = Array.from({ length: 25_000 }, (_, day) => new Date((day - 5_000) * 86_400_000).toISOString().slice(0, 10));
    for (const round of [0, 1]) {
      for (const [index, date] of (round === 0 ? dates : [...dates].reverse()).entries()) {
        const day = round === 0 ? index - 5_000 : dates.length - 1 - index - 5_000;
        expect(dayNumberOf(date)).toBe(day);
      }
    }
    for (let i = 0; i < 2; i++) {
      expect(() => dayNumberOf('2025-02-30')).toThrow(RangeError);
      expect(() => dayNumberOf('2025-2-3')).toThrow(RangeError);
    }
  });

  it('writes dates as letters do', () => {
    expect(formatLongDate('2025-06-02')).toBe('2 June 2025');
    expect(formatLongDate('2012-10-31')).toBe('31 October 2012');
    expect(() => formatLongDate('2025-02-30')).toThrow(RangeError);
  });
});
