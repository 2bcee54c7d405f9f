import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Authority } from '#database';
import { directoryAuthority } from './authorities.js';
import { refusalException } from './workflow-errors.js';

export interface AuthorityName {
  code: string;
  name: string;
}

/** The authorities a deployment holds: a row is created from the shipped directory the first time one is used. */
@Injectable()
export class AuthorityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The authority's code and name, or null when the deployment holds no data for it yet. */
  async named(code: string): Promise<AuthorityName | null> {
    const row = await this.dataSource.manager.findOne(Authority, { where: { code }, select: { code: true, name: true } });
    return row && { code: row.code, name: row.name };
  }

  /** These authorities (or every one), by name. */
  async namedAmong(codes: readonly string[] | 'all'): Promise<AuthorityName[]> {
    const where = codes === 'all' ? {} : { code: In([...codes]) };
    const rows = await this.dataSource.manager.find(Authority, { where, select: { code: true, name: true }, order: { name: 'ASC' } });
    return rows.map((row) => ({ code: row.code, name: row.name }));
  }

  async codes(manager: EntityManager): Promise<Set<string>> {
    return new Set((await manager.find(Authority, { select: { code: true } })).map((authority) => authority.code));
  }

  /** Inside the caller's transaction; refused for a code the directory does not hold. */
  async ensure(manager: EntityManager, code: string): Promise<void> {
    if (await manager.exists(Authority, { where: { code } })) return;
    const found = directoryAuthority(code);
    if (!found.ok) throw refusalException(found);
    await manager.insert(Authority, found.authority);
  }
}
