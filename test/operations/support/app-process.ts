import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** The same module hooks the reminder worker tests use: the TypeScript sources run as they are. */
const HOOKS = fileURLToPath(new URL('../../reminders/support/register-ts.mjs', import.meta.url));

/** One JSON log line of the applications (LOG_FORMAT=json); `message` may be text or an object. */
export type LogEntry = Record<string, unknown> & { message?: unknown; context?: string };

export interface AppProcess {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  /** Every JSON log line so far whose message (or message.message) is `message`. */
  logged(message: string): Record<string, unknown>[];
}

/**
 * `apps/<app>/src/main.ts [args]` in a process of its own, configured only through its
 * environment, as in production; output is kept for the test to read.
 */
export function startAppProcess(app: 'api' | 'worker' | 'cli', args: string[], env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, ['--conditions=source', '--import', HOOKS, `apps/${app}/src/main.ts`, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'log', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const entries = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as LogEntry];
        } catch {
          return [];
        }
      });
  return {
    child,
    exited,
    output: () => output,
    logged: (message) =>
      entries().flatMap((entry) => {
        const body = typeof entry.message === 'object' && entry.message !== null ? (entry.message as Record<string, unknown>) : entry;
        return body.message === message ? [body] : [];
      }),
  };
}

/** Polls a condition (every 50 ms) until it holds; the timeout only bounds a failing test. */
export async function waitFor<T>(condition: () => T | Promise<T>, what: string, timeoutMs = 120_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
