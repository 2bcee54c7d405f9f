import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessSeedService } from './access-seed.service.js';
import { AccessService } from './access.service.js';
import { AccountLinksService } from './account-links.service.js';
import { CouncilPeopleService } from './council-people.service.js';
import { ACCESS_ENTITIES } from './entities/index.js';

/** Accounts, roles, tokens and sessions; the database connection and configuration are global modules. */
@Module({
  imports: [TypeOrmModule.forFeature(ACCESS_ENTITIES)],
  providers: [AccessService, AccessSeedService, AccountLinksService, CouncilPeopleService],
  exports: [AccessService, AccessSeedService, AccountLinksService, CouncilPeopleService],
})
export class AccessModule {}
