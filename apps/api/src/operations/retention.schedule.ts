import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '#config';
import { JournalRetentionService } from '#tracking';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * With RETENTION_YEARS set, the API applies the retention rule when it starts and then once a day.
 * Several API processes may each do it: an entry already removed is not touched again.
 */
@Injectable()
export class RetentionSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly retention: JournalRetentionService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.RETENTION_YEARS) return;
    this.run();
    this.timer = setInterval(() => this.run(), DAY_MS);
    // The schedule alone never keeps a process alive.
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private run(): void {
    this.running = this.retention
      .apply()
      .then((result) => {
        if (result.entries > 0) this.logger.log(`Removed the notes and evidence of ${result.entries} journal entries from before ${result.cutoff}`);
        if (result.files > 0) this.logger.log(`Removed ${result.files} evidence files uploaded before ${result.cutoff}`);
      })
      .catch((error: unknown) => this.logger.error(`Retention failed; it runs again tomorrow: ${error instanceof Error ? error.message : String(error)}`));
  }
}
