import type { Command } from 'commander';
import { SeedService } from '#tracking';
import { withCliContext } from './cli.module.js';

/** `migrate` and `seed`: both safe to run again (migrations run once; seeding skips what exists). */
export function registerDatabaseCommands(program: Command): void {
  program
    .command('migrate')
    .description('create or upgrade the database schema (DATABASE_URL)')
    .action(async () => {
      // Opening the context runs pending migrations.
      await withCliContext(async () => undefined);
      process.stdout.write('Database schema is up to date\n');
    });

  program
    .command('seed')
    .description('load the seed reports, teams and contacts (skips what is already there)')
    .action(async () => {
      const result = await withCliContext((context) => context.get(SeedService).seed());
      process.stdout.write(`${JSON.stringify(result)}\n`);
    });
}
