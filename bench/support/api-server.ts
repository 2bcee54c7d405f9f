/**
 * The API for bench/api.bench.ts, in a process of its own so the load generator never shares its
 * event loop. The parent sends the settings; this answers with the address and an admin's token.
 */
import { AccessService, createAdmin } from '#access';
import { createApiApp } from '../../apps/api/src/create-api-app.js';

interface ServerSettings {
  databaseUrl: string;
  listCacheMb: number;
}

process.once('message', async (settings: ServerSettings) => {
  const env = { DATABASE_URL: settings.databaseUrl, LIST_CACHE_MB: String(settings.listCacheMb), LOG_LEVEL: 'error' };
  const app = await createApiApp({ env, logger: false });
  await app.listen(0, '127.0.0.1');
  const access = app.get(AccessService);
  const admin = await createAdmin(access, { email: `bench-${Date.now()}@tracker.test`, displayName: 'Bench', password: 'bench-admin-password' });
  const { token } = await access.createToken(admin.userId, 'bench', 1);
  process.send!({ url: await app.getUrl(), token });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
});
