import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { EXIT_FAILURE, processIo, type CliIo } from './cli-io.js';

export type CommandRegistration = (program: Command, io: CliIo) => void;

/**
 * Each command lives in its own file and is loaded only when it may run, so that a command which
 * needs no database (extract) does not pay for loading one. Add a command by adding its names and
 * the import of its registration function here.
 */
const COMMANDS: readonly { names: readonly string[]; load: () => Promise<CommandRegistration> }[] = [
  { names: ['extract'], load: async () => (await import('./extract.command.js')).registerExtractCommand },
  { names: ['migrate', 'seed', 'remove-demo-users'], load: async () => (await import('./database.commands.js')).registerDatabaseCommands },
  { names: ['create-admin'], load: async () => (await import('./create-admin.command.js')).registerCreateAdminCommand },
  { names: ['reset-password'], load: async () => (await import('./reset-password.command.js')).registerResetPasswordCommand },
  { names: ['backup', 'restore'], load: async () => (await import('./backup.commands.js')).registerBackupCommands },
  { names: ['export-council', 'delete-council', 'import-council'], load: async () => (await import('./council-data.commands.js')).registerCouncilDataCommands },
  { names: ['apply-retention'], load: async () => (await import('./retention.command.js')).registerRetentionCommand },
  { names: ['import'], load: async () => (await import('./import.command.js')).registerImportCommand },
  { names: ['start'], load: async () => (await import('./start.command.js')).registerStartCommand },
];

function requestedCommand(argv: readonly string[]): string | undefined {
  return argv.slice(2).find((argument) => !argument.startsWith('-'));
}

export async function createProgram(io: CliIo, argv: readonly string[] = []): Promise<Command> {
  const program = new Command()
    .name('improvement-tracker')
    .description('Turns Ofsted inspection recommendations into tracked, owned, deadlined actions.')
    .configureOutput({ writeOut: (text) => io.writeOut(text), writeErr: (text) => io.writeErr(text) })
    .exitOverride();
  const requested = requestedCommand(argv);
  const matching = COMMANDS.filter((command) => requested !== undefined && command.names.includes(requested));
  for (const command of matching.length > 0 ? matching : COMMANDS) (await command.load())(program, io);
  return program;
}

/** Runs the command line and resolves to the process exit code (0 on success, 2 on any failure). */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = await createProgram(io, argv);
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; everything else commander rejects is a usage error.
      return error.exitCode === 0 ? 0 : EXIT_FAILURE;
    }
    io.writeErr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
  return io.exitCode;
}

/** Runs the command line as the process: sets the exit code unless a command already set a failing one. */
export async function runAsProcess(argv: readonly string[] = process.argv): Promise<void> {
  const code = await runCli(argv);
  if (code !== 0 || process.exitCode === undefined) process.exitCode = code;
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

// `node dist/apps/cli/src/main.js <command>` runs the command line; importing this module (as
// bin/improvement-tracker.js and the tests do) does not.
if (isEntryPoint()) await runAsProcess();
