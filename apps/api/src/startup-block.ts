import { type AppConfig, isLocalPublicUrl, mailTransportOf } from '#config';

/**
 * What a newcomer needs after `npm start`, in one block: where the service is, how to sign in, and
 * where reminder emails go when there is no mail server.
 */
export function startupBlock(config: AppConfig, listeningOn: string, demoUsers: boolean): string {
  const address = isLocalPublicUrl(config) ? config.PUBLIC_URL : listeningOn;
  const transport = mailTransportOf(config);
  const lines = [
    '',
    `  Improvement tracker is running at ${address}`,
    demoUsers
      ? '  Sign in as a demo user, such as board.member@walthamforest.example, with the password in the README (Quick start)'
      : '  Sign in with the first administrator (ADMIN_EMAIL, or improvement-tracker create-admin)',
    transport === 'outbox' ? `  Without SMTP_URL, reminder and account emails are written as .eml files to ${config.OUTBOX_DIR}` : `  Emails leave through ${transport}`,
    config.OIDC_ISSUER ? `  Single sign-on: ${config.OIDC_ISSUER}` : '',
    '',
  ];
  return lines.filter((line, index) => line !== '' || index === 0 || index === lines.length - 1).join('\n');
}
