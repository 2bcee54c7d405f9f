import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const HOOKS = fileURLToPath(new URL('./register-ts.mjs', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/**
 * apps/worker/src/main.ts in a process of its own, configured only through its environment as in
 * production, so a test can run several at once and kill one outright.
 */
export async function startWorkerProcess(env: Record<string, string>, timeoutMs = 120_000): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', HOOKS, 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    // The child needs PATH and the like; the test's settings win over anything inherited.
    env: { ...process.env, ...env, LOG_LEVEL: 'log', LOG_FORMAT: 'json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const started = Date.now();
  while (!output.includes('Reminder worker started')) {
    if (child.exitCode !== null || Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`The worker process did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, exited, output: () => output };
}

export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
