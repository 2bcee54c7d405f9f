import type { Command } from 'commander';
import { JournalRetentionService } from '#tracking';
import type { CliIo } from './cli-io.js';
import { withCliContext } from './cli.module.js';

/** `apply-retention`: what the API does once a day, for an operator's own schedule or to check the setting. */
export function registerRetentionCommand(program: Command, io: CliIo): void {
  program
    .command('apply-retention')
    .description('remove journal notes, evidence links and evidence files of actions signed off more than RETENTION_YEARS ago (the entries and the records of the files stay)')
    .action(async () => {
      const result = await withCliContext((context) => context.get(JournalRetentionService).apply());
      io.writeOut(
        result.cutoff === null
          ? 'RETENTION_YEARS is not set: everything is kept.\n'
          : `Removed the notes and evidence of ${result.entries} journal entries, and ${result.files} evidence files, from before ${result.cutoff} on actions signed off before then.\n`,
      );
    });
}
