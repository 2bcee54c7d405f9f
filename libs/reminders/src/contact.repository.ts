import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Authority } from '#database';
import { AuthorityContact, type ContactRole } from './entities/authority-contact.entity.js';

/** The councils' escalation contacts. */
@Injectable()
export class ContactRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get contacts() {
    return this.dataSource.getRepository(AuthorityContact);
  }

  /** The council's contacts by role, then name. */
  of(authorityCode: string): Promise<AuthorityContact[]> {
    return this.contacts.find({ where: { authorityCode }, order: { role: 'ASC', name: 'ASC', id: 'ASC' } });
  }

  find(authorityCode: string, id: number): Promise<AuthorityContact | null> {
    return this.contacts.findOne({ where: { id, authorityCode } });
  }

  authorityExists(code: string): Promise<boolean> {
    return this.dataSource.getRepository(Authority).exists({ where: { code } });
  }

  /** Whether the council has this person in this role already. */
  exists(authorityCode: string, role: ContactRole, email: string): Promise<boolean> {
    return this.contacts.exists({ where: { authorityCode, role, email } });
  }

  insert(contact: Pick<AuthorityContact, 'authorityCode' | 'role' | 'name' | 'email'>, now: Date): Promise<AuthorityContact> {
    return this.contacts.save(this.contacts.create({ ...contact, createdAt: now }));
  }

  async update(id: number, fields: Pick<AuthorityContact, 'role' | 'name' | 'email'>): Promise<void> {
    await this.contacts.update({ id }, fields);
  }

  async remove(id: number): Promise<void> {
    await this.contacts.delete({ id });
  }
}
