import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { MulterModule } from '@nestjs/platform-express';
import { AppConfig, AppConfigModule } from '#config';
import { DatabaseModule } from '#database';
import { TrackingModule } from '#tracking';
import { ActionsController } from './actions/actions.controller.js';
import { AuthoritiesController } from './authorities/authorities.controller.js';
import { AuthApiModule } from './auth/auth.module.js';
import { HealthController } from './health/health.controller.js';
import { RedisHealthProbe } from './health/redis-health.probe.js';
import { ApiExceptionFilter } from './http/api-exception.filter.js';
import { RequestLoggerMiddleware } from './http/request-logger.middleware.js';
import { RemindersApiModule } from './reminders/reminders-api.module.js';
import { ReportsController } from './reports/reports.controller.js';
import { TeamsController } from './teams/teams.controller.js';

@Module({})
export class ApiModule implements NestModule {
  /** `env` lets tests run the whole application against their own database and Redis. */
  static forRoot(env?: Record<string, string | undefined>) {
    return {
      module: ApiModule,
      imports: [
        AppConfigModule.forRoot(env),
        DatabaseModule,
        TrackingModule,
        AuthApiModule,
        RemindersApiModule,
        MulterModule.registerAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({ limits: { fileSize: config.MAX_UPLOAD_BYTES, files: 1 } }),
        }),
      ],
      controllers: [HealthController, ReportsController, ActionsController, TeamsController, AuthoritiesController],
      providers: [RedisHealthProbe, { provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLoggerMiddleware).forRoutes('*path');
  }
}
