import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { SeedService } from '#tracking';
import { withCliContext } from './cli.module.js';

const entry = (app: 'api' | 'worker') => fileURLToPath(new URL(`../../${app}/src/main.js`, import.meta.url));

/**
 * The embedded default in one command: migrate, load the seed data once, then run the API and the
 * reminder worker side by side. Either exiting stops the other, and signals reach both.
 */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('migrate, seed once, then run the API and the worker together')
    .option('--no-seed', 'do not load the seed data')
    .option('--no-worker', 'run the API only')
    .action(async (options: { seed: boolean; worker: boolean }) => {
      await withCliContext(async (context) => {
        const seeds = context.get(SeedService);
        if (options.seed && (await seeds.isEmpty())) await seeds.seed();
      });
      const children: ChildProcess[] = [spawn(process.execPath, [entry('api')], { stdio: 'inherit' })];
      if (options.worker) children.push(spawn(process.execPath, [entry('worker')], { stdio: 'inherit' }));
      let stopping = false;
      const stop = (signal: NodeJS.Signals) => {
        if (stopping) return;
        stopping = true;
        for (const child of children) if (child.exitCode === null) child.kill(signal);
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) =>
              child.on('exit', (code) => {
                if (!stopping) process.exitCode = code ?? 1;
                stop('SIGTERM');
                resolve();
              }),
            ),
        ),
      );
    });
}
