import { formatLongDate } from '#deadlines';
import { actionLink, shorten } from './digest-composer.js';
import type { DigestEmail } from './digest-composer.js';
import type { IsoDate } from '#core';

/** What one challenge alert says: to the board chair, or to the team that owns the action. */
export interface ChallengeAlertInput {
  /** The board chair contact's name, or the owning team's name. */
  addresseeName: string;
  addressee: 'board_chair' | 'team';
  authorityName: string;
  raisedByName: string;
  raisedOn: IsoDate;
  question: string;
  action: { id: number; title: string; reference: string | null; teamName: string | null };
  publicUrl: string;
}

/**
 * The reminder row of one challenge alert is keyed by the challenge and the recipient, so the
 * daily unique key (recipient, kind, day) cannot fold two challenges of one day into one email.
 */
export function challengeAlertKey(challengeId: number, recipient: { teamId: number } | { contactId: number }): string {
  return 'teamId' in recipient ? `challenge:${challengeId}:team:${recipient.teamId}` : `challenge:${challengeId}:contact:${recipient.contactId}`;
}

/** The challenge a reminder row alerts about, from its recipient key; null for any other key. */
export function challengeOfAlertKey(key: string): number | null {
  const [prefix, id] = key.split(':');
  if (prefix !== 'challenge' || !id || !/^\d{1,10}$/.test(id)) return null;
  return Number(id);
}

/** An email sent as soon as a challenge is opened: the question, the action and where to answer it. */
export function composeChallengeAlert(input: ChallengeAlertInput): DigestEmail {
  const { action } = input;
  const label = `${action.reference ? `${action.reference}: ` : ''}${action.title}`;
  const link = actionLink(input.publicUrl, action.id);
  const subject = `${input.authorityName}: challenge on action ${shorten(label, 90)}`;
  const greeting = input.addressee === 'team' ? `To ${input.addresseeName},` : `Dear ${input.addresseeName},`;
  const intro = `${input.raisedByName} challenged this improvement action of ${input.authorityName} on ${formatLongDate(input.raisedOn)}:`;
  const owner = action.teamName ? `Owned by: ${action.teamName}` : 'Owned by: no team yet; the board needs to assign one';
  const ask =
    input.addressee === 'team'
      ? 'Your team or the board must respond; the challenge stays open on the action and the dashboard until the challenger closes it.'
      : 'The owning team or the board must respond; the challenge stays open on the action and the dashboard until the challenger closes it.';
  const text = [greeting, '', intro, '', `Action ${label}`, owner, '', 'The challenge:', `"${input.question}"`, '', ask, '', `Respond on the action: ${link}`, ''].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    `<p><strong>Action ${escapeHtml(label)}</strong><br>${escapeHtml(owner)}</p>`,
    `<blockquote style="border-left: 4px solid #b1b4b6; margin: 0; padding-left: 12px">${escapeHtml(input.question).replace(/\n/g, '<br>')}</blockquote>`,
    `<p>${escapeHtml(ask)}</p>`,
    `<p><a href="${escapeHtml(link)}">Respond on the action</a></p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** How far back the daily sweep looks for challenges whose alert never got queued (Redis was away). */
export const MISSED_CHALLENGE_ALERT_DAYS = 7;

/** One pending challenge alert, as its reminder row is stored. */
export interface ChallengeAlertRow {
  kind: 'challenge_opened';
  recipientKey: string;
  teamId: number | null;
  contactId: number | null;
  authorityCode: string;
  digestDate: IsoDate;
  recipients: string[];
  actionIds: number[];
  status: 'pending';
  attempts: number;
}

/**
 * The alerts of one challenge: one to each board chair contact of the council, one to the owning
 * team when it has any address (its own or its members'). None for a challenge closed before its
 * alert went out, or one that has its alerts already, on whatever day.
 */
export function challengeAlertRows(
  challenge: { id: number; state: string; authorityCode: string; teamId: number | null },
  alreadyPlanned: boolean,
  chairs: readonly { id: number; email: string }[],
  teamAddresses: readonly string[],
  date: IsoDate,
): ChallengeAlertRow[] {
  if (challenge.state === 'closed' || alreadyPlanned) return [];
  const row = (owner: { teamId: number } | { contactId: number }, recipients: string[]): ChallengeAlertRow => ({
    kind: 'challenge_opened',
    recipientKey: challengeAlertKey(challenge.id, owner),
    teamId: 'teamId' in owner ? owner.teamId : null,
    contactId: 'contactId' in owner ? owner.contactId : null,
    authorityCode: challenge.authorityCode,
    digestDate: date,
    recipients,
    actionIds: [],
    status: 'pending',
    attempts: 0,
  });
  const rows = chairs.map((chair) => row({ contactId: chair.id }, [chair.email]));
  if (challenge.teamId !== null && teamAddresses.length > 0) rows.push(row({ teamId: challenge.teamId }, [...teamAddresses]));
  return rows;
}

/** A team's own addresses (its stored list: an array, or JSON text) then its members', each once whatever its case. */
export function teamAlertAddresses(own: unknown, members: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...storedList(own), ...members].filter((address) => {
    const key = address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function storedList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value === '') return [];
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}
