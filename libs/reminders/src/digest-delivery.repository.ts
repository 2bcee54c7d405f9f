import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { idInList, idListParameter, isoDateFromRow, isoDateOrNullFromRow, readSql, runSql, sqlInstant, Team } from '#database';
import { type ActionStatus, ACTIVE_STATUSES, type IsoDate, type Rag } from '#core';
import { LSCB_ADDRESSEES } from './cadence.js';
import type { DigestReason } from './entities/action-reminder-state.entity.js';
import { AuthorityContact } from './entities/authority-contact.entity.js';
import { Reminder, type ReminderStatus } from './entities/reminder.entity.js';
import type { FoundSendMark } from './send-claims.js';
import { LEAD_OFFICER_IS_USER } from './reminder-people.js';

export interface DigestItemRow {
  id: number;
  title: string;
  due_date: string;
  addressee: string;
  reason: DigestReason | null;
  team_name: string | null;
  authority: string;
  authority_name: string;
  format: string;
  published_on: string | null;
  inspection_end: string | null;
  reference: string;
  recommendation: string;
  status: ActionStatus;
  rag_override: Rag | null;
  original_due_date: string;
  due_date_reason: string | null;
  /** The latest journal entry other than the action's creation, read in the same statement. */
  update_kind: string | null;
  update_note: string | null;
  update_changes: string | null;
  update_at: string | Date | null;
}

/** What an attempt writes about a reminder when it ends, whatever happened. */
export interface DeliveryOutcome {
  status: ReminderStatus;
  error: string | null;
  actionIds?: number[];
  messageId?: string | null;
  sentAt?: Date | null;
}

export type ReminderWithAddressee = Reminder & { team?: Team | null; contact?: AuthorityContact | null };

export interface AlertedChallengeRow {
  question: string;
  state: string;
  raised_by_name: string;
  created_at: string | Date;
  action_id: number;
  title: string;
  reference: string | null;
  team_name: string | null;
  authority: string;
}

/** SQL: the action was put in its team's digest today, for its current due date. */
const MARKED_FOR_TEAM_DIGEST = `s.last_digest_on = :date
  AND ((s.last_digest_reason = 'due_soon' AND s.due_soon_notified_for = a.due_date)
    OR (s.last_digest_reason <> 'due_soon' AND s.overdue_notified_for = a.due_date))`;

/** SQL: the action is the person's, through a team they are a member of or as its lead officer. */
const THEIRS = `(a.team_id IN (SELECT ra.team_id FROM role_assignments ra WHERE ra.user_id = :userId AND ra.role = 'team_member')
  OR (a.lead_officer IS NOT NULL AND EXISTS (SELECT 1 FROM users u WHERE u.id = :userId AND ${LEAD_OFFICER_IS_USER})))`;

/**
 * The reads and writes of a reminder's delivery. Every statement binds its values (`readSql`), so
 * each is prepared once and serves every digest; the writes take the manager of the group commit
 * the service runs them in.
 */
@Injectable()
export class DigestDeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The reminder with the name of its team or contact, in one statement prepared once. */
  async reminder(reminderId: number): Promise<ReminderWithAddressee | null> {
    const [row] = await readSql<{
      id: number; kind: Reminder['kind']; recipient_key: string; team_id: number | null; contact_id: number | null; authority_code: string;
      digest_date: string | Date; recipients: string; status: ReminderStatus; attempts: number;
      team_name: string | null; contact_name: string | null; contact_role: AuthorityContact['role'] | null; contact_email: string | null;
    }>(
      this.dataSource,
      `SELECT r.id, r.kind, r.recipient_key, r.team_id, r.contact_id, r.authority_code, r.digest_date, r.recipients, r.status, r.attempts,
              t.name AS team_name, c.name AS contact_name, c.role AS contact_role, c.email AS contact_email
       FROM reminders r LEFT JOIN teams t ON t.id = r.team_id LEFT JOIN authority_contacts c ON c.id = r.contact_id
       WHERE r.id = :reminderId`,
      { reminderId },
    );
    if (!row) return null;
    const teamId = row.team_id === null ? null : Number(row.team_id);
    const contactId = row.contact_id === null ? null : Number(row.contact_id);
    return Object.assign(new Reminder(), {
      id: Number(row.id),
      kind: row.kind,
      recipientKey: row.recipient_key,
      teamId,
      contactId,
      authorityCode: row.authority_code,
      digestDate: isoDateFromRow(row.digest_date),
      recipients: JSON.parse(row.recipients) as string[],
      actionIds: [],
      status: row.status,
      attempts: Number(row.attempts),
      team: teamId !== null && row.team_name !== null ? Object.assign(new Team(), { id: teamId, name: row.team_name, authorityCode: row.authority_code }) : null,
      contact:
        contactId !== null && row.contact_name !== null
          ? Object.assign(new AuthorityContact(), { id: contactId, name: row.contact_name, role: row.contact_role!, email: row.contact_email!, authorityCode: row.authority_code })
          : null,
    });
  }

  /** The reminder with its team and contact as whole entities, for another library's reminders. */
  reminderEntity(reminderId: number): Promise<ReminderWithAddressee | null> {
    return this.dataSource
      .createQueryBuilder(Reminder, 'reminder')
      .leftJoinAndMapOne('reminder.team', Team, 'team', 'team.id = reminder.teamId')
      .leftJoinAndMapOne('reminder.contact', AuthorityContact, 'contact', 'contact.id = reminder.contactId')
      .where('reminder.id = :reminderId', { reminderId })
      .getOne();
  }


  /** The send marks of a reminder, and whether each is still claimed at `now`. */
  async sendMarks(reminderId: number, now: Date): Promise<FoundSendMark[]> {
    const rows = await readSql<{ recipient: string; state: FoundSendMark['state']; held: number | string }>(
      this.dataSource,
      `SELECT m.recipient, m.state, CASE WHEN m.claimed_until > :now THEN 1 ELSE 0 END AS held
       FROM reminder_send_marks m WHERE m.reminder_id = :reminderId`,
      { reminderId, now },
    );
    return rows.map((row) => ({ recipient: row.recipient, state: row.state, held: Number(row.held) === 1 }));
  }

  /**
   * Writes a new `sending` mark claimed until `claimedUntil`; true when this write made it. Two
   * attempts that both found no mark both try, and only RETURNING tells which of them won.
   */
  async claimNew(manager: EntityManager, reminderId: number, recipient: string, claimedUntil: Date): Promise<boolean> {
    const won = await readSql<{ recipient: string }>(
      manager,
      `INSERT INTO reminder_send_marks (reminder_id, recipient, state, reference, provider_id, claimed_until)
       VALUES (:reminderId, :recipient, 'sending', :reference, NULL, :claimedUntil)
       ON CONFLICT DO NOTHING RETURNING recipient`,
      { reminderId, recipient, reference: `reminder-${reminderId}`, claimedUntil },
    );
    return won.length > 0;
  }

  /** Takes over a `sending` mark whose claim ran out by `now` or was let go; true when this write took it. */
  async takeOver(manager: EntityManager, reminderId: number, recipient: string, claimedUntil: Date, now: Date): Promise<boolean> {
    const won = await readSql<{ recipient: string }>(
      manager,
      `UPDATE reminder_send_marks SET claimed_until = :claimedUntil, updated_at = CURRENT_TIMESTAMP
       WHERE reminder_id = :reminderId AND recipient = :recipient AND state = 'sending' AND (claimed_until IS NULL OR claimed_until <= :now)
       RETURNING recipient`,
      { reminderId, recipient, claimedUntil, now },
    );
    return won.length > 0;
  }

  /** Lets go of an address whose send failed, so the next attempt takes it over at once. */
  async release(manager: EntityManager, reminderId: number, address: string): Promise<void> {
    await readSql(manager, `UPDATE reminder_send_marks SET claimed_until = NULL, updated_at = CURRENT_TIMESTAMP WHERE reminder_id = :reminderId AND recipient = :address AND state = 'sending'`, {
      reminderId,
      address,
    });
  }

  async markSent(manager: EntityManager, reminderId: number, address: string, providerId: string): Promise<void> {
    await readSql(manager, `UPDATE reminder_send_marks SET state = 'sent', provider_id = :providerId, updated_at = CURRENT_TIMESTAMP WHERE reminder_id = :reminderId AND recipient = :address`, {
      providerId,
      reminderId,
      address,
    });
  }

  /** The outcome of an attempt; a reminder already settled is never reopened. */
  async recordOutcome(manager: EntityManager, reminderId: number, outcome: DeliveryOutcome): Promise<void> {
    const sets = ['status = :status', 'error = :error', 'attempts = attempts + 1', 'updated_at = CURRENT_TIMESTAMP'];
    if (outcome.actionIds) sets.push('action_ids = :actionIds');
    if (outcome.messageId !== undefined) sets.push('message_id = :messageId');
    if (outcome.sentAt !== undefined) sets.push('sent_at = :sentAt');
    await readSql(manager, `UPDATE reminders SET ${sets.join(', ')} WHERE id = :id AND status = 'pending'`, {
      id: reminderId,
      status: outcome.status,
      error: outcome.error,
      // The column is simple-json: the same text TypeORM would write.
      actionIds: outcome.actionIds ? JSON.stringify(outcome.actionIds) : null,
      messageId: outcome.messageId ?? null,
      sentAt: outcome.sentAt ? sqlInstant(manager, outcome.sentAt) : null,
    });
  }

  /**
   * Which of a team's addresses (lower-cased) belong to people who hear about the team's actions in
   * their own digest: members of the team, and anyone with a personal digest that day.
   */
  async personalAddresses(addresses: string[], teamId: number | null, date: IsoDate): Promise<Set<string>> {
    const people = await readSql<{ email: string }>(
      this.dataSource,
      `SELECT u.email FROM users u
       WHERE u.email IN (:...addresses)
         AND (u.id IN (SELECT ra.user_id FROM role_assignments ra WHERE ra.role = 'team_member' AND ra.team_id = :teamId)
           OR 'user:' || u.id IN (SELECT r.recipient_key FROM reminders r WHERE r.digest_date = :date AND r.kind = 'personal_digest'))`,
      { addresses, teamId, date },
    );
    return new Set(people.map((person) => person.email));
  }

  /** A challenge with its action, team and council, for its alert. */
  async challenge(challengeId: number): Promise<AlertedChallengeRow | null> {
    const [row] = await runSql<AlertedChallengeRow>(
      this.dataSource,
      `SELECT c.question, c.state, c.raised_by_name, c.created_at, a.id AS action_id, a.title, rec.reference, t.name AS team_name, au.name AS authority
       FROM action_challenges c
       JOIN actions a ON a.id = c.action_id
       JOIN authorities au ON au.code = a.authority_code
       LEFT JOIN recommendations rec ON rec.id = a.recommendation_id
       LEFT JOIN teams t ON t.id = a.team_id
       WHERE c.id = :challengeId`,
      { challengeId },
    );
    return row ?? null;
  }

  /** An active person's name and digest choice; null for a deactivated or deleted account. */
  async person(userId: number): Promise<{ display_name: string; digest: string | null; unsubscribe_token: string | null } | null> {
    const [person] = await readSql<{ display_name: string; digest: string | null; unsubscribe_token: string | null }>(
      this.dataSource,
      `SELECT u.display_name, p.digest, p.unsubscribe_token FROM users u LEFT JOIN reminder_preferences p ON p.user_id = u.id WHERE u.id = :userId AND u.deactivated_at IS NULL`,
      { userId },
    );
    return person ?? null;
  }

  /** A person's actions put in their teams' digests today. */
  markedForPerson(userId: number, date: IsoDate): Promise<DigestItemRow[]> {
    return this.items(`${MARKED_FOR_TEAM_DIGEST} AND ${THEIRS}`, { userId, date });
  }

  /** A person's open actions due by `until`, for a weekly digest. */
  dueForPerson(userId: number, until: IsoDate): Promise<DigestItemRow[]> {
    return this.items(`a.due_date <= :until AND ${THEIRS}`, { userId, until });
  }

  /** A team's actions put in its digest today. */
  markedForTeam(teamId: number, date: IsoDate): Promise<DigestItemRow[]> {
    return this.items(`s.last_digest_team_id = :teamId AND a.team_id = :teamId AND ${MARKED_FOR_TEAM_DIGEST}`, { date, teamId });
  }

  /** A council's actions escalated today, only those addressed to the LSCB when `lscbOnly`. */
  escalated(authorityCode: string, date: IsoDate, lscbOnly: boolean): Promise<DigestItemRow[]> {
    return this.items(
      `s.escalation_last_notified_on = :date AND s.escalation_notified_for = a.due_date AND a.authority_code = :authority
       ${lscbOnly ? 'AND a.addressee IN (:...lscbAddressees)' : ''}`,
      { date, authority: authorityCode, lscbAddressees: LSCB_ADDRESSEES },
    );
  }

  /**
   * The questions of the listed actions' challenges not closed yet, in one read for the whole
   * digest. The ids go in as one list parameter, so the statement is the same whatever their number
   * and stays prepared (a list of placeholders would be a new statement for every digest's length).
   */
  async openChallenges(actionIds: number[]): Promise<Map<number, string[]>> {
    const challenges = new Map<number, string[]>();
    if (actionIds.length === 0) return challenges;
    const open = await readSql<{ action_id: number; question: string }>(
      this.dataSource,
      `SELECT c.action_id, c.question FROM action_challenges c WHERE ${idInList(this.dataSource, 'c.action_id', ':ids')} AND c.state <> 'closed' ORDER BY c.id`,
      { ids: idListParameter(this.dataSource, actionIds) },
    );
    for (const row of open) challenges.set(Number(row.action_id), [...(challenges.get(Number(row.action_id)) ?? []), row.question]);
    return challenges;
  }

  /** Open actions with their report, picked by a condition on the action and its reminder state. */
  private async items(condition: string, parameters: ObjectLiteral): Promise<DigestItemRow[]> {
    const rows = await readSql<DigestItemRow>(
      this.dataSource,
      `SELECT a.id, a.title, a.due_date, a.addressee, s.last_digest_reason AS reason, t.name AS team_name, au.name AS authority,
              r.authority_name, r.format, r.published_on, r.inspection_end, rec.reference, rec.text AS recommendation,
              a.status, a.rag_override, a.original_due_date, a.due_date_reason,
              lu.kind AS update_kind, lu.note AS update_note, lu.changes AS update_changes, lu.created_at AS update_at
       FROM actions a
       LEFT JOIN action_reminder_states s ON s.action_id = a.id
       JOIN authorities au ON au.code = a.authority_code
       JOIN reports r ON r.id = a.report_id
       JOIN recommendations rec ON rec.id = a.recommendation_id
       LEFT JOIN teams t ON t.id = a.team_id
       LEFT JOIN action_updates lu ON lu.id = (SELECT MAX(x.id) FROM action_updates x WHERE x.action_id = a.id AND x.kind <> 'created')
       WHERE a.status IN (:...open) AND ${condition}
       ORDER BY a.due_date, a.id`,
      { ...parameters, open: ACTIVE_STATUSES },
    );
    return rows.map((row) => ({
      ...row,
      id: Number(row.id),
      due_date: isoDateFromRow(row.due_date),
      original_due_date: isoDateFromRow(row.original_due_date),
      published_on: isoDateOrNullFromRow(row.published_on),
      inspection_end: isoDateOrNullFromRow(row.inspection_end),
    }));
  }
}
