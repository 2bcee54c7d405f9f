import type { EntityManager } from 'typeorm';
import type { UnitOfWork } from './unit-of-work.js';

interface Waiting {
  work: (manager: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Small writes from many concurrent tasks (a worker's jobs) committed together: each `run` waits
 * for the one transaction that carries it, so its caller knows its write is durable, exactly as
 * with UnitOfWork.run, but N writes cost one commit instead of N. Writes arriving while a batch
 * commits wait for the next one, up to `maxBatch` in each. If a batch fails, each of its writes
 * is run again on its own, so one bad write fails only its own caller.
 */
export class GroupCommit {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly maxBatch = 100,
  ) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.waiting.length >= this.maxBatch) void this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        // After the writes queued in this turn of the event loop have joined.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.waiting.splice(0, this.maxBatch);
    if (this.waiting.length > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => void this.flush());
    }
    if (batch.length === 0) return;
    if (batch.length === 1) {
      const [only] = batch;
      return this.unitOfWork.run(only.work).then(only.resolve, only.reject);
    }
    let results: unknown[];
    try {
      results = await this.unitOfWork.run(async (manager) => {
        const out: unknown[] = [];
        for (const entry of batch) out.push(await entry.work(manager));
        return out;
      });
    } catch {
      for (const entry of batch) await this.unitOfWork.run(entry.work).then(entry.resolve, entry.reject);
      return;
    }
    batch.forEach((entry, index) => entry.resolve(results[index]));
  }
}
