import { Global, Logger, Module } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '#config';

export const WORKER_REDIS = Symbol('WORKER_REDIS');

/**
 * The worker's Redis connection, shared by its queues (each worker duplicates it for its blocking
 * reads). BullMQ needs maxRetriesPerRequest null: a worker waits for Redis to come back rather
 * than failing jobs while it is away.
 */
@Global()
@Module({
  providers: [
    {
      provide: WORKER_REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const logger = new Logger('Redis');
        const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
        let lastError: string | null = null;
        redis.on('error', (error: Error) => {
          if (error.message !== lastError) logger.warn({ message: 'Redis unavailable', error: error.message });
          lastError = error.message;
        });
        redis.on('ready', () => {
          if (lastError) logger.log('Redis reachable again');
          lastError = null;
        });
        return redis;
      },
    },
  ],
  exports: [WORKER_REDIS],
})
export class WorkerRedisModule {}
