import { Module } from '@nestjs/common';
import { AccessSeedService } from './access-seed.service.js';
import { AccessService } from './access.service.js';
import { AccountLinksService } from './account-links.service.js';

/** Accounts, roles, tokens and sessions; the database connection and configuration are global modules. */
@Module({
  providers: [AccessService, AccessSeedService, AccountLinksService],
  exports: [AccessService, AccessSeedService, AccountLinksService],
})
export class AccessModule {}
