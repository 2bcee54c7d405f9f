import request from 'supertest';
import { ingestSeedReport, startTestApi, type TestApi } from '../../support/test-api.js';

export interface ConcurrencyFixture {
  api: TestApi;
  /** Supertest agent signed in as the deployment's admin. */
  http: ReturnType<typeof request.agent>;
  /** One Brent report whose actions the concurrent writers share. */
  reportId: number;
  /** The report's actions in id order, as the API lists them. */
  actions(): Promise<{ id: number; version: number }[]>;
}

/**
 * The set-up every concurrency test starts from: the API on a database of its own (PostgreSQL when
 * DATABASE_URL points there) with one authority's report, so writers meet on the same rows and the
 * same authority revision row.
 */
export async function startConcurrencyFixture(): Promise<ConcurrencyFixture> {
  const api = await startTestApi({ today: '2013-06-01' });
  const http = request.agent(api.app.getHttpServer()).set(api.adminAuth);
  const reportId = await ingestSeedReport(api, 'brent-2012-protection.txt');
  return {
    api,
    http,
    reportId,
    actions: async () => (await http.get(`/api/actions?report=${reportId}&limit=100&sort=id`).expect(200)).body.items,
  };
}
