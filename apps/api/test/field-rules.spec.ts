import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passwordProblem } from '#access';
import { ProgressUpdateDto, UpdateActionDto } from '../src/actions/action.dto.js';
import { ReviewDto } from '../src/actions/review.dto.js';
import { CreateUserDto, LoginDto } from '../src/auth/auth.dto.js';
import { isEvidenceLink } from '../src/http/field-rules.js';
import { DueDateForm, ProgressForm, readForm, ReviewForm, SignInForm } from '../src/web/web-forms.js';

/** Whether a DTO accepts a value for one field (other fields' problems are not this test's business). */
async function dtoAccepts(type: new () => object, body: object, field: string): Promise<boolean> {
  const errors = await validate(plainToInstance(type, body));
  return !errors.some((error) => error.property === field);
}

async function formAccepts(type: new () => object, body: Record<string, unknown>, field: string): Promise<boolean> {
  const { problems } = await readForm(type, body, []);
  return problems.byField[field] === undefined;
}

const spaces = fc.constantFrom('', ' ', '  ', '\t', ' \n ');
/** Text around the edges of the rules: empty, blank, short, at and past the limits. */
const textNear = (limit: number) =>
  fc.oneof(
    spaces,
    fc.string({ maxLength: 20 }),
    fc.integer({ min: limit - 2, max: limit + 2 }).map((length) => 'a'.repeat(Math.max(0, length))),
    fc.tuple(spaces, fc.string({ minLength: 1, maxLength: 10 }), spaces).map(([a, b, c]) => a + b + c),
  );
const link = fc.oneof(
  fc.webUrl({ validSchemes: ['http', 'https'] }),
  fc.webUrl({ validSchemes: ['ftp', 'file', 'javascript'] }),
  fc.constantFrom('https://intranet/audit', 'http://sharepoint/sites/board', 'intranet/audit', 'https://', 'https://a b', 'mailto:a@b.example'),
  fc.string({ maxLength: 40 }),
);

/**
 * One definition of each field rule: the pages' forms and the API's DTOs accept and refuse the
 * same values. (The forms trim what people typed; the API stores exactly what it is sent, so the
 * forms are compared on trimmed input where the API would see it trimmed.)
 */
describe('field rules shared by the API and the pages', () => {
  it('evidence links: the progress form takes a link exactly when the API does', async () => {
    await fc.assert(
      fc.asyncProperty(link, async (value) => {
        const clean = value.trim();
        if (clean.length === 0 || /\s/.test(clean)) return; // the form splits on spaces: one link a line
        const viaApi = await dtoAccepts(ProgressUpdateDto, { note: 'x', evidenceLinks: [clean] }, 'evidenceLinks');
        const viaForm = await formAccepts(ProgressForm, { progressNote: 'x', evidenceLinks: clean }, 'evidenceLinks');
        expect(viaForm, clean).toBe(viaApi);
        expect(viaApi, clean).toBe(isEvidenceLink(clean));
      }),
      { numRuns: 300 },
    );
  });

  it('notes, reasons and review notes: the same limits and the same refusal of blank text', async () => {
    const pairs: [new () => object, string, new () => object, string, Record<string, unknown>, number][] = [
      [ProgressUpdateDto, 'note', ProgressForm, 'progressNote', {}, 10_000],
      [ReviewDto, 'note', ReviewForm, 'reviewNote', { outcome: 'reviewed' }, 5_000],
      [UpdateActionDto, 'dueDateReason', DueDateForm, 'dueDateReason', { dueDateDay: '1', dueDateMonth: '2', dueDateYear: '2026', version: '1' }, 2_000],
    ];
    for (const [dto, dtoField, form, formField, extra, limit] of pairs) {
      await fc.assert(
        fc.asyncProperty(textNear(limit), async (value) => {
          const viaApi = await dtoAccepts(dto, { [dtoField]: value.trim() }, dtoField);
          const viaForm = await formAccepts(form, { ...extra, [formField]: value }, formField);
          expect(viaForm, `${formField} ${JSON.stringify(value.slice(0, 20))} (${value.length})`).toBe(viaApi);
        }),
        { numRuns: 100 },
      );
    }
  });

  it('email at sign-in: the page and POST /api/auth/login agree', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.emailAddress(), fc.string({ maxLength: 30 }), fc.constant(`${'a'.repeat(320)}@council.example`)), async (value) => {
        const viaApi = await dtoAccepts(LoginDto, { email: value.trim(), password: 'x' }, 'email');
        const viaForm = await formAccepts(SignInForm, { email: value, password: 'x' }, 'email');
        expect(viaForm, value).toBe(viaApi);
      }),
      { numRuns: 200 },
    );
  });

  it('new passwords: the API refuses exactly what the access library refuses', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(textNear(12), textNear(1000), fc.constant(' '.repeat(20)), fc.constant('correct horse battery staple')), async (value) => {
        const viaApi = await dtoAccepts(CreateUserDto, { email: 'a@b.example', displayName: 'A', password: value }, 'password');
        expect(viaApi, JSON.stringify(value.slice(0, 20))).toBe(passwordProblem(value, { email: 'a@b.example', displayName: 'A' }) === null);
      }),
      { numRuns: 200 },
    );
  });
});
