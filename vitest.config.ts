import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// Tests import the TypeScript sources behind package.json "imports" (#extraction, ...), not dist/.
const packageJson = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  imports: Record<string, { source: string }>;
};
const alias = Object.fromEntries(
  Object.entries(packageJson.imports).map(([name, target]) => [name, fileURLToPath(new URL(target.source, import.meta.url))]),
);

const onPostgres = (process.env.DATABASE_URL ?? '').startsWith('postgres');

// swc keeps the decorator metadata that NestJS dependency injection and TypeORM read.
const decorators = swc.vite({
  jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
  module: { type: 'es6' },
});

export default defineConfig({
  plugins: [decorators],
  resolve: { alias },
  test: {
    pool: 'forks',
    // A worker process keeps its imported modules from one test file to the next instead of importing
    // NestJS, TypeORM and the whole application again for each file (two thirds of the suite's time).
    // Nothing a test relies on lives in module state: each file starts its own application on its own
    // database, Redis key prefix and clock, and a shuffled run checks that the order does not matter.
    isolate: false,
    setupFiles: ['test/support/environment.setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['libs/**/*.spec.ts', 'apps/**/*.spec.ts', 'test/**/*.spec.ts'], testTimeout: 20_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          // *.postgres-spec.ts cover what only PostgreSQL can do (row locks): collected when DATABASE_URL points there.
          include: ['test/**/*.e2e-spec.ts', ...(onPostgres ? ['test/**/*.postgres-spec.ts'] : [])],
          globalSetup: ['test/support/web-styles.global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
