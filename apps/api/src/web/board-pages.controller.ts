import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { IsIn } from 'class-validator';
import { BoardMeetingsService, BoardPackService, CHANGE_WORDING, RepeatLinksService } from '#board';
import { PageShell } from './page-shell.service.js';
import { Permission } from '../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { Id } from '../http/field-rules.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { readForm } from './web-forms.js';
import { Transform } from 'class-transformer';

const integer = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,10}$/.test(value.trim()) ? Number(value) : value);

class RepeatDecisionForm {
  @IsIn(['confirmed', 'dismissed'], { message: 'Choose whether to confirm or dismiss the link' })
  status: 'confirmed' | 'dismissed';

  @Transform(integer)
  @Id()
  action: number;
}

/** The board's own forms: confirming or dismissing a recommendation made before. */
@ApiExcludeController()
@Controller()
export class BoardPagesController {
  constructor(
    private readonly repeats: RepeatLinksService,
    private readonly shell: PageShell,
    private readonly meetings: BoardMeetingsService,
    private readonly packs: BoardPackService,
  ) {}

  @Get('authorities/:code/since-last-meeting')
  async sinceLastMeeting(@Param('code') code: string, @Query('meeting') meeting: string | undefined, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.shell.authority(context, code);
    const meetingId = meeting && /^\d{1,9}$/.test(meeting) ? Number(meeting) : undefined;
    const [since, meetings] = await Promise.all([this.packs.sinceLastMeeting(code, meetingId, context), this.meetings.list(code, context)]);
    response.render('since-last-meeting', {
      title: `${authority.name}: what changed since the last meeting`,
      layout: this.shell.layout(request, 'dashboard', authority),
      authority,
      since,
      meetings,
      wording: CHANGE_WORDING,
    });
  }

  @Post('repeat-links/:id')
  @Permission('report.update')
  async decideRepeat(@Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const { form, problems } = await readForm(RepeatDecisionForm, body, ['status']);
    // The service checks the link is the caller's to decide before it checks the decision itself.
    const link = await this.repeats.decide(id, form.status, request.caller!.context);
    const back = !problems.byField.action && [link.later.actionId, link.earlier.actionId].includes(form.action) ? form.action : link.later.actionId;
    response.redirect(303, `/actions/${back}?saved=repeat#repeats-heading`);
  }
}
