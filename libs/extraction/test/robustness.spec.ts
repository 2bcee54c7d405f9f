import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFromFile, extractReport, ExtractionError, EXTRACTION_WARNING_CODES, MAX_REPORT_BYTES, readReportText, type ExtractionErrorCode, type ReportDraft } from '#extraction';
import { isIsoDate } from '#deadlines';
import { minimalPdf } from './support/minimal-pdf.js';
import { SEED_REPORTS, seedReportText } from './support/report-files.js';
import { protectionReport } from './support/synthetic-report.js';
import { ADDRESSEES, TIMEFRAMES } from '#core';

type Outcome = { draft: ReportDraft } | { error: ExtractionError };

/**
 * What extraction gives for a text. Not timed: a wall-clock bound fails on a busy machine; runaway
 * backtracking is caught by the regex audit (apps/api/test/regex-audit.spec.ts), and speed is measured
 * by `npm run bench`.
 */
function extractOutcome(text: string): Outcome {
  let outcome: Outcome;
  try {
    outcome = { draft: extractReport(text) };
  } catch (error) {
    if (!(error instanceof ExtractionError)) throw error;
    outcome = { error };
  }
  return outcome;
}

function expectWellFormed(draft: ReportDraft): void {
  // Either recommendations, or none and a reason why.
  if (draft.noRecommendations) {
    expect(draft.recommendations).toEqual([]);
    expect(draft.noRecommendations.reason.length).toBeGreaterThan(0);
  } else {
    expect(draft.recommendations.length).toBeGreaterThan(0);
  }
  for (const warning of draft.warnings) {
    expect(EXTRACTION_WARNING_CODES).toContain(warning.code);
    expect(warning.message.length).toBeGreaterThan(0);
    expect(warning.near === null || (warning.near.length > 0 && warning.near.length <= 100)).toBe(true);
  }
  expect(isIsoDate(draft.baselineDate)).toBe(true);
  draft.recommendations.forEach((item, index) => {
    expect(item.ordinal).toBe(index + 1);
    expect(item.text.trim().length).toBeGreaterThan(0);
    expect(item.reference.length).toBeGreaterThan(0);
    expect(TIMEFRAMES).toContain(item.timeframe);
    expect(ADDRESSEES).toContain(item.addressee);
    expect(isIsoDate(item.dueDate)).toBe(true);
    expect(item.dueDateAssumed).toBe(item.timeframe === 'unspecified');
  });
}

function expectDraftOrExtractionError(text: string): void {
  const outcome = extractOutcome(text);
  if ('draft' in outcome) expectWellFormed(outcome.draft);
}

async function codeOf(promise: Promise<unknown> | (() => unknown)): Promise<ExtractionErrorCode | 'no error'> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
    return 'no error';
  } catch (error) {
    if (error instanceof ExtractionError) return error.code;
    throw error;
  }
}

/** Lines that look like report structure, so random documents reach the list parsers and not only the first check. */
const reportishLine = fc.oneof(
  fc.constantFrom(
    'Immediately:',
    '### Within three months:',
    '**Within six months:**',
    'Areas for improvement',
    'Priority and immediate action',
    'What does the local authority need to improve?',
    'What does the LSCB need to improve?',
    'Local Safeguarding Children Board (LSCB)',
    'Recommendations',
    'What needs to improve?1',
    'Areas for priority action',
    'Contents',
    'Findings',
    'Inspection dates: 4 November 2014 – 26 November 2014',
    'Report published: 20 January 2015',
    'There are no areas for priority or immediate action.',
    '\f',
    '',
    '12',
    '42.',
    '\uF0A7',
    'Corporate parenting',
  ),
  fc.tuple(fc.constantFrom('- ', '\uF0A7 ', '\uF06E ', '\uF02D ', '\u25FC ', '7. ', '161. ', '* '), fc.string({ maxLength: 60 })).map(([marker, text]) => marker + text),
  fc.string({ maxLength: 80, unit: 'grapheme-ascii' }),
);

describe('any input gives a draft or an ExtractionError', () => {
  it('random unicode strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000, unit: 'binary' }), expectDraftOrExtractionError), { numRuns: 150 });
  });

  it('random documents made of report-like lines', () => {
    fc.assert(
      fc.property(fc.array(reportishLine, { maxLength: 120 }), (lines) => expectDraftOrExtractionError(lines.join('\n'))),
      { numRuns: 300 },
    );
  });

  it('seed reports with random lines deleted', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEED_REPORTS), fc.array(fc.nat(), { maxLength: 40 }), (name, deletions) => {
        const lines = seedReportText(name).split('\n');
        for (const position of deletions) lines.splice(position % Math.max(lines.length, 1), 1);
        expectDraftOrExtractionError(lines.join('\n'));
      }),
      { numRuns: 60 },
    );
  });

  it('seed reports with page breaks, headers and whitespace shuffled in', () => {
    const insertion = fc.oneof(
      fc.constant('\f'),
      fc.constant('\fWaltham Forest Inspection of local authority arrangements\n\n7\n'),
      fc.constant('\n\n\n'),
      fc.nat(999).map(String),
      fc.constantFrom('\uF0A7', '\uF06E', '-', '# ', '**'),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...SEED_REPORTS),
        fc.array(fc.tuple(fc.nat(), insertion), { maxLength: 30 }),
        fc.constantFrom(' ', '  ', '\t', ' \u00A0'),
        (name, insertions, space) => {
          const lines = seedReportText(name).split('\n');
          for (const [position, text] of insertions) lines.splice(position % (lines.length + 1), 0, text);
          expectDraftOrExtractionError(lines.join('\n').replaceAll(' ', space));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('page furniture does not change what is read', () => {
  it('running headers and page numbers on every page leave the recommendations as they are', () => {
    const name = 'waltham-forest-2013-protection';
    const expected = extractReport(seedReportText(name)).recommendations.map((item) => [item.text, item.timeframe]);
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(), { minLength: 3, maxLength: 25 }), (positions) => {
        const lines = seedReportText(name).split('\n');
        const sorted = [...positions].map((position) => position % (lines.length + 1)).sort((first, second) => second - first);
        sorted.forEach((position, index) => lines.splice(position, 0, `\fWaltham Forest Inspection of local authority arrangements for the protection of children\n\n${index + 2}\n`));
        const outcome = extractOutcome(lines.join('\n'));
        expect('draft' in outcome && outcome.draft.recommendations.map((item) => [item.text, item.timeframe])).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('Windows line endings and trailing spaces leave every seed report as it is', () => {
    for (const name of SEED_REPORTS) {
      const text = seedReportText(name);
      expect(extractReport(text.replace(/\n/g, '  \r\n'))).toEqual(extractReport(text));
    }
  });
});

describe('input that is not a report gives the right error', () => {
  it('empty or whitespace-only text: EMPTY_INPUT', async () => {
    expect(await codeOf(() => extractReport(''))).toBe('EMPTY_INPUT');
    expect(await codeOf(() => extractReport(' \n\t\f \r\n'))).toBe('EMPTY_INPUT');
    expect(await codeOf(() => extractReport('12\n\n---\n\n7'))).toBe('EMPTY_INPUT');
    expect(await codeOf(readReportText(new Uint8Array(0), 'empty.txt'))).toBe('EMPTY_INPUT');
    expect(await codeOf(readReportText(new TextEncoder().encode('   \n\n'), 'blank.md'))).toBe('EMPTY_INPUT');
  });

  it('text without a recommendations section: NO_RECOMMENDATIONS_SECTION, naming what was looked for', () => {
    let error: unknown;
    try {
      extractReport('Minutes of the corporate parenting board\n\nThe board met on 3 March 2024 and noted the report.', { fileName: 'minutes.txt' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ExtractionError);
    expect((error as ExtractionError).code).toBe('NO_RECOMMENDATIONS_SECTION');
    expect((error as ExtractionError).message).toMatch(/^minutes\.txt: no recommendations section found: looked for .*Within three months.*What needs to improve/);
  });

  it('a recommendations heading with nothing under it: UNKNOWN_LAYOUT', async () => {
    expect(await codeOf(() => extractReport('Recommendations\n\nInspectors found that plans were reviewed regularly.\n\nThe board agreed.'))).toBe('UNKNOWN_LAYOUT');
  });

  it('a report with no dates: NO_REPORT_DATE, unless a baseline date is given', async () => {
    const undated = protectionReport('Immediately:\n- ensure one').replace('Inspection dates: 22 October to 31 October 2012', '');
    expect(await codeOf(() => extractReport(undated))).toBe('NO_REPORT_DATE');
    expect(extractReport(undated, { baselineDate: '2012-12-01' }).recommendations[0].dueDate).toBe('2012-12-01');
  });

  it('a baseline date that is not a calendar date: INVALID_OPTION', async () => {
    expect(await codeOf(() => extractReport(protectionReport('Immediately:\n- ensure one'), { baselineDate: '2015-02-30' }))).toBe('INVALID_OPTION');
  });

  it('random binary and non-PDF binary files: NOT_A_PDF', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(await codeOf(extractFromFile(png, 'report.pdf'))).toBe('NOT_A_PDF');
    const docx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]);
    expect(await codeOf(extractFromFile(docx, 'report.docx'))).toBe('NOT_A_PDF');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 4096 }), async (bytes) => {
        bytes[bytes.length >> 1] = 0;
        expect(await codeOf(extractFromFile(bytes, 'random.bin'))).toBe('NOT_A_PDF');
      }),
      { numRuns: 50 },
    );
  });

  it('a PDF with no text layer: PDF_WITHOUT_TEXT', async () => {
    expect(await codeOf(extractFromFile(minimalPdf(), 'scan.pdf'))).toBe('PDF_WITHOUT_TEXT');
  });

  it('a damaged PDF: UNREADABLE_PDF', async () => {
    expect(await codeOf(extractFromFile(new TextEncoder().encode('%PDF-1.4\nthis is not the rest of a PDF'), 'damaged.pdf'))).toBe('UNREADABLE_PDF');
  });

  it('more than 20 MB: TOO_LARGE, before anything is parsed', async () => {
    expect(MAX_REPORT_BYTES).toBe(20 * 1024 * 1024);
    expect(await codeOf(extractFromFile(new Uint8Array(MAX_REPORT_BYTES + 1), 'huge.pdf'))).toBe('TOO_LARGE');
    expect(await codeOf(() => extractReport('a'.repeat(MAX_REPORT_BYTES + 1)))).toBe('TOO_LARGE');
  });
});

describe('files that are reports', () => {
  it('reads a PDF with a text layer, detected by its header whatever its name', async () => {
    const pdf = minimalPdf([
      'Inspection of local authority arrangements for the protection of children',
      'London Borough of Brent',
      'Inspection dates: 22 October to 31 October 2012',
      '',
      'Immediately:',
      '- ensure that strategy discussions are clearly recorded',
      '- ensure that the outcome of referrals is routinely notified',
    ]);
    const draft = await extractFromFile(pdf, 'report.txt');
    expect([draft.authorityCode, draft.inspectionEnd]).toEqual(['E09000005', '2012-10-31']);
    expect(draft.recommendations.map((item) => item.text)).toEqual([
      'ensure that strategy discussions are clearly recorded',
      'ensure that the outcome of referrals is routinely notified',
    ]);
  });

  it('reads UTF-8 markdown, UTF-16 with a byte order mark and Windows-1252 text alike', async () => {
    const text = protectionReport('Immediately:\n- ensure that children’s plans are reviewed');
    const utf8 = await extractFromFile(new TextEncoder().encode(text), 'report.md');
    const utf16 = await extractFromFile(new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]), 'report.txt');
    const windows1252 = await extractFromFile(new Uint8Array(Buffer.from(text.replace('’', '\u0092'), 'latin1')), 'report.txt');
    expect(utf16).toEqual(utf8);
    expect(windows1252).toEqual(utf8);
  });
});
