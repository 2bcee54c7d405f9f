import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { assertMay } from '#access';
import { Authority } from '#database';
import { AuthorityContact, CONTACT_ROLES, type ContactRole } from './entities/authority-contact.entity.js';
import { ReminderErrorCode, ReminderException } from './reminder.exception.js';
import { canSeeAuthority, type RequestContext } from '#core';

export interface ContactView {
  id: number;
  authorityCode: string;
  role: ContactRole;
  name: string;
  email: string;
}

export interface ContactInput {
  role: ContactRole;
  name: string;
  email: string;
}

/**
 * The people escalations go to: a council's improvement board chair and LSCB chair. Managed by the
 * council's admins; another council's contacts are not found.
 */
@Injectable()
export class ContactsService {
  constructor(
    @InjectRepository(AuthorityContact) private readonly contacts: Repository<AuthorityContact>,
  ) {}

  async list(authorityCode: string, context: RequestContext): Promise<ContactView[]> {
    this.assertVisible(context, authorityCode);
    const rows = await this.contacts.find({ where: { authorityCode }, order: { role: 'ASC', name: 'ASC', id: 'ASC' } });
    return rows.map(toContactView);
  }

  async get(authorityCode: string, id: number, context: RequestContext): Promise<ContactView> {
    return toContactView(await this.find(authorityCode, id, context));
  }

  async add(authorityCode: string, input: ContactInput, context: RequestContext): Promise<ContactView> {
    this.assertVisible(context, authorityCode);
    assertMay(context, 'council.administer', { authorityCode });
    if (!(await this.contacts.manager.exists(Authority, { where: { code: authorityCode } }))) throw ReminderException.notFound(`Authority ${authorityCode} was not found`);
    const email = input.email.trim().toLowerCase();
    await this.refuseDuplicate(authorityCode, input.role, email);
    const saved = await this.contacts.save(this.contacts.create({ authorityCode, role: input.role, name: input.name.trim(), email }));
    return toContactView(saved);
  }

  async change(authorityCode: string, id: number, input: ContactInput, context: RequestContext): Promise<ContactView> {
    const contact = await this.find(authorityCode, id, context);
    assertMay(context, 'council.administer', { authorityCode });
    const email = input.email.trim().toLowerCase();
    if (email !== contact.email || input.role !== contact.role) await this.refuseDuplicate(authorityCode, input.role, email);
    await this.contacts.update({ id }, { role: input.role, name: input.name.trim(), email });
    return this.get(authorityCode, id, context);
  }

  /** Reminders already sent to the contact keep their record; the contact gets no more. */
  async remove(authorityCode: string, id: number, context: RequestContext): Promise<void> {
    await this.find(authorityCode, id, context);
    assertMay(context, 'council.administer', { authorityCode });
    await this.contacts.delete({ id });
  }

  private async find(authorityCode: string, id: number, context: RequestContext): Promise<AuthorityContact> {
    this.assertVisible(context, authorityCode);
    const contact = await this.contacts.findOne({ where: { id, authorityCode } });
    if (!contact) throw ReminderException.notFound(`Contact ${id} was not found`);
    return contact;
  }

  private assertVisible(context: RequestContext, authorityCode: string): void {
    if (!canSeeAuthority(context, authorityCode)) throw ReminderException.notFound(`Authority ${authorityCode} was not found`);
  }

  private async refuseDuplicate(authorityCode: string, role: ContactRole, email: string): Promise<void> {
    if (!CONTACT_ROLES.includes(role)) throw new ReminderException(ReminderErrorCode.INVALID_INPUT, `role must be one of ${CONTACT_ROLES.join(', ')}`);
    if (await this.contacts.exists({ where: { authorityCode, role, email } })) {
      throw new ReminderException(ReminderErrorCode.CONFLICT, `${email} is already a ${role === 'board_chair' ? 'board chair' : 'LSCB chair'} contact of this council`);
    }
  }
}

function toContactView(contact: AuthorityContact): ContactView {
  return { id: contact.id, authorityCode: contact.authorityCode, role: contact.role, name: contact.name, email: contact.email };
}
