import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { AccessService } from '#access';
import { SeedService } from '#tracking';
import { SEEDS_DIR, type TestApi } from '../support/test-api.js';
import type { Role } from '#core';

export const BRENT = 'E09000005';
export const WALTHAM_FOREST = 'E09000031';

export interface Person {
  id: number;
  name: string;
  email: string;
  password: string;
  token: string;
  auth: { Authorization: string };
}

/** A user with roles, a password and a personal access token, made through the service like an admin would. */
export async function makePerson(
  api: TestApi,
  key: string,
  roles: { role: Role; authorityCode: string | null; teamId?: number | null }[],
): Promise<Person> {
  const access = api.app.get(AccessService);
  const password = `${key}-password-long-enough`;
  const name = `${key} (display name)`;
  const user = await access.createUser({ email: `${key}@tracker.test`, displayName: name, password });
  for (const role of roles) await access.grantRole(user.id, { role: role.role, authorityCode: role.authorityCode, teamId: role.teamId ?? null });
  const { token } = await access.createToken(user.id, `${key} token`, 30);
  return { id: user.id, name, email: user.email, password, token, auth: { Authorization: `Bearer ${token}` } };
}

/** The seeded teams of Brent and Waltham Forest and one report of each, ingested by the admin. */
export async function seedTwoAuthorities(api: TestApi): Promise<{ reportIds: Record<string, number> }> {
  const http = request(api.app.getHttpServer());
  for (const authority of await api.app.get(SeedService).seedAuthorities()) {
    if (authority.code !== BRENT && authority.code !== WALTHAM_FOREST) continue;
    for (const team of authority.teams) await http.post('/api/teams').set(api.adminAuth).send({ authorityCode: authority.code, ...team }).expect(201);
  }
  const reportIds: Record<string, number> = {};
  for (const [code, file] of [
    [BRENT, 'brent-2012-protection.txt'],
    [WALTHAM_FOREST, 'waltham-forest-2014-sif.txt'],
  ]) {
    const text = await readFile(join(SEEDS_DIR, 'reports', file), 'utf8');
    const response = await http.post(`/api/reports?fileName=${file}`).set(api.adminAuth).set('Content-Type', 'text/plain').send(text).expect(201);
    reportIds[code] = response.body.report.id;
  }
  return { reportIds };
}
