import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Team } from '#database';
import { AuthorityContact } from '#reminders';

/** What the demonstration data writes: teams and escalation contacts, each only when not there yet. */
@Injectable()
export class SeedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async hasTeams(): Promise<boolean> {
    return (await this.dataSource.manager.count(Team)) > 0;
  }

  teamExists(manager: EntityManager, authorityCode: string, name: string): Promise<boolean> {
    return manager.exists(Team, { where: { authorityCode, name } });
  }

  async insertTeam(manager: EntityManager, team: Partial<Team>): Promise<void> {
    await manager.insert(Team, team);
  }

  contactExists(manager: EntityManager, contact: Pick<AuthorityContact, 'authorityCode' | 'role' | 'email'>): Promise<boolean> {
    return manager.exists(AuthorityContact, { where: { authorityCode: contact.authorityCode, role: contact.role, email: contact.email } });
  }

  async insertContact(manager: EntityManager, contact: Partial<AuthorityContact>): Promise<void> {
    await manager.insert(AuthorityContact, contact);
  }
}
