import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfigModule } from '#config';
import { DatabaseModule, type SchemaRole } from '#database';
import { BoardModule } from '#board';
import { TrackingModule } from '#tracking';

/** The database and domain services, without HTTP, for commands that change data. */
@Module({})
export class CliModule {
  static forRoot(schema: SchemaRole): DynamicModule {
    return { module: CliModule, imports: [AppConfigModule.forRoot(), DatabaseModule.forRoot({ schema }), TrackingModule, BoardModule] };
  }
}

/**
 * Runs a command's work with the database open. Commands migrate a database that needs it (unless
 * MIGRATIONS_RUN=false, when they wait for it); `migrate: true` is the operator's explicit step and
 * applies migrations whatever MIGRATIONS_RUN says.
 */
export async function withCliContext<T>(
  work: (context: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const context = await NestFactory.createApplicationContext(CliModule.forRoot(options.migrate ? 'always' : 'migrate'), { logger: ['error', 'warn'] });
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}
