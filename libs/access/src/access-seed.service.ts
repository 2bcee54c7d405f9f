import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppConfig } from '#config';
import { Team } from '#database';
import { AccessService } from './access.service.js';
import type { Role } from './roles.js';

interface SeedUsersFile {
  password: string;
  users: { email: string; displayName: string; roles: { role: Role; authorityCode: string | null; team?: string }[] }[];
}

/** Loads the demonstration users of seeds/users.json; users that already exist are left as they are. */
@Injectable()
export class AccessSeedService {
  private readonly logger = new Logger(AccessSeedService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly access: AccessService,
    @InjectRepository(Team) private readonly teams: Repository<Team>,
  ) {}

  async seedUsers(): Promise<number> {
    let file: SeedUsersFile;
    try {
      file = JSON.parse(await readFile(join(this.config.SEEDS_DIR, 'users.json'), 'utf8')) as SeedUsersFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    let created = 0;
    for (const seed of file.users) {
      if (await this.access.findByEmail(seed.email)) continue;
      const user = await this.access.createUser({ email: seed.email, displayName: seed.displayName, password: file.password });
      for (const role of seed.roles) {
        const team = role.team ? await this.teams.findOne({ where: { authorityCode: role.authorityCode ?? '', name: role.team } }) : null;
        if (role.team && !team) throw new Error(`seeds/users.json: ${role.authorityCode} has no team called "${role.team}"`);
        await this.access.grantRole(user.id, { role: role.role, authorityCode: role.authorityCode, teamId: team?.id ?? null });
      }
      created += 1;
    }
    if (created > 0) this.logger.log({ message: 'Demonstration users loaded', created });
    return created;
  }
}
