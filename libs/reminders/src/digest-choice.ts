import { DIGEST_FREQUENCIES, DIGEST_WEEKDAYS, type DigestFrequency, type DigestWeekday } from './entities/reminder-preference.entity.js';

/** How often a person hears about their due-soon and overdue actions. */
export interface DigestChoice {
  digest: DigestFrequency;
  /** The weekday of a weekly digest, 1 (Monday) to 5 (Friday); null otherwise. */
  weekday: DigestWeekday | null;
}

/** Without a choice of their own a person gets the daily digest. */
export const DEFAULT_DIGEST_CHOICE: DigestChoice = { digest: 'daily', weekday: null };

export const WEEKDAY_NAMES: Record<DigestWeekday, string> = { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday' };

export const DIGEST_CHOICE_MESSAGES = {
  digest: 'Select how often you want reminders: a daily digest, a weekly digest or none',
  weekday: 'Select the day of the week for your weekly digest, Monday to Friday',
} as const;

export type DigestChoiceResult = { ok: true; choice: DigestChoice } | { ok: false; problems: { field: 'digest' | 'weekday'; message: string }[] };

/**
 * Reads a choice as a form or a JSON body gives it (the weekday as "3" or 3). A weekday that comes
 * with a daily digest or none is ignored rather than refused: without JavaScript the weekday
 * question stays on the page, and a day picked before changing one's mind is not a mistake.
 */
export function readDigestChoice(input: { digest?: unknown; weekday?: unknown }): DigestChoiceResult {
  const digest = input.digest;
  if (typeof digest !== 'string' || !(DIGEST_FREQUENCIES as readonly string[]).includes(digest)) {
    return { ok: false, problems: [{ field: 'digest', message: DIGEST_CHOICE_MESSAGES.digest }] };
  }
  if (digest !== 'weekly') return { ok: true, choice: { digest: digest as DigestFrequency, weekday: null } };
  const weekday = weekdayOf(input.weekday);
  if (weekday === null) return { ok: false, problems: [{ field: 'weekday', message: DIGEST_CHOICE_MESSAGES.weekday }] };
  return { ok: true, choice: { digest: 'weekly', weekday } };
}

function weekdayOf(value: unknown): DigestWeekday | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^[1-5]$/.test(value.trim()) ? Number(value.trim()) : NaN;
  return (DIGEST_WEEKDAYS as readonly number[]).includes(number) ? (number as DigestWeekday) : null;
}

/** The choice in words, as the account page and the API describe it. */
export function describeDigestChoice(choice: DigestChoice): string {
  if (choice.digest === 'none') return 'No digest';
  if (choice.digest === 'weekly') return `A weekly digest on ${WEEKDAY_NAMES[choice.weekday ?? 1]}s`;
  return 'A daily digest';
}

/** A stored choice as the person sees it: daily without a row; a weekly one without its day goes on Mondays. */
export function choiceOfPreference(row: { digest: DigestFrequency; weekday: number | null } | null): DigestChoice {
  if (!row) return { ...DEFAULT_DIGEST_CHOICE };
  return { digest: row.digest, weekday: row.digest === 'weekly' ? ((row.weekday ?? 1) as DigestWeekday) : null };
}

/** An unsubscribe link's secret is 43 URL-safe characters; anything else is refused before the database sees it. */
export function isUnsubscribeToken(token: unknown): token is string {
  return typeof token === 'string' && token.length >= 16 && token.length <= 64 && /^[A-Za-z0-9_-]+$/.test(token);
}
