import { randomBytes } from 'node:crypto';
import type { IsoDate } from '#core';
import { parseIsoDate } from '#deadlines';
import type { DigestFrequency } from './entities/reminder-preference.entity.js';

/**
 * SQL condition: user `u` is the lead officer of action `a`. The lead officer is free text; it names
 * a user when it is their email address or their display name (letter case aside), and the user
 * holds a role in the action's council and is not deactivated.
 */
export const LEAD_OFFICER_IS_USER = `u.deactivated_at IS NULL
  AND (lower(a.lead_officer) = u.email OR lower(a.lead_officer) = lower(u.display_name))
  AND u.id IN (SELECT ra.user_id FROM role_assignments ra WHERE ra.authority_code = a.authority_code)`;

/** SQL: the teams active users belong to as team members. */
export const TEAMS_WITH_MEMBERS = `SELECT ra.team_id FROM role_assignments ra JOIN users u ON u.id = ra.user_id
  WHERE ra.role = 'team_member' AND ra.team_id IS NOT NULL AND u.deactivated_at IS NULL`;

/** 1 (Monday) to 7 (Sunday). */
export function isoWeekdayOf(date: IsoDate): number {
  const day = parseIsoDate(date).getDay();
  return day === 0 ? 7 : day;
}

/** Whether a person with this preference gets a digest on this day (no row: daily). */
export function wantsDigestOn(preference: { digest: DigestFrequency | null; weekday: number | null }, date: IsoDate): boolean {
  const digest = preference.digest ?? 'daily';
  if (digest === 'none') return false;
  if (digest === 'daily') return true;
  return (preference.weekday ?? 1) === isoWeekdayOf(date);
}

/** The secret of a one-click unsubscribe link: 32 random bytes, URL-safe. */
export function newUnsubscribeToken(): string {
  return randomBytes(32).toString('base64url');
}
