import { readFile, rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CouncilDataService, TrackingException, type CouncilDataSummary } from '#tracking';
import { EXIT_FAILURE, type CliIo } from './cli-io.js';
import { withCliContext } from './cli.module.js';

function described(summary: CouncilDataSummary): string {
  return summary.counts
    .filter((count) => count.rows > 0)
    .map((count) => `  ${String(count.rows).padStart(8)}  ${count.noun}`)
    .join('\n');
}

/** Refusals the operator can act on are printed as one line; anything else is a fault and keeps its stack. */
async function reporting(io: CliIo, work: () => Promise<string>): Promise<void> {
  try {
    io.writeOut(`${await work()}\n`);
  } catch (error) {
    if (!(error instanceof TrackingException)) throw error;
    io.writeErr(`error: ${error.message}\n`);
    io.exitCode = EXIT_FAILURE;
  }
}

/** `export-council`, `delete-council` and `import-council`: a council's data out, deleted and back in. */
export function registerCouncilDataCommands(program: Command, io: CliIo): void {
  program
    .command('export-council')
    .description("write everything of one council (reports, actions, journal, reviews, reminders, people) to a zip of JSON and CSV with a manifest")
    .argument('<code>', "the council's ONS code, e.g. E09000005")
    .option('--out <file>', 'where to write the zip (default: council-<code>-<date>.zip here)')
    .action(async (code: string, options: { out?: string }) => {
      await reporting(io, () =>
        withCliContext(async (context) => {
          const exported = await context.get(CouncilDataService).exportCouncil(code);
          const file = resolve(options.out ?? exported.fileName);
          // Written beside the target and renamed, so a failure never leaves half an export under its name.
          await writeFile(`${file}.partial`, exported.archive, { mode: 0o600 });
          await rename(`${file}.partial`, file);
          const rows = exported.manifest.tables.map((table) => `  ${String(table.rows).padStart(8)}  ${table.table}`).join('\n');
          return `Exported ${exported.manifest.authority.name} (${code}) to ${file} (${exported.archive.length} bytes):\n${rows}\nIt holds personal data: keep it as you keep the database.`;
        }),
      );
    });

  program
    .command('delete-council')
    .description("delete everything of one council; without --yes, only lists what would go")
    .argument('<code>', "the council's ONS code")
    .option('--yes', 'delete, having read the list')
    .action(async (code: string, options: { yes?: boolean }) => {
      await reporting(io, () =>
        withCliContext(async (context) => {
          const service = context.get(CouncilDataService);
          if (!options.yes) {
            const summary = await service.summary(code);
            if (summary.total === 0) return `${summary.authority.name} (${code}) has no data here.`;
            io.exitCode = EXIT_FAILURE;
            return `Deleting ${summary.authority.name} (${code}) would remove:\n${described(summary)}\nExport it first (export-council ${code}), then run delete-council ${code} --yes. Nothing was deleted.`;
          }
          const deleted = await service.deleteCouncil(code);
          return `Deleted the data of ${deleted.authority.name} (${code}):\n${described(deleted) || '  nothing: it had no data'}`;
        }),
      );
    });

  program
    .command('import-council')
    .description('put a council back from a file written by export-council (refused while the council has data here)')
    .argument('<file>', 'a zip written by export-council')
    .action(async (file: string) => {
      const archive = await readFile(resolve(file)).catch(() => null);
      if (!archive) {
        io.writeErr(`error: cannot read ${resolve(file)}\n`);
        io.exitCode = EXIT_FAILURE;
        return;
      }
      await reporting(io, () =>
        withCliContext(async (context) => {
          const imported = await context.get(CouncilDataService).importCouncil(archive);
          const rows = imported.imported.map((table) => `  ${String(table.rows).padStart(8)}  ${table.table}`).join('\n');
          return [
            `Imported ${imported.authority.name} (${imported.authority.code}) from ${resolve(file)}:`,
            rows,
            imported.matchedAccounts > 0 ? `${imported.matchedAccounts} people already had an account here and keep it.` : null,
            'People whose accounts were created by the import set a password with "Forgotten your password?" or reset-password.',
          ]
            .filter(Boolean)
            .join('\n');
        }),
      );
    });
}
