import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '#config';
import { Clock } from '#core';
import { AccessSeedService } from './access-seed.service.js';
import { AccessService } from './access.service.js';
import { AccountLinkRepository } from './account-link.repository.js';
import { AccountRepository } from './account.repository.js';
import { SessionRepository } from './session.repository.js';
import { TokenRepository } from './token.repository.js';
import { AccountLinksService } from './account-links.service.js';
import { AccountsService } from './accounts.service.js';
import { AuthenticationService } from './authentication.service.js';
import { CredentialsRepository } from './credentials.repository.js';
import { CouncilPeopleService } from './council-people.service.js';
import { OwnAccountService } from './own-account.service.js';
import { SingleSignOnAccounts } from './single-sign-on.service.js';
import { ACCESS_ENTITIES } from './entities/index.js';
import { RecentCallers } from './recent-callers.js';
import { UnknownEmailSignIns } from './unknown-email-sign-ins.js';
import { SessionsService } from './sessions.service.js';
import { TokensService } from './tokens.service.js';

const PARTS = [AccountsService, TokensService, SessionsService, AuthenticationService];

/** Accounts, roles, tokens and sessions; the database connection and configuration are global modules. */
@Module({
  imports: [TypeOrmModule.forFeature(ACCESS_ENTITIES)],
  providers: [
    // One memo per process, shared by every part that must forget a caller.
    { provide: RecentCallers, inject: [AppConfig, Clock], useFactory: (config: AppConfig, clock: Clock) => new RecentCallers(config.AUTH_CACHE_MS, clock) },
    // One count per process of failed sign-ins for addresses with no account.
    { provide: UnknownEmailSignIns, useFactory: () => new UnknownEmailSignIns() },
    CredentialsRepository,
    AccountLinkRepository,
    AccountRepository,
    TokenRepository,
    SessionRepository,
    ...PARTS,
    AccessService,
    AccessSeedService,
    AccountLinksService,
    CouncilPeopleService,
    OwnAccountService,
    SingleSignOnAccounts,
  ],
  exports: [...PARTS, AccessService, AccessSeedService, AccountLinksService, CouncilPeopleService, OwnAccountService, SingleSignOnAccounts],
})
export class AccessModule {}
