import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, Max, Min, ValidateBy } from 'class-validator';
import { Email, FIELD_LIMITS, Id, MAX_ID, OptionalText, RequiredText, TeamName, Trimmed } from '../http/field-rules.js';
import { COUNCIL_ROLES, type CouncilRole } from '#core';

/** One entry a line (or separated by commas), blanks dropped: how a textarea holds a list. */
export function linesOf(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(/[\n,;]/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Same check as the API's email list: validator.js's isEmail, with the length capped first so it stays linear. */
const EMAIL_SHAPE = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

function emailLinesProblem(value: unknown): string | null {
  if (value !== undefined && typeof value !== 'string') return 'Enter the reminder addresses as text, one a line';
  if (typeof value === 'string' && value.length > FIELD_LIMITS.teamEmails * (FIELD_LIMITS.email + 2)) return `Enter at most ${FIELD_LIMITS.teamEmails} reminder addresses`;
  const lines = linesOf(value);
  if (lines.length > FIELD_LIMITS.teamEmails) return `Enter at most ${FIELD_LIMITS.teamEmails} reminder addresses`;
  const wrong = lines.find((line) => line.length > FIELD_LIMITS.email || !EMAIL_SHAPE.test(line));
  return wrong ? `“${wrong.slice(0, 80)}” is not an email address: enter each reminder address in the correct format, like team@council.gov.uk` : null;
}

function keywordLinesProblem(value: unknown): string | null {
  if (value !== undefined && typeof value !== 'string') return 'Enter the routing phrases as text, one a line';
  if (typeof value === 'string' && value.length > FIELD_LIMITS.keywords * (FIELD_LIMITS.keyword + 2)) return `Enter at most ${FIELD_LIMITS.keywords} routing phrases`;
  const lines = linesOf(value);
  if (lines.length > FIELD_LIMITS.keywords) return `Enter at most ${FIELD_LIMITS.keywords} routing phrases`;
  return lines.some((line) => line.length > FIELD_LIMITS.keyword) ? `Each routing phrase must be ${FIELD_LIMITS.keyword} characters or fewer` : null;
}

const Lines = (problem: (value: unknown) => string | null) =>
  ValidateBy({ name: 'lines', validator: { validate: (value: unknown) => problem(value) === null, defaultMessage: (args) => problem(args?.value) ?? '' } });

export class TeamForm {
  @Trimmed()
  @TeamName({ missing: 'Enter the team’s name', tooLong: `The team’s name must be ${FIELD_LIMITS.teamName} characters or fewer` })
  name: string;

  @IsOptional()
  @Lines(emailLinesProblem)
  emails?: string;

  @IsOptional()
  @Lines(keywordLinesProblem)
  keywords?: string;
}

const integer = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,10}$/.test(value.trim()) ? Number(value) : value);

export class RemoveTeamForm {
  /** The team that takes over the removed team's actions; only asked for when it owns some. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : integer({ value })))
  @Id({ invalid: 'Select the team that takes over these actions' })
  reassignTo?: number;
}

export class ContactForm {
  @IsIn(['board_chair', 'lscb_chair'], { message: 'Select whose address this is' })
  role: 'board_chair' | 'lscb_chair';

  @Trimmed()
  @RequiredText(FIELD_LIMITS.displayName, { missing: 'Enter the person’s name', tooLong: `The name must be ${FIELD_LIMITS.displayName} characters or fewer` })
  name: string;

  @Trimmed()
  @Email({ missing: 'Enter their email address', tooLong: 'Email address must be 320 characters or fewer', invalid: 'Enter an email address in the correct format, like chair@council.gov.uk' })
  email: string;
}

/** The roles a council's pages give, each with the team a team member works in. */
export class InviteForm {
  @Trimmed()
  @RequiredText(FIELD_LIMITS.displayName, { missing: 'Enter the person’s full name', tooLong: `The name must be ${FIELD_LIMITS.displayName} characters or fewer` })
  displayName: string;

  @Trimmed()
  @Email({ missing: 'Enter their email address', tooLong: 'Email address must be 320 characters or fewer', invalid: 'Enter an email address in the correct format, like name@council.gov.uk' })
  email: string;

  @IsIn(COUNCIL_ROLES, { message: 'Select what they do' })
  role: CouncilRole;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : integer({ value })))
  @Id({ invalid: 'Select the team they work in' })
  teamId?: number;
}

export class RoleForm {
  @IsIn(COUNCIL_ROLES, { message: 'Select the role to give' })
  role: CouncilRole;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : integer({ value })))
  @Id({ invalid: 'Select the team they work in' })
  teamId?: number;
}

/** "Yes" on a confirmation page. */
export class YesNoForm {
  @IsIn(['yes', 'no'], { message: 'Select yes or no' })
  confirm: 'yes' | 'no';
}

/** As many actions as one page of the list shows, with room to spare. */
export const TRIAGE_LIMIT = 100;

export class TriageForm {
  /** The ticked actions: one id or several. */
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((item) => integer({ value: item })))
  @ArrayMinSize(1, { message: 'Select the actions to assign' })
  @ArrayMaxSize(TRIAGE_LIMIT, { message: `Select at most ${TRIAGE_LIMIT} actions at a time` })
  @IsInt({ each: true, message: 'Select the actions to assign' })
  @Min(1, { each: true, message: 'Select the actions to assign' })
  @Max(MAX_ID, { each: true, message: 'Select the actions to assign' })
  actionIds: number[];

  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : integer({ value })))
  @IsOptional()
  @Id({ invalid: 'Select the team that owns these actions' })
  teamId?: number;

  @Trimmed()
  @IsOptional()
  @OptionalText(FIELD_LIMITS.leadOfficer, { tooLong: 'The lead officer must be 200 characters or fewer' })
  leadOfficer?: string;
}
