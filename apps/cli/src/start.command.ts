import { fileURLToPath } from 'node:url';
import { ConsoleLogger } from '@nestjs/common';
import type { Command } from 'commander';
import { AppConfig, demoDataAllowed, loadConfigFromEnvironment } from '#config';
import { SeedService } from '#tracking';
import { withCliContext } from './cli.module.js';
import { type SupervisedProcess, Supervisor } from './supervisor.js';

const entry = (app: 'api' | 'worker') => fileURLToPath(new URL(`../../${app}/src/main.js`, import.meta.url));

/**
 * The embedded default in one command: migrate, load the start-up data, then run the API and the
 * reminder worker side by side, restarting either if it dies. SIGTERM or SIGINT stops both.
 * The demonstration data (with its published password) is loaded only on the embedded default
 * database or with SEED_DEMO=true; anywhere else only the authority directory is.
 */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('migrate and load the start-up data, then run the API and the worker, restarting either if it dies')
    .option('--no-seed', 'load nothing')
    .option('--no-worker', 'run the API only')
    .action(async (options: { seed: boolean; worker: boolean }) => {
      const config = loadConfigFromEnvironment();
      const logger = new ConsoleLogger('Start', { json: config.LOG_FORMAT === 'json' });
      await withCliContext(async (context) => {
        if (!options.seed) return;
        const seeds = context.get(SeedService);
        if (!demoDataAllowed(context.get(AppConfig))) await seeds.loadAuthorityDirectory();
        else if (await seeds.isEmpty()) await seeds.seed();
      });
      const processes: SupervisedProcess[] = [{ name: 'api', script: entry('api') }];
      if (options.worker) processes.push({ name: 'worker', script: entry('worker') });
      const supervisor = new Supervisor(processes, {
        backoffMs: config.RESTART_BACKOFF_MS,
        // The worker finishes the email in hand first (WORKER_SHUTDOWN_MS); past that, something is stuck.
        stopTimeoutMs: config.WORKER_SHUTDOWN_MS + 15_000,
        logger: { log: (entry) => logger.log(entry), warn: (entry) => logger.warn(entry) },
      });
      process.on('SIGINT', () => void supervisor.stop('SIGINT'));
      process.on('SIGTERM', () => void supervisor.stop('SIGTERM'));
      await supervisor.run();
    });
}
