import type { Command } from 'commander';
import { AccessService, createAdmin } from '#access';
import { withCliContext } from './cli.module.js';

/**
 * `create-admin --email ... --name ... [--password ...]`: the first account of a deployment (or
 * another admin). Without --password one is generated and printed once; only its hash is stored.
 */
export function registerCreateAdminCommand(program: Command): void {
  program
    .command('create-admin')
    .description('create a user who administers the whole deployment')
    .requiredOption('--email <email>', 'their email address (used to sign in)')
    .requiredOption('--name <name>', 'their name, as shown in the journal')
    .option('--password <password>', 'at least 12 characters; generated and printed once when omitted')
    .action(async (options: { email: string; name: string; password?: string }) => {
      const admin = await withCliContext((context) =>
        createAdmin(context.get(AccessService), { email: options.email, displayName: options.name, password: options.password }),
      ).catch((error: Error) => {
        // An existing email or a short password is the operator's to fix: say so without a stack trace.
        process.stderr.write(`create-admin: ${error.message}\n`);
        process.exitCode = 1;
        return undefined;
      });
      if (!admin) return;
      process.stdout.write(`Admin ${admin.email} created (user ${admin.userId})\n`);
      if (admin.generatedPassword) {
        process.stdout.write(`Password: ${admin.generatedPassword}\nIt is shown only this once: store it somewhere safe, or create a token after signing in.\n`);
      }
    });
}
