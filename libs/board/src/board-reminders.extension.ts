import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Action, Team } from '#database';
import { formatLongDate, ofstedPlanDeadline, ofstedPlanReminderDue } from '#deadlines';
import { reportFormatInSentence } from '#extraction';
import type { LoadedReminder, ReminderExtension, ReminderKind } from '#reminders';
import { BoardMeetingRepository } from './board-meeting.repository.js';
import { meetingsDueAReminder, updatesMissingByTeam } from './board-meeting.rules.js';
import { BoardReminderRepository, type DeadlineReport, type NewBoardReminder } from './board-reminder.repository.js';
import type { BoardMeeting } from './entities/board-meeting.entity.js';
import type { IsoDate } from '#core';

interface DueReport {
  report: Pick<DeadlineReport, 'id' | 'authorityCode' | 'authorityName' | 'format' | 'publishedOn' | 'baselineDate'>;
  dueDate: IsoDate;
  workingDaysLeft: number;
}

/**
 * The board's reminders, sent by the reminder worker: Ofsted's action plan deadline to the board
 * chair contacts 20 and 5 working days before it, and each team's cycle updates still to write,
 * the meeting's chosen number of working days before it.
 */
@Injectable()
export class BoardReminders implements ReminderExtension {
  readonly kinds: readonly ReminderKind[] = ['ofsted_deadline', 'meeting_update'];

  constructor(
    private readonly meetings: BoardMeetingRepository,
    private readonly reminders: BoardReminderRepository,
  ) {}

  async plan(manager: EntityManager, date: IsoDate): Promise<void> {
    await this.planOfstedDeadlines(manager, date);
    await this.planMeetingUpdates(manager, date);
  }

  private async planMeetingUpdates(manager: EntityManager, date: IsoDate): Promise<void> {
    const rows: NewBoardReminder[] = [];
    for (const meeting of await this.meetingsDueAReminder(manager, date)) {
      for (const { team } of await this.updatesMissing(manager, meeting)) {
        if (team.emails.length === 0) continue;
        rows.push({
          kind: 'meeting_update' as const,
          recipientKey: `team:${team.id}`,
          teamId: team.id,
          contactId: null,
          authorityCode: meeting.authorityCode,
          digestDate: date,
          recipients: team.emails,
          actionIds: [],
          status: 'pending' as const,
          attempts: 0,
        });
      }
    }
    await this.reminders.addReminders(manager, rows);
  }

  /** Meetings whose update reminder falls on `date`: their chosen number of working days before. */
  private async meetingsDueAReminder(manager: EntityManager | undefined, date: IsoDate): Promise<BoardMeeting[]> {
    return meetingsDueAReminder(await this.meetings.meetingsAfter(date, manager), date);
  }

  /** Per team, the open actions with no update for the meeting yet. */
  private async updatesMissing(manager: EntityManager | undefined, meeting: BoardMeeting): Promise<{ team: Team; actions: Action[] }[]> {
    const actions = await this.meetings.openActionsWithTeams(meeting.authorityCode, manager);
    return updatesMissingByTeam(actions, await this.meetings.actionsWithUpdate(meeting.id, manager));
  }

  private async planOfstedDeadlines(manager: EntityManager, date: IsoDate): Promise<void> {
    const authorities = [...new Set((await this.reportsDueAReminder(manager, date)).map((due) => due.report.authorityCode))];
    if (authorities.length === 0) return;
    const chairs = await this.reminders.chairsOf(manager, authorities);
    const rows: NewBoardReminder[] = chairs.map((chair) => ({
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
    await this.reminders.addReminders(manager, rows);
  }

  async compose(reminder: LoadedReminder, publicUrl: string) {
    return reminder.kind === 'meeting_update' ? this.composeMeetingUpdate(reminder, publicUrl) : this.composeOfstedDeadline(reminder, publicUrl);
  }

  private async composeMeetingUpdate(reminder: LoadedReminder, publicUrl: string) {
    const team = reminder.team;
    if (!team) return null;
    const meeting = (await this.meetingsDueAReminder(undefined, reminder.digestDate)).find((row) => row.authorityCode === reminder.authorityCode);
    if (!meeting) return null;
    const missing = (await this.updatesMissing(undefined, meeting)).find((entry) => entry.team.id === team.id);
    if (!missing || missing.actions.length === 0) return null;
    const base = publicUrl.replace(/(?<!\/)\/+$/, '');
    const subject = `${meeting.title} on ${formatLongDate(meeting.meetingDate)}: ${missing.actions.length} update${missing.actions.length === 1 ? '' : 's'} to write for ${team.name}`;
    const intro = `The ${meeting.title} meets on ${formatLongDate(meeting.meetingDate)}. Please write this cycle's update for each of these actions owned by ${team.name}:`;
    const lines = missing.actions.map((action) => ({ title: action.title, link: `${base}/actions/${action.id}` }));
    const text = [intro, '', ...lines.flatMap((line) => [`- ${line.title}`, `  ${line.link}`]), ''].join('\n');
    const html = [
      '<!doctype html><html><body style="font-family: sans-serif">',
      `<p>${escapeHtml(intro)}</p>`,
      `<ul>${lines.map((line) => `<li><a href="${escapeHtml(line.link)}">${escapeHtml(line.title)}</a></li>`).join('')}</ul>`,
      '</body></html>',
    ].join('\n');
    return { subject, text, html, actionIds: missing.actions.map((action) => action.id) };
  }

  private async composeOfstedDeadline(reminder: LoadedReminder, publicUrl: string) {
    const contact = reminder.contact;
    if (!contact) return null;
    const due = (await this.reportsDueAReminder(undefined, reminder.digestDate)).filter((row) => row.report.authorityCode === reminder.authorityCode);
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
  private async reportsDueAReminder(manager: EntityManager | undefined, date: IsoDate): Promise<DueReport[]> {
    // Decided in code, with the same rule the dashboard shows.
    const reports = await this.reminders.reportsForDeadlines(manager);
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
