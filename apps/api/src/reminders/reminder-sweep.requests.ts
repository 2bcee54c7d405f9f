import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Queue, type JobType } from 'bullmq';
import { Redis } from 'ioredis';
import { enforce } from '#access';
import { AppConfig } from '#config';
import { MAIL_QUEUE, mayRunReminderSweep, nonWorkingReason, ReminderErrorCode, ReminderException, ReminderQueues, SWEEP_QUEUE } from '#reminders';
import type { SweepRequestDto } from './reminder.dto.js';
import { Clock, type IsoDate, type RequestContext } from '#core';

/**
 * Queues sweeps for the worker. Its Redis connection fails fast (no offline queue, short
 * timeouts): with Redis down a request gets a 503 at once and nothing else in the API waits on it.
 */
@Injectable()
export class ReminderSweepRequests implements OnModuleInit, OnApplicationShutdown {
  private redis: Redis;
  private queues: ReminderQueues | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.redis = new Redis(this.config.REDIS_URL, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
      retryStrategy: () => 2000,
    });
    // Redis being away is reported by /api/health and by a 503 here, not by an error per reconnection.
    this.redis.on('error', () => undefined);
    this.redis.connect().catch(() => undefined);
  }

  async request(date: IsoDate | undefined, context: RequestContext): Promise<SweepRequestDto> {
    enforce(mayRunReminderSweep(context));
    const day = date ?? this.clock.today();
    if (this.redis.status !== 'ready') throw this.unavailable(`no connection (${this.redis.status})`);
    let queued: Awaited<ReturnType<ReminderQueues['requestSweep']>>;
    try {
      queued = await withTimeout(this.queuesOf().requestSweep(day), 5000);
    } catch (error) {
      throw this.unavailable((error as Error).message);
    }
    const skipped = nonWorkingReason(day);
    const message = skipped
      ? `${day} is ${skipped === 'weekend' ? 'a weekend day' : 'a bank holiday'}: the sweep will send nothing`
      : queued.state === 'queued'
        ? `The sweep of ${day} is queued; it sends only the digests that day has not had yet`
        : `The sweep of ${day} is already queued or running`;
    return { date: day, jobId: queued.jobId, state: queued.state, workingDay: skipped === null, message };
  }

  async onApplicationShutdown(): Promise<void> {
    const queues = this.queues;
    if (queues) await Promise.race([Promise.all([queues.sweep.close(), queues.mail.close()]), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    this.redis?.disconnect();
  }

  /** The reminder queues once Redis answers, for the metrics and the queue page; null while it does not. */
  readyQueues(): ReminderQueues | null {
    return this.redis.status === 'ready' ? this.queuesOf() : null;
  }

  /** Job counts by queue and state, or null while Redis is unreachable or slow to answer. */
  async jobCounts(states: JobType[]): Promise<Record<string, Record<string, number>> | null> {
    const queues = this.readyQueues();
    if (!queues) return null;
    try {
      const [sweep, mail] = await withTimeout(Promise.all([queues.sweep.getJobCounts(...states), queues.mail.getJobCounts(...states)]), 2000);
      return { [queues.sweep.name]: sweep, [queues.mail.name]: mail };
    } catch {
      return null;
    }
  }

  /** Created on first use, once Redis has answered: BullMQ waits for a connection that may never come otherwise. */
  private queuesOf(): ReminderQueues {
    if (!this.queues) {
      const options = { connection: this.redis, prefix: this.config.QUEUE_PREFIX };
      const [sweep, mail] = [new Queue(SWEEP_QUEUE, options), new Queue(MAIL_QUEUE, options)];
      for (const queue of [sweep, mail]) queue.on('error', () => undefined);
      this.queues = new ReminderQueues(sweep, mail, { attempts: this.config.MAIL_ATTEMPTS, backoffMs: this.config.MAIL_BACKOFF_MS });
    }
    return this.queues;
  }

  private unavailable(reason: string): ReminderException {
    const { host, port } = new URL(this.config.REDIS_URL);
    return new ReminderException(
      ReminderErrorCode.DEPENDENCY_UNAVAILABLE,
      `The reminder queue (Redis at ${host || '127.0.0.1'}${port ? '' : ':6379'}) is unavailable, so the sweep could not be queued: ${reason}. The rest of the API keeps working; try again once /api/health reports Redis up.`,
    );
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}
