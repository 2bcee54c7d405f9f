import { type ChildProcess, spawn } from 'node:child_process';

export interface SupervisedProcess {
  /** Named in the log: `api`, `worker`. */
  name: string;
  /** The script node runs. */
  script: string;
}

export interface SupervisorLog {
  log(entry: Record<string, unknown>): void;
  warn(entry: Record<string, unknown>): void;
}

export interface SupervisorOptions {
  /** The first restart waits this long; each further quick death doubles it, up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs?: number;
  /** A process that ran at least this long before dying is restarted after backoffMs again. */
  stableMs?: number;
  /** How long a stopping process may take before it is killed outright. */
  stopTimeoutMs: number;
  logger: SupervisorLog;
  /** Starts one process; the real one runs `node <execArgv> <script>` with the launcher's output. */
  spawnProcess?: (process: SupervisedProcess) => ChildProcess;
  now?: () => number;
}

interface Slot {
  spec: SupervisedProcess;
  child: ChildProcess | null;
  startedAt: number;
  quickDeaths: number;
  restartTimer: NodeJS.Timeout | null;
}

export function spawnNode(process_: SupervisedProcess): ChildProcess {
  // execArgv carries loader options (the tests' TypeScript hooks) to the children as well.
  return spawn(process.execPath, [...process.execArgv, process_.script], { stdio: 'inherit' });
}

/**
 * Keeps the API and the worker running under `improvement-tracker start`: a process that dies is
 * logged and started again after a backoff that doubles while it keeps dying quickly; SIGTERM or
 * SIGINT stops every process gracefully (the same signal, then SIGKILL after stopTimeoutMs) and
 * restarts nothing more.
 */
export class Supervisor {
  private readonly slots: Slot[];
  private stopping = false;
  private readonly stopped: Promise<void>;
  private resolveStopped!: () => void;
  private readonly spawnProcess: (process: SupervisedProcess) => ChildProcess;
  private readonly now: () => number;

  constructor(
    processes: readonly SupervisedProcess[],
    private readonly options: SupervisorOptions,
  ) {
    this.slots = processes.map((spec) => ({ spec, child: null, startedAt: 0, quickDeaths: 0, restartTimer: null }));
    this.spawnProcess = options.spawnProcess ?? spawnNode;
    this.now = options.now ?? Date.now;
    this.stopped = new Promise((resolve) => (this.resolveStopped = resolve));
  }

  /** Starts every process; resolves once stop() has been called and every process has exited. */
  run(): Promise<void> {
    for (const slot of this.slots) this.launch(slot);
    return this.stopped;
  }

  /** The delay before the next restart of a process that has died `quickDeaths` times in a row. */
  backoff(quickDeaths: number): number {
    return Math.min(this.options.maxBackoffMs ?? 60_000, this.options.backoffMs * 2 ** Math.max(0, quickDeaths - 1));
  }

  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      this.options.logger.log({ message: 'Stopping', signal });
      for (const slot of this.slots) {
        if (slot.restartTimer) clearTimeout(slot.restartTimer);
        slot.restartTimer = null;
        const child = slot.child;
        if (!child) continue;
        child.kill(signal);
        const killer = setTimeout(() => {
          this.options.logger.warn({ message: 'Process did not stop in time; killing it', process: slot.spec.name, pid: child.pid, afterMs: this.options.stopTimeoutMs });
          child.kill('SIGKILL');
        }, this.options.stopTimeoutMs);
        child.once('exit', () => clearTimeout(killer));
      }
      this.settleIfStopped();
    }
    return this.stopped;
  }

  private launch(slot: Slot): void {
    slot.restartTimer = null;
    const child = this.spawnProcess(slot.spec);
    slot.child = child;
    slot.startedAt = this.now();
    this.options.logger.log({ message: 'Process started', process: slot.spec.name, pid: child.pid });
    child.once('exit', (code, signal) => {
      slot.child = null;
      if (this.stopping) {
        this.options.logger.log({ message: 'Process stopped', process: slot.spec.name, code, signal });
        this.settleIfStopped();
        return;
      }
      const ranMs = this.now() - slot.startedAt;
      slot.quickDeaths = ranMs >= (this.options.stableMs ?? 60_000) ? 1 : slot.quickDeaths + 1;
      const delayMs = this.backoff(slot.quickDeaths);
      this.options.logger.warn({ message: 'Process exited; restarting it', process: slot.spec.name, pid: child.pid, code, signal, ranMs, restartInMs: delayMs, deathsInARow: slot.quickDeaths });
      slot.restartTimer = setTimeout(() => this.launch(slot), delayMs);
    });
  }

  private settleIfStopped(): void {
    if (this.stopping && this.slots.every((slot) => slot.child === null)) this.resolveStopped();
  }
}
