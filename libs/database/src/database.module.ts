import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '#config';
import { DataSource } from 'typeorm';
import { withCommittedReads } from './committed-reads.js';
import { DATABASE_ENTITIES, dataSourceOptions } from './data-source-options.js';
import { SCHEMA_ROLE, SchemaGate, type SchemaRole } from './schema-gate.js';
import { UnitOfWork } from './unit-of-work.js';

/**
 * The database connection. On start the SchemaGate migrates it (under a lock on PostgreSQL) or
 * waits until another process has: imported as is, a process migrates unless MIGRATIONS_RUN=false;
 * `forRoot({ schema: 'wait' })` never changes the schema (the worker).
 * It holds the entities every library registered with TypeOrmModule.forFeature (autoLoadEntities):
 * each library lists its own, and this one needs to know none of them.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config.DATABASE_URL, []), autoLoadEntities: true, migrationsRun: false, logging: ['error'] }),
      // On SQLite, reads outside a transaction never see one in progress (committed-reads.ts).
      dataSourceFactory: async (options) => withCommittedReads(new DataSource(options!)),
    }),
    TypeOrmModule.forFeature(DATABASE_ENTITIES),
  ],
  providers: [UnitOfWork, SchemaGate],
  exports: [TypeOrmModule, UnitOfWork],
})
export class DatabaseModule {
  static forRoot(options: { schema: SchemaRole }): DynamicModule {
    return { module: DatabaseModule, providers: [{ provide: SCHEMA_ROLE, useValue: options.schema }] };
  }
}
