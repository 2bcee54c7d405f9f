import type { Judgement } from '#core';

const GRADE_WORDS = '(outstanding|good|adequate|requires? improvement(?: to be good)?|inadequate)';
const GRADE_LINE = new RegExp(`^(?:grade\\s*\\d\\s*\\(\\s*)?${GRADE_WORDS}\\s*\\)?\\.?$`, 'i');
const OVERALL_SENTENCE = new RegExp(
  `^(?:the overall judgement is(?: that)?(?: children(?:'s|’s) services)?|children(?:'s|’s) services in .{2,60}?)\\s+(?:are\\s+|is\\s+|requires?\\s+|require\\s+)?(?:judged to be\\s+)?${GRADE_WORDS}\\b`,
  'i',
);
const LSCB_SENTENCE = new RegExp(
  `^the (?:effectiveness of the )?(?:local safeguarding children(?:'s|’s)? board|lscb)(?: \\(lscb\\))? (?:is\\s+|requires?\\s+)?(?:judged to be\\s+)?${GRADE_WORDS}\\b`,
  'i',
);
const AREA_NUMBER = /^\d+(?:\.\d+)*\.?\s+/;
/** Captions and column titles of judgement tables: not areas. */
const TABLE_CAPTIONS = /^(?:judgement|grade|key judgement|judgement grade|key judgement judgement grade|local authority arrangements for the protection of children|services for looked after children)$/i;
/** A judgement row's area is short; anything longer is prose that happens to precede a grade. */
const MAX_AREA_LENGTH = 140;

export function normaliseGrade(grade: string): string {
  const lower = grade.toLowerCase().replace(/\s+/g, ' ').trim();
  return lower.startsWith('require') ? 'requires improvement' : lower;
}

function normaliseArea(area: string): string {
  return area.replace(AREA_NUMBER, '').replace(/\s+/g, ' ').replace(/[:.]$/, '').trim().toLowerCase();
}

function gradeOf(text: string): string | null {
  const match = GRADE_LINE.exec(text.trim());
  return match ? normaliseGrade(match[1]) : null;
}

const TRAILING_GRADE = /^(.*[a-z)])\s+(Outstanding|Good|Adequate|Requires [Ii]mprovement(?: to be good)?|Inadequate)$/;

/**
 * Narrow grade columns break "Requires improvement" in two: on consecutive lines, or (in PDF text)
 * on the lines above and below the area it grades.
 */
function joinSplitGrades(lines: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (/^requires?$/i.test(line)) {
      if (/^improvement(?: to be good)?$/i.test(lines[i + 1] ?? '')) {
        joined.push(`${line} ${lines[i + 1]}`);
        i += 1;
        continue;
      }
      if (lines[i + 1] !== undefined && /^improvement(?: to be good)?$/i.test(lines[i + 2] ?? '')) {
        joined.push(lines[i + 1], `${line} ${lines[i + 2]}`);
        i += 2;
        continue;
      }
    }
    joined.push(line);
  }
  return joined;
}

/**
 * Reads a judgements table however the converter laid it out: rows with the grade in a cell of its
 * own ("Overall effectiveness<TAB>Adequate") or at the end of the line, or a column of areas each
 * followed by its grade on a line of its own; an area cell that wraps continues on the next line.
 */
function readTable(lines: readonly string[], judgements: Map<string, string>): void {
  let area: string[] = [];
  let row: { area: string; grade: string } | null = null;
  const flushRow = (): void => {
    if (row && row.area.length <= MAX_AREA_LENGTH) addJudgement(judgements, normaliseArea(row.area), row.grade);
    row = null;
  };
  for (const line of joinSplitGrades(lines.filter((candidate) => candidate.length > 0))) {
    if (row && /^[a-z]/.test(line) && !gradeOf(line)) {
      row.area += ` ${line}`;
      continue;
    }
    flushRow();
    const cells = line.split('\t').filter((cell) => cell.trim().length > 0);
    const cellGrade = cells.length >= 2 ? gradeOf(cells[cells.length - 1]) : null;
    const trailing = cellGrade ? null : TRAILING_GRADE.exec(line);
    if (cellGrade || trailing) {
      const rowArea = cellGrade ? cells.slice(0, -1).join(' ') : (trailing?.[1] ?? '');
      row = { area: rowArea, grade: cellGrade ?? normaliseGrade(trailing?.[2] ?? '') };
      area = [];
      continue;
    }
    const grade = gradeOf(line);
    if (grade) {
      // PDF text can put a vertically centred grade between the two lines of its area.
      if (area.length > 0) row = { area: area.join(' '), grade };
      area = [];
    } else if (TABLE_CAPTIONS.test(line.replace(/\t/g, ' ').trim()) || line.length > MAX_AREA_LENGTH || /[.;:]$/.test(line)) {
      area = [];
    } else {
      // A numbered row ("2.1 Adoption performance") always starts a new area.
      if (AREA_NUMBER.test(line)) area = [];
      area.push(line.replace(/\t/g, ' '));
    }
  }
  flushRow();
}

function addJudgement(judgements: Map<string, string>, area: string, grade: string): void {
  // "The effectiveness of the LSCB is" / "inadequate" is a sentence, read as one elsewhere.
  if (area.length === 0 || TABLE_CAPTIONS.test(area) || /\b(?:is|are)$/.test(area)) return;
  if (!judgements.has(area)) judgements.set(area, grade);
}

/**
 * Judgements from the opening judgement table (2014 onwards), the "Record of main findings"
 * table (2012-13), and the overall and LSCB judgement sentences wherever the report states them.
 */
export function findJudgements(openingLines: readonly string[], mainFindingsLines: readonly string[], allLines: readonly string[]): Judgement[] {
  const judgements = new Map<string, string>();
  for (let i = 0; i < openingLines.length; i += 1) {
    const line = openingLines[i];
    if (!/^(?:the overall|children)/i.test(line)) continue;
    const overall = OVERALL_SENTENCE.exec(line) ?? OVERALL_SENTENCE.exec(`${line} ${openingLines[i + 1] ?? ''}`);
    if (overall) {
      judgements.set('overall effectiveness', normaliseGrade(overall[1]));
      break;
    }
  }
  readTable(openingLines, judgements);
  readTable(mainFindingsLines, judgements);
  for (let i = 0; i < allLines.length; i += 1) {
    const line = allLines[i];
    if (line.length > 160 || !/^the (?:eff|loc|lscb)/i.test(line)) continue;
    const lscb = LSCB_SENTENCE.exec(line) ?? LSCB_SENTENCE.exec(`${line} ${allLines[i + 1] ?? ''}`);
    if (lscb) {
      judgements.set('LSCB', normaliseGrade(lscb[1]));
      break;
    }
  }
  return [...judgements].map(([area, grade]) => ({ area, grade }));
}
