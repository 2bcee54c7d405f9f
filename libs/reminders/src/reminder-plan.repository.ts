import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { runSql, sqlDate } from '#database';
import { type IsoDate, ACTIVE_STATUSES } from '#core';
import { LSCB_ADDRESSEES, type SweepWindow } from './cadence.js';
import type { ContactRole } from './entities/authority-contact.entity.js';
import { Reminder, type ReminderKind } from './entities/reminder.entity.js';
import { ReminderSweep } from './entities/reminder-sweep.entity.js';
import { ReminderPreference, type DigestFrequency } from './entities/reminder-preference.entity.js';
import { isoWeekdayOf, LEAD_OFFICER_IS_USER, newUnsubscribeToken, TEAMS_WITH_MEMBERS, wantsDigestOn } from './reminder-people.js';

export const ESCALATION_KINDS: ReminderKind[] = ['board_escalation', 'lscb_escalation'];

export interface PendingReminder {
  id: number;
  kind: ReminderKind;
  teamId: number | null;
  contactId: number | null;
  digestDate: IsoDate;
}

/** A chair to tell about today's escalations. */
export interface ContactToTell {
  id: number;
  authority_code: string;
  role: ContactRole;
  email: string;
}

export interface ReminderCounts {
  team: number;
  escalation: number;
}

export type NewReminder = Pick<Reminder, 'kind' | 'recipientKey' | 'teamId' | 'contactId' | 'authorityCode' | 'digestDate' | 'recipients' | 'actionIds' | 'status' | 'attempts'>;

/**
 * The reminder plan's reads and writes. Each is one set-based statement over all actions at once
 * (a million actions plan in seconds); the planner runs them in one transaction.
 */
@Injectable()
export class ReminderPlanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every reminder of the day still to send, whichever run planned it: queued again after a crash. */
  async pendingReminders(date: IsoDate): Promise<PendingReminder[]> {
    const rows = await this.dataSource
      .createQueryBuilder(Reminder, 'reminder')
      .select(['reminder.id', 'reminder.kind', 'reminder.teamId', 'reminder.contactId', 'reminder.digestDate'])
      .where('reminder.digestDate = :date AND reminder.status = :status', { date, status: 'pending' })
      .orderBy('reminder.id')
      .getMany();
    return rows.map(({ id, kind, teamId, contactId, digestDate }) => ({ id, kind, teamId, contactId, digestDate }));
  }

  /**
   * The first write of the transaction, on the day's row: concurrent sweeps of the same day queue
   * behind it (SQLite's write lock, PostgreSQL's row lock) and then see what the first one planned.
   */
  async claimDay(manager: EntityManager, date: IsoDate, now: Date): Promise<void> {
    await manager.createQueryBuilder().insert().into(ReminderSweep).values({ digestDate: date, runs: 0, lastRunAt: now, teamDigests: 0, escalationDigests: 0 }).orIgnore().updateEntity(false).execute();
    await manager
      .createQueryBuilder()
      .update(ReminderSweep)
      .set({ runs: () => 'runs + 1', lastRunAt: now })
      .where('digestDate = :date', { date })
      .execute();
  }

  /**
   * Marks, in one pass over the open actions, those going into their team's digest and those
   * going to the chairs, so each state row is written once:
   * - team digest: overdue (the first working day overdue, then every OVERDUE_REPEAT_DAYS) or
   *   coming inside the due-soon window (once per due date), owned by a team with someone to tell
   *   (an address of its own, a member, or a lead officer who is a user) and no digest yet that day;
   * - escalation: overdue by more than ESCALATION_WORKING_DAYS working days, first when it crosses
   *   the line and then every ESCALATION_REPEAT_DAYS, in an authority with a chair to tell about
   *   it and no escalation yet that day. Owned by a team or not: an unassigned late action is
   *   exactly what the board must hear about.
   * A row keeps its previous values for whatever does not apply today. Rows go in in id order:
   * appending to the table is much cheaper than inserting all over it.
   */
  markActions(manager: EntityManager, window: SweepWindow): Promise<unknown> {
    const date = sqlDate(this.dataSource, ':date');
    return runSql(
      manager,
      `INSERT INTO action_reminder_states
         (action_id, due_soon_notified_for, overdue_notified_for, overdue_last_notified_on,
          last_digest_on, last_digest_team_id, last_digest_reason, escalation_notified_for, escalation_last_notified_on)
       SELECT c.id,
         CASE WHEN c.digest AND c.due_date >= :date THEN c.due_date ELSE c.due_soon_notified_for END,
         CASE WHEN c.digest AND c.due_date < :date THEN c.due_date ELSE c.overdue_notified_for END,
         CASE WHEN c.digest AND c.due_date < :date THEN ${date} ELSE c.overdue_last_notified_on END,
         CASE WHEN c.digest THEN ${date} ELSE c.last_digest_on END,
         CASE WHEN c.digest THEN c.team_id ELSE c.last_digest_team_id END,
         CASE WHEN c.digest THEN
           CASE WHEN c.due_date >= :date THEN 'due_soon'
                WHEN c.overdue_notified_for = c.due_date AND c.overdue_last_notified_on IS NOT NULL THEN 'overdue_repeat'
                ELSE 'overdue_first' END
         ELSE c.last_digest_reason END,
         CASE WHEN c.escalate THEN c.due_date ELSE c.escalation_notified_for END,
         CASE WHEN c.escalate THEN ${date} ELSE c.escalation_last_notified_on END
       FROM (
         SELECT a.id, a.due_date, a.team_id,
           s.due_soon_notified_for, s.overdue_notified_for, s.overdue_last_notified_on, s.last_digest_on,
           s.last_digest_team_id, s.last_digest_reason, s.escalation_notified_for, s.escalation_last_notified_on,
           (t.id IS NOT NULL
             AND (t.emails <> '[]' OR t.id IN (${TEAMS_WITH_MEMBERS})
                  OR (a.lead_officer IS NOT NULL AND EXISTS (SELECT 1 FROM users u WHERE ${LEAD_OFFICER_IS_USER})))
             AND a.team_id NOT IN (SELECT d.last_digest_team_id FROM action_reminder_states d WHERE d.last_digest_on = :date AND d.last_digest_team_id IS NOT NULL)
             AND ((a.due_date >= :date AND (s.due_soon_notified_for IS NULL OR s.due_soon_notified_for <> a.due_date))
               OR (a.due_date < :date AND (s.overdue_notified_for IS NULL OR s.overdue_notified_for <> a.due_date
                                           OR s.overdue_last_notified_on IS NULL OR s.overdue_last_notified_on <= :repeatBy)))) AS digest,
           (a.due_date < :escalateBefore
             AND a.authority_code NOT IN (SELECT r.authority_code FROM reminders r WHERE r.digest_date = :date AND r.kind IN (:...escalationKinds))
             AND (a.authority_code IN (SELECT ct.authority_code FROM authority_contacts ct WHERE ct.role = 'board_chair')
               OR (a.addressee IN (:...lscbAddressees) AND a.authority_code IN (SELECT ct.authority_code FROM authority_contacts ct WHERE ct.role = 'lscb_chair')))
             AND (s.escalation_notified_for IS NULL OR s.escalation_notified_for <> a.due_date
                  OR s.escalation_last_notified_on IS NULL OR s.escalation_last_notified_on <= :escalationRepeatBy)) AS escalate
         FROM actions a
         LEFT JOIN teams t ON t.id = a.team_id
         LEFT JOIN action_reminder_states s ON s.action_id = a.id
         WHERE a.status IN (:...open) AND a.due_date <= :dueSoonUntil
       ) c
       WHERE c.digest OR c.escalate
       ORDER BY c.id
       ON CONFLICT (action_id) DO UPDATE SET
         due_soon_notified_for = excluded.due_soon_notified_for,
         overdue_notified_for = excluded.overdue_notified_for,
         overdue_last_notified_on = excluded.overdue_last_notified_on,
         last_digest_on = excluded.last_digest_on,
         last_digest_team_id = excluded.last_digest_team_id,
         last_digest_reason = excluded.last_digest_reason,
         escalation_notified_for = excluded.escalation_notified_for,
         escalation_last_notified_on = excluded.escalation_last_notified_on`,
      {
        date: window.date,
        dueSoonUntil: window.dueSoonUntil,
        repeatBy: window.overdueRepeatOnOrBefore,
        escalateBefore: window.escalateIfDueBefore,
        escalationRepeatBy: window.escalationRepeatOnOrBefore,
        open: ACTIVE_STATUSES,
        escalationKinds: ESCALATION_KINDS,
        lscbAddressees: LSCB_ADDRESSEES,
      },
    );
  }

  /**
   * One pending personal digest for every person who qualifies today, however many ways they do:
   * - daily (the default): a member of a team with actions marked today, or the lead officer of one;
   * - weekly, on their weekday only: a member or lead officer of any open action overdue or due soon;
   * - none: nothing (escalations and challenges are not digests and still go).
   * Each gets a preference row with its unsubscribe secret when it has none yet.
   */
  async addPersonalReminders(manager: EntityManager, window: SweepWindow): Promise<void> {
    const date = window.date;
    const people = new Map<number, { email: string; authorityCode: string }>();
    const preferences = `LEFT JOIN reminder_preferences p ON p.user_id = u.id`;
    type Row = { user_id: number; email: string; authority_code: string; digest: DigestFrequency | null; weekday: number | null };
    const take = (rows: Row[], frequency: DigestFrequency) => {
      for (const row of rows) {
        if ((row.digest ?? 'daily') !== frequency || !wantsDigestOn(row, date)) continue;
        if (!people.has(Number(row.user_id))) people.set(Number(row.user_id), { email: row.email, authorityCode: row.authority_code });
      }
    };
    // Daily: what was marked today for a team they belong to, or for an action they lead.
    take(
      await runSql<Row>(
        manager,
        `SELECT DISTINCT u.id AS user_id, u.email, t.authority_code, p.digest, p.weekday
         FROM role_assignments ra JOIN users u ON u.id = ra.user_id JOIN teams t ON t.id = ra.team_id ${preferences}
         WHERE ra.role = 'team_member' AND u.deactivated_at IS NULL
           AND ra.team_id IN (SELECT s.last_digest_team_id FROM action_reminder_states s WHERE s.last_digest_on = :date)`,
        { date },
      ),
      'daily',
    );
    take(
      await runSql<Row>(
        manager,
        `SELECT DISTINCT u.id AS user_id, u.email, a.authority_code, p.digest, p.weekday
         FROM action_reminder_states s JOIN actions a ON a.id = s.action_id JOIN users u ON ${LEAD_OFFICER_IS_USER} ${preferences}
         WHERE s.last_digest_on = :date AND a.lead_officer IS NOT NULL`,
        { date },
      ),
      'daily',
    );
    // Weekly, on their day: everything of theirs that is overdue or due soon now.
    const open = { open: ACTIVE_STATUSES, until: window.dueSoonUntil, weekday: isoWeekdayOf(date) };
    take(
      await runSql<Row>(
        manager,
        `SELECT DISTINCT u.id AS user_id, u.email, t.authority_code, p.digest, p.weekday
         FROM role_assignments ra JOIN users u ON u.id = ra.user_id JOIN teams t ON t.id = ra.team_id JOIN reminder_preferences p ON p.user_id = u.id
         WHERE ra.role = 'team_member' AND u.deactivated_at IS NULL AND p.digest = 'weekly' AND p.weekday = :weekday
           AND EXISTS (SELECT 1 FROM actions a WHERE a.team_id = ra.team_id AND a.status IN (:...open) AND a.due_date <= :until)`,
        open,
      ),
      'weekly',
    );
    take(
      await runSql<Row>(
        manager,
        `SELECT DISTINCT u.id AS user_id, u.email, a.authority_code, p.digest, p.weekday
         FROM reminder_preferences p JOIN users u ON u.id = p.user_id JOIN actions a ON ${LEAD_OFFICER_IS_USER}
         WHERE p.digest = 'weekly' AND p.weekday = :weekday AND a.lead_officer IS NOT NULL AND a.status IN (:...open) AND a.due_date <= :until`,
        open,
      ),
      'weekly',
    );
    if (people.size === 0) return;
    const userIds = [...people.keys()];
    for (let start = 0; start < userIds.length; start += 200) {
      const batch = userIds.slice(start, start + 200);
      await manager
        .createQueryBuilder()
        .insert()
        .into(ReminderPreference)
        .values(batch.map((userId) => ({ userId, digest: 'daily' as const, weekday: null, unsubscribeToken: newUnsubscribeToken() })))
        .orIgnore()
        .updateEntity(false)
        .execute();
      await manager
        .createQueryBuilder()
        .insert()
        .into(Reminder)
        .values(
          batch.map((userId) => ({
            kind: 'personal_digest' as const,
            recipientKey: `user:${userId}`,
            teamId: null,
            contactId: null,
            authorityCode: people.get(userId)!.authorityCode,
            digestDate: date,
            recipients: [people.get(userId)!.email],
            actionIds: [],
            status: 'pending' as const,
            attempts: 0,
          })),
        )
        .orIgnore()
        .updateEntity(false)
        .execute();
    }
  }

  /** One pending digest for every team that had an action marked today, has addresses of its own and no digest yet. */
  addTeamReminders(manager: EntityManager, date: IsoDate): Promise<unknown> {
    return runSql(
      manager,
      `INSERT INTO reminders (kind, recipient_key, team_id, authority_code, digest_date, recipients, action_ids, status, attempts)
       SELECT 'team_digest', 'team:' || t.id, t.id, t.authority_code, ${sqlDate(this.dataSource, ':date')}, t.emails, '[]', 'pending', 0
       FROM teams t
       WHERE t.emails <> '[]' AND t.id IN (SELECT s.last_digest_team_id FROM action_reminder_states s WHERE s.last_digest_on = :date)
         AND t.id NOT IN (SELECT r.team_id FROM reminders r WHERE r.digest_date = :date AND r.kind = 'team_digest' AND r.team_id IS NOT NULL)
       ON CONFLICT DO NOTHING`,
      { date },
    );
  }

  /**
   * Every board chair of an authority with an escalation today, and every LSCB chair of one with
   * an escalated action addressed to the LSCB or the partnership, who has no escalation yet that day.
   */
  contactsToTell(manager: EntityManager, date: IsoDate): Promise<ContactToTell[]> {
    const escalatedToday = `SELECT a.authority_code FROM action_reminder_states s JOIN actions a ON a.id = s.action_id WHERE s.escalation_last_notified_on = :date`;
    return runSql<ContactToTell>(
      manager,
      `SELECT c.id, c.authority_code, c.role, c.email
       FROM authority_contacts c
       WHERE c.authority_code NOT IN (SELECT r.authority_code FROM reminders r WHERE r.digest_date = :date AND r.kind IN (:...escalationKinds))
         AND (
           (c.role = 'board_chair' AND c.authority_code IN (${escalatedToday}))
           OR (c.role = 'lscb_chair' AND c.authority_code IN (${escalatedToday} AND a.addressee IN (:...lscbAddressees)))
         )
       ORDER BY c.id`,
      { date, escalationKinds: ESCALATION_KINDS, lscbAddressees: LSCB_ADDRESSEES },
    );
  }

  /** Adds reminders, leaving out any that already exist (same recipient and day). */
  async addReminders(manager: EntityManager, rows: NewReminder[]): Promise<void> {
    for (let start = 0; start < rows.length; start += 200) {
      await manager.createQueryBuilder().insert().into(Reminder).values(rows.slice(start, start + 200)).orIgnore().updateEntity(false).execute();
    }
  }

  async recordCounts(manager: EntityManager, date: IsoDate, counts: ReminderCounts): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(ReminderSweep)
      .set({ teamDigests: counts.team, escalationDigests: counts.escalation })
      .where('digestDate = :date', { date })
      .execute();
  }

  async countByKind(manager: EntityManager, date: IsoDate): Promise<ReminderCounts> {
    const rows: { kind: ReminderKind; count: string | number }[] = await manager
      .createQueryBuilder(Reminder, 'reminder')
      .select('reminder.kind', 'kind')
      .addSelect('COUNT(*)', 'count')
      .where('reminder.digestDate = :date', { date })
      .groupBy('reminder.kind')
      .getRawMany();
    const count = (kinds: ReminderKind[]) => rows.filter((row) => kinds.includes(row.kind)).reduce((sum, row) => sum + Number(row.count), 0);
    return { team: count(['team_digest']), escalation: count(ESCALATION_KINDS) };
  }
}
