import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, validate, ValidateIf } from 'class-validator';
import { isIsoDate } from '#deadlines';
import { Email, EvidenceLinkLines, FIELD_LIMITS, Id, OptionalText, PresentedPassword, RequiredText, Trimmed, Version } from '../http/field-rules.js';
import { ACTION_STATUSES, ADDRESSEES, TIMEFRAMES, type ActionStatus, type Addressee, type Timeframe } from '#core';
import { MAX_RECOMMENDATION_TEXT, MAX_THEME_LENGTH } from '#extraction';

/** One problem with a form, as the GOV.UK error summary lists it: a link to the field and what to do. */
export interface FormError {
  href: string;
  text: string;
}

export interface FormProblems {
  /** Field name → message, for the message above each field. */
  byField: Record<string, string>;
  /** The same, in field order, for the error summary. */
  list: FormError[];
}

export const NO_PROBLEMS: FormProblems = { byField: {}, list: [] };

/** A problem not tied to one field (a stale form, a refusal), shown in the summary only. */
export function formProblem(text: string, href = '#main-content'): FormProblems {
  return { byField: {}, list: [{ href, text }] };
}

/**
 * Validates a posted form with class-validator and words the result for the page: the first
 * problem of each field, in the order the fields appear.
 */
export async function readForm<T extends object>(type: new () => T, body: unknown, fieldOrder: readonly string[]): Promise<{ form: T; problems: FormProblems }> {
  // A list is no form (a JSON array would become a list of forms); it reads as an empty one.
  const form = plainToInstance(type, typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {});
  const errors = await validate(form, { whitelist: true });
  const byField: Record<string, string> = {};
  for (const error of errors) {
    // The field rules check in the order a person should fix things: the first problem is the one to say.
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) byField[error.property] = messages[0];
  }
  const ordered = [...fieldOrder, ...Object.keys(byField).filter((field) => !fieldOrder.includes(field))];
  const list = ordered.filter((field) => byField[field]).map((field) => ({ href: `#${field}`, text: byField[field] }));
  return { form, problems: { byField, list } };
}

const integer = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,10}$/.test(value.trim()) ? Number(value) : value);

export class SignInForm {
  @Trimmed()
  @Email({
    missing: 'Enter your email address',
    tooLong: 'Enter your email address in the correct format, like name@council.gov.uk',
    invalid: 'Enter your email address in the correct format, like name@council.gov.uk',
  })
  email: string;

  @PresentedPassword({ missing: 'Enter your password' })
  password: string;

  @IsOptional()
  @IsString()
  next?: string;
}

/** Every form that changes an action names the version it was based on. */
class VersionedForm {
  @Transform(integer)
  @Version({ invalid: 'Reload the page: this form has no version' })
  version: number;
}

export class StatusForm extends VersionedForm {
  @IsIn(ACTION_STATUSES, { message: 'Select the new status' })
  status: ActionStatus;

  @Trimmed()
  @IsOptional()
  @OptionalText(FIELD_LIMITS.note, { tooLong: 'The note must be 10,000 characters or fewer' })
  statusNote?: string;

  /** Evidence that comes with a proposal of completion: one link a line. */
  @Trimmed()
  @IsOptional()
  @EvidenceLinkLines({
    invalid: `Enter each evidence link on its own line, as a full address starting with https:// or http://; at most ${FIELD_LIMITS.evidenceLinks} links`,
  })
  statusEvidenceLinks?: string;
}

export class ProgressForm {
  @Trimmed()
  @RequiredText(FIELD_LIMITS.note, { missing: 'Enter what has been done', tooLong: 'The progress note must be 10,000 characters or fewer' })
  progressNote: string;

  /** One link a line, under the same rule as the API's evidenceLinks. */
  @Trimmed()
  @IsOptional()
  @EvidenceLinkLines({
    invalid: `Enter each evidence link on its own line, as a full address starting with https:// or http://; at most ${FIELD_LIMITS.evidenceLinks} links`,
  })
  evidenceLinks?: string;
}

export class OwnerForm extends VersionedForm {
  /** Empty for "Unassigned". */
  @Transform(({ value }: { value: unknown }) => (value === '' || value === undefined ? null : integer({ value })))
  @ValidateIf((_, value) => value !== null)
  @Id({ invalid: 'Select a team' })
  teamId: number | null;

  @Trimmed()
  @IsOptional()
  @OptionalText(FIELD_LIMITS.leadOfficer, { tooLong: 'The lead officer must be 200 characters or fewer' })
  leadOfficer?: string;
}

export class DueDateForm extends VersionedForm {
  @Trimmed()
  @OptionalText(4, { invalid: 'Enter the new due date as a real date, for example 27 3 2026' })
  dueDateDay: string;

  @Trimmed()
  @OptionalText(4, { invalid: 'Enter the new due date as a real date, for example 27 3 2026' })
  dueDateMonth: string;

  @Trimmed()
  @OptionalText(4, { invalid: 'Enter the new due date as a real date, for example 27 3 2026' })
  dueDateYear: string;

  @Trimmed()
  @RequiredText(FIELD_LIMITS.reason, { missing: 'Enter why the due date is changing', tooLong: 'The reason must be 2,000 characters or fewer' })
  dueDateReason: string;

  /** The three fields as one calendar date, or null when they do not make one. */
  dueDate(): string | null {
    const [day, month, year] = [this.dueDateDay, this.dueDateMonth, this.dueDateYear].map((part) => (typeof part === 'string' ? part.trim() : ''));
    if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
    const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : null;
  }
}

export class ReviewForm {
  @IsIn(['reviewed', 'challenged'], { message: 'Select whether you have reviewed or are challenging this action' })
  outcome: 'reviewed' | 'challenged';

  @Trimmed()
  @RequiredText(FIELD_LIMITS.reviewNote, { missing: 'Enter what you reviewed, or what the board must answer', tooLong: 'The note must be 5,000 characters or fewer' })
  reviewNote: string;
}

export class UploadForm {
  @IsOptional()
  @IsString()
  @Matches(/^(|E\d{8})$/, { message: 'Select the council the report is about' })
  authorityCode?: string;
}

export class ConfirmUploadForm {
  /** The one-off id of the upload the preview showed. */
  @IsString({ message: 'Upload the report again: the preview did not say which upload to confirm' })
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'Upload the report again: the preview did not say which upload to confirm' })
  upload: string;
}

/** A recommendation corrected (or added) on the upload preview, before it becomes an action. */
export class RecommendationForm {
  @Trimmed()
  @RequiredText(MAX_RECOMMENDATION_TEXT, {
    missing: 'Enter the recommendation as the report words it',
    tooLong: `The recommendation must be ${MAX_RECOMMENDATION_TEXT.toLocaleString('en-GB')} characters or fewer`,
  })
  text: string;

  @IsIn(TIMEFRAMES, { message: 'Select when the recommendation must be done' })
  timeframe: Timeframe;

  @IsIn(ADDRESSEES, { message: 'Select who the recommendation is for' })
  addressee: Addressee;

  @Trimmed()
  @IsOptional()
  @OptionalText(MAX_THEME_LENGTH, { tooLong: `The theme must be ${MAX_THEME_LENGTH} characters or fewer` })
  theme?: string;

  /** Empty for "no team yet"; left out (a script, not the form) to match a team from the text. */
  @Transform(({ value }: { value: unknown }) => (value === '' ? null : integer({ value })))
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Id({ invalid: 'Select the owning team' })
  teamId?: number | null;
}

/** One recommendation that the extractor read as one, split in two. */
export class SplitForm {
  @Trimmed()
  @RequiredText(MAX_RECOMMENDATION_TEXT, {
    missing: 'Enter the first recommendation',
    tooLong: `The first recommendation must be ${MAX_RECOMMENDATION_TEXT.toLocaleString('en-GB')} characters or fewer`,
  })
  first: string;

  @Trimmed()
  @RequiredText(MAX_RECOMMENDATION_TEXT, {
    missing: 'Enter the second recommendation',
    tooLong: `The second recommendation must be ${MAX_RECOMMENDATION_TEXT.toLocaleString('en-GB')} characters or fewer`,
  })
  second: string;
}

const BASELINE_INVALID = 'Enter the date due dates count from as a real date, for example 20 1 2015';

/** The date a report's due dates count from, as three fields. */
export class BaselineForm {
  @Trimmed()
  @OptionalText(4, { invalid: BASELINE_INVALID })
  baselineDay: string;

  @Trimmed()
  @OptionalText(4, { invalid: BASELINE_INVALID })
  baselineMonth: string;

  @Trimmed()
  @OptionalText(4, { invalid: BASELINE_INVALID })
  baselineYear: string;

  /** The three fields as one calendar date, or null when they do not make one. */
  baselineDate(): string | null {
    return calendarDateOf(this.baselineDay, this.baselineMonth, this.baselineYear);
  }

  static readonly INVALID = BASELINE_INVALID;
}

function calendarDateOf(...parts: unknown[]): string | null {
  const [day, month, year] = parts.map((part) => (typeof part === 'string' ? part.trim() : ''));
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** Three date fields (day, month, year) as one calendar date, or null when they do not make one. */
export function dateOfParts(day: unknown, month: unknown, year: unknown): string | null {
  const [d, m, y] = [day, month, year].map((part) => (typeof part === 'string' ? part.trim() : ''));
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

export class ChallengeForm {
  @Trimmed()
  @RequiredText(FIELD_LIMITS.reviewNote, { missing: 'Enter what you are challenging and what answer you expect', tooLong: 'The challenge must be 5,000 characters or fewer' })
  challengeQuestion: string;
}

export class ChallengeEventForm {
  @IsIn(['respond', 'close', 'challenge_again'], { message: 'Choose what to do with the challenge' })
  event: 'respond' | 'close' | 'challenge_again';

  @Trimmed()
  @IsOptional()
  @OptionalText(FIELD_LIMITS.reviewNote, { tooLong: 'The note must be 5,000 characters or fewer' })
  challengeNote?: string;
}

export class DateRequestForm {
  @Trimmed()
  @OptionalText(4, { invalid: 'Enter the date you need as a real date, for example 27 3 2026' })
  requestDay: string;

  @Trimmed()
  @OptionalText(4, { invalid: 'Enter the date you need as a real date, for example 27 3 2026' })
  requestMonth: string;

  @Trimmed()
  @OptionalText(4, { invalid: 'Enter the date you need as a real date, for example 27 3 2026' })
  requestYear: string;

  @Trimmed()
  @RequiredText(FIELD_LIMITS.reason, { missing: 'Enter why the due date needs to change', tooLong: 'The reason must be 2,000 characters or fewer' })
  requestReason: string;
}

export class DateDecisionForm {
  @IsIn(['approve', 'reject', 'withdraw'], { message: 'Choose whether to approve or reject the request' })
  event: 'approve' | 'reject' | 'withdraw';

  @Trimmed()
  @IsOptional()
  @OptionalText(FIELD_LIMITS.reason, { tooLong: 'The note must be 2,000 characters or fewer' })
  decisionNote?: string;
}

export class MilestoneForm {
  @Trimmed()
  @RequiredText(FIELD_LIMITS.title, { missing: 'Enter what the milestone is', tooLong: 'The milestone must be 300 characters or fewer' })
  milestoneTitle: string;

  @Trimmed()
  @OptionalText(4, { invalid: 'Enter the milestone date as a real date, for example 27 3 2026' })
  milestoneDay: string;

  @Trimmed()
  @OptionalText(4, { invalid: 'Enter the milestone date as a real date, for example 27 3 2026' })
  milestoneMonth: string;

  @Trimmed()
  @OptionalText(4, { invalid: 'Enter the milestone date as a real date, for example 27 3 2026' })
  milestoneYear: string;
}

export class MilestoneMetForm {
  @IsIn(['true', 'false'], { message: 'Choose whether the milestone is met' })
  met: 'true' | 'false';
}

export class PlanForm extends VersionedForm {
  @Trimmed()
  @IsOptional()
  @OptionalText(FIELD_LIMITS.note, { tooLong: 'What will be done must be 10,000 characters or fewer' })
  whatWillBeDone?: string;

  @Trimmed()
  @IsOptional()
  @OptionalText(FIELD_LIMITS.note, { tooLong: 'The success measure must be 10,000 characters or fewer' })
  successMeasure?: string;
}

export class RagForm extends VersionedForm {
  @IsIn(['derived', 'green', 'amber', 'red', 'complete'], { message: 'Choose a RAG rating' })
  rag: 'derived' | 'green' | 'amber' | 'red' | 'complete';

  @Trimmed()
  @IsOptional()
  @OptionalText(FIELD_LIMITS.reason, { tooLong: 'The note must be 2,000 characters or fewer' })
  ragNote?: string;
}
