import { type DynamicModule, Module } from '@nestjs/common';
import { AppConfigModule } from '#config';
import { DatabaseModule, type SchemaRole } from '#database';
import { ReminderWorkerModule } from './reminder-worker.module.js';

/** The worker process: configuration, database and the reminder queues, no HTTP. */
@Module({})
export class WorkerModule {
  /**
   * `env` lets tests run a worker against their own database, Redis and SMTP server. A worker never
   * changes the schema: it waits until the API or `improvement-tracker migrate` has made it current
   * (a test whose worker is the first process on a fresh database passes `migrate`).
   */
  static forRoot(env?: Record<string, string | undefined>, schema: SchemaRole = 'wait'): DynamicModule {
    return { module: WorkerModule, imports: [AppConfigModule.forRoot(env), DatabaseModule.forRoot({ schema }), ReminderWorkerModule] };
  }
}
