import { Injectable } from '@nestjs/common';
import { assertMay } from '#access';
import { ContactRepository } from './contact.repository.js';
import { CONTACT_ROLES, type AuthorityContact, type ContactRole } from './entities/authority-contact.entity.js';
import { ReminderErrorCode, ReminderException } from './reminder.exception.js';
import { canSeeAuthority, Clock, type RequestContext } from '#core';

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
    private readonly contacts: ContactRepository,
    private readonly clock: Clock,
  ) {}

  async list(authorityCode: string, context: RequestContext): Promise<ContactView[]> {
    this.assertVisible(context, authorityCode);
    return (await this.contacts.of(authorityCode)).map(toContactView);
  }

  async get(authorityCode: string, id: number, context: RequestContext): Promise<ContactView> {
    return toContactView(await this.find(authorityCode, id, context));
  }

  async add(authorityCode: string, input: ContactInput, context: RequestContext): Promise<ContactView> {
    this.assertVisible(context, authorityCode);
    assertMay(context, 'council.administer', { authorityCode });
    if (!(await this.contacts.authorityExists(authorityCode))) throw ReminderException.notFound(`Authority ${authorityCode} was not found`);
    const contact = storedContact(input);
    await this.refuseDuplicate(authorityCode, contact.role, contact.email);
    return toContactView(await this.contacts.insert({ authorityCode, ...contact }, this.clock.now()));
  }

  async change(authorityCode: string, id: number, input: ContactInput, context: RequestContext): Promise<ContactView> {
    const contact = await this.find(authorityCode, id, context);
    assertMay(context, 'council.administer', { authorityCode });
    const changed = storedContact(input);
    if (changed.email !== contact.email || changed.role !== contact.role) await this.refuseDuplicate(authorityCode, changed.role, changed.email);
    await this.contacts.update(id, changed);
    return this.get(authorityCode, id, context);
  }

  /** Reminders already sent to the contact keep their record; the contact gets no more. */
  async remove(authorityCode: string, id: number, context: RequestContext): Promise<void> {
    await this.find(authorityCode, id, context);
    assertMay(context, 'council.administer', { authorityCode });
    await this.contacts.remove(id);
  }

  private async find(authorityCode: string, id: number, context: RequestContext): Promise<AuthorityContact> {
    this.assertVisible(context, authorityCode);
    const contact = await this.contacts.find(authorityCode, id);
    if (!contact) throw ReminderException.notFound(`Contact ${id} was not found`);
    return contact;
  }

  private assertVisible(context: RequestContext, authorityCode: string): void {
    if (!canSeeAuthority(context, authorityCode)) throw ReminderException.notFound(`Authority ${authorityCode} was not found`);
  }

  private async refuseDuplicate(authorityCode: string, role: ContactRole, email: string): Promise<void> {
    const refusal = contactRoleRefusal(role) ?? ((await this.contacts.exists(authorityCode, role, email)) ? duplicateContact(role, email) : null);
    if (refusal) throw refusal;
  }
}

/** A contact as stored: the name trimmed, the address trimmed and lower-cased. */
export function storedContact(input: ContactInput): ContactInput {
  return { role: input.role, name: input.name.trim(), email: input.email.trim().toLowerCase() };
}

/** A contact is a board chair or an LSCB chair. */
export function contactRoleRefusal(role: unknown): ReminderException | null {
  return CONTACT_ROLES.includes(role as ContactRole) ? null : new ReminderException(ReminderErrorCode.INVALID_INPUT, `role must be one of ${CONTACT_ROLES.join(', ')}`);
}

/** The refusal of a second contact with the same address in the same role. */
export function duplicateContact(role: ContactRole, email: string): ReminderException {
  return new ReminderException(ReminderErrorCode.CONFLICT, `${email} is already a ${role === 'board_chair' ? 'board chair' : 'LSCB chair'} contact of this council`);
}

export function toContactView(contact: Pick<AuthorityContact, 'id' | 'authorityCode' | 'role' | 'name' | 'email'>): ContactView {
  return { id: contact.id, authorityCode: contact.authorityCode, role: contact.role, name: contact.name, email: contact.email };
}
