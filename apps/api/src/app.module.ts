import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER, RouterModule } from '@nestjs/core';
import { AccessModule } from '#access';
import { AppConfigModule } from '#config';
import { DatabaseModule } from '#database';
import { TrackingModule } from '#tracking';
import { GovernanceController } from './actions/governance.controller.js';
import { ActionsController } from './actions/actions.controller.js';
import { AuthoritiesController } from './authorities/authorities.controller.js';
import { AuthApiModule } from './auth/auth.module.js';
import { BoardApiModule } from './board/board-api.module.js';
import { ActionPlanExportsController } from './exports/action-plan-exports.controller.js';
import { HealthController } from './health/health.controller.js';
import { RedisHealthProbe } from './health/redis-health.probe.js';
import { ApiExceptionFilter } from './http/api-exception.filter.js';
import { reportUploads } from './http/report-uploads.js';
import { RequestLoggerMiddleware } from './http/request-logger.middleware.js';
import { RemindersApiModule } from './reminders/reminders-api.module.js';
import { ApiMetrics } from './operations/api-metrics.js';
import { HttpMetricsMiddleware } from './operations/http-metrics.middleware.js';
import { MetricsController } from './operations/metrics.controller.js';
import { RetentionSchedule } from './operations/retention.schedule.js';
import { ReportsController } from './reports/reports.controller.js';
import { TeamsController } from './teams/teams.controller.js';
import { WebModule } from './web/web.module.js';

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
        AccessModule,
        AuthApiModule,
        RemindersApiModule,
        BoardApiModule,
        WebModule,
        // Every API route lives under /api; the pages (WebModule) have the rest of the site.
        RouterModule.register([
          { path: 'api', module: ApiModule },
          { path: 'api', module: AuthApiModule },
          { path: 'api', module: RemindersApiModule },
          { path: 'api', module: BoardApiModule },
        ]),
        reportUploads(),
      ],
      controllers: [HealthController, MetricsController, ReportsController, ActionsController, GovernanceController, TeamsController, AuthoritiesController, ActionPlanExportsController],
      providers: [RedisHealthProbe, RetentionSchedule, ApiMetrics, { provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLoggerMiddleware, HttpMetricsMiddleware).forRoutes('*path');
  }
}
