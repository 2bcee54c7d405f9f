import type { Command } from 'commander';
import { accountLinkUrl, AccountLinksService, LINK_LIFETIME_HOURS } from '#access';
import { AppConfig } from '#config';
import { withCliContext } from './cli.module.js';
import { Clock } from '#core';

/**
 * `reset-password --email ...`: for the operator, when someone is locked out and no admin can
 * sign in to send a link. Prints a one-off link (valid an hour) to pass on to that person; using it
 * sets a new password and signs them out everywhere else. Their password is unchanged until then.
 */
export function registerResetPasswordCommand(program: Command): void {
  program
    .command('reset-password')
    .description('print a one-off link (valid 1 hour) with which a user sets a new password')
    .requiredOption('--email <email>', 'the email address the user signs in with')
    .action(async (options: { email: string }) => {
      const result = await withCliContext(async (context) => {
        const links = context.get(AccountLinksService);
        const user = await links.activeUserByEmail(options.email);
        if (!user) return null;
        const link = await links.issue(user.id, 'password_reset', context.get(Clock).now());
        return { user, link, url: accountLinkUrl(context.get(AppConfig).PUBLIC_URL, link.token) };
      });
      if (!result) {
        process.stderr.write(`reset-password: no active account has the email ${options.email}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(
        `Password reset link for ${result.user.displayName} <${result.user.email}>, valid for ${LINK_LIFETIME_HOURS.password_reset * 60} minutes ` +
          `(until ${result.link.expiresAt.toISOString()}), usable once:\n${result.url}\n` +
          'Send it to them by a channel you trust. Their current password works until the link is used.\n',
      );
    });
}
