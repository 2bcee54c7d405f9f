import { ConsoleLogger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, loadConfig, loadConfigFromEnvironment } from '#config';
import { WorkerModule } from './worker.module.js';

export interface CreateWorkerAppOptions {
  env?: Record<string, string | undefined>;
  logger?: false;
}

/** The worker as an application context: processors and schedules, no HTTP server. */
export async function createWorkerApp(options: CreateWorkerAppOptions = {}): Promise<INestApplicationContext> {
  const config = options.env ? loadConfig(options.env) : loadConfigFromEnvironment();
  const logger = options.logger === false ? false : new ConsoleLogger({ json: config.LOG_FORMAT === 'json', logLevels: logLevelsFrom(config.LOG_LEVEL) });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(options.env), { logger });
  // SIGTERM and SIGINT run the shutdown hooks: the job in hand finishes before the process exits.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}

function logLevelsFrom(level: AppConfig['LOG_LEVEL']) {
  const order = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
  return order.slice(0, order.indexOf(level) + 1);
}
