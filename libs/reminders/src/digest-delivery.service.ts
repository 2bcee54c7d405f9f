import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, ObjectLiteral } from 'typeorm';
import { AppConfig } from '#config';
import { addCalendarDays, deriveRag, workingDaysBetween } from '#deadlines';
import { GroupCommit, idInList, idListParameter, isoDateFromRow, isoDateOrNullFromRow, readSql, runSql, sqlInstant, Team, UnitOfWork } from '#database';
import { LSCB_ADDRESSEES } from './cadence.js';
import { actionLink, composeEscalationDigest, composePersonalDigest, composeTeamDigest, type DigestEmail, type DigestItem } from './digest-composer.js';
import type { DigestReason } from './entities/action-reminder-state.entity.js';
import { AuthorityContact } from './entities/authority-contact.entity.js';
import { Reminder, type ReminderStatus } from './entities/reminder.entity.js';
import { ReminderSendMark } from './entities/reminder-send-mark.entity.js';
import { classifyMailError, MailTransport } from './mail.transport.js';
import { type ActionStatus, Clock, type IsoDate, ACTIVE_STATUSES, type Rag, STATUS_WORDING } from '#core';
import { ReminderException } from './reminder.exception.js';
import { LEAD_OFFICER_IS_USER } from './reminder-people.js';
import { REMINDER_EXTENSIONS, type ReminderExtension } from './reminder-extension.js';
import { challengeOfAlertKey, composeChallengeAlert } from './challenge-alert.js';

export interface DeliveryAttempt {
  /** No retry follows this attempt if it fails. */
  isLast: boolean;
}

export type DeliveryResult =
  | { outcome: 'sent'; reminderId: number; messageId: string; actionIds: number[]; rejected: string[] }
  | { outcome: 'skipped'; reminderId: number; reason: string };

interface ItemRow {
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

type ComposedEmail = DigestEmail & { actionIds: number[]; unsubscribeUrl?: string };

interface Outcome {
  status: ReminderStatus;
  error: string | null;
  actionIds?: number[];
  messageId?: string | null;
  sentAt?: Date | null;
}

/** A path of the site as a full link, from PUBLIC_URL with or without a trailing slash. */
export function siteLink(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/(?<!\/)\/+$/, '')}${path}`;
}

/** The one-click unsubscribe link of a person's digest: no sign-in, changes that one preference only. */
export function unsubscribeLink(publicUrl: string, token: string): string {
  return siteLink(publicUrl, `/unsubscribe/${encodeURIComponent(token)}`);
}

function isoDateOfTimestamp(value: string | Date): IsoDate {
  const date = value instanceof Date ? value : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
  return date.toISOString().slice(0, 10);
}

/** A journal entry in a few words: its note, else what it changed (its changes are parsed only then). */
function updateText(row: { kind: string; note: string | null; changes: string | null }): string {
  if (row.note) return row.note;
  let changes: { field: string; to: unknown }[] = [];
  try {
    changes = JSON.parse(row.changes ?? '[]') as { field: string; to: unknown }[];
  } catch {
    changes = [];
  }
  const status = changes.find((change) => change.field === 'status');
  if (status && typeof status.to === 'string') return `status set to ${STATUS_WORDING[status.to as ActionStatus] ?? status.to}`;
  return changes.length > 0 ? `${changes.map((change) => change.field).join(', ')} changed` : row.kind === 'review' ? 'reviewed' : 'updated';
}

/** SQL: the action was put in its team's digest today, for its current due date. */
const MARKED_FOR_TEAM_DIGEST = `s.last_digest_on = :date
  AND ((s.last_digest_reason = 'due_soon' AND s.due_soon_notified_for = a.due_date)
    OR (s.last_digest_reason <> 'due_soon' AND s.overdue_notified_for = a.due_date))`;

/**
 * Sends one planned reminder. It reads everything again first: an action completed, reassigned
 * or given a new due date since the sweep is left out, and a reminder with nothing left is
 * skipped, not sent. Every attempt, successful or not, ends in the same write to the reminder.
 */
@Injectable()
export class DigestDeliveryService {
  private readonly logger = new Logger(DigestDeliveryService.name);
  /** The jobs a worker runs at once commit their claims and outcomes together: one transaction for many. */
  private readonly writes: GroupCommit;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly transport: MailTransport,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @Optional() @Inject(REMINDER_EXTENSIONS) private readonly extensions: readonly ReminderExtension[] = [],
  ) {
    this.writes = new GroupCommit(unitOfWork);
  }

  async deliver(reminderId: number, attempt: DeliveryAttempt): Promise<DeliveryResult> {
    const found = await this.load(reminderId);
    if (!found) return { outcome: 'skipped', reminderId, reason: 'the reminder no longer exists' };
    if (found.status !== 'pending') return { outcome: 'skipped', reminderId, reason: `already ${found.status}` };

    const extension = (this.extensions ?? []).find((candidate) => candidate.kinds.includes(found.kind));
    // Another library's reminder gets its team and contact as whole entities, as it always has.
    const reminder = extension ? ((await this.loadEntity(reminderId)) ?? found) : found;
    const email: ComposedEmail | null = extension
      ? await extension.compose(reminder, this.config.PUBLIC_URL)
      : reminder.kind === 'challenge_opened'
        ? await this.challengeAlert(reminder)
        : reminder.kind === 'team_digest'
        ? await this.teamDigest(reminder)
        : reminder.kind === 'personal_digest'
          ? await this.personalDigest(reminder)
          : await this.escalationDigest(reminder);
    if (!email) {
      const reason = 'nothing left to remind about: every action it would list was completed, reassigned or given a new due date';
      await this.record(reminder.id, { status: 'skipped', error: reason, actionIds: [] });
      return { outcome: 'skipped', reminderId, reason };
    }

    const recipients = reminder.kind === 'team_digest' ? await this.teamAddresses(reminder) : reminder.recipients;
    if (recipients.length === 0) {
      const reason = "every address of the team is a person's own, who gets their own digest";
      await this.record(reminder.id, { status: 'skipped', error: reason, actionIds: [] });
      return { outcome: 'skipped', reminderId, reason };
    }
    const { toSend, unsettled, claimedElsewhere } = await this.claimRecipients(reminder, recipients);
    if (toSend.length === 0 && claimedElsewhere) {
      // Another worker holds the same job (its lock expired and it was handed out again): that
      // attempt sends and records the outcome; recording one here could settle a send that fails.
      // Retried later, this attempt finds the reminder settled, or takes over from one that died.
      const reason = 'another attempt is sending it';
      if (attempt.isLast) return { outcome: 'skipped', reminderId, reason };
      throw ReminderException.deferred(reminderId, reason);
    }
    if (toSend.length === 0) {
      await this.record(reminder.id, { status: 'sent', error: null, actionIds: email.actionIds, sentAt: this.clock.now() });
      return { outcome: 'skipped', reminderId, reason: 'every address was already served by an earlier attempt' };
    }
    try {
      const receipt = await this.transport.send({
        from: this.config.MAIL_FROM,
        to: toSend,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: messageIdOf(reminder, this.config.PUBLIC_URL),
        headers: {
          // Asks mail systems not to send out-of-office replies to an unattended address.
          'Auto-Submitted': 'auto-generated',
          'X-Improvement-Tracker-Reminder': `${reminder.kind}/${reminder.id}`,
          // One-click unsubscribe (RFC 8058) for the digests a person may turn off.
          ...(email.unsubscribeUrl ? { 'List-Unsubscribe': `<${email.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
        },
        unsubscribeUrl: email.unsubscribeUrl,
        reference: `reminder-${reminder.id}`,
        unsettled,
        template: reminder.kind === 'team_digest' || reminder.kind === 'personal_digest' ? 'digest' : 'escalation',
      });
      const refused = receipt.rejected.length > 0 ? `refused by the mail server: ${receipt.rejected.join(', ')}` : null;
      await this.record(
        reminder.id,
        { status: 'sent', error: refused, actionIds: email.actionIds, messageId: receipt.messageId, sentAt: this.clock.now() },
        receipt.accepted.map((address) => ({ address, providerId: receipt.providerIds?.[address] ?? receipt.messageId })),
      );
      return { outcome: 'sent', reminderId, messageId: receipt.messageId, actionIds: email.actionIds, rejected: receipt.rejected };
    } catch (error) {
      const failure = classifyMailError(error);
      const final = failure.permanent || attempt.isLast;
      // Letting go of the addresses lets the retry take them over at once (asking the provider first).
      await this.record(reminder.id, { status: final ? 'failed' : 'pending', error: failure.reason, actionIds: email.actionIds }, [], toSend);
      this.logger.warn({ message: final ? 'Reminder failed' : 'Reminder will be retried', reminderId, kind: reminder.kind, permanent: failure.permanent, reason: failure.reason });
      throw failure.permanent ? ReminderException.failed(reminderId, failure.reason) : ReminderException.deferred(reminderId, failure.reason);
    }
  }

  /** The reminder with the name of its team or contact, in one statement prepared once. */
  private async load(reminderId: number): Promise<(Reminder & { team?: Team | null; contact?: AuthorityContact | null }) | null> {
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

  private loadEntity(reminderId: number): Promise<(Reminder & { team?: Team | null; contact?: AuthorityContact | null }) | null> {
    return this.dataSource
      .createQueryBuilder(Reminder, 'reminder')
      .leftJoinAndMapOne('reminder.team', Team, 'team', 'team.id = reminder.teamId')
      .leftJoinAndMapOne('reminder.contact', AuthorityContact, 'contact', 'contact.id = reminder.contactId')
      .where('reminder.id = :reminderId', { reminderId })
      .getOne();
  }

  /**
   * Claims every address before the message leaves, with a `sending` mark held until the worker's
   * lock would run out. An address whose mark is still claimed by another attempt is left to it
   * (that attempt may be waiting for the provider's answer); one whose claim ran out or was let go
   * is taken over, by one attempt only, and returned as unsettled: the transport may ask its
   * provider about it before sending again.
   */
  private async claimRecipients(
    reminder: Reminder,
    recipients: string[],
  ): Promise<{ toSend: string[]; unsettled: string[]; claimedElsewhere: boolean }> {
    const addresses = [...new Set(recipients)];
    const now = this.clock.now();
    const claimedUntil = new Date(now.getTime() + this.config.WORKER_LOCK_MS);
    const earlier = await readSql<{ recipient: string; state: ReminderSendMark['state']; held: number | string }>(
      this.dataSource,
      `SELECT m.recipient, m.state, CASE WHEN m.claimed_until > :now THEN 1 ELSE 0 END AS held
       FROM reminder_send_marks m WHERE m.reminder_id = :reminderId`,
      { reminderId: reminder.id, now },
    );
    const marks = new Map(earlier.map((mark) => [mark.recipient, mark]));
    const pending = addresses.filter((address) => marks.get(address)?.state !== 'sent');
    const fresh = pending.filter((address) => !marks.has(address));
    const abandoned = pending.filter((address) => marks.get(address)?.state === 'sending' && Number(marks.get(address)!.held) === 0);
    const claimed = new Set<string>();
    const unsettled = new Set<string>();
    if (fresh.length > 0 || abandoned.length > 0) {
      // Hand-written with bound values, like the reads: the statement stays prepared from one digest to the next.
      // Only the attempt whose write wins sends to an address: two workers handed the same job
      // both read the same marks, and only RETURNING tells which of them wrote the claim.
      await this.writes.run(async (manager) => {
        for (const recipient of fresh) {
          const won = await readSql<{ recipient: string }>(
            manager,
            `INSERT INTO reminder_send_marks (reminder_id, recipient, state, reference, provider_id, claimed_until)
             VALUES (:reminderId, :recipient, 'sending', :reference, NULL, :claimedUntil)
             ON CONFLICT DO NOTHING RETURNING recipient`,
            { reminderId: reminder.id, recipient, reference: `reminder-${reminder.id}`, claimedUntil },
          );
          if (won.length > 0) claimed.add(recipient);
        }
        for (const recipient of abandoned) {
          const won = await readSql<{ recipient: string }>(
            manager,
            `UPDATE reminder_send_marks SET claimed_until = :claimedUntil, updated_at = CURRENT_TIMESTAMP
             WHERE reminder_id = :reminderId AND recipient = :recipient AND state = 'sending' AND (claimed_until IS NULL OR claimed_until <= :now)
             RETURNING recipient`,
            { reminderId: reminder.id, recipient, claimedUntil, now },
          );
          if (won.length > 0) {
            claimed.add(recipient);
            unsettled.add(recipient);
          }
        }
      });
    }
    const toSend = pending.filter((address) => claimed.has(address));
    return { toSend, unsettled: toSend.filter((address) => unsettled.has(address)), claimedElsewhere: toSend.length < pending.length };
  }

  /** The one write of an attempt's outcome, whatever it was; a reminder already settled is never reopened. */
  private record(reminderId: number, outcome: Outcome, delivered: { address: string; providerId: string }[] = [], released: string[] = []): Promise<unknown> {
    return this.writes.run(async (manager) => {
      for (const address of released) {
        await readSql(manager, `UPDATE reminder_send_marks SET claimed_until = NULL, updated_at = CURRENT_TIMESTAMP WHERE reminder_id = :reminderId AND recipient = :address AND state = 'sending'`, {
          reminderId,
          address,
        });
      }
      for (const { address, providerId } of delivered) {
        await readSql(manager, `UPDATE reminder_send_marks SET state = 'sent', provider_id = :providerId, updated_at = CURRENT_TIMESTAMP WHERE reminder_id = :reminderId AND recipient = :address`, {
          providerId,
          reminderId,
          address,
        });
      }
      const sets = ['status = :status', 'error = :error', 'attempts = attempts + 1', 'updated_at = CURRENT_TIMESTAMP'];
      if (outcome.actionIds) sets.push('action_ids = :actionIds');
      if (outcome.messageId !== undefined) sets.push('message_id = :messageId');
      if (outcome.sentAt !== undefined) sets.push('sent_at = :sentAt');
      return readSql(manager, `UPDATE reminders SET ${sets.join(', ')} WHERE id = :id AND status = 'pending'`, {
        id: reminderId,
        status: outcome.status,
        error: outcome.error,
        // The column is simple-json: the same text TypeORM would write.
        actionIds: outcome.actionIds ? JSON.stringify(outcome.actionIds) : null,
        messageId: outcome.messageId ?? null,
        sentAt: outcome.sentAt ? sqlInstant(manager, outcome.sentAt) : null,
      });
    });
  }

  /**
   * A team's own addresses, less those of people who hear about the team's actions in their own
   * digest (or chose not to): a person never gets the team's digest as well as their own.
   */
  private async teamAddresses(reminder: Reminder): Promise<string[]> {
    if (reminder.recipients.length === 0) return [];
    const people = await readSql<{ email: string }>(
      this.dataSource,
      `SELECT u.email FROM users u
       WHERE u.email IN (:...addresses)
         AND (u.id IN (SELECT ra.user_id FROM role_assignments ra WHERE ra.role = 'team_member' AND ra.team_id = :teamId)
           OR 'user:' || u.id IN (SELECT r.recipient_key FROM reminders r WHERE r.digest_date = :date AND r.kind = 'personal_digest'))`,
      { addresses: reminder.recipients.map((address) => address.toLowerCase()), teamId: reminder.teamId, date: reminder.digestDate },
    );
    const personal = new Set(people.map((person) => person.email));
    return reminder.recipients.filter((address) => !personal.has(address.toLowerCase()));
  }

  /** A challenge's alert, read afresh: nothing once the challenge is closed or the action gone. */
  private async challengeAlert(reminder: Reminder & { team?: Team | null; contact?: AuthorityContact | null }): Promise<ComposedEmail | null> {
    const challengeId = challengeOfAlertKey(reminder.recipientKey);
    if (challengeId === null) return null;
    const [row] = await runSql<{ question: string; state: string; raised_by_name: string; created_at: string | Date; action_id: number; title: string; reference: string | null; team_name: string | null; authority: string }>(
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
    if (!row || row.state === 'closed') return null;
    const toTeam = reminder.teamId !== null;
    const addresseeName = toTeam ? (reminder.team?.name ?? row.team_name) : reminder.contact?.name;
    if (!addresseeName) return null;
    const email = composeChallengeAlert({
      addresseeName,
      addressee: toTeam ? 'team' : 'board_chair',
      authorityName: row.authority,
      raisedByName: row.raised_by_name,
      raisedOn: isoDateOfTimestamp(row.created_at),
      question: row.question,
      action: { id: Number(row.action_id), title: row.title, reference: row.reference, teamName: row.team_name },
      publicUrl: this.config.PUBLIC_URL,
    });
    return { ...email, actionIds: [Number(row.action_id)] };
  }

  /** A person's digest: their teams' actions and the actions they lead, marked today (daily) or all that need attention (weekly). */
  private async personalDigest(reminder: Reminder): Promise<ComposedEmail | null> {
    const userId = Number(reminder.recipientKey.replace(/^user:/, ''));
    const [person] = await readSql<{ display_name: string; digest: string | null; unsubscribe_token: string | null }>(
      this.dataSource,
      `SELECT u.display_name, p.digest, p.unsubscribe_token FROM users u LEFT JOIN reminder_preferences p ON p.user_id = u.id WHERE u.id = :userId AND u.deactivated_at IS NULL`,
      { userId },
    );
    if (!person) return null;
    const theirs = `(a.team_id IN (SELECT ra.team_id FROM role_assignments ra WHERE ra.user_id = :userId AND ra.role = 'team_member')
      OR (a.lead_officer IS NOT NULL AND EXISTS (SELECT 1 FROM users u WHERE u.id = :userId AND ${LEAD_OFFICER_IS_USER})))`;
    const weekly = person.digest === 'weekly';
    const rows = weekly
      ? await this.items(`a.due_date <= :until AND ${theirs}`, { userId, until: addCalendarDays(reminder.digestDate, this.config.DUE_SOON_DAYS) })
      : await this.items(`${MARKED_FOR_TEAM_DIGEST} AND ${theirs}`, { userId, date: reminder.digestDate });
    if (rows.length === 0) return null;
    const items = await this.itemsOf(rows, reminder.digestDate);
    const unsubscribeUrl = person.unsubscribe_token ? unsubscribeLink(this.config.PUBLIC_URL, person.unsubscribe_token) : undefined;
    const email = composePersonalDigest({
      personName: person.display_name,
      authorityName: rows[0].authority,
      date: reminder.digestDate,
      weekly,
      publicUrl: this.config.PUBLIC_URL,
      preferencesUrl: siteLink(this.config.PUBLIC_URL, '/account#reminders'),
      unsubscribeUrl: unsubscribeUrl ?? null,
      items: items.map((item, index) => ({ ...item, teamName: rows[index].team_name, reason: weekly ? undefined : (rows[index].reason ?? undefined) })),
    });
    return { ...email, actionIds: rows.map((row) => row.id), unsubscribeUrl };
  }

  private async teamDigest(reminder: Reminder & { team?: Team | null }): Promise<ComposedEmail | null> {
    const team = reminder.team;
    if (!team) return null;
    const rows = await this.items(`s.last_digest_team_id = :teamId AND a.team_id = :teamId AND ${MARKED_FOR_TEAM_DIGEST}`, { date: reminder.digestDate, teamId: team.id });
    if (rows.length === 0) return null;
    const items = await this.itemsOf(rows, reminder.digestDate);
    const email = composeTeamDigest({
      teamName: team.name,
      authorityName: rows[0].authority,
      date: reminder.digestDate,
      publicUrl: this.config.PUBLIC_URL,
      items: items.map((item, index) => ({ ...item, reason: rows[index].reason ?? undefined })),
    });
    return { ...email, actionIds: rows.map((row) => row.id) };
  }

  private async escalationDigest(reminder: Reminder & { contact?: AuthorityContact | null }): Promise<ComposedEmail | null> {
    const contact = reminder.contact;
    if (!contact) return null;
    const lscbOnly = reminder.kind === 'lscb_escalation';
    const rows = await this.items(
      `s.escalation_last_notified_on = :date AND s.escalation_notified_for = a.due_date AND a.authority_code = :authority
       ${lscbOnly ? 'AND a.addressee IN (:...lscbAddressees)' : ''}`,
      { date: reminder.digestDate, authority: reminder.authorityCode, lscbAddressees: LSCB_ADDRESSEES },
    );
    if (rows.length === 0) return null;
    // Late actions of one report share due dates; each count walks every day since.
    const workingDaysLate = new Map<IsoDate, number>();
    const workingDaysOverdue = (due: IsoDate) => {
      if (!workingDaysLate.has(due)) workingDaysLate.set(due, workingDaysBetween(due, reminder.digestDate));
      return workingDaysLate.get(due)!;
    };
    const email = composeEscalationDigest({
      contactName: contact.name,
      role: contact.role,
      authorityName: rows[0].authority,
      date: reminder.digestDate,
      publicUrl: this.config.PUBLIC_URL,
      thresholdWorkingDays: this.config.ESCALATION_WORKING_DAYS,
      items: (await this.itemsOf(rows, reminder.digestDate)).map((item, index) => ({
        ...item,
        teamName: rows[index].team_name,
        addressee: rows[index].addressee,
        workingDaysOverdue: workingDaysOverdue(item.dueDate),
      })),
    });
    return { ...email, actionIds: rows.map((row) => row.id) };
  }

  /** Open actions with their report, picked by a condition on the action and its reminder state. */
  private async items(condition: string, parameters: ObjectLiteral): Promise<ItemRow[]> {
    const rows = await readSql<ItemRow>(
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

  /**
   * The questions of the listed actions' challenges not closed yet, in one read for the whole
   * digest. The ids go in as one list parameter, so the statement is the same whatever their number
   * and stays prepared (a list of placeholders would be a new statement for every digest's length).
   */
  private async openChallenges(rows: ItemRow[]): Promise<Map<number, string[]>> {
    const challenges = new Map<number, string[]>();
    if (rows.length === 0) return challenges;
    const open = await readSql<{ action_id: number; question: string }>(
      this.dataSource,
      `SELECT c.action_id, c.question FROM action_challenges c WHERE ${idInList(this.dataSource, 'c.action_id', ':ids')} AND c.state <> 'closed' ORDER BY c.id`,
      { ids: idListParameter(this.dataSource, rows.map((row) => row.id)) },
    );
    for (const row of open) challenges.set(Number(row.action_id), [...(challenges.get(Number(row.action_id)) ?? []), row.question]);
    return challenges;
  }

  private async itemsOf(rows: ItemRow[], date: IsoDate): Promise<DigestItem[]> {
    const challenges = await this.openChallenges(rows);
    return rows.map((row) => ({
      actionId: row.id,
      title: row.title,
      reference: row.reference,
      recommendation: row.recommendation,
      report: { authorityName: row.authority_name, format: row.format, publishedOn: row.published_on, inspectionEnd: row.inspection_end },
      status: row.status,
      rag: deriveRag({ status: row.status, dueDate: row.due_date, today: date, override: row.rag_override }),
      dueDate: row.due_date,
      originalDueDate: row.original_due_date,
      dueDateReason: row.due_date_reason,
      latestUpdate: row.update_kind === null ? null : { on: isoDateOfTimestamp(row.update_at!), text: updateText({ kind: row.update_kind, note: row.update_note, changes: row.update_changes }) },
      openChallenges: challenges.get(row.id) ?? [],
    }));
  }

}

/**
 * The same Message-ID on every attempt at the same reminder: if a worker dies between the mail
 * server accepting a message and the reminder being marked sent, the resend is recognisably the
 * same message rather than a new one.
 */
export function messageIdOf(reminder: Pick<Reminder, 'id' | 'kind' | 'digestDate'>, publicUrl: string): string {
  const host = new URL(publicUrl).hostname || 'localhost';
  return `<reminder-${reminder.id}.${reminder.kind.replace(/_/g, '-')}.${reminder.digestDate}@${host}>`;
}
