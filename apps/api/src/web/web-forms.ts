import { plainToInstance, Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, validate, ValidateIf } from 'class-validator';
import { isIsoDate } from '#deadlines';
import { ACTION_STATUSES, type ActionStatus } from '#database';

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
  const form = plainToInstance(type, typeof body === 'object' && body !== null ? body : {});
  const errors = await validate(form, { whitelist: true });
  const byField: Record<string, string> = {};
  for (const error of errors) {
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) byField[error.property] = messages[messages.length - 1];
  }
  const ordered = [...fieldOrder, ...Object.keys(byField).filter((field) => !fieldOrder.includes(field))];
  const list = ordered.filter((field) => byField[field]).map((field) => ({ href: `#${field}`, text: byField[field] }));
  return { form, problems: { byField, list } };
}

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const integer = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value);

export class SignInForm {
  @Transform(trimmed)
  @IsEmail({}, { message: 'Enter your email address in the correct format, like name@council.gov.uk' })
  @IsNotEmpty({ message: 'Enter your email address' })
  email: string;

  @IsString()
  @IsNotEmpty({ message: 'Enter your password' })
  password: string;

  @IsOptional()
  @IsString()
  next?: string;
}

/** Every form that changes an action names the version it was based on. */
class VersionedForm {
  @Transform(integer)
  @IsInt({ message: 'Reload the page: this form has no version' })
  version: number;
}

export class StatusForm extends VersionedForm {
  @IsIn(ACTION_STATUSES, { message: 'Select the new status' })
  status: ActionStatus;

  @Transform(trimmed)
  @IsOptional()
  @IsString()
  @MaxLength(10_000, { message: 'The note must be 10,000 characters or fewer' })
  statusNote?: string;
}

export class ProgressForm {
  @Transform(trimmed)
  @IsString()
  @MaxLength(10_000, { message: 'The progress note must be 10,000 characters or fewer' })
  @IsNotEmpty({ message: 'Enter what has been done' })
  progressNote: string;

  /** One link a line. */
  @Transform(trimmed)
  @IsOptional()
  @IsString()
  @Matches(/^(https?:\/\/\S+\s*)*$/, { message: 'Enter each evidence link on its own line, as a full address starting with https://' })
  evidenceLinks?: string;
}

export class OwnerForm extends VersionedForm {
  /** Empty for "Unassigned". */
  @Transform(({ value }: { value: unknown }) => (value === '' || value === undefined ? null : integer({ value })))
  @ValidateIf((_, value) => value !== null)
  @IsInt({ message: 'Select a team' })
  teamId: number | null;

  @Transform(trimmed)
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'The lead officer must be 200 characters or fewer' })
  leadOfficer?: string;
}

export class DueDateForm extends VersionedForm {
  @Transform(trimmed)
  @IsString()
  dueDateDay: string;

  @Transform(trimmed)
  @IsString()
  dueDateMonth: string;

  @Transform(trimmed)
  @IsString()
  dueDateYear: string;

  @Transform(trimmed)
  @IsString()
  @MaxLength(2000, { message: 'The reason must be 2,000 characters or fewer' })
  @IsNotEmpty({ message: 'Enter why the due date is changing' })
  dueDateReason: string;

  /** The three fields as one calendar date, or null when they do not make one. */
  dueDate(): string | null {
    const [day, month, year] = [this.dueDateDay, this.dueDateMonth, this.dueDateYear].map((part) => (part ?? '').trim());
    if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
    const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : null;
  }
}

export class ReviewForm {
  @IsIn(['reviewed', 'challenged'], { message: 'Select whether you have reviewed or are challenging this action' })
  outcome: 'reviewed' | 'challenged';

  @Transform(trimmed)
  @IsString()
  @MaxLength(5000, { message: 'The note must be 5,000 characters or fewer' })
  @IsNotEmpty({ message: 'Enter what you reviewed, or what the board must answer' })
  reviewNote: string;
}

export class UploadForm {
  @IsOptional()
  @IsString()
  @Matches(/^(|E\d{8})$/, { message: 'Select the council the report is about' })
  authorityCode?: string;
}

export class ConfirmUploadForm {
  /** The report's text as checked on the preview, in base64. */
  @IsString()
  @Matches(/^[A-Za-z0-9+/]+={0,2}$/, { message: 'Upload the report again: its text did not arrive whole' })
  @IsNotEmpty({ message: 'Upload the report again: its text did not arrive' })
  text: string;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  fileName?: string;

  @IsOptional()
  @IsString()
  @Matches(/^(|E\d{8})$/)
  authorityCode?: string;
}
