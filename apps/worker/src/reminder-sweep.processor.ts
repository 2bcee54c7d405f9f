import { Processor } from '@nestjs/bullmq';
import { ReminderSweepService, SWEEP_QUEUE, type ReminderJobHandlers } from '#reminders';
import { RegistryWorkerHost } from './registry-worker.host.js';
import { WORKER_OPTIONS } from './worker-settings.js';

@Processor(SWEEP_QUEUE, WORKER_OPTIONS[SWEEP_QUEUE])
export class ReminderSweepProcessor extends RegistryWorkerHost<typeof SWEEP_QUEUE> {
  readonly queueName = SWEEP_QUEUE;

  constructor(private readonly sweeps: ReminderSweepService) {
    super();
  }

  protected handlers(): ReminderJobHandlers<typeof SWEEP_QUEUE> {
    return { sweep: (payload) => this.sweeps.sweep(payload.date) };
  }
}
