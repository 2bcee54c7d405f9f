import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { decidesForBoard } from '#access';
import { daysBetween } from '#deadlines';
import { ActionGovernanceService, ActionsService, type ActionView } from '#tracking';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { PageShell } from './page-shell.service.js';
import { withTheirActions } from './open-challenges.js';

/**
 * What waits for an answer, for everyone of the council, linked from the dashboard's counts: teams'
 * requests for a new due date (each linking to the action's own decision form, where the board sees
 * the whole action before it approves or rejects), and challenges not closed yet.
 */
@ApiExcludeController()
@Controller()
export class GovernanceQueuesController {
  constructor(
    private readonly shell: PageShell,
    private readonly governance: ActionGovernanceService,
    private readonly actions: ActionsService,
  ) {}

  @Get('authorities/:code/date-requests')
  async page(@Param('code') code: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.shell.authority(context, code);
    const pending = await this.governance.pendingDateRequests(authority.code, context);
    const actions = new Map<number, ActionView>();
    for (const actionId of new Set(pending.map((row) => row.actionId))) actions.set(actionId, await this.actions.get(actionId, context));
    response.render('date-requests', {
      title: `${authority.name}: date change requests`,
      layout: this.shell.layout(request, 'dashboard', authority),
      authority,
      mayDecide: decidesForBoard(context, { authorityCode: authority.code, teamId: null }),
      requests: pending.map((row) => ({ ...row, action: actions.get(row.actionId)!, daysLater: daysBetween(row.previousDueDate, row.proposedDate) })),
    });
  }

  @Get('authorities/:code/challenges')
  async challenges(@Param('code') code: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.shell.authority(context, code);
    const open = await this.governance.openChallenges(authority.code, context);
    response.render('challenges', {
      title: `${authority.name}: open challenges`,
      layout: this.shell.layout(request, 'dashboard', authority),
      authority,
      openChallenges: await withTheirActions(open, this.actions, context),
    });
  }
}
