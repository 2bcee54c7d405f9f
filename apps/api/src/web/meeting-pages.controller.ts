import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessErrorCode, AccessException, holdsPermissionIn } from '#access';
import { BoardMeetingsService, currentMeeting, type MeetingView } from '#board';
import { formatLongDate } from '#deadlines';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { formRefusal } from './form-refusals.js';
import { MeetingForm } from './meeting-forms.js';
import { AdminPageQuery } from './page-queries.js';
import { PageShell, type AuthorityChoice } from './page-shell.service.js';
import { NO_PROBLEMS, readForm, type FormProblems } from './web-forms.js';
import { Clock, type RequestContext } from '#core';

const NOTICES: Record<string, string> = {
  added: 'The meeting was added. Teams are reminded to write their update before it.',
  changed: 'The meeting was changed.',
  removed: 'The meeting was deleted, with the updates written for it.',
};

type Typed = Record<string, string | undefined>;

/**
 * A council's board meetings: everyone who sees the council sees them; a board member (anyone who
 * may update its reports) adds, changes and deletes them. Each handler settles the council first
 * (another council's is not found), then the role (refused with the reason).
 */
@ApiExcludeController()
@Controller('authorities/:code/meetings')
export class MeetingPagesController {
  constructor(
    private readonly shell: PageShell,
    private readonly meetings: BoardMeetingsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@Param('code') code: string, @Query() query: AdminPageQuery, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.shell.authority(context, code);
    const meetings = await this.meetings.list(code, context);
    const current = currentMeeting(meetings, this.clock.today());
    response.render('meetings', {
      title: `${authority.name}: board meetings`,
      layout: this.shell.layout(request, 'dashboard', authority),
      authority,
      meetings: [...meetings].reverse(),
      current,
      mayChange: holdsPermissionIn(context, code, 'report.update'),
      notice: query.saved ? NOTICES[query.saved] : undefined,
    });
  }

  @Get('new')
  async newMeeting(@Param('code') code: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const authority = await this.changeable(request.caller!.context, code);
    this.renderForm(request, response, authority, null, { reminderDays: '5' }, NO_PROBLEMS, HttpStatus.OK);
  }

  @Post()
  async add(@Param('code') code: string, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    await this.save(request, response, code, null, body);
  }

  @Get(':id/edit')
  async edit(@Param('code') code: string, @Param('id', ParseIdPipe) id: number, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.changeable(context, code);
    const meeting = await this.meetingOf(code, id, context);
    const [year, month, day] = meeting.meetingDate.split('-');
    const typed = { title: meeting.title, meetingDay: String(Number(day)), meetingMonth: String(Number(month)), meetingYear: year, reminderDays: String(meeting.updateReminderWorkingDays) };
    this.renderForm(request, response, authority, meeting, typed, NO_PROBLEMS, HttpStatus.OK);
  }

  @Post(':id')
  async change(@Param('code') code: string, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    await this.save(request, response, code, id, body);
  }

  @Get(':id/remove')
  async confirmRemoval(@Param('code') code: string, @Param('id', ParseIdPipe) id: number, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.changeable(context, code);
    const meeting = await this.meetingOf(code, id, context);
    const updates = await this.meetings.updatesFor(meeting.id, context);
    const base = `/authorities/${encodeURIComponent(code)}/meetings`;
    response.render('confirm', {
      title: `Are you sure you want to delete the ${meeting.title} on ${formatLongDate(meeting.meetingDate)}?`,
      paragraphs: [
        updates.length === 0
          ? 'No update has been written for it yet.'
          : `The ${updates.length === 1 ? 'update' : `${updates.length} updates`} written for it will be deleted too. This cannot be undone.`,
        'Teams will not be reminded about it. The journal of the actions is not changed.',
      ],
      action: `${base}/${meeting.id}/remove`,
      button: 'Yes, delete the meeting',
      back: base,
      layout: this.shell.layout(request, 'dashboard', authority),
      authority,
    });
  }

  @Post(':id/remove')
  async remove(@Param('code') code: string, @Param('id', ParseIdPipe) id: number, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    await this.changeable(context, code);
    await this.meetingOf(code, id, context);
    await this.meetings.remove(id, context);
    response.redirect(303, `/authorities/${encodeURIComponent(code)}/meetings?saved=removed`);
  }

  /** The council, for someone who may change its meetings; another council's is not found. */
  private async changeable(context: RequestContext, code: string): Promise<AuthorityChoice> {
    const authority = await this.shell.authority(context, code);
    if (!holdsPermissionIn(context, code, 'report.update')) {
      throw new AccessException(AccessErrorCode.FORBIDDEN, `Only a board member of ${authority.name} may add, change or delete its board meetings`);
    }
    return authority;
  }

  /** A meeting of this council: one of another council, or under another council's address, is not found. */
  private async meetingOf(code: string, id: number, context: RequestContext): Promise<MeetingView> {
    const meeting = await this.meetings.get(id, context);
    if (meeting.authorityCode !== code) throw new AccessException(AccessErrorCode.NOT_FOUND, `Board meeting ${id} was not found`);
    return meeting;
  }

  private async save(request: AuthenticatedRequest, response: Response, code: string, id: number | null, body: Record<string, unknown>): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.changeable(context, code);
    const meeting = id === null ? null : await this.meetingOf(code, id, context);
    const { form, problems } = await readForm(MeetingForm, body, ['title', 'meetingDay', 'reminderDays']);
    const meetingDate = form.meetingDate();
    if (!meetingDate && !problems.byField.meetingDay) {
      problems.byField.meetingDay = MeetingForm.DATE_INVALID;
      const at = problems.list.findIndex((problem) => problem.href === '#reminderDays');
      problems.list.splice(at < 0 ? problems.list.length : at, 0, { href: '#meetingDay', text: MeetingForm.DATE_INVALID });
    }
    const typed: Typed = {
      title: typeof body.title === 'string' ? body.title : undefined,
      meetingDay: form.meetingDay,
      meetingMonth: form.meetingMonth,
      meetingYear: form.meetingYear,
      reminderDays: typeof body.reminderDays === 'string' ? body.reminderDays : undefined,
    };
    if (problems.list.length > 0) return this.renderForm(request, response, authority, meeting, typed, problems, HttpStatus.BAD_REQUEST);
    try {
      const input = { title: form.title, meetingDate: meetingDate!, updateReminderWorkingDays: form.reminderDays };
      if (meeting) await this.meetings.change(meeting.id, input, context);
      else await this.meetings.create(code, input, context);
    } catch (error) {
      // A second meeting on the same day is the date's problem to fix.
      const refusal = formRefusal(error, '#meetingDay');
      if (!refusal) throw error;
      return this.renderForm(request, response, authority, meeting, typed, { byField: { meetingDay: refusal.problems.list[0].text }, list: refusal.problems.list }, refusal.status);
    }
    response.redirect(303, `/authorities/${encodeURIComponent(code)}/meetings?saved=${meeting ? 'changed' : 'added'}`);
  }

  private renderForm(request: AuthenticatedRequest, response: Response, authority: AuthorityChoice, meeting: MeetingView | null, typed: Typed, problems: FormProblems, status: number): void {
    response.status(status).render('meeting-form', {
      title: meeting ? `Change the ${meeting.title}` : 'Add a board meeting',
      layout: this.shell.layout(request, 'dashboard', authority),
      authority,
      meeting,
      typed,
      problems,
    });
  }
}
