import { Body, Controller, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ActionsService, TeamsService, TriageService, type ActionView } from '#tracking';
import { Permission } from '../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { TRIAGE_LIMIT, TriageForm } from './admin-forms.js';
import { formRefusal } from './form-refusals.js';
import { safeNextPath } from './page-errors.js';
import { PageShell } from './page-shell.service.js';
import { readForm, type FormProblems } from './web-forms.js';

/**
 * Triage from the actions list: the ticked actions get an owning team (and a lead officer) in one
 * step. A form with a problem comes back as a page of its own, with the ticked actions still ticked.
 */
@ApiExcludeController()
@Controller('actions/assign')
@Permission('action.update')
export class TriageController {
  constructor(
    private readonly shell: PageShell,
    private readonly triage: TriageService,
    private readonly actions: ActionsService,
    private readonly teams: TeamsService,
  ) {}

  @Post()
  async assign(@Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const authorityCode = typeof body.authority === 'string' ? body.authority : '';
    const authority = await this.shell.authority(context, authorityCode);
    const back = safeNextPath(body.back);
    const { form, problems } = await readForm(TriageForm, body, ['actionIds', 'teamId', 'leadOfficer']);
    const withTeam = form.teamId === undefined && !problems.byField.teamId ? addProblem(problems, 'teamId', 'Select the team that owns these actions') : problems;
    const render = async (found: FormProblems, status: number) => {
      const ids = Array.isArray(form.actionIds) ? form.actionIds.filter((id) => Number.isInteger(id)).slice(0, TRIAGE_LIMIT) : [];
      const [selected, teams] = await Promise.all([
        ids.length ? this.actions.list({ authority: authority.code, ids, limit: TRIAGE_LIMIT, offset: 0, sort: 'dueDate' }, context) : Promise.resolve({ items: [] as ActionView[] }),
        this.teams.list(context, authority.code),
      ]);
      response.status(status).render('triage', {
        title: 'Assign actions',
        layout: this.shell.layout(request, 'actions', authority),
        authority,
        selected: selected.items,
        teams,
        typed: { teamId: form.teamId === undefined ? '' : String(form.teamId), leadOfficer: typeof form.leadOfficer === 'string' ? form.leadOfficer : '' },
        back,
        problems: found,
      });
    };
    if (withTeam.list.length > 0) return render(withTeam, HttpStatus.BAD_REQUEST);
    try {
      await this.triage.assign(form.actionIds, { teamId: form.teamId!, leadOfficer: form.leadOfficer ? form.leadOfficer : undefined }, context);
    } catch (error) {
      const refusal = formRefusal(error, '#teamId');
      if (!refusal) throw error;
      return render(refusal.problems, refusal.status);
    }
    const target = new URL(back, 'http://page.invalid');
    target.searchParams.set('saved', 'assigned');
    response.redirect(303, `${target.pathname}${target.search}`);
  }
}

function addProblem(problems: FormProblems, field: string, text: string): FormProblems {
  return { byField: { ...problems.byField, [field]: text }, list: [...problems.list, { href: `#${field}`, text }] };
}
