import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '#config';
import { UnitOfWork } from '#database';
import { type ContactRole } from '#reminders';
import { AccessSeedService } from '#access';
import { missingAuthorities } from './authorities.js';
import { AuthorityRepository } from './authority.repository.js';
import { ReportsService } from './reports.service.js';
import { SeedRepository } from './seed.repository.js';
import { newTeam } from './team-rules.js';
import { TrackingErrorCode, TrackingException } from './tracking.exception.js';
import { Clock, SYSTEM_CONTEXT } from '#core';

export interface SeedAuthority {
  code: string;
  name: string;
  teams: { name: string; emails: string[]; keywords: string[] }[];
  /** The improvement board and LSCB chairs that late actions are escalated to. */
  contacts?: { role: ContactRole; name: string; email: string }[];
}

export interface SeedResult {
  teamsCreated: number;
  reportsCreated: number;
  reportsAlreadyPresent: number;
  usersCreated: number;
  contactsCreated: number;
}

/**
 * What a database starts with. A deployment gets the authority directory only (every English
 * council with children's services, so admins can grant roles before the first report arrives).
 * The demonstration data (seed()) adds the seeded authorities' teams first (so ingestion can route
 * actions to them), the demo users, then every report in the seeds folder. Both can run again and
 * change nothing.
 */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly reports: ReportsService,
    private readonly unitOfWork: UnitOfWork,
    private readonly seeds: SeedRepository,
    private readonly authorities: AuthorityRepository,
    private readonly accessSeeds: AccessSeedService,
    private readonly clock: Clock,
  ) {}

  /** Every authority of the shipped directory that the database does not hold yet; answers how many were added. */
  async loadAuthorityDirectory(): Promise<number> {
    return this.unitOfWork.run(async (manager) => {
      const missing = missingAuthorities(await this.authorities.codes(manager));
      for (const code of missing) await this.authorities.ensure(manager, code);
      if (missing.length > 0) this.logger.log({ message: 'Authority directory loaded', added: missing.length });
      return missing.length;
    });
  }

  /** The demonstration data, with demo users who share a published password: never for a deployment. */
  async seed(): Promise<SeedResult> {
    const result: SeedResult = { teamsCreated: 0, reportsCreated: 0, reportsAlreadyPresent: 0, usersCreated: 0, contactsCreated: 0 };
    for (const authority of await this.seedAuthorities()) {
      result.teamsCreated += await this.unitOfWork.run(async (manager) => {
        await this.authorities.ensure(manager, authority.code);
        let created = 0;
        for (const team of authority.teams) {
          if (await this.seeds.teamExists(manager, authority.code, team.name)) continue;
          await this.seeds.insertTeam(manager, newTeam(authority.code, team, this.clock.now()));
          created += 1;
        }
        return created;
      });
      result.contactsCreated += await this.unitOfWork.run(async (manager) => {
        let created = 0;
        for (const contact of authority.contacts ?? []) {
          if (await this.seeds.contactExists(manager, { authorityCode: authority.code, ...contact })) continue;
          await this.seeds.insertContact(manager, { authorityCode: authority.code, ...contact, createdAt: this.clock.now() });
          created += 1;
        }
        return created;
      });
    }
    // After the teams: a demo team member is assigned to one of them.
    result.usersCreated = await this.accessSeeds.seedUsers();
    const reportsDir = join(this.config.SEEDS_DIR, 'reports');
    for (const file of (await readdir(reportsDir)).filter((name) => /\.(txt|md|pdf)$/i.test(name)).sort()) {
      try {
        await this.reports.ingest({ content: await readFile(join(reportsDir, file)), fileName: file }, SYSTEM_CONTEXT);
        result.reportsCreated += 1;
      } catch (error) {
        if (!(error instanceof TrackingException && error.code === TrackingErrorCode.DUPLICATE_REPORT)) throw error;
        result.reportsAlreadyPresent += 1;
      }
    }
    this.logger.log({ message: 'Seed data loaded', ...result });
    return result;
  }

  async seedAuthorities(): Promise<SeedAuthority[]> {
    const file = JSON.parse(await readFile(join(this.config.SEEDS_DIR, 'authorities.json'), 'utf8')) as { authorities: SeedAuthority[] };
    return file.authorities;
  }

  async isEmpty(): Promise<boolean> {
    return !(await this.seeds.hasTeams());
  }
}
