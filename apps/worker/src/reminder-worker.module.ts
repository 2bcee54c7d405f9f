import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppConfig } from '#config';
import {
  ChallengeAlertPlanner,
  ChallengeAlertRepository,
  ChallengeAlertService,
  createMailTransport,
  DigestDeliveryRepository,
  DigestDeliveryService,
  MAIL_QUEUE,
  MailTransport,
  ReminderPlanner,
  ReminderPlanRepository,
  ReminderQueues,
  ReminderSweepService,
  SWEEP_QUEUE,
} from '#reminders';
import { BoardModule } from '#board';
import { TrackingModule } from '#tracking';
import { DigestEmailProcessor } from './digest-email.processor.js';
import { ReminderSweepProcessor } from './reminder-sweep.processor.js';
import { WorkerLifecycle } from './worker-lifecycle.service.js';
import { WORKER_REDIS, WorkerRedisModule } from './worker-redis.module.js';

/**
 * The reminder queues and their processors. Expects the configuration and the database from the
 * importing module, so it runs on its own (apps/worker) or next to the API in one process.
 */
@Module({
  imports: [
    TrackingModule,
    BoardModule,
    WorkerRedisModule,
    BullModule.forRootAsync({
      imports: [WorkerRedisModule],
      inject: [WORKER_REDIS, AppConfig],
      useFactory: (redis: Redis, config: AppConfig) => ({ connection: redis, prefix: config.QUEUE_PREFIX }),
      // The lifecycle creates the workers once it has checked the handlers and applied the settings.
      extraOptions: { manualRegistration: true },
    }),
    BullModule.registerQueue({ name: SWEEP_QUEUE }, { name: MAIL_QUEUE }),
  ],
  providers: [
    { provide: MailTransport, inject: [AppConfig], useFactory: (config: AppConfig) => createMailTransport(config) },
    {
      provide: ReminderQueues,
      inject: [getQueueToken(SWEEP_QUEUE), getQueueToken(MAIL_QUEUE), AppConfig],
      useFactory: (sweep: Queue, mail: Queue, config: AppConfig) => new ReminderQueues(sweep, mail, { attempts: config.MAIL_ATTEMPTS, backoffMs: config.MAIL_BACKOFF_MS }),
    },
    ReminderPlanRepository,
    ChallengeAlertRepository,
    ChallengeAlertPlanner,
    ReminderPlanner,
    ReminderSweepService,
    DigestDeliveryRepository,
    DigestDeliveryService,
    ChallengeAlertPlanner,
  ChallengeAlertRepository,
  ChallengeAlertService,
    ReminderSweepProcessor,
    DigestEmailProcessor,
    WorkerLifecycle,
  ],
  exports: [ReminderQueues, ReminderSweepService, ReminderPlanner],
})
export class ReminderWorkerModule {}
