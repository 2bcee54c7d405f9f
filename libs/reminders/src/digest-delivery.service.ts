import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, ObjectLiteral } from 'typeorm';
import { AppConfig } from '#config';
import { addCalendarDays, workingDaysBetween } from '#deadlines';
import { isoDateFromRow, isoDateOrNullFromRow, runSql, Team, UnitOfWork } from '#database';
import { LSCB_ADDRESSEES } from './cadence.js';
import { composeEscalationDigest, composeTeamDigest, type DigestEmail, type DigestItem } from './digest-composer.js';
import type { DigestReason } from './entities/action-reminder-state.entity.js';
import { AuthorityContact } from './entities/authority-contact.entity.js';
import { Reminder, type ReminderStatus } from './entities/reminder.entity.js';
import { ReminderSendMark } from './entities/reminder-send-mark.entity.js';
import { classifyMailError, MailTransport } from './mail.transport.js';
import { Clock, type IsoDate, ACTIVE_STATUSES } from '#core';
import { ReminderException } from './reminder.exception.js';
import { LEAD_OFFICER_IS_USER } from './reminder-people.js';
import { REMINDER_EXTENSIONS, type ReminderExtension } from './reminder-extension.js';

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
}

interface Outcome {
  status: ReminderStatus;
  error: string | null;
  actionIds?: number[];
  messageId?: string | null;
  sentAt?: Date | null;
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

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly transport: MailTransport,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @Optional() @Inject(REMINDER_EXTENSIONS) private readonly extensions: readonly ReminderExtension[] = [],
  ) {}

  async deliver(reminderId: number, attempt: DeliveryAttempt): Promise<DeliveryResult> {
    const reminder: (Reminder & { team?: Team | null; contact?: AuthorityContact | null }) | null = await this.dataSource
      .createQueryBuilder(Reminder, 'reminder')
      .leftJoinAndMapOne('reminder.team', Team, 'team', 'team.id = reminder.teamId')
      .leftJoinAndMapOne('reminder.contact', AuthorityContact, 'contact', 'contact.id = reminder.contactId')
      .where('reminder.id = :reminderId', { reminderId })
      .getOne();
    if (!reminder) return { outcome: 'skipped', reminderId, reason: 'the reminder no longer exists' };
    if (reminder.status !== 'pending') return { outcome: 'skipped', reminderId, reason: `already ${reminder.status}` };

    const extension = (this.extensions ?? []).find((candidate) => candidate.kinds.includes(reminder.kind));
    const email = extension
      ? await extension.compose(reminder, this.config.PUBLIC_URL)
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
    const { toSend, unsettled } = await this.claimRecipients(reminder, recipients);
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
        },
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
      await this.record(reminder.id, { status: final ? 'failed' : 'pending', error: failure.reason, actionIds: email.actionIds });
      this.logger.warn({ message: final ? 'Reminder failed' : 'Reminder will be retried', reminderId, kind: reminder.kind, permanent: failure.permanent, reason: failure.reason });
      throw failure.permanent ? ReminderException.failed(reminderId, failure.reason) : ReminderException.deferred(reminderId, failure.reason);
    }
  }

  /**
   * Writes a `sending` mark for every address before the message leaves. Addresses marked by an
   * earlier attempt that never settled are returned as unsettled: the transport may ask its
   * provider about them before sending again.
   */
  private async claimRecipients(reminder: Reminder, recipients: string[]): Promise<{ toSend: string[]; unsettled: string[] }> {
    const addresses = [...new Set(recipients)];
    const earlier = await this.dataSource.getRepository(ReminderSendMark).find({ where: { reminderId: reminder.id } });
    const served = new Set(earlier.filter((mark) => mark.state === 'sent').map((mark) => mark.recipient));
    const unsettled = earlier.filter((mark) => mark.state === 'sending').map((mark) => mark.recipient);
    const toSend = addresses.filter((address) => !served.has(address));
    const fresh = toSend.filter((address) => !unsettled.includes(address));
    if (fresh.length > 0) {
      await this.unitOfWork.run((manager) =>
        manager
          .createQueryBuilder()
          .insert()
          .into(ReminderSendMark)
          .values(fresh.map((recipient) => ({ reminderId: reminder.id, recipient, state: 'sending' as const, reference: `reminder-${reminder.id}`, providerId: null })))
          .orIgnore()
          .execute(),
      );
    }
    return { toSend, unsettled: unsettled.filter((address) => toSend.includes(address)) };
  }

  /** The one write of an attempt's outcome, whatever it was; a reminder already settled is never reopened. */
  private record(reminderId: number, outcome: Outcome, delivered: { address: string; providerId: string }[] = []): Promise<unknown> {
    return this.unitOfWork.run(async (manager) => {
      for (const { address, providerId } of delivered) {
        await manager.createQueryBuilder().update(ReminderSendMark).set({ state: 'sent', providerId }).where('reminderId = :reminderId AND recipient = :address', { reminderId, address }).execute();
      }
      return manager
        .createQueryBuilder()
        .update(Reminder)
        .set({
          status: outcome.status,
          error: outcome.error,
          attempts: () => 'attempts + 1',
          ...(outcome.actionIds ? { actionIds: outcome.actionIds } : {}),
          ...(outcome.messageId !== undefined ? { messageId: outcome.messageId } : {}),
          ...(outcome.sentAt !== undefined ? { sentAt: outcome.sentAt } : {}),
        })
        .where('id = :id AND status = :pending', { id: reminderId, pending: 'pending' })
        .execute();
    });
  }

  /**
   * A team's own addresses, less those of people who hear about the team's actions in their own
   * digest (or chose not to): a person never gets the team's digest as well as their own.
   */
  private async teamAddresses(reminder: Reminder): Promise<string[]> {
    if (reminder.recipients.length === 0) return [];
    const people = await runSql<{ email: string }>(
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

  /** A person's digest: their teams' actions and the actions they lead, marked today (daily) or all that need attention (weekly). */
  private async personalDigest(reminder: Reminder): Promise<(DigestEmail & { actionIds: number[] }) | null> {
    const userId = Number(reminder.recipientKey.replace(/^user:/, ''));
    const [person] = await runSql<{ display_name: string; digest: string | null }>(
      this.dataSource,
      `SELECT u.display_name, p.digest FROM users u LEFT JOIN reminder_preferences p ON p.user_id = u.id WHERE u.id = :userId AND u.deactivated_at IS NULL`,
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
    const email = composeTeamDigest({
      teamName: person.display_name,
      authorityName: rows[0].authority,
      date: reminder.digestDate,
      publicUrl: this.config.PUBLIC_URL,
      items: rows.map((row) => ({ ...this.item(row), teamName: row.team_name, reason: weekly ? undefined : (row.reason ?? undefined) })),
    });
    return { ...email, actionIds: rows.map((row) => row.id) };
  }

  private async teamDigest(reminder: Reminder & { team?: Team | null }): Promise<(DigestEmail & { actionIds: number[] }) | null> {
    const team = reminder.team;
    if (!team) return null;
    const rows = await this.items(`s.last_digest_team_id = :teamId AND a.team_id = :teamId AND ${MARKED_FOR_TEAM_DIGEST}`, { date: reminder.digestDate, teamId: team.id });
    if (rows.length === 0) return null;
    const email = composeTeamDigest({
      teamName: team.name,
      authorityName: rows[0].authority,
      date: reminder.digestDate,
      publicUrl: this.config.PUBLIC_URL,
      items: rows.map((row) => ({ ...this.item(row), reason: row.reason ?? undefined })),
    });
    return { ...email, actionIds: rows.map((row) => row.id) };
  }

  private async escalationDigest(reminder: Reminder & { contact?: AuthorityContact | null }): Promise<(DigestEmail & { actionIds: number[] }) | null> {
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
      items: rows.map((row) => ({
        ...this.item(row),
        teamName: row.team_name,
        addressee: row.addressee,
        workingDaysOverdue: workingDaysOverdue(row.due_date),
      })),
    });
    return { ...email, actionIds: rows.map((row) => row.id) };
  }

  /** Open actions with their report, picked by a condition on the action and its reminder state. */
  private async items(condition: string, parameters: ObjectLiteral): Promise<ItemRow[]> {
    const rows = await runSql<ItemRow>(
      this.dataSource,
      `SELECT a.id, a.title, a.due_date, a.addressee, s.last_digest_reason AS reason, t.name AS team_name, au.name AS authority,
              r.authority_name, r.format, r.published_on, r.inspection_end
       FROM actions a
       LEFT JOIN action_reminder_states s ON s.action_id = a.id
       JOIN authorities au ON au.code = a.authority_code
       JOIN reports r ON r.id = a.report_id
       LEFT JOIN teams t ON t.id = a.team_id
       WHERE a.status IN (:...open) AND ${condition}
       ORDER BY a.due_date, a.id`,
      { ...parameters, open: ACTIVE_STATUSES },
    );
    return rows.map((row) => ({ ...row, id: Number(row.id), due_date: isoDateFromRow(row.due_date), published_on: isoDateOrNullFromRow(row.published_on), inspection_end: isoDateOrNullFromRow(row.inspection_end) }));
  }

  private item(row: ItemRow): DigestItem {
    return {
      actionId: row.id,
      title: row.title,
      dueDate: row.due_date,
      report: { authorityName: row.authority_name, format: row.format, publishedOn: row.published_on, inspectionEnd: row.inspection_end },
    };
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
