import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '#config';
import { AccountRepository } from './account.repository.js';
import { AccountsService } from './accounts.service.js';
import { verifyPassword } from './secrets.js';
import type { Role } from '#core';

interface SeedUsersFile {
  password: string;
  users: { email: string; displayName: string; roles: { role: Role; authorityCode: string | null; team?: string }[] }[];
}

/** Passwords checked at once: each check is a deliberately slow scrypt on the thread pool. */
const PARALLEL_CHECKS = 4;

/**
 * The demonstration users of seeds/users.json, who all sign in with one published password: loads
 * them for the quick start, and finds or removes any account that still has that password, so a
 * deployment cannot run with known credentials.
 */
@Injectable()
export class AccessSeedService {
  private readonly logger = new Logger(AccessSeedService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly accounts: AccountsService,
    private readonly users: AccountRepository,
  ) {}

  /** Users that already exist are left as they are. */
  async seedUsers(): Promise<number> {
    const file = await this.demoUsersFile();
    if (!file) return 0;
    let created = 0;
    for (const seed of file.users) {
      if (await this.accounts.findByEmail(seed.email)) continue;
      const user = await this.accounts.createUser({ email: seed.email, displayName: seed.displayName, password: file.password });
      for (const role of seed.roles) {
        const teamId = role.team ? await this.users.teamNamed(role.authorityCode ?? '', role.team) : null;
        if (role.team && teamId === null) throw new Error(`seeds/users.json: ${role.authorityCode} has no team called "${role.team}"`);
        await this.accounts.grantRole(user.id, { role: role.role, authorityCode: role.authorityCode, teamId });
      }
      created += 1;
    }
    if (created > 0) this.logger.log({ message: 'Demonstration users loaded', created });
    return created;
  }

  /**
   * Emails of every account whose password is the published demo password, whatever its email.
   * Costs one scrypt per account with a password (tens of milliseconds each, four at a time).
   */
  async accountsWithDemoPassword(): Promise<string[]> {
    const file = await this.demoUsersFile();
    if (!file) return [];
    const accounts = await this.users.withPasswords();
    const found: string[] = [];
    for (let start = 0; start < accounts.length; start += PARALLEL_CHECKS) {
      const batch = accounts.slice(start, start + PARALLEL_CHECKS);
      const matches = await Promise.all(batch.map((account) => verifyPassword(file.password, account.passwordHash!)));
      batch.forEach((account, index) => matches[index] && found.push(account.email));
    }
    return found;
  }

  /** Deletes every account that still has the demo password (their journal entries keep their names); answers their emails. */
  async removeAccountsWithDemoPassword(): Promise<string[]> {
    const emails = await this.accountsWithDemoPassword();
    if (emails.length > 0) {
      await this.users.removeByEmails(emails);
      this.logger.log({ message: 'Accounts with the demo password removed', emails });
    }
    return emails;
  }

  private async demoUsersFile(): Promise<SeedUsersFile | null> {
    try {
      return JSON.parse(await readFile(join(this.config.SEEDS_DIR, 'users.json'), 'utf8')) as SeedUsersFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}
