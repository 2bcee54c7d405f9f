import { WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { assertHandlesEveryJob, type ReminderJobHandlers, type ReminderQueueName } from '#reminders';

/**
 * A processor that dispatches by job name to the handlers the registry requires of its queue.
 * The type makes a missing handler a compile error; verifyHandlers makes it a start-up failure too,
 * before the worker takes its first job.
 */
export abstract class RegistryWorkerHost<Q extends ReminderQueueName> extends WorkerHost {
  abstract readonly queueName: Q;

  protected abstract handlers(): ReminderJobHandlers<Q>;

  verifyHandlers(): void {
    assertHandlesEveryJob(this.queueName, this.handlers());
  }

  async process(job: Job): Promise<unknown> {
    const handler = (this.handlers() as Record<string, ((payload: unknown, job: Job) => Promise<unknown>) | undefined>)[job.name];
    // A job name from a newer or older release: retrying cannot make it known.
    if (!handler) throw new UnrecoverableError(`Queue ${this.queueName} has no handler for job ${job.name}`);
    return handler(job.data, job);
  }
}
