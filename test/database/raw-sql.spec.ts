import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantFromRow, isoInstantFromRow, isoInstantOrNullFromRow } from '#database';

/** What the text parser makes of SQLite's UTC timestamp text: the reading instantFromRow must agree with. */
function parsedAsText(text: string): Date {
  return new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(text) ? `${text.replace(' ', 'T')}Z` : text);
}

function sameInstant(a: Date, b: Date): boolean {
  return (Number.isNaN(a.getTime()) && Number.isNaN(b.getTime())) || a.getTime() === b.getTime();
}

describe('timestamps read from raw rows', () => {
  it("reads SQLite's UTC text as the text parser does, to the millisecond", () => {
    fc.assert(
      fc.property(fc.integer({ min: -2e12, max: 4e12 }), fc.constantFrom(19, 21, 22, 23, 26), (ms, length) => {
        const text = new Date(ms).toISOString().replace('T', ' ').replace('Z', '000').slice(0, length);
        expect(instantFromRow(text).getTime()).toBe(parsedAsText(text).getTime());
      }),
      { numRuns: 2_000 },
    );
  });

  it('agrees with the text parser on impossible fields and on text that is not SQLite timestamp text', () => {
    const texts = ['2026-02-29 00:00:00', '2026-02-30 10:00:00', '2026-13-01 00:00:00', '2026-00-10 00:00:00', '2026-12-03 24:00:00', '2026-12-03 23:60:00'];
    const others = ['0001-01-01 00:00:00', '0099-05-05 01:02:03', '2026-12-03T13:11:52.000Z', '2026-12-03', 'not a time'];
    for (const text of [...texts, ...others]) expect(sameInstant(instantFromRow(text), parsedAsText(text)), text).toBe(true);
    expect(Number.isNaN(instantFromRow('2026-13-01 00:00:00').getTime())).toBe(true);
    const date = new Date();
    expect(instantFromRow(date)).toBe(date);
  });

  it("prints SQLite's UTC text as the ISO text of the instant instantFromRow reads", () => {
    fc.assert(
      fc.property(fc.integer({ min: -3e13, max: 4e12 }), fc.constantFrom(19, 21, 22, 23, 26), (ms, length) => {
        const text = new Date(ms).toISOString().replace('T', ' ').replace('Z', '000').slice(0, length);
        expect(isoInstantFromRow(text)).toBe(instantFromRow(text).toISOString());
      }),
      { numRuns: 2_000 },
    );
  });

  it('prints impossible fields, early years, other text and Dates as instantFromRow reads them', () => {
    const texts = ['2024-02-29 23:59:59.5', '2026-02-29 00:00:00', '2100-02-29 00:00:00', '2000-02-29 12:00:00', '2026-04-31 00:00:00', '2026-12-03 24:00:00', '2026-12-03 23:60:00', '2026-12-03 23:59:60'];
    const others = ['0999-05-05 01:02:03', '0099-05-05 01:02:03', '2026-12-03T13:11:52.000Z', '2026-12-03', new Date(Date.UTC(2026, 11, 3, 13, 11, 52, 7))];
    for (const value of [...texts, ...others]) {
      const instant = instantFromRow(value);
      if (Number.isNaN(instant.getTime())) expect(() => isoInstantFromRow(value), String(value)).toThrow(RangeError);
      else expect(isoInstantFromRow(value), String(value)).toBe(instant.toISOString());
    }
    expect(isoInstantOrNullFromRow(null)).toBeNull();
    expect(isoInstantOrNullFromRow(undefined)).toBeNull();
  });
});
