import { type DynamicModule, Module } from '@nestjs/common';
import { AppConfigModule } from '#config';
import { DatabaseModule } from '#database';
import { ReminderWorkerModule } from './reminder-worker.module.js';

/** The worker process: configuration, database and the reminder queues, no HTTP. */
@Module({})
export class WorkerModule {
  /** `env` lets tests run a worker against their own database, Redis and SMTP server. */
  static forRoot(env?: Record<string, string | undefined>): DynamicModule {
    return { module: WorkerModule, imports: [AppConfigModule.forRoot(env), DatabaseModule, ReminderWorkerModule] };
  }
}
