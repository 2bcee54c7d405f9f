import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AccessService, createAdmin } from '#access';
import { AppConfig } from '#config';

/** ADMIN_EMAIL and ADMIN_PASSWORD create the first admin on start, and only while no user exists. */
@Injectable()
export class FirstAdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly access: AccessService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = this.config;
    if (!email || !password || (await this.access.countUsers()) > 0) return;
    const admin = await createAdmin(this.access, { email, displayName: 'Administrator', password });
    this.logger.log({ message: 'First admin created from ADMIN_EMAIL', userId: admin.userId, email: admin.email });
  }
}
