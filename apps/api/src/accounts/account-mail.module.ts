import { Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AccessModule } from '#access';
import { AppConfig } from '#config';
import { createMailTransport, MailTransport } from '#reminders';
import { AccountMailer } from './account-mailer.js';

/** Closes the API's mail transport (an SMTP connection pool) when the application stops. */
@Injectable()
class MailTransportCloser implements OnApplicationShutdown {
  constructor(private readonly transport: MailTransport) {}

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}

/** The API's own mail transport, for emails people are waiting for (invitations, password resets). */
@Module({
  imports: [AccessModule],
  providers: [
    { provide: MailTransport, inject: [AppConfig], useFactory: (config: AppConfig) => createMailTransport(config) },
    MailTransportCloser,
    AccountMailer,
  ],
  exports: [AccountMailer, MailTransport],
})
export class AccountMailModule {}
