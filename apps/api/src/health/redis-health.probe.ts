import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '#config';

/**
 * A dedicated, fail-fast Redis connection for health checks: commands are refused at once while
 * disconnected (no offline queue), so a stopped Redis never stalls the API, and it reconnects
 * in the background when Redis comes back.
 */
@Injectable()
export class RedisHealthProbe implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RedisHealthProbe.name);
  private client: Redis;
  private lastError: string | null = null;

  constructor(private readonly config: AppConfig) {}

  onModuleInit(): void {
    this.client = new Redis(this.config.REDIS_URL, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1000,
      retryStrategy: () => 2000,
    });
    this.client.on('error', (error: Error) => {
      if (error.message !== this.lastError) this.logger.warn({ message: 'Redis unavailable', error: error.message });
      this.lastError = error.message;
    });
    this.client.on('ready', () => {
      if (this.lastError) this.logger.log('Redis reachable again');
      this.lastError = null;
    });
    this.client.connect().catch(() => undefined);
  }

  async check(): Promise<{ status: 'up' | 'down'; error?: string }> {
    try {
      await withTimeout(this.client.ping(), 1000);
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', error: (error as Error).message };
    }
  }

  onApplicationShutdown(): void {
    this.client?.disconnect();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}
