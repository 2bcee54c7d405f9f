import { afterAll } from 'vitest';

/**
 * A worker process runs one test file after another in the same process (`isolate: false`), so a file
 * that sets environment variables for a command it runs (the CLI reads DATABASE_URL) must not leave
 * them to the next file: the next file's test database would be made beside a dropped one.
 */
const atStart = { ...process.env };

afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in atStart)) delete process.env[name];
  Object.assign(process.env, atStart);
});
