import { describe, expect, it } from 'vitest';
import { ConfigValidationError, demoDataAllowed, isLocalPublicUrl, loadConfig, mailTransportOf, publicUrlWarnings, trustedProxiesOf } from '../src/app-config.js';

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

  it('trusts no proxy unless TRUSTED_PROXIES names it, and refuses what is not an address', () => {
    expect(trustedProxiesOf(loadConfig({}))).toEqual([]);
    expect(trustedProxiesOf(loadConfig({ TRUSTED_PROXIES: ' 10.0.0.0/8, ::1 ,loopback, 192.168.1.10' }))).toEqual(['10.0.0.0/8', '::1', 'loopback', '192.168.1.10']);
    for (const bad of ['everyone', '10.0.0.0/33', '10.0.0.1/8/8', 'fe80::/129', '*', 'true']) {
      expect(() => loadConfig({ TRUSTED_PROXIES: bad }), bad).toThrow(/TRUSTED_PROXIES must be a comma-separated list/);
    }
  });

  it('treats an empty value as unset and reads booleans strictly', () => {
    const blank = loadConfig({ ADMIN_EMAIL: '', ADMIN_PASSWORD: '', SMTP_URL: '' });
    expect([blank.ADMIN_EMAIL, blank.ADMIN_PASSWORD, blank.SMTP_URL]).toEqual([undefined, undefined, undefined]);
    expect(loadConfig({ SEED_DEMO: 'false', MIGRATIONS_RUN: 'no' })).toMatchObject({ SEED_DEMO: false, MIGRATIONS_RUN: false });
    expect(() => loadConfig({ SEED_DEMO: 'maybe' })).toThrow(/SEED_DEMO must be true or false/);
    expect(() => loadConfig({ METRICS_ALLOW: '10.0.0.0/8, everyone' })).toThrow(/METRICS_ALLOW/);
    expect(loadConfig({ METRICS_ALLOW: '10.0.0.0/8, ::1', RETENTION_YEARS: '6' })).toMatchObject({ RETENTION_YEARS: 6 });
  });

  it('allows the demonstration data only on the embedded database, unless told', () => {
    expect(demoDataAllowed(loadConfig({}))).toBe(true);
    expect(demoDataAllowed(loadConfig({ SEED_DEMO: 'false' }))).toBe(false);
    expect(demoDataAllowed(loadConfig({ DATABASE_URL: 'postgres://db/tracker' }))).toBe(false);
    expect(demoDataAllowed(loadConfig({ DATABASE_URL: 'sqlite:/srv/tracker.sqlite' }))).toBe(false);
    expect(demoDataAllowed(loadConfig({ DATABASE_URL: 'postgres://db/tracker', SEED_DEMO: 'true' }))).toBe(true);
  });

  it('tells a local PUBLIC_URL from a deployment', () => {
    for (const url of ['http://localhost:3000', 'http://127.0.0.1:8080', 'http://[::1]:3000', 'http://tracker.localhost']) expect(isLocalPublicUrl(loadConfig({ PUBLIC_URL: url })), url).toBe(true);
    for (const url of ['https://tracker.council.example', 'http://10.0.0.5:3000', 'http://localhost.council.example']) expect(isLocalPublicUrl(loadConfig({ PUBLIC_URL: url })), url).toBe(false);
  });

  it('warns when PUBLIC_URL is unset or points at another port of this machine, and not otherwise', () => {
    expect(publicUrlWarnings(loadConfig({}))).toEqual([expect.stringMatching(/^PUBLIC_URL is not set: links in emails point at http:\/\/localhost:3000\./)]);
    const [unset, port] = publicUrlWarnings(loadConfig({ PORT: '3106' }));
    expect(unset).toMatch(/not set/);
    expect(port).toBe('PUBLIC_URL http://localhost:3000 is on this machine but on port 3000, while the API listens on port 3106: links in emails will not open');
    expect(publicUrlWarnings(loadConfig({ PUBLIC_URL: 'http://127.0.0.1:8080', PORT: '3000' }))).toHaveLength(1);
    expect(publicUrlWarnings(loadConfig({ PUBLIC_URL: 'https://tracker.council.example/?x=1' }))).toEqual([expect.stringMatching(/without a query/)]);
    // A deployment behind a proxy listens on one port and is reached on another: nothing to say.
    expect(publicUrlWarnings(loadConfig({ PUBLIC_URL: 'https://tracker.council.example', PORT: '8080' }))).toEqual([]);
    expect(publicUrlWarnings(loadConfig({ PUBLIC_URL: 'http://localhost:3106', PORT: '3106' }))).toEqual([]);
  });

  it('needs the Notify key and template with MAIL_TRANSPORT=notify, and names what is missing', () => {
    expect(() => loadConfig({ MAIL_TRANSPORT: 'notify' })).toThrow(/NOTIFY_API_KEY must be set.*\n.*NOTIFY_TEMPLATE_ID must be set/s);
    expect(() => loadConfig({ MAIL_TRANSPORT: 'notify', NOTIFY_API_KEY: 'not-a-key', NOTIFY_TEMPLATE_ID: 'f33517ff-2a88-4f6e-b855-c550268ce08a' })).toThrow(/NOTIFY_API_KEY must be a GOV.UK Notify API key/);
    const key = 'tracker-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';
    const config = loadConfig({ MAIL_TRANSPORT: 'notify', NOTIFY_API_KEY: key, NOTIFY_TEMPLATE_ID: 'f33517ff-2a88-4f6e-b855-c550268ce08a' });
    expect(mailTransportOf(config)).toBe('notify');
    expect(() => loadConfig({ MAIL_TRANSPORT: 'smtp' })).toThrow(/SMTP_URL: must be set with MAIL_TRANSPORT=smtp/);
    expect(mailTransportOf(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:25' }))).toBe('smtp');
    expect(mailTransportOf(loadConfig({}))).toBe('outbox');
  });
});
