import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConfigService, registerAs } from '@nestjs/config';
import { Clock } from '#core';
import { ZonedClock } from '#deadlines';
import { AppConfig, loadConfig, loadConfigFromEnvironment } from './app-config.js';

/**
 * Validates the environment once and exposes it as the typed `AppConfig` provider. Tests pass
 * their own environment; the applications pass nothing and get the process environment. The clock
 * comes with it: the real time, and today in the configured time zone (tests substitute their own).
 */
/** The real time, and today in the configured time zone: what a command without the Nest context reads time from. */
export function systemClock(config: AppConfig): Clock {
  return new ZonedClock(config.TZ_NAME);
}

@Module({})
export class AppConfigModule {
  static forRoot(env?: Record<string, string | undefined>): DynamicModule {
    const appConfig = registerAs('app', () => (env ? loadConfig(env) : loadConfigFromEnvironment()));
    return {
      module: AppConfigModule,
      global: true,
      imports: [ConfigModule.forRoot({ ignoreEnvFile: true, load: [appConfig] })],
      providers: [
        { provide: AppConfig, inject: [ConfigService], useFactory: (config: ConfigService) => config.getOrThrow<AppConfig>('app') },
        { provide: Clock, inject: [AppConfig], useFactory: systemClock },
      ],
      exports: [AppConfig, Clock],
    };
  }
}
