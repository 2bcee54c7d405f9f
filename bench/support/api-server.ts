/**
 * The API for bench/api.bench.ts, in a process of its own so the load generator never shares its
 * event loop. The parent sends the settings; this answers with the address, an admin's token, and
 * the session cookie of a board member of the authority the pages are measured on.
 */
import { AccessService, createAdmin } from '#access';
import { createApiApp } from '../../apps/api/src/create-api-app.js';

interface ServerSettings {
  databaseUrl: string;
  /** The authority whose board member browses the pages. */
  authority: string;
}

process.once('message', async (settings: ServerSettings) => {
  const env = { DATABASE_URL: settings.databaseUrl, LOG_LEVEL: 'error' };
  const app = await createApiApp({ env, logger: false });
  await app.listen(0, '127.0.0.1');
  const access = app.get(AccessService);
  const stamp = Date.now();
  const admin = await createAdmin(access, { email: `bench-${stamp}@tracker.test`, displayName: 'Bench', password: 'bench-admin-password' });
  const { token } = await access.createToken(admin.userId, 'bench', 1);
  const board = await access.createUser({ email: `board-${stamp}@tracker.test`, displayName: 'Bench board member', password: 'bench-board-password' });
  await access.grantRole(board.id, { role: 'board_member', authorityCode: settings.authority });
  const { sessionToken } = await access.startSession(board.id);
  process.send!({ url: await app.getUrl(), token, cookie: `it_session=${sessionToken}` });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
});
