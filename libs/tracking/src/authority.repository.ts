import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Authority } from '#database';
import { directoryAuthority } from './authorities.js';
import { refusalException } from './workflow-errors.js';

/** The authorities a deployment holds: a row is created from the shipped directory the first time one is used. */
@Injectable()
export class AuthorityRepository {
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
