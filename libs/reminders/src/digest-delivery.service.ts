import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { AppConfig } from '#config';
import { addCalendarDays, deriveRag, workingDaysBetween } from '#deadlines';
import { GroupCommit, UnitOfWork } from '#database';
import { actionLink, composeEscalationDigest, composePersonalDigest, composeTeamDigest, type DigestEmail, type DigestItem } from './digest-composer.js';
import type { Reminder } from './entities/reminder.entity.js';
import { DigestDeliveryRepository, type DeliveryOutcome, type DigestItemRow, type ReminderWithAddressee } from './digest-delivery.repository.js';
import { classifyMailError, MailTransport } from './mail.transport.js';
import { type ActionStatus, Clock, type IsoDate, STATUS_WORDING } from '#core';
import { ReminderException } from './reminder.exception.js';
import { claimEnd, planClaims } from './send-claims.js';
import { REMINDER_EXTENSIONS, type ReminderExtension } from './reminder-extension.js';
import { challengeOfAlertKey, composeChallengeAlert } from './challenge-alert.js';

export interface DeliveryAttempt {
  /** No retry follows this attempt if it fails. */
  isLast: boolean;
}

export type DeliveryResult =
  | { outcome: 'sent'; reminderId: number; messageId: string; actionIds: number[]; rejected: string[] }
  | { outcome: 'skipped'; reminderId: number; reason: string };

type ComposedEmail = DigestEmail & { actionIds: number[]; unsubscribeUrl?: string };

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
    private readonly repository: DigestDeliveryRepository,
    unitOfWork: UnitOfWork,
    private readonly transport: MailTransport,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @Optional() @Inject(REMINDER_EXTENSIONS) private readonly extensions: readonly ReminderExtension[] = [],
  ) {
    this.writes = new GroupCommit(unitOfWork);
  }

  async deliver(reminderId: number, attempt: DeliveryAttempt): Promise<DeliveryResult> {
    const found = await this.repository.reminder(reminderId);
    if (!found) return { outcome: 'skipped', reminderId, reason: 'the reminder no longer exists' };
    if (found.status !== 'pending') return { outcome: 'skipped', reminderId, reason: `already ${found.status}` };

    const extension = (this.extensions ?? []).find((candidate) => candidate.kinds.includes(found.kind));
    // Another library's reminder gets its team and contact as whole entities, as it always has.
    const reminder = extension ? ((await this.repository.reminderEntity(reminderId)) ?? found) : found;
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
    const now = this.clock.now();
    const claimedUntil = claimEnd(now, this.config.WORKER_LOCK_MS);
    const { pending, fresh, abandoned } = planClaims(recipients, await this.repository.sendMarks(reminder.id, now));
    const claimed = new Set<string>();
    const unsettled = new Set<string>();
    if (fresh.length > 0 || abandoned.length > 0) {
      // Only the attempt whose write wins sends to an address: two workers handed the same job both read the same marks.
      await this.writes.run(async (manager) => {
        for (const recipient of fresh) {
          if (await this.repository.claimNew(manager, reminder.id, recipient, claimedUntil)) claimed.add(recipient);
        }
        for (const recipient of abandoned) {
          if (await this.repository.takeOver(manager, reminder.id, recipient, claimedUntil, now)) {
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
  private record(reminderId: number, outcome: DeliveryOutcome, delivered: { address: string; providerId: string }[] = [], released: string[] = []): Promise<unknown> {
    return this.writes.run(async (manager) => {
      for (const address of released) await this.repository.release(manager, reminderId, address);
      for (const { address, providerId } of delivered) await this.repository.markSent(manager, reminderId, address, providerId);
      await this.repository.recordOutcome(manager, reminderId, outcome);
    });
  }

  /**
   * A team's own addresses, less those of people who hear about the team's actions in their own
   * digest (or chose not to): a person never gets the team's digest as well as their own.
   */
  private async teamAddresses(reminder: Reminder): Promise<string[]> {
    if (reminder.recipients.length === 0) return [];
    const personal = await this.repository.personalAddresses(
      reminder.recipients.map((address) => address.toLowerCase()),
      reminder.teamId,
      reminder.digestDate,
    );
    return reminder.recipients.filter((address) => !personal.has(address.toLowerCase()));
  }

  /** A challenge's alert, read afresh: nothing once the challenge is closed or the action gone. */
  private async challengeAlert(reminder: ReminderWithAddressee): Promise<ComposedEmail | null> {
    const challengeId = challengeOfAlertKey(reminder.recipientKey);
    if (challengeId === null) return null;
    const row = await this.repository.challenge(challengeId);
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
    const person = await this.repository.person(userId);
    if (!person) return null;
    const weekly = person.digest === 'weekly';
    const rows = weekly
      ? await this.repository.dueForPerson(userId, addCalendarDays(reminder.digestDate, this.config.DUE_SOON_DAYS))
      : await this.repository.markedForPerson(userId, reminder.digestDate);
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

  private async teamDigest(reminder: ReminderWithAddressee): Promise<ComposedEmail | null> {
    const team = reminder.team;
    if (!team) return null;
    const rows = await this.repository.markedForTeam(team.id, reminder.digestDate);
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

  private async escalationDigest(reminder: ReminderWithAddressee): Promise<ComposedEmail | null> {
    const contact = reminder.contact;
    if (!contact) return null;
    const rows = await this.repository.escalated(reminder.authorityCode, reminder.digestDate, reminder.kind === 'lscb_escalation');
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

  private async itemsOf(rows: DigestItemRow[], date: IsoDate): Promise<DigestItem[]> {
    const challenges = await this.repository.openChallenges(rows.map((row) => row.id));
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
