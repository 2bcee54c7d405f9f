import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { bannerText, errorSummary, makePagePerson, mainText, signedInAgent, type PagePerson } from '../web/support/page-agent.js';

const BRENT = 'E09000005';

/** /account: a person's own password and access tokens. */
describe('account page', () => {
  let api: TestApi;
  let person: PagePerson;
  let other: PagePerson;

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: '1000' } });
    await request(api.app.getHttpServer()).post('/api/teams').set(api.adminAuth).send({ authorityCode: BRENT, name: 'Front door' }).expect(201);
    person = await makePagePerson(api, 'account-owner', [{ role: 'viewer', authorityCode: BRENT }]);
    other = await makePagePerson(api, 'someone-else', [{ role: 'viewer', authorityCode: BRENT }]);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('shows who is signed in and their roles, linked from every page', async () => {
    const { agent } = await signedInAgent(api, person.email, person.password);
    const dashboard = await agent.get(`/authorities/${BRENT}`).expect(200);
    expect(dashboard.text).toContain('href="/account"');
    const page = await agent.get('/account').expect(200);
    expect(mainText(page.text)).toContain(`Name ${person.name} Email address ${person.email} Roles Viewer, Brent`);
  });

  it('changes the password after checking the current one, and signs out every other session but this one', async () => {
    const elsewhere = await signedInAgent(api, person.email, person.password);
    const { agent, csrf } = await signedInAgent(api, person.email, person.password);
    const wrong = await agent.post('/account/password').type('form').send({ _csrf: csrf, currentPassword: 'not-it-at-all', password: 'quartz-willow-saddle-8', confirmPassword: 'quartz-willow-saddle-8' }).expect(400);
    expect(errorSummary(wrong.text)).toContain('Your current password is not right');
    const weak = await agent.post('/account/password').type('form').send({ _csrf: csrf, currentPassword: person.password, password: 'password1234', confirmPassword: 'password1234' }).expect(400);
    expect(errorSummary(weak.text)).toContain('too easy to guess');
    const mismatch = await agent.post('/account/password').type('form').send({ _csrf: csrf, currentPassword: person.password, password: 'quartz-willow-saddle-8', confirmPassword: 'quartz-willow-saddle-9' }).expect(400);
    expect(errorSummary(mismatch.text)).toContain('do not match');
    await elsewhere.agent.get('/account').expect(200);

    const changed = await agent.post('/account/password').type('form').send({ _csrf: csrf, currentPassword: person.password, password: 'quartz-willow-saddle-8', confirmPassword: 'quartz-willow-saddle-8' }).expect(303);
    expect(changed.headers.location).toBe('/account?saved=password');
    expect(bannerText((await agent.get(changed.headers.location).expect(200)).text)).toContain('signed out everywhere else');
    expect((await elsewhere.agent.get('/account').expect(303)).headers.location).toMatch(/^\/sign-in/);
    await expect(signedInAgent(api, person.email, person.password)).rejects.toThrow(/answered 401/);
    person.password = 'quartz-willow-saddle-8';
    await signedInAgent(api, person.email, person.password);
  });

  it('creates a token shown once, lists it without its secret, and revokes it after a confirmation', async () => {
    const { agent, csrf } = await signedInAgent(api, person.email, person.password);
    const missing = await agent.post('/account/tokens').type('form').send({ _csrf: csrf, name: ' ', expiresInDays: '90' }).expect(400);
    expect(errorSummary(missing.text)).toContain('Enter what the token is for');
    const created = await agent.post('/account/tokens').type('form').send({ _csrf: csrf, name: 'Board pack script', expiresInDays: '30' }).expect(201);
    const token = /data-token-value/.test(created.text) ? /value="(itk_[^"]+)"/.exec(created.text)![1] : '';
    expect(token).toMatch(/^itk_/);
    expect(created.headers['cache-control']).toBe('no-store');
    const me = await request(api.app.getHttpServer()).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body.user.id).toBe(person.id);

    const page = await agent.get('/account').expect(200);
    expect(mainText(page.text)).toContain('Board pack script');
    expect(page.text).not.toContain(token);
    const id = Number(/data-token="(\d+)"/.exec(page.text)![1]);
    const confirm = await agent.get(`/account/tokens/${id}/revoke`).expect(200);
    expect(mainText(confirm.text)).toContain('Are you sure you want to revoke the token “Board pack script”?');
    await agent.post(`/account/tokens/${id}/revoke`).type('form').send({ _csrf: csrf }).expect(303);
    await request(api.app.getHttpServer()).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    expect(mainText((await agent.get('/account').expect(200)).text)).toContain('Revoked');
  });

  it("finds nobody else's token", async () => {
    const theirs = await signedInAgent(api, other.email, other.password);
    await theirs.agent.post('/account/tokens').type('form').send({ _csrf: theirs.csrf, name: 'Theirs', expiresInDays: '30' }).expect(201);
    const id = Number(/data-token="(\d+)"/.exec((await theirs.agent.get('/account').expect(200)).text)![1]);
    const { agent, csrf } = await signedInAgent(api, person.email, person.password);
    await agent.get(`/account/tokens/${id}/revoke`).expect(404);
    await agent.post(`/account/tokens/${id}/revoke`).type('form').send({ _csrf: csrf }).expect(404);
    expect(mainText((await theirs.agent.get('/account').expect(200)).text)).not.toContain('Revoked');
  });

  it('needs signing in', async () => {
    const response = await request(api.app.getHttpServer()).get('/account').expect(303);
    expect(response.headers.location).toBe('/sign-in?next=%2Faccount');
  });
});
