import { BullRegistrar, InjectQueue } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppConfig, publicUrlWarnings } from '#config';
import { MAIL_QUEUE, MailTransport, ReminderQueues, SWEEP_QUEUE } from '#reminders';
import { DigestEmailProcessor } from './digest-email.processor.js';
import { ReminderSweepProcessor } from './reminder-sweep.processor.js';
import type { RegistryWorkerHost } from './registry-worker.host.js';
import { applyWorkerSettings } from './worker-settings.js';
import { WORKER_REDIS } from './worker-redis.module.js';

/**
 * Start-up and shutdown of the worker, in an order that matters:
 * - start: every job name has a handler (or the worker refuses to start), then the workers are
 *   created with the configured settings, then the daily sweep is scheduled;
 * - stop (SIGTERM/SIGINT): workers first, which lets the job in hand finish, then the queues, the
 *   SMTP pool and last the Redis connection they all used. The database closes after this hook.
 */
@Injectable()
export class WorkerLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ReminderWorker');
  private readonly hosts: (RegistryWorkerHost<typeof SWEEP_QUEUE> | RegistryWorkerHost<typeof MAIL_QUEUE>)[];

  constructor(
    private readonly config: AppConfig,
    private readonly registrar: BullRegistrar,
    private readonly queues: ReminderQueues,
    private readonly transport: MailTransport,
    @InjectQueue(SWEEP_QUEUE) private readonly sweepQueue: Queue,
    @InjectQueue(MAIL_QUEUE) private readonly mailQueue: Queue,
    @Inject(WORKER_REDIS) private readonly redis: Redis,
    sweepProcessor: ReminderSweepProcessor,
    digestProcessor: DigestEmailProcessor,
  ) {
    this.hosts = [sweepProcessor, digestProcessor];
  }

  onModuleInit(): void {
    for (const host of this.hosts) host.verifyHandlers();
    applyWorkerSettings(this.config);
    this.registrar.register();
    for (const host of this.hosts) {
      host.worker.on('failed', (job, error) =>
        this.logger.warn({ message: 'Job failed', queue: host.queueName, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, error: error.message }),
      );
      // Connection trouble is reported by the Redis connection itself; an unhandled 'error' would end the process.
      host.worker.on('error', (error) => this.logger.debug({ message: 'Worker error', queue: host.queueName, error: error.message }));
    }
    for (const queue of [this.sweepQueue, this.mailQueue]) {
      queue.on('error', (error) => this.logger.debug({ message: 'Queue error', queue: queue.name, error: error.message }));
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const warning of publicUrlWarnings(this.config)) this.logger.warn(warning);
    if (this.config.REMINDER_CRON !== 'off') await this.queues.scheduleDailySweep(this.config.REMINDER_CRON, this.config.TZ_NAME);
    this.logger.log({
      message: 'Reminder worker started',
      schedule: this.config.REMINDER_CRON === 'off' ? 'off' : `${this.config.REMINDER_CRON} ${this.config.TZ_NAME}`,
      mail: this.transport.describe(),
      prefix: this.config.QUEUE_PREFIX,
    });
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log({ message: 'Reminder worker stopping', signal: signal ?? null });
    // The job in hand may finish for WORKER_SHUTDOWN_MS; then it is abandoned (its reminder stays
    // pending and the job is taken up again by the next worker), so the process exits before the
    // container's stop grace period ends in a SIGKILL.
    let timer: NodeJS.Timeout | undefined;
    const finished = Promise.all(this.hosts.map((host) => host.worker.close())).then(() => true);
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.config.WORKER_SHUTDOWN_MS)));
    if (!(await Promise.race([finished, timedOut]))) {
      this.logger.warn({ message: 'The job in hand did not finish in time; leaving it to the next worker', waitedMs: this.config.WORKER_SHUTDOWN_MS });
      await Promise.all(this.hosts.map((host) => host.worker.close(true)));
    }
    clearTimeout(timer);
    await Promise.all([this.sweepQueue.close(), this.mailQueue.close()]);
    await this.transport.close();
    if (this.redis.status === 'ready') await this.redis.quit();
    else this.redis.disconnect();
    this.logger.log('Reminder worker stopped');
  }
}
