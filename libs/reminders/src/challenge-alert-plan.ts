import type { EntityManager } from 'typeorm';
import { runSql } from '#database';
import { challengeAlertKey } from './challenge-alert.js';
import { Reminder } from './entities/reminder.entity.js';
import { addCalendarDays } from '#deadlines';
import type { IsoDate } from '#core';

/** How far back the daily sweep looks for challenges whose alert never got queued (Redis was away). */
export const MISSED_CHALLENGE_ALERT_DAYS = 7;

/**
 * The pending alerts of one challenge: one to each board chair contact of the council, one to the
 * owning team (its own addresses and its members'). Planning it again adds nothing: a challenge
 * that already has its alerts, on whatever day, gets no second set. Answers how many rows it added.
 */
export async function planChallengeAlerts(manager: EntityManager, challengeId: number, date: IsoDate): Promise<number> {
  const [challenge] = await runSql<{ id: number; state: string; action_id: number; authority_code: string; team_id: number | null }>(
    manager,
    `SELECT c.id, c.state, c.action_id, c.authority_code, a.team_id FROM action_challenges c JOIN actions a ON a.id = c.action_id WHERE c.id = :challengeId`,
    { challengeId },
  );
  // Closed before the alert went out: nobody has anything left to answer.
  if (!challenge || challenge.state === 'closed') return 0;
  if (await alertsPlanned(manager, challengeId)) return 0;
  const rows: Partial<Reminder>[] = [];
  const contacts = await runSql<{ id: number; email: string }>(
    manager,
    `SELECT id, email FROM authority_contacts WHERE authority_code = :code AND role = 'board_chair' ORDER BY id`,
    { code: challenge.authority_code },
  );
  for (const contact of contacts) {
    rows.push(alertRow(challenge.authority_code, date, challengeAlertKey(challengeId, { contactId: Number(contact.id) }), { contactId: Number(contact.id) }, [contact.email]));
  }
  if (challenge.team_id !== null) {
    const teamId = Number(challenge.team_id);
    const addresses = await teamAddresses(manager, teamId);
    if (addresses.length > 0) rows.push(alertRow(challenge.authority_code, date, challengeAlertKey(challengeId, { teamId }), { teamId }, addresses));
  }
  if (rows.length > 0) await manager.createQueryBuilder().insert().into(Reminder).values(rows).orIgnore().updateEntity(false).execute();
  return rows.length;
}

/**
 * Alerts for challenges opened in the last week that have none: the API queues each alert as the
 * challenge is opened, and when Redis was away at that moment, the next sweep sends it instead.
 */
export async function planMissedChallengeAlerts(manager: EntityManager, date: IsoDate): Promise<number> {
  const missed = await runSql<{ id: number }>(
    manager,
    `SELECT c.id FROM action_challenges c
     WHERE c.state = 'open' AND c.rounds = 1 AND c.created_at >= :since
       AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.kind = 'challenge_opened' AND r.recipient_key LIKE ('challenge:' || c.id || ':%'))
     ORDER BY c.id`,
    { since: addCalendarDays(date, -MISSED_CHALLENGE_ALERT_DAYS) },
  );
  let planned = 0;
  for (const row of missed) planned += await planChallengeAlerts(manager, Number(row.id), date);
  return planned;
}

/** The ids of a challenge's alerts not sent yet. */
export async function pendingChallengeAlerts(manager: EntityManager, challengeId: number): Promise<number[]> {
  const rows = await runSql<{ id: number }>(
    manager,
    `SELECT id FROM reminders WHERE kind = 'challenge_opened' AND status = 'pending' AND recipient_key LIKE :prefix ORDER BY id`,
    { prefix: `challenge:${challengeId}:%` },
  );
  return rows.map((row) => Number(row.id));
}

async function alertsPlanned(manager: EntityManager, challengeId: number): Promise<boolean> {
  const rows = await runSql(manager, `SELECT 1 FROM reminders WHERE kind = 'challenge_opened' AND recipient_key LIKE :prefix`, { prefix: `challenge:${challengeId}:%` });
  return rows.length > 0;
}

/** The team's own addresses and its active members', each once. */
async function teamAddresses(manager: EntityManager, teamId: number): Promise<string[]> {
  const [team] = await runSql<{ emails: string }>(manager, `SELECT emails FROM teams WHERE id = :teamId`, { teamId });
  const members = await runSql<{ email: string }>(
    manager,
    `SELECT u.email FROM users u JOIN role_assignments ra ON ra.user_id = u.id
     WHERE ra.role = 'team_member' AND ra.team_id = :teamId AND u.deactivated_at IS NULL ORDER BY u.id`,
    { teamId },
  );
  const own = team ? parseList(team.emails) : [];
  const seen = new Set<string>();
  return [...own, ...members.map((member) => member.email)].filter((address) => {
    const key = address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function parseList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value === '') return [];
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

function alertRow(authorityCode: string, date: IsoDate, recipientKey: string, owner: { teamId: number } | { contactId: number }, recipients: string[]): Partial<Reminder> {
  return {
    kind: 'challenge_opened',
    recipientKey,
    teamId: 'teamId' in owner ? owner.teamId : null,
    contactId: 'contactId' in owner ? owner.contactId : null,
    authorityCode,
    digestDate: date,
    recipients,
    actionIds: [],
    status: 'pending',
    attempts: 0,
  };
}
