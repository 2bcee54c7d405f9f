import { describe, expect, it } from 'vitest';
import { ConfigValidationError, loadConfig } from '../src/app-config.js';

describe('loadConfig', () => {
  it('gives the embedded defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DATABASE_URL: 'sqlite:var/improvement-tracker.sqlite',
      REDIS_URL: 'redis://127.0.0.1:6379',
      PORT: 3000,
      TZ_NAME: 'Europe/London',
      DUE_SOON_DAYS: 14,
    });
    expect(config.SMTP_URL).toBeUndefined();
  });

  it('accepts sqlite::memory: and postgres URLs and converts numbers', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).DATABASE_URL).toBe('sqlite::memory:');
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', PORT: '8080' })).toMatchObject({ PORT: 8080 });
  });

  it('names every bad variable', () => {
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty', TZ_NAME: 'Mars/Olympus' });
      expect.unreachable('loadConfig accepted a bad environment');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      const message = (error as Error).message;
      expect(message).toMatch(/DATABASE_URL/);
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/TZ_NAME/);
    }
  });
});
