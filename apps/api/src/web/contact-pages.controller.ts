import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ContactsService, type ContactView } from '#reminders';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { ContactForm } from './admin-forms.js';
import { formRefusal } from './form-refusals.js';
import { AdminPageQuery } from './page-queries.js';
import { PageShell, type AuthorityChoice } from './page-shell.service.js';
import { NO_PROBLEMS, readForm, type FormProblems } from './web-forms.js';

const NOTICES: Record<string, string> = {
  added: 'The contact was added. Escalations go to them from the next reminder run.',
  changed: 'The contact was changed.',
  removed: 'The contact was removed. They get no more escalations.',
};

export const CONTACT_ROLE_LABELS = {
  board_chair: { text: 'Improvement board chair', hint: 'Hears about actions that stay overdue' },
  lscb_chair: { text: 'LSCB chair', hint: 'Hears about overdue actions the report addressed to the LSCB' },
} as const;

type Typed = Record<string, string | undefined>;

/** Where escalations go: the council's improvement board chair and LSCB chair. For its council admins. */
@ApiExcludeController()
@Controller('authorities/:code/contacts')
// No route-level permission: every handler settles the council first (another council's is
// not found), then the role there (refused with the reason), through PageShell.administered.
export class ContactPagesController {
  constructor(
    private readonly shell: PageShell,
    private readonly contacts: ContactsService,
  ) {}

  @Get()
  async list(@Param('code') code: string, @Query() query: AdminPageQuery, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.shell.administered(context, code, 'council.administer');
    const contacts = await this.contacts.list(code, context);
    response.render('contacts', {
      title: `${authority.name}: reminder contacts`,
      layout: this.shell.layout(request, 'admin', authority),
      admin: this.shell.adminNavigation(context, authority, 'contacts'),
      authority,
      groups: (['board_chair', 'lscb_chair'] as const).map((role) => ({ role, label: CONTACT_ROLE_LABELS[role], contacts: contacts.filter((contact) => contact.role === role) })),
      notice: query.saved ? NOTICES[query.saved] : undefined,
    });
  }

  @Get('new')
  async newContact(@Param('code') code: string, @Query('role') role: unknown, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const authority = await this.shell.administered(request.caller!.context, code, 'council.administer');
    this.renderForm(request, response, authority, null, { role: role === 'board_chair' || role === 'lscb_chair' ? role : undefined }, NO_PROBLEMS, HttpStatus.OK);
  }

  @Post()
  async add(@Param('code') code: string, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    await this.save(request, response, code, null, body);
  }

  @Get(':id/edit')
  async edit(@Param('code') code: string, @Param('id', ParseIdPipe) id: number, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.shell.administered(context, code, 'council.administer');
    const contact = await this.contacts.get(code, id, context);
    this.renderForm(request, response, authority, contact, { role: contact.role, name: contact.name, email: contact.email }, NO_PROBLEMS, HttpStatus.OK);
  }

  @Post(':id')
  async change(@Param('code') code: string, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    await this.save(request, response, code, id, body);
  }

  @Get(':id/remove')
  async confirmRemoval(@Param('code') code: string, @Param('id', ParseIdPipe) id: number, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.shell.administered(context, code, 'council.administer');
    const contact = await this.contacts.get(code, id, context);
    const base = `/authorities/${encodeURIComponent(code)}/contacts`;
    response.render('confirm', {
      title: `Are you sure you want to remove ${contact.name} (${contact.email})?`,
      paragraphs: [`They will no longer hear, as ${CONTACT_ROLE_LABELS[contact.role].text.replace(/^I/, 'i')}, about actions that stay late.`],
      action: `${base}/${id}/remove`,
      button: 'Yes, remove the contact',
      back: base,
      layout: this.shell.layout(request, 'admin', authority),
      authority,
    });
  }

  @Post(':id/remove')
  async remove(@Param('code') code: string, @Param('id', ParseIdPipe) id: number, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    await this.shell.administered(context, code, 'council.administer');
    await this.contacts.remove(code, id, context);
    response.redirect(303, `/authorities/${encodeURIComponent(code)}/contacts?saved=removed`);
  }

  private async save(request: AuthenticatedRequest, response: Response, code: string, id: number | null, body: Record<string, unknown>): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.shell.administered(context, code, 'council.administer');
    const contact = id === null ? null : await this.contacts.get(code, id, context);
    const { form, problems } = await readForm(ContactForm, body, ['role', 'name', 'email']);
    const typed = { role: form.role, name: form.name, email: form.email };
    if (problems.list.length > 0) return this.renderForm(request, response, authority, contact, typed, problems, HttpStatus.BAD_REQUEST);
    try {
      const input = { role: form.role, name: form.name, email: form.email };
      if (id === null) await this.contacts.add(code, input, context);
      else await this.contacts.change(code, id, input, context);
    } catch (error) {
      const refusal = formRefusal(error, '#email');
      if (!refusal) throw error;
      return this.renderForm(request, response, authority, contact, typed, refusal.problems, refusal.status);
    }
    response.redirect(303, `/authorities/${encodeURIComponent(code)}/contacts?saved=${id === null ? 'added' : 'changed'}`);
  }

  private renderForm(request: AuthenticatedRequest, response: Response, authority: AuthorityChoice, contact: ContactView | null, typed: Typed, problems: FormProblems, status: number): void {
    response.status(status).render('contact-form', {
      title: contact ? `Change ${contact.name}` : 'Add a reminder contact',
      layout: this.shell.layout(request, 'admin', authority),
      authority,
      contact,
      typed,
      roleChoices: (['board_chair', 'lscb_chair'] as const).map((role) => ({ value: role, text: CONTACT_ROLE_LABELS[role].text, hint: { text: CONTACT_ROLE_LABELS[role].hint }, checked: typed.role === role })),
      problems,
    });
  }
}
