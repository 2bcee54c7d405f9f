import { isIsoDate, type IsoDate } from '#deadlines';

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7,
  august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};

const MONTH = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '((?:19|20)\\d{2})';
const SEPARATOR = '\\s*(?:to|until|and|[-\u2010-\u2015])\\s*';

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

/** The first date range (or single date) in `text`; a range's start borrows the end's month and year where it omits them. */
export function parseDateRange(text: string): DateRange | null {
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
    if (start && end && start <= end) return { start, end };
    if (end) return { start: end, end };
  }
  if (single) {
    const date = isoDate(single[3], single[2], single[1]);
    if (date) return { start: date, end: date };
  }
  return null;
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
}

/**
 * Dates from the report's opening text. Labelled dates ("Inspection dates:", "Report published:")
 * first; a visit letter's "... children's services on 24 and 25 October 2018" and its own date
 * line stand in for them.
 */
export function findReportDates(openingLines: readonly string[], isLetter: boolean): ReportDates {
  const text = openingLines.join('\n');
  let inspection: DateRange | null = null;
  const label = INSPECTION_LABEL.exec(text);
  if (label) inspection = parseDateRange(text.slice(label.index + label[0].length, label.index + label[0].length + LABEL_REACH));
  if (!inspection) {
    const sentence = VISIT_SENTENCE.exec(text);
    if (sentence) inspection = parseDateRange(text.slice(sentence.index + sentence[0].length, sentence.index + sentence[0].length + 60));
  }

  let publishedOn: IsoDate | null = null;
  const published = PUBLISHED_LABEL.exec(text);
  if (published) publishedOn = parseFullDate(text.slice(published.index + published[0].length, published.index + published[0].length + LABEL_REACH));
  if (!publishedOn && isLetter) {
    // A letter is issued on the date it carries above the salutation.
    for (const line of openingLines) {
      if (/^dear\b/i.test(line)) break;
      if (FULL_DATE_LINE.test(line)) {
        publishedOn = parseFullDate(line);
        break;
      }
    }
  }
  return { inspectionStart: inspection?.start ?? null, inspectionEnd: inspection?.end ?? null, publishedOn };
}
