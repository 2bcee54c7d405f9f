import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Report } from '#database';
import { formatLongDate, ofstedPlanDeadline, ofstedPlanReminderDue } from '#deadlines';
import { reportFormatInSentence } from '#extraction';
import { AuthorityContact, Reminder, type LoadedReminder, type ReminderExtension, type ReminderKind } from '#reminders';
import type { IsoDate } from '#core';

interface DueReport {
  report: Pick<Report, 'id' | 'authorityCode' | 'authorityName' | 'format' | 'publishedOn' | 'baselineDate'>;
  dueDate: IsoDate;
  workingDaysLeft: number;
}

/**
 * The board's reminders, sent by the reminder worker: Ofsted's action plan deadline to the board
 * chair contacts 20 and 5 working days before it.
 */
@Injectable()
export class BoardReminders implements ReminderExtension {
  readonly kinds: readonly ReminderKind[] = ['ofsted_deadline'];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async plan(manager: EntityManager, date: IsoDate): Promise<void> {
    const authorities = [...new Set((await this.reportsDueAReminder(manager, date)).map((due) => due.report.authorityCode))];
    if (authorities.length === 0) return;
    const chairs = await manager
      .createQueryBuilder(AuthorityContact, 'contact')
      .where('contact.role = :role AND contact.authorityCode IN (:...authorities)', { role: 'board_chair', authorities })
      .orderBy('contact.id')
      .getMany();
    const rows = chairs.map((chair) => ({
      kind: 'ofsted_deadline' as const,
      recipientKey: `contact:${chair.id}`,
      teamId: null,
      contactId: chair.id,
      authorityCode: chair.authorityCode,
      digestDate: date,
      recipients: [chair.email],
      actionIds: [],
      status: 'pending' as const,
      attempts: 0,
    }));
    // The unique key (recipient, kind, day) makes planning the day again add nothing.
    if (rows.length > 0) await manager.createQueryBuilder().insert().into(Reminder).values(rows).orIgnore().execute();
  }

  async compose(reminder: LoadedReminder, publicUrl: string) {
    const contact = reminder.contact;
    if (!contact) return null;
    const due = (await this.reportsDueAReminder(this.dataSource.manager, reminder.digestDate)).filter((row) => row.report.authorityCode === reminder.authorityCode);
    if (due.length === 0) return null;
    const authorityName = due[0].report.authorityName;
    const lines = due.map(
      (row) =>
        `- ${reportFormatInSentence(row.report.format)} report${row.report.publishedOn ? ` published ${formatLongDate(row.report.publishedOn)}` : ''}: ` +
        `action plan due to Ofsted on ${formatLongDate(row.dueDate)}, ${row.workingDaysLeft} working days from ${formatLongDate(reminder.digestDate)}`,
    );
    const link = `${publicUrl.replace(/(?<!\/)\/+$/, '')}/authorities/${encodeURIComponent(reminder.authorityCode)}`;
    const subject = `${authorityName}: action plan due to Ofsted in ${Math.min(...due.map((row) => row.workingDaysLeft))} working days`;
    const intro = `Dear ${contact.name}, Ofsted expects ${authorityName}'s written action plan soon:`;
    const text = [intro, '', ...lines, '', `The dashboard: ${link}`].join('\n');
    const html = [
      '<!doctype html><html><body style="font-family: sans-serif">',
      `<p>${escapeHtml(intro)}</p>`,
      `<ul>${lines.map((line) => `<li>${escapeHtml(line.slice(2))}</li>`).join('')}</ul>`,
      `<p><a href="${escapeHtml(link)}">The dashboard</a></p>`,
      '</body></html>',
    ].join('\n');
    return { subject, text, html, actionIds: [] };
  }

  /** Reports whose plan deadline is exactly 20 or 5 working days after `date`. */
  private async reportsDueAReminder(manager: EntityManager, date: IsoDate): Promise<DueReport[]> {
    // Few reports per council and a handful of councils per deployment: read them and decide in code,
    // with the same rule the dashboard shows.
    const reports = await manager.getRepository(Report).find({
      select: { id: true, authorityCode: true, authorityName: true, format: true, publishedOn: true, baselineDate: true, judgements: true, ofstedPlanDueDate: true },
      order: { id: 'ASC' },
    });
    return reports.flatMap((report) => {
      const deadline = ofstedPlanDeadline(report, date);
      const left = deadline ? ofstedPlanReminderDue(deadline.dueDate, date) : null;
      return deadline && left !== null ? [{ report, dueDate: deadline.dueDate, workingDaysLeft: left }] : [];
    });
  }
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
