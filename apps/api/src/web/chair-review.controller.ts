import { Body, Controller, ForbiddenException, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { holdsPermissionIn } from '#access';
import { AppConfig } from '#config';
import { workingDaysBetween } from '#deadlines';
import { ActionGovernanceService, ActionsService, type ActionView, type ChallengeView } from '#tracking';
import { Permission } from '../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { PageShell, type AuthorityChoice } from './page-shell.service.js';
import { ChairReviewQuery } from './page-queries.js';
import { formRefusal } from './form-refusals.js';
import { withTheirActions } from './open-challenges.js';
import { NO_PROBLEMS, readForm, ReviewForm, type FormProblems } from './web-forms.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { Clock, type RequestContext } from '#core';

/** Enough for any council's late actions; the lists are read in full to find the long-overdue ones. */
const MOST = 1000;

/**
 * The LSCB chair's review: overdue actions addressed to the LSCB or the partnership, and the
 * authority's own actions that are long overdue (as many working days as the reminder worker's
 * escalation threshold), each with its latest review and a form to mark it reviewed or challenge it;
 * above them, every challenge of the council not closed yet, with its answer if it has one.
 */
@ApiExcludeController()
@Controller('review')
export class ChairReviewController {
  constructor(
    private readonly shell: PageShell,
    private readonly actions: ActionsService,
    private readonly governance: ActionGovernanceService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Permission('action.review')
  async page(@Query() query: ChairReviewQuery, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const authority = await this.shell.authorityFor(request.caller!.context, query.authority);
    if (!authority) return response.redirect(303, '/');
    await this.render(request, response, authority, { notice: query.reviewed ? 'Your review was recorded.' : undefined });
  }

  @Post(':id')
  @Permission('action.review')
  async review(@Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const action = await this.actions.findVisible(id, context);
    const authority = await this.shell.authority(context, action.authorityCode);
    // The right to review is settled before the form is read.
    if (!holdsPermissionIn(context, authority.code, 'action.review')) throw forbiddenReview(authority);
    const { form, problems } = await readForm(ReviewForm, body, ['outcome', 'reviewNote']);
    const typed = { outcome: form.outcome, reviewNote: form.reviewNote };
    if (problems.list.length > 0) return this.render(request, response, authority, { problems: anchored(problems, id), typed, problemsFor: id, status: HttpStatus.BAD_REQUEST });
    try {
      await this.governance.review(id, { outcome: form.outcome, note: form.reviewNote }, context);
    } catch (error) {
      const refusal = formRefusal(error, `#action-${id}`);
      if (!refusal) throw error;
      return this.render(request, response, authority, { problems: refusal.problems, typed, problemsFor: id, status: refusal.status });
    }
    response.redirect(303, `/review?authority=${encodeURIComponent(authority.code)}&reviewed=${id}#action-${id}`);
  }

  private async render(
    request: AuthenticatedRequest,
    response: Response,
    authority: AuthorityChoice,
    options: { problems?: FormProblems; typed?: Record<string, string | undefined>; problemsFor?: number; status?: number; notice?: string },
  ): Promise<void> {
    const context = request.caller!.context;
    if (!holdsPermissionIn(context, authority.code, 'action.review')) throw forbiddenReview(authority);
    const today = this.clock.today();
    const threshold = this.config.ESCALATION_WORKING_DAYS;
    const [partnership, own, challenges] = await Promise.all([
      this.overdue(context, authority.code, ['lscb', 'partnership']),
      this.overdue(context, authority.code, ['local_authority']),
      this.governance.openChallenges(authority.code, context),
    ]);
    const longOverdue = own.filter((action) => workingDaysBetween(action.dueDate, today) >= threshold);
    const reviews = await this.actions.latestReviews([...partnership, ...longOverdue].map((action) => action.id));
    const challengesOf = new Map<number, ChallengeView[]>();
    for (const challenge of challenges) challengesOf.set(challenge.actionId, [...(challengesOf.get(challenge.actionId) ?? []), challenge]);
    const withReview = (action: ActionView) => ({
      ...action,
      workingDaysOverdue: workingDaysBetween(action.dueDate, today),
      review: reviews.get(action.id) ?? null,
      openChallenges: challengesOf.get(action.id) ?? [],
    });
    response.status(options.status ?? HttpStatus.OK).render('review', {
      title: `${authority.name}: LSCB chair review`,
      layout: this.shell.layout(request, 'review', authority),
      authority,
      threshold,
      partnership: partnership.map(withReview),
      longOverdue: longOverdue.map(withReview),
      openChallenges: await withTheirActions(challenges, this.actions, context),
      problems: options.problems ?? NO_PROBLEMS,
      typed: options.typed ?? {},
      problemsFor: options.problemsFor,
      onReviewPage: true,
      notice: options.notice,
    });
  }

  private async overdue(context: RequestContext, authority: string, addressee: ('lscb' | 'partnership' | 'local_authority')[]): Promise<ActionView[]> {
    return (await this.actions.overdue({ authority, addressee, limit: MOST, offset: 0 }, context)).items;
  }
}

function forbiddenReview(authority: AuthorityChoice): ForbiddenException {
  return new ForbiddenException(`Only the LSCB chair of ${authority.name} may review its actions`);
}

/** Several review forms share a page: each field's id carries its action's id. */
function anchored(problems: FormProblems, actionId: number): FormProblems {
  return { byField: problems.byField, list: problems.list.map((problem) => ({ ...problem, href: `${problem.href}-${actionId}` })) };
}
