import request from 'supertest';
import type { TestApi } from '../support/test-api.js';

export const WALTHAM_FOREST = 'E09000031';
export const BRENT = 'E09000005';
export const DEMO_PASSWORD = 'demo-password-2015';

export type Agent = ReturnType<typeof request.agent>;

export const hiddenField = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
export const errorSummaryOf = (html: string) =>
  /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() ?? '';

/** A browser signed in through the sign-in page, with the session's CSRF token for forms. */
export async function signedInAgent(api: TestApi, email: string, password = DEMO_PASSWORD): Promise<{ agent: Agent; csrf: string }> {
  const agent = request.agent(api.app.getHttpServer());
  const form = await agent.get('/sign-in').expect(200);
  await agent.post('/sign-in').type('form').send({ _signin: hiddenField(form.text, '_signin'), email, password }).expect(303);
  const me = await agent.get('/api/auth/me').expect(200);
  return { agent, csrf: me.body.csrfToken as string };
}

/** How long a call took, in milliseconds, by the monotonic clock. */
export async function timed<T>(call: () => PromiseLike<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await call();
  return { result, ms: performance.now() - started };
}
