import type { Command } from 'commander';
import { AccessSeedService } from '#access';
import { AppConfig } from '#config';
import { SeedService } from '#tracking';
import { withCliContext } from './cli.module.js';

/** `migrate`, `seed` and `remove-demo-users`: all safe to run again. */
export function registerDatabaseCommands(program: Command): void {
  program
    .command('migrate')
    .description('create or upgrade the database schema (DATABASE_URL); other processes wait for it')
    .action(async () => {
      // Opening the context runs pending migrations, under the deployment-wide lock.
      await withCliContext(async () => undefined, { migrate: true });
      process.stdout.write('Database schema is up to date\n');
    });

  program
    .command('seed')
    .description('load the authority directory; with --demo also the demonstration reports, teams and users')
    .option('--demo', 'also load the demonstration data, whose users share the password printed in the README (never on a deployment)')
    .action(async (options: { demo?: boolean }) => {
      const result = await withCliContext(async (context) => {
        const seeds = context.get(SeedService);
        const authoritiesAdded = await seeds.loadAuthorityDirectory();
        const demo = options.demo || context.get(AppConfig).SEED_DEMO === true;
        return { authoritiesAdded, ...(demo ? await seeds.seed() : {}) };
      });
      process.stdout.write(`${JSON.stringify(result)}\n`);
    });

  program
    .command('remove-demo-users')
    .description('delete every account that still signs in with the published demo password')
    .action(async () => {
      const emails = await withCliContext((context) => context.get(AccessSeedService).removeAccountsWithDemoPassword());
      process.stdout.write(emails.length === 0 ? 'No account has the demo password\n' : `Removed ${emails.length}: ${emails.join(', ')}\n`);
    });
}
