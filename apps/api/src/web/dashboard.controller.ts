import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ActionsService, SummaryService } from '#tracking';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { PageShell } from './page-shell.service.js';
import { RenderedFragments } from './rendered-fragments.js';

const DASHBOARD_REPORTS = new RenderedFragments('_dashboard-reports.njk');
const DASHBOARD_OVERDUE = new RenderedFragments('_dashboard-overdue.njk');
const DASHBOARD_BREAKDOWNS = new RenderedFragments('_dashboard-breakdowns.njk');

/** Where a board member starts: the council's action plan at a glance, ready to print as a board pack. */
@ApiExcludeController()
@Controller()
export class DashboardController {
  constructor(
    private readonly shell: PageShell,
    private readonly summaries: SummaryService,
    private readonly actions: ActionsService,
  ) {}

  /** One council: straight to its dashboard. Several (an administrator): choose one. */
  @Get()
  async home(@Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    // Someone who only works in teams starts from their team's actions, not the council's figures.
    const roles = context.roles ?? [];
    if (roles.length > 0 && roles.every((grant) => grant.role === 'team_member')) return response.redirect(303, '/my-work');
    const authorities = await this.shell.authoritiesOf(context);
    if (authorities.length === 1) return response.redirect(303, `/authorities/${encodeURIComponent(authorities[0].code)}`);
    response.render('authorities', { title: 'Choose a council', layout: this.shell.layout(request, 'dashboard', null), authorities });
  }

  @Get('authorities/:code')
  async dashboard(@Param('code') code: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.shell.authority(context, code);
    // The summary counts the overdue actions: the list need not count them again.
    const [summary, oldest] = await Promise.all([
      this.summaries.forReadAuthority(authority, context),
      this.actions.oldestOverdue({ authority: authority.code, limit: 10, offset: 0 }, context),
    ]);
    // The tables are most of the page's rendering and show the same figures request after request.
    const overdueRows = oldest.map((action) => ({
      id: action.id,
      title: action.title,
      recommendation: action.recommendation && { reference: action.recommendation.reference },
      team: action.team && { name: action.team.name },
      dueDate: action.dueDate,
      daysOverdue: action.daysOverdue,
    }));
    response.render('dashboard', {
      title: `${authority.name}: dashboard`,
      layout: this.shell.layout(request, 'dashboard', authority),
      authority,
      summary,
      reportsHtml: DASHBOARD_REPORTS.render(response, { authority, reports: summary.reports }),
      overdueHtml: DASHBOARD_OVERDUE.render(response, { authority, oldestOverdue: { items: overdueRows, total: summary.overdue } }),
      breakdownsHtml: DASHBOARD_BREAKDOWNS.render(response, { authority, summary: { timeframes: summary.timeframes, byTeam: summary.byTeam } }),
    });
  }
}
