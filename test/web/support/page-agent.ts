import request from 'supertest';
import { AccessService } from '#access';
import type { TestApi } from '../../support/test-api.js';
import type { Role } from '#core';

export type Agent = ReturnType<typeof request.agent>;

export const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
export const errorSummary = (html: string) =>
  /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() ?? '';
export const mainText = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() ?? '';
export const bannerText = (html: string) =>
  /govuk-notification-banner__content">([\s\S]*?)<\/div>/.exec(html)?.[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() ?? '';

export interface PagePerson {
  id: number;
  email: string;
  name: string;
  password: string;
}

/** An account with roles and a password, made through the service as an admin would. */
export async function makePagePerson(api: TestApi, key: string, roles: { role: Role; authorityCode: string | null; teamId?: number | null }[]): Promise<PagePerson> {
  const access = api.app.get(AccessService);
  const password = `${key}-long-password-42`;
  const name = `${key} person`;
  const user = await access.createUser({ email: `${key}@council.example`, displayName: name, password });
  for (const role of roles) await access.grantRole(user.id, { role: role.role, authorityCode: role.authorityCode, teamId: role.teamId ?? null });
  return { id: user.id, email: user.email, name, password };
}

/** A browser-like client signed in through the sign-in page, with its session's CSRF token. */
export async function signedInAgent(api: TestApi, email: string, password: string): Promise<{ agent: Agent; csrf: string }> {
  const agent = request.agent(api.app.getHttpServer());
  const form = await agent.get('/sign-in').expect(200);
  const signedIn = await agent.post('/sign-in').type('form').send({ _signin: hidden(form.text, '_signin'), email, password });
  if (signedIn.status !== 303) throw new Error(`signing in ${email} answered ${signedIn.status}`);
  const me = await agent.get('/api/auth/me').expect(200);
  return { agent, csrf: me.body.csrfToken as string };
}
