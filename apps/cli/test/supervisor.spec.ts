import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Supervisor } from '../src/supervisor.js';

class FakeChild extends EventEmitter {
  static next = 100;
  readonly pid = FakeChild.next++;
  readonly signals: string[] = [];
  kill(signal: string): boolean {
    this.signals.push(signal);
    return true;
  }
  die(code: number | null, signal: string | null = null): void {
    this.emit('exit', code, signal);
  }
}

describe('Supervisor', () => {
  let now = 0;
  let children: Record<string, FakeChild[]>;
  let logged: Record<string, unknown>[];
  const make = () =>
    new Supervisor([{ name: 'api', script: 'api.js' }, { name: 'worker', script: 'worker.js' }], {
      backoffMs: 100,
      maxBackoffMs: 1_000,
      stableMs: 10_000,
      stopTimeoutMs: 5_000,
      now: () => now,
      logger: { log: (entry) => logged.push(entry), warn: (entry) => logged.push(entry) },
      spawnProcess: (spec) => {
        const child = new FakeChild();
        (children[spec.name] ??= []).push(child);
        return child as unknown as ChildProcess;
      },
    });

  beforeEach(() => {
    vi.useFakeTimers();
    now = 0;
    children = {};
    logged = [];
  });
  afterEach(() => vi.useRealTimers());

  it('restarts a process that dies, doubling the delay while it keeps dying quickly, and starting again after a long run', () => {
    const supervisor = make();
    void supervisor.run();
    const api = () => children.api.at(-1)!;
    const delays: number[] = [];
    for (let death = 0; death < 5; death++) {
      api().die(1);
      delays.push(logged.at(-1)!.restartInMs as number);
      const count = children.api.length;
      vi.advanceTimersByTime(delays.at(-1)! - 1);
      expect(children.api).toHaveLength(count);
      vi.advanceTimersByTime(1);
      expect(children.api).toHaveLength(count + 1);
    }
    expect(delays).toEqual([100, 200, 400, 800, 1_000]);
    // A process that ran for longer than stableMs starts from the first delay again.
    now += 60_000;
    api().die(null, 'SIGKILL');
    expect(logged.at(-1)).toMatchObject({ message: 'Process exited; restarting it', process: 'api', restartInMs: 100, deathsInARow: 1, signal: 'SIGKILL' });
    expect(children.worker).toHaveLength(1);
  });

  it('stops every process with the signal, restarts nothing more, and kills what does not stop in time', async () => {
    const supervisor = make();
    const running = supervisor.run();
    children.api[0].die(1);
    const stopped = supervisor.stop('SIGTERM');
    // The pending restart is cancelled.
    vi.advanceTimersByTime(10_000);
    expect(children.api).toHaveLength(1);
    const worker = children.worker[0];
    expect(worker.signals).toEqual(['SIGTERM', 'SIGKILL']);
    let settled = false;
    void stopped.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    worker.die(null, 'SIGKILL');
    await running;
    expect(settled).toBe(true);
    expect(logged.filter((entry) => entry.message === 'Process stopped')).toEqual([expect.objectContaining({ process: 'worker' })]);
  });
});
