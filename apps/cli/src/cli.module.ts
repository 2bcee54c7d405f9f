import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfigModule } from '#config';
import { DatabaseModule } from '#database';
import { TrackingModule } from '#tracking';

/** The database and domain services, without HTTP, for commands that change data. */
@Module({ imports: [AppConfigModule.forRoot(), DatabaseModule, TrackingModule] })
export class CliModule {}

export async function withCliContext<T>(work: (context: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>) => Promise<T>): Promise<T> {
  const context = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}
