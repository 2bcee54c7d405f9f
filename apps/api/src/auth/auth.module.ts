import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccessModule } from '#access';
import { AppConfig } from '#config';
import { AccessGuard } from './access.guard.js';
import { AuthController } from './auth.controller.js';
import { DemoPasswordCheck } from './demo-password.check.js';
import { FirstAdminBootstrap } from './first-admin.bootstrap.js';
import { UsersController } from './users.controller.js';

/** Authentication, the global access guard, and the account endpoints. */
@Module({
  imports: [
    AccessModule,
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => [{ ttl: 60_000, limit: config.AUTH_RATE_LIMIT }],
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }, FirstAdminBootstrap, DemoPasswordCheck],
})
export class AuthApiModule {}
