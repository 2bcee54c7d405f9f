import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessService } from '#access';
import { AccountMailer } from '../../apps/api/src/accounts/account-mailer.js';
import { Outbox } from '../support/outbox.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

type Agent = ReturnType<typeof request.agent>;

const BRENT = 'E09000005';
const PASSWORD = 'original-password-long';

/** A forgotten password, end to end: the page, the email in the outbox, the link, the new password. */
describe('forgotten password', () => {
  let api: TestApi;
  let outbox: Outbox;

  const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
  const errorSummary = (html: string) => /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() ?? '';
  const mainText = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() ?? '';

  beforeAll(async () => {
    outbox = new Outbox();
    api = await startTestApi({ today: '2015-06-01', env: { OUTBOX_DIR: outbox.dir, PUBLIC_URL: 'http://tracker.example', AUTH_RATE_LIMIT: '1000' } });
    await request(api.app.getHttpServer()).post('/api/teams').set(api.adminAuth).send({ authorityCode: BRENT, name: 'Front door' }).expect(201);
  });

  /** A viewer of their own for each test: a reset asked for, a password changed or an account deactivated concerns that test alone. */
  async function newPerson(name: string): Promise<{ id: number; email: string }> {
    const access = api.app.get(AccessService);
    const user = await access.createUser({ email: `${name}@brent.example`, displayName: name, password: PASSWORD });
    await access.grantRole(user.id, { role: 'viewer', authorityCode: BRENT });
    return { id: user.id, email: user.email };
  }

  afterAll(async () => {
    await api?.close();
    outbox?.remove();
  });

  const mailer = () => api.app.get(AccountMailer);

  async function signIn(email: string, password: string): Promise<{ agent: Agent; status: number }> {
    const agent = request.agent(api.app.getHttpServer());
    const form = await agent.get('/sign-in').expect(200);
    const response = await agent.post('/sign-in').type('form').send({ _signin: hidden(form.text, '_signin'), email, password });
    return { agent, status: response.status };
  }

  async function askForReset(email: string): Promise<string> {
    const agent = request.agent(api.app.getHttpServer());
    const form = await agent.get('/forgotten-password').expect(200);
    const answer = await agent.post('/forgotten-password').type('form').send({ _form: hidden(form.text, '_form'), email }).expect(200);
    return mainText(answer.text);
  }

  it('answers the same whether or not the address has an account, and emails only the account', async () => {
    api.clock.set('2015-06-01');
    await newPerson('Sam.Forgetful');
    await mailer().idle();
    outbox.takeNew();
    const known = await askForReset('sam.forgetful@brent.example');
    const unknown = await askForReset('nobody@brent.example');
    expect(known.replace('sam.forgetful@brent.example', 'X')).toBe(unknown.replace('nobody@brent.example', 'X'));
    expect(known).toContain('Check your email');
    await mailer().idle();
    const sent = outbox.takeNew();
    expect(sent.map((message) => message.to)).toEqual(['sam.forgetful@brent.example']);
    expect(sent[0].subject).toBe('Reset your improvement tracker password');
    expect(sent[0].link).toMatch(/^http:\/\/tracker\.example\/set-password\?token=/);
    expect(sent[0].text).toMatch(/works once, until 11:00 on 1 June 2015 \(UK time\)/);
  });

  it('sends one reset email at a time, however often it is asked for', async () => {
    const person = await newPerson('Alex.Again');
    await mailer().idle();
    outbox.takeNew();
    await askForReset(person.email);
    await mailer().idle();
    expect(outbox.takeNew().map((message) => message.to)).toEqual([person.email]);
    await askForReset(person.email);
    await mailer().idle();
    expect(outbox.takeNew()).toHaveLength(0);
  });

  it('refuses a form posted without its one-off token, and an address that is not one', async () => {
    const agent = request.agent(api.app.getHttpServer());
    const refused = await agent.post('/forgotten-password').type('form').send({ email: 'sam.forgetful@brent.example' }).expect(400);
    expect(errorSummary(refused.text)).toContain('The page had expired');
    const form = await agent.get('/forgotten-password').expect(200);
    const bad = await agent.post('/forgotten-password').type('form').send({ _form: hidden(form.text, '_form'), email: 'not an address' }).expect(400);
    expect(errorSummary(bad.text)).toContain('Enter an email address in the correct format');
  });

  it('sets a new password from the link once, signs the person in and everyone else out', async () => {
    api.clock.set('2015-06-02');
    const person = await newPerson('Robin.Reset');
    const before = await signIn(person.email, PASSWORD);
    expect(before.status).toBe(303);
    await before.agent.get('/actions').expect(200);

    outbox.takeNew();
    await askForReset(person.email);
    await mailer().idle();
    const [email] = outbox.takeNew();
    const path = new URL(email.link!).pathname + new URL(email.link!).search;

    const browser = request.agent(api.app.getHttpServer());
    const form = await browser.get(path).expect(200);
    expect(mainText(form.text)).toContain('Choose a new password');
    expect(mainText(form.text)).toContain(person.email);
    const token = hidden(form.text, 'token');
    // Each page the form is shown on carries a fresh one-off form token, as a browser would post it.
    let formToken = hidden(form.text, '_form');
    const post = async (fields: Record<string, string>) => {
      const response = await browser.post('/set-password').type('form').send({ _form: formToken, token, ...fields });
      formToken = hidden(response.text, '_form') || formToken;
      return response;
    };

    const weak = await post({ password: 'password1234', confirmPassword: 'password1234' });
    expect(weak.status).toBe(400);
    expect(errorSummary(weak.text)).toContain('too easy to guess');
    const blank = await post({ password: '              ', confirmPassword: '              ' });
    expect(blank.status).toBe(400);
    expect(errorSummary(blank.text)).toContain('not only spaces');
    const mismatch = await post({ password: 'lantern-orchard-pebble', confirmPassword: 'lantern-orchard-pebbles' });
    expect(mismatch.status).toBe(400);
    expect(errorSummary(mismatch.text)).toContain('do not match');

    const done = await post({ password: 'lantern-orchard-pebble', confirmPassword: 'lantern-orchard-pebble' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/?welcome=reset');
    await browser.get('/actions').expect(200);

    // The browser that was signed in before the reset is signed out.
    expect((await before.agent.get('/actions').expect(303)).headers.location).toMatch(/^\/sign-in/);
    expect((await signIn(person.email, PASSWORD)).status).toBe(401);
    expect((await signIn(person.email, 'lantern-orchard-pebble')).status).toBe(303);

    // The link works once.
    const again = await request(api.app.getHttpServer()).get(path).expect(410);
    expect(mainText(again.text)).toContain('This link has already been used');
  });

  it('lets a reset link lapse after an hour', async () => {
    api.clock.set('2015-06-03');
    const person = await newPerson('Lee.Lapsed');
    await mailer().idle();
    outbox.takeNew();
    await askForReset(person.email);
    await mailer().idle();
    const [email] = outbox.takeNew();
    const path = new URL(email.link!).pathname + new URL(email.link!).search;
    await request(api.app.getHttpServer()).get(path).expect(200);
    api.clock.set('2015-06-04');
    const expired = await request(api.app.getHttpServer()).get(path).expect(410);
    expect(mainText(expired.text)).toContain('This link has expired');
    await request(api.app.getHttpServer()).get('/set-password?token=not-a-token').expect(404);
  });

  it('sends nothing to a deactivated account', async () => {
    const person = await newPerson('Dee.Deactivated');
    await api.app.get(AccessService).deactivate(person.id, api.clock.now());
    await mailer().idle();
    outbox.takeNew();
    await askForReset(person.email);
    await mailer().idle();
    expect(outbox.takeNew()).toHaveLength(0);
  });
});
