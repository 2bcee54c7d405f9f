import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsInt,
  IsString,
  isURL,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { MAX_PASSWORD_LENGTH, passwordProblem, type PasswordOwner } from '#access';
import { isIsoDate } from '#deadlines';

/**
 * The rules for the fields people fill in, defined once for the API's DTOs and the pages' forms
 * alike: what a title, a note, an evidence link, an email, a team name, a password or a date is
 * allowed to be, and how long. Each rule is a decorator; a form may word its message for people
 * (GOV.UK style) while the rule itself stays the same.
 */
export const FIELD_LIMITS = {
  title: 300,
  leadOfficer: 200,
  note: 10_000,
  reason: 2_000,
  reviewNote: 5_000,
  teamName: 200,
  displayName: 200,
  email: 320,
  tokenName: 200,
  fileName: 255,
  authorityCode: 16,
  /** One evidence link, and how many one note may carry. */
  evidenceLink: 2_000,
  evidenceLinks: 20,
  teamEmails: 20,
  keyword: 200,
  keywords: 50,
  password: MAX_PASSWORD_LENGTH,
  /** Text searched for in lists. */
  search: 200,
} as const;

/** The largest id, version or count a column holds (a 32-bit integer): anything larger is no id at all. */
export const MAX_ID = 2_147_483_647;
/** How far into a list a page may start: far past any council's data, and well inside every database's range. */
export const MAX_OFFSET = 1_000_000;

interface Words {
  /** Said when the field is missing, empty or only spaces. */
  missing?: string;
  /** Said when the field is longer than its limit. */
  tooLong?: string;
  /** Said when the value is not what the field takes. */
  invalid?: string;
}

// --- presence -------------------------------------------------------------------------------------

/** The field may be left out; null is refused, since the value cannot be emptied. */
export const Optional = () => ValidateIf((_, value) => value !== undefined);

/** The field may be left out, or null to clear it. */
export const OptionalOrNull = () => ValidateIf((_, value) => value !== undefined && value !== null);

export function isNotBlank(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

/** Text with something in it: empty and only spaces are both "missing". */
export const IsNotBlank = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'isNotBlank', validator: { validate: isNotBlank, defaultMessage: (args) => `${args?.property ?? 'value'} must not be empty or only spaces` } },
    options,
  );

/** Forms send text with the spaces people typed around it. */
export const Trimmed = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

// --- text -----------------------------------------------------------------------------------------

/**
 * Text that must say something, up to `max` characters. Checked in this order so the first message
 * is the one to act on: not text at all, then missing, then too long.
 */
export function RequiredText(max: number, words: Words = {}) {
  return applyDecorators(
    IsString({ message: words.invalid ?? words.missing ?? '$property must be text' }),
    IsNotBlank({ message: words.missing }),
    MaxLength(max, { message: words.tooLong ?? `$property must be ${max.toLocaleString('en-GB')} characters or fewer` }),
  );
}

/** Text that may be empty, up to `max` characters. */
export function OptionalText(max: number, words: Words = {}) {
  return applyDecorators(
    IsString({ message: words.invalid ?? '$property must be text' }),
    MaxLength(max, { message: words.tooLong ?? `$property must be ${max.toLocaleString('en-GB')} characters or fewer` }),
  );
}

export const Title = (words?: Words) => RequiredText(FIELD_LIMITS.title, words);
export const TeamName = (words?: Words) => RequiredText(FIELD_LIMITS.teamName, words);
export const TokenName = (words?: Words) => RequiredText(FIELD_LIMITS.tokenName, words);

// --- evidence links -------------------------------------------------------------------------------

/**
 * An evidence link: a full http:// or https:// address. Intranet hosts without a dot are allowed
 * (councils keep evidence on SharePoint and the like); other schemes (javascript:, file:, ftp:) are not.
 * Linear-time: the length is checked before validator.js reads it.
 */
export function isEvidenceLink(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= FIELD_LIMITS.evidenceLink &&
    isURL(value, { require_protocol: true, protocols: ['http', 'https'], require_tld: false, allow_underscores: true })
  );
}

const EVIDENCE_LINK_MESSAGE = `each value in evidenceLinks must be a full address starting with http:// or https://, at most ${FIELD_LIMITS.evidenceLink.toLocaleString('en-GB')} characters`;

/** The API's evidence links: a list of at most 20 addresses. */
export function EvidenceLinkList() {
  return applyDecorators(
    IsArray({ message: 'evidenceLinks must be a list of addresses' }),
    ArrayMaxSize(FIELD_LIMITS.evidenceLinks, { message: `evidenceLinks may hold at most ${FIELD_LIMITS.evidenceLinks} links` }),
    ValidateBy({ name: 'isEvidenceLink', validator: { validate: isEvidenceLink, defaultMessage: () => EVIDENCE_LINK_MESSAGE } }, { each: true }),
  );
}

/** The most a form's evidence field can hold: the links, each on its own line. */
const EVIDENCE_FIELD_LENGTH = FIELD_LIMITS.evidenceLinks * (FIELD_LIMITS.evidenceLink + 2);

/** A form's evidence field: one link a line (or separated by spaces), as a list; null when the field is not text or too long to read. */
export function evidenceLinesOf(value: unknown): string[] | null {
  if (value === undefined || value === '') return [];
  if (typeof value !== 'string' || value.length > EVIDENCE_FIELD_LENGTH) return null;
  return value.split(/\s+/).filter((line) => line.length > 0);
}

/** A form's evidence field, under the same rule as the API's list. */
export function EvidenceLinkLines(words: Words = {}) {
  return ValidateBy(
    {
      name: 'evidenceLinkLines',
      validator: {
        validate: (value: unknown) => {
          const links = evidenceLinesOf(value);
          return links !== null && links.length <= FIELD_LIMITS.evidenceLinks && links.every(isEvidenceLink);
        },
        defaultMessage: () => words.invalid ?? EVIDENCE_LINK_MESSAGE,
      },
    },
  );
}

// --- people ---------------------------------------------------------------------------------------

/** An email address, at most 320 characters. */
export function Email(words: Words = {}) {
  return applyDecorators(
    IsString({ message: words.missing ?? '$property must be an email address' }),
    IsNotBlank({ message: words.missing ?? '$property must be an email address' }),
    MaxLength(FIELD_LIMITS.email, { message: words.tooLong ?? `$property must be at most ${FIELD_LIMITS.email} characters` }),
    IsEmail({}, { message: words.invalid ?? '$property must be an email address' }),
  );
}

/** A list of email addresses (a team's reminder addresses). */
export function EmailList() {
  return applyDecorators(
    IsArray({ message: '$property must be a list of email addresses' }),
    ArrayMaxSize(FIELD_LIMITS.teamEmails, { message: `$property may hold at most ${FIELD_LIMITS.teamEmails} addresses` }),
    MaxLength(FIELD_LIMITS.email, { each: true, message: `each value in $property must be at most ${FIELD_LIMITS.email} characters` }),
    IsEmail({}, { each: true, message: 'each value in $property must be an email address' }),
  );
}

/** A team's routing keywords: phrases with something in them. */
export function KeywordList() {
  return applyDecorators(
    IsArray({ message: '$property must be a list of phrases' }),
    ArrayMaxSize(FIELD_LIMITS.keywords, { message: `$property may hold at most ${FIELD_LIMITS.keywords} phrases` }),
    IsString({ each: true, message: 'each value in $property must be text' }),
    IsNotBlank({ each: true, message: 'each value in $property must not be empty or only spaces' }),
    MaxLength(FIELD_LIMITS.keyword, { each: true, message: `each value in $property must be at most ${FIELD_LIMITS.keyword} characters` }),
  );
}

/**
 * A new password: the access library's policy (length, not only spaces, not common or built from
 * the person's own name or email address, which the DTO carries beside it).
 */
export function NewPassword() {
  const problemOf = (value: unknown, object: object) => {
    const owner = object as PasswordOwner;
    return typeof value === 'string' ? passwordProblem(value, { email: owner.email, displayName: owner.displayName }) : 'password must be text';
  };
  return ValidateBy({
    name: 'newPassword',
    validator: {
      validate: (value: unknown, args) => problemOf(value, args?.object ?? {}) === null,
      defaultMessage: (args) => problemOf(args?.value, args?.object ?? {}) ?? 'password is not acceptable',
    },
  });
}

/** A password presented at sign-in: checked against the account, so only its size is limited here. */
export function PresentedPassword(words: Words = {}) {
  return applyDecorators(
    IsString({ message: words.missing ?? 'password must be text' }),
    IsNotBlank({ message: words.missing ?? 'password must not be empty' }),
    MaxLength(FIELD_LIMITS.password, { message: `password must be at most ${FIELD_LIMITS.password} characters` }),
  );
}

// --- numbers and dates ----------------------------------------------------------------------------

/** A row's id (or a version): a whole number that fits the column. */
export function Id(words: Words = {}) {
  const message = words.invalid ?? `$property must be a whole number from 1 to ${MAX_ID}`;
  return applyDecorators(IsInt({ message }), Min(1, { message }), Max(MAX_ID, { message }));
}

/** A version number: 0 upwards, within the column. */
export function Version(words: Words = {}) {
  const message = words.invalid ?? `$property must be a whole number from 0 to ${MAX_ID}`;
  return applyDecorators(IsInt({ message }), Min(0, { message }), Max(MAX_ID, { message }));
}

/** Where a page of a list starts. */
export function Offset() {
  const message = `offset must be a whole number from 0 to ${MAX_OFFSET.toLocaleString('en-GB')}`;
  return applyDecorators(IsInt({ message }), Min(0, { message }), Max(MAX_OFFSET, { message }));
}

/** A calendar date as YYYY-MM-DD that exists (no 30 February). */
export const CalendarDate = (words: Words = {}) =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: { validate: isIsoDate, defaultMessage: (args) => words.invalid ?? `${args?.property ?? 'value'} must be a real calendar date in the form YYYY-MM-DD` },
  });
