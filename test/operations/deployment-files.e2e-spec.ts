import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '#config';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => readFileSync(`${ROOT}/${file}`, 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile as instructions grouped by build stage (continuation lines joined, comments dropped). */
function dockerfileStages(text: string): Instruction[][] {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  const stages: Instruction[][] = [];
  for (const line of lines) {
    const [keyword, ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'FROM') stages.push([]);
    stages.at(-1)?.push(instruction);
  }
  return stages;
}

/** Compose's `${NAME:-default}` and `${NAME}` with nothing set in the operator's shell. */
function withoutShell(value: unknown): string {
  return String(value).replace(/\$\{[A-Z_]+(?::?-([^}]*))?\}/g, (_, fallback: string | undefined) => fallback ?? '');
}

/** Seconds of a compose duration such as `60s`, `1m30s`. */
function seconds(duration: string): number {
  let total = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(h|m|s|ms|us)/g)) total += Number(amount) * { h: 3600, m: 60, s: 1, ms: 0.001, us: 0.000001 }[unit as 'h']!;
  return total;
}

describe('the image and the compose deployment', () => {
  const stages = dockerfileStages(read('Dockerfile'));
  const runtime = stages.at(-1)!;
  // Compose applies YAML merge keys (`<<: *app-environment`).
  const compose = parse(read('docker-compose.yml'), { merge: true }) as {
    services: Record<string, Record<string, any>>;
    volumes: Record<string, unknown>;
  };
  const services = compose.services;

  it('builds on Node 24 and runs as an unprivileged user with a health check', () => {
    for (const stage of stages) expect(stage[0].args).toMatch(/^node:24[-.\w]*( AS \w+)?$/i);
    const user = runtime.filter((instruction) => instruction.keyword === 'USER').at(-1);
    expect(user?.args).toBeDefined();
    expect(user!.args).not.toMatch(/^(root|0)(:|$)/);
    // Nothing after USER switches back to root.
    expect(runtime.slice(runtime.indexOf(user!)).filter((instruction) => instruction.keyword === 'USER')).toHaveLength(1);

    const healthcheck = runtime.find((instruction) => instruction.keyword === 'HEALTHCHECK');
    expect(healthcheck?.args).toMatch(/--interval=\d+s/);
    const command = JSON.parse(healthcheck!.args.slice(healthcheck!.args.indexOf('CMD') + 3).trim()) as string[];
    expect(command[0]).toBe('node');
    // The script it runs is in the image: bin/ is copied into the final stage.
    expect(existsSync(`${ROOT}/${command[1]}`)).toBe(true);
    expect(runtime.some((instruction) => instruction.keyword === 'COPY' && instruction.args.includes('/app/bin'))).toBe(true);
    expect(read(command[1])).toContain('/api/health/live');
  });

  it('starts each service only once what it needs is healthy or done', () => {
    expect(services.postgres.healthcheck?.test).toBeDefined();
    expect(services.redis.healthcheck?.test).toBeDefined();
    expect(services.migrate.depends_on.postgres.condition).toBe('service_healthy');
    expect(services.api.depends_on).toMatchObject({
      migrate: { condition: 'service_completed_successfully' },
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    // The worker starts after the API answers its health check (which uses the image's HEALTHCHECK).
    expect(services.api.healthcheck).toBeUndefined();
    expect(services.worker.depends_on).toMatchObject({ api: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, rule] of Object.entries<Record<string, string>>(service.depends_on ?? {})) {
        expect(services[dependency], `${name} depends on ${dependency}`).toBeDefined();
        expect(['service_healthy', 'service_completed_successfully', 'service_started']).toContain(rule.condition);
      }
    }
  });

  it('keeps data in named volumes only', () => {
    const mounts = Object.values(services).flatMap((service) => (service.volumes ?? []) as string[]);
    expect(mounts.length).toBeGreaterThanOrEqual(3);
    for (const mount of mounts) {
      const source = mount.split(':')[0];
      expect(source, mount).toMatch(/^[a-z][a-z0-9_-]*$/);
      expect(Object.keys(compose.volumes)).toContain(source);
    }
    expect(mounts).toContain('postgres-data:/var/lib/postgresql/data');
  });

  it('lets the worker stop within its grace period', () => {
    const config = loadConfig(Object.fromEntries(Object.entries(services.worker.environment).map(([key, value]) => [key, withoutShell(value)])));
    expect(services.worker.environment.DATABASE_URL).toMatch(/^postgres:/);
    expect(seconds(services.worker.stop_grace_period)).toBeGreaterThan(config.WORKER_SHUTDOWN_MS / 1000 + 5);
  });

  it('loads no demonstration data and takes the first admin from the operator', () => {
    for (const name of ['migrate', 'api', 'worker']) {
      const env = Object.fromEntries(Object.entries(services[name].environment).map(([key, value]) => [key, withoutShell(value)]));
      // Every setting is valid as written, and none asks for the demo data.
      expect(loadConfig(env).SEED_DEMO).not.toBe(true);
    }
    expect(JSON.stringify(services.migrate.command)).toMatch(/seed(?!.*--demo)/);
    expect(services.api.environment.ADMIN_EMAIL).toBe('${ADMIN_EMAIL:-}');
    expect(services.api.environment.ADMIN_PASSWORD).toBe('${ADMIN_PASSWORD:-}');
  });
});
