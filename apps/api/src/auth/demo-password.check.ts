import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AccessSeedService } from '#access';
import { AppConfig, isLocalPublicUrl } from '#config';

/** Thrown at start-up when the API must not serve: main.ts prints the message (no stack) and exits. */
export class StartupRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupRefusal';
  }
}

/**
 * A deployment (PUBLIC_URL anywhere but this machine) never serves while an account signs in with
 * the demo password printed in the README: the API refuses to start and says how to fix it.
 */
@Injectable()
export class DemoPasswordCheck implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly seeds: AccessSeedService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (isLocalPublicUrl(this.config)) return;
    const emails = await this.seeds.accountsWithDemoPassword();
    if (emails.length === 0) return;
    throw new StartupRefusal(
      [
        `Refusing to start: PUBLIC_URL is ${this.config.PUBLIC_URL}, but ${emails.length === 1 ? 'this account still signs' : `these ${emails.length} accounts still sign`} in with the published demo password:`,
        ...emails.map((email) => `  - ${email}`),
        'Remove them with `improvement-tracker remove-demo-users` (the journal keeps their names), or give each a password of its own:',
        '`improvement-tracker reset-password --email <address>` prints a one-off link with which its owner sets one (the old password works until then);',
        'then start again. Only a PUBLIC_URL on this machine (http://localhost:<port>) may run with the demo users.',
      ].join('\n'),
    );
  }
}
