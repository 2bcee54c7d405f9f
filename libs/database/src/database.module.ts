import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '#config';
import { dataSourceOptions, ENTITIES } from './data-source-options.js';
import { TransactionWatch } from './transaction-watch.js';
import { UnitOfWork } from './unit-of-work.js';

/** The database connection, migrated on start so a fresh SQLite file is ready to use. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config.DATABASE_URL), migrationsRun: true, logging: ['error'] }),
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  providers: [UnitOfWork, TransactionWatch],
  exports: [TypeOrmModule, UnitOfWork, TransactionWatch],
})
export class DatabaseModule {}
