import { isIsoDate } from '#deadlines';
import type { IsoDate } from '#core';

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7,
  august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};

const MONTH = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '((?:19|20)\\d{2})';
const SEPARATOR = '\\s*(?:to|until|and|[-\u2010-\u2015\u2212\u2500])\\s*';

/** "4 November 2014 – 26 November 2014", "14 – 24 January 2013", "28 January–5 February 2014", "24 and 25 October 2018". */
const DATE_RANGE = new RegExp(`${DAY}(?:\\s+${MONTH})?(?:\\s+${YEAR})?${SEPARATOR}${DAY}\\s+${MONTH}\\s+${YEAR}`, 'i');
const FULL_DATE = new RegExp(`${DAY}\\s+${MONTH},?\\s+${YEAR}`, 'i');
const FULL_DATE_LINE = new RegExp(`^(?:[A-Z][a-z]+day,?\\s+)?${DAY}\\s+${MONTH},?\\s+${YEAR}$`, 'i');

const INSPECTION_LABEL = /\b(?:inspection|visit|fieldwork)\s+dates?\s*:?/i;
const PUBLISHED_LABEL = /\b(?:report\s+)?published(?:\s+on)?\s*:/i;
const VISIT_SENTENCE = /\b(?:visit|inspection)\b[^.]{0,160}?\bon\s+/i;

function isoDate(year: string, month: string, day: string): IsoDate | null {
  const monthNumber = MONTHS[month.toLowerCase().replace('.', '')];
  if (!monthNumber) return null;
  const iso = `${year}-${String(monthNumber).padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

export interface DateRange {
  start: IsoDate;
  end: IsoDate;
}

interface RangeAt extends DateRange {
  /** Where in the text the range ends. */
  endIndex: number;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const NUMERIC_DATE = /\b(\d{1,2})\/(\d{1,2})\/((?:19|20)\d{2})\b/g;

/** "10/08/2015" (day first, as English reports print it) → "10 August 2015"; left alone if it is no date. */
export function spellNumericDates(text: string): string {
  if (!text.includes('/')) return text;
  return text.replace(NUMERIC_DATE, (whole, day: string, month: string, year: string) => {
    const name = MONTH_NAMES[Number(month) - 1];
    return name && Number(day) >= 1 ? `${Number(day)} ${name} ${year}` : whole;
  });
}

/** The first date range (or single date) in `text`; a range's start borrows the end's month and year where it omits them. */
export function parseDateRange(text: string): DateRange | null {
  const range = parseDateRangeAt(text);
  return range ? { start: range.start, end: range.end } : null;
}

function parseDateRangeAt(text: string): RangeAt | null {
  const range = DATE_RANGE.exec(text);
  const single = FULL_DATE.exec(text);
  if (range && (!single || range.index <= single.index)) {
    const [, startDay, startMonth, startYear, endDay, endMonth, endYear] = range;
    const end = isoDate(endYear, endMonth, endDay);
    let startYearValue = startYear ?? endYear;
    // "28 December to 5 January 2015" starts in the previous year.
    if (!startYear && startMonth && MONTHS[startMonth.toLowerCase().replace('.', '')] > MONTHS[endMonth.toLowerCase().replace('.', '')]) {
      startYearValue = String(Number(endYear) - 1);
    }
    const start = isoDate(startYearValue, startMonth ?? endMonth, startDay);
    const endIndex = range.index + range[0].length;
    if (start && end && start <= end) return { start, end, endIndex };
    if (end) return { start: end, end, endIndex };
  }
  if (single) {
    const date = isoDate(single[3], single[2], single[1]);
    if (date) return { start: date, end: date, endIndex: single.index + single[0].length };
  }
  return null;
}

const FURTHER_RANGE = /^\s*(?:,|and|&|;)\s*/i;

/**
 * Every range in a labelled field: "5 to 9 December 2022 and 14 to 15 February 2023" (a return
 * visit) gives two.
 */
function parseDateRanges(text: string): RangeAt[] {
  const ranges: RangeAt[] = [];
  let offset = 0;
  for (let count = 0; count < 4; count += 1) {
    const rest = text.slice(offset);
    const range = parseDateRangeAt(rest);
    if (!range) break;
    ranges.push({ ...range, endIndex: offset + range.endIndex });
    offset += range.endIndex;
    const joiner = FURTHER_RANGE.exec(text.slice(offset));
    if (!joiner) break;
    offset += joiner[0].length;
  }
  return ranges;
}

export function parseFullDate(text: string): IsoDate | null {
  const match = FULL_DATE.exec(text);
  return match ? isoDate(match[3], match[2], match[1]) : null;
}

/** How far after a label its value may be: converters can push the value a few cells along. */
const LABEL_REACH = 120;

export interface ReportDates {
  inspectionStart: IsoDate | null;
  inspectionEnd: IsoDate | null;
  publishedOn: IsoDate | null;
  /** Dates that do not sit together (two inspection ranges, publication before the inspection ended). */
  disagreements: { message: string; near: string }[];
}

/** Reports are published within weeks of the inspection; much later suggests a misread date. */
const MAX_DAYS_TO_PUBLICATION = 240;

function daysFrom(start: IsoDate, end: IsoDate): number {
  return (Date.parse(end) - Date.parse(start)) / 86_400_000;
}

/**
 * Dates from the report's opening text. Labelled dates ("Inspection dates:", "Report published:")
 * first; a visit letter's "... children's services on 24 and 25 October 2018" and its own date
 * line stand in for them.
 */
export function findReportDates(openingLines: readonly string[], isLetter: boolean): ReportDates {
  const text = spellNumericDates(openingLines.join('\n'));
  const disagreements: ReportDates['disagreements'] = [];
  let inspection: DateRange | null = null;
  const label = INSPECTION_LABEL.exec(text);
  if (label) {
    const field = text.slice(label.index + label[0].length, label.index + label[0].length + LABEL_REACH);
    const ranges = parseDateRanges(field);
    if (ranges.length > 0) {
      inspection = { start: ranges[0].start, end: ranges[0].end };
      for (const range of ranges.slice(1)) {
        if (range.start < inspection.start) inspection.start = range.start;
        if (range.end > inspection.end) inspection.end = range.end;
      }
      if (ranges.length > 1) {
        disagreements.push({
          message: `The report gives ${ranges.length} inspection date ranges (a return visit?): the inspection is taken to run from ${inspection.start} to ${inspection.end}. Check the baseline date.`,
          near: `${label[0]} ${field.slice(0, ranges[ranges.length - 1].endIndex)}`.replace(/\s+/g, ' ').trim(),
        });
      }
    }
  }
  if (!inspection) {
    const sentence = VISIT_SENTENCE.exec(text);
    if (sentence) inspection = parseDateRange(text.slice(sentence.index + sentence[0].length, sentence.index + sentence[0].length + 60));
  }

  let publishedOn: IsoDate | null = null;
  let publishedNear = '';
  const published = PUBLISHED_LABEL.exec(text);
  if (published) {
    const field = text.slice(published.index + published[0].length, published.index + published[0].length + LABEL_REACH);
    publishedOn = parseFullDate(field);
    publishedNear = `${published[0]} ${field.split('\n').find((line) => line.trim().length > 0) ?? ''}`.replace(/\s+/g, ' ').trim();
  }
  if (!publishedOn && isLetter) {
    // A letter is issued on the date it carries above the salutation.
    for (const line of openingLines) {
      if (/^dear\b/i.test(line)) break;
      // A stray item number can be joined to the date line ("1. 7 May 2019").
      const spelt = spellNumericDates(line.replace(/^\d{1,3}[.)]\s+/, ''));
      if (FULL_DATE_LINE.test(spelt)) {
        publishedOn = parseFullDate(spelt);
        publishedNear = line;
        break;
      }
    }
  }
  const inspectionEnd = inspection?.end ?? null;
  if (publishedOn && inspectionEnd) {
    if (publishedOn < inspectionEnd) {
      disagreements.push({ message: `The report is dated ${publishedOn}, before its inspection ended (${inspectionEnd}): check both dates and the baseline.`, near: publishedNear });
    } else if (daysFrom(inspectionEnd, publishedOn) > MAX_DAYS_TO_PUBLICATION) {
      disagreements.push({
        message: `The report is dated ${publishedOn}, more than eight months after its inspection ended (${inspectionEnd}): check both dates and the baseline.`,
        near: publishedNear,
      });
    }
  }
  return { inspectionStart: inspection?.start ?? null, inspectionEnd, publishedOn, disagreements };
}
