import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessService } from '#access';
import { launchChromium, newBrowserContext, seriousAccessibilityProblems } from '../support/browser.js';
import { ingestSeedReport, startTestApi, type TestApi } from '../support/test-api.js';

const BRENT = 'E09000005';
const KNOWN = 'sso.person';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Single sign-on against a real OpenID provider (oidc-provider) started inside the test, with its
 * own sign-in and consent pages driven in Chromium: success, an unknown email, a forged state and
 * a code used twice.
 */
describe('single sign-on with OpenID Connect', () => {
  let api: TestApi;
  let provider: Server;
  let browser: Browser;
  let baseUrl: string;
  let userId: number;

  beforeAll(async () => {
    provider = createServer();
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
    const apiPort = await freePort();
    baseUrl = `http://127.0.0.1:${apiPort}`;
    const oidc = new Provider(issuer, {
      clients: [{ client_id: 'tracker', client_secret: 'tracker-client-secret-long-enough-for-hmac', redirect_uris: [`${baseUrl}/sign-in/oidc/callback`], response_types: ['code'], grant_types: ['authorization_code'] }],
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      // The login typed on the provider's page is the subject; its email is at Brent, or elsewhere for a stranger.
      findAccount: (_context: unknown, subject: string) => ({
        accountId: subject,
        claims: () => ({ sub: subject, email: subject === KNOWN ? 'SSO.Person@brent.example' : `${subject}@elsewhere.example`, email_verified: true }),
      }),
      cookies: { keys: ['test-provider-cookie-key'] },
    });
    provider.on('request', oidc.callback());

    api = await startTestApi({
      today: '2015-06-01',
      env: { PUBLIC_URL: baseUrl, OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'tracker', OIDC_CLIENT_SECRET: 'tracker-client-secret-long-enough-for-hmac', OIDC_BUTTON_LABEL: 'Brent Council', AUTH_RATE_LIMIT: '1000' },
    });
    await ingestSeedReport(api, 'brent-2012-protection.txt');
    const access = api.app.get(AccessService);
    // Invited by an admin: no password of their own.
    const user = await access.createUser({ email: 'sso.person@brent.example', displayName: 'Sam Single' });
    await access.grantRole(user.id, { role: 'viewer', authorityCode: BRENT });
    userId = user.id;
    await api.app.listen(apiPort, '127.0.0.1');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await new Promise<void>((resolve) => (provider ? provider.close(() => resolve()) : resolve()));
  });

  /** From the sign-in page's button through the provider's sign-in and consent pages, back to the tracker. */
  async function signInAtProvider(page: Page, login: string): Promise<void> {
    await page.goto(`${baseUrl}/sign-in`);
    await page.click('a[data-single-sign-on]');
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'anything');
    await page.click('button:has-text("Sign-in")');
    await page.click('button:has-text("Continue")');
    await page.waitForURL((url) => url.origin === baseUrl);
  }

  it('offers the button beside the password form, and signs an invited person in, binding the account', async () => {
    const page = await (await newBrowserContext(browser)).newPage();
    await page.goto(`${baseUrl}/sign-in`);
    expect(await page.textContent('a[data-single-sign-on]')).toContain('Sign in with Brent Council');
    expect(await seriousAccessibilityProblems(page, 'sign-in with single sign-on')).toEqual([]);
    await signInAtProvider(page, KNOWN);
    expect(new URL(page.url()).pathname).toBe(`/authorities/${BRENT}`);
    const me = await page.request.get(`${baseUrl}/api/auth/me`);
    expect((await me.json()).user).toMatchObject({ id: userId, usesSingleSignOn: true });
  });

  it('refuses an email address with no account, clearly, and creates none', async () => {
    const page = await (await newBrowserContext(browser)).newPage();
    const before = await api.app.get(AccessService).countUsers();
    await signInAtProvider(page, 'stranger');
    expect(await page.textContent('h1')).toContain('You could not be signed in');
    expect(await page.textContent('[data-refusal]')).toContain('There is no account for stranger@elsewhere.example here');
    expect(await api.app.get(AccessService).countUsers()).toBe(before);
    expect((await page.request.get(`${baseUrl}/api/auth/me`)).status()).toBe(401);
  });

  it('refuses a callback whose state is not the one this browser sent', async () => {
    const page = await (await newBrowserContext(browser)).newPage();
    const callback = await heldCallback(page, KNOWN);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged-state-value');
    const response = await page.goto(forged.href);
    expect(response!.status()).toBe(400);
    expect(await page.textContent('[data-refusal]')).toContain('could not be checked');
    expect((await page.request.get(`${baseUrl}/api/auth/me`)).status()).toBe(401);
  });

  it('refuses a code used a second time', async () => {
    const first = await (await newBrowserContext(browser)).newPage();
    const used = new URL(await heldCallback(first, KNOWN));
    await first.goto(used.href);
    expect(new URL(first.url()).pathname).toBe(`/authorities/${BRENT}`);

    // A new sign-in in another browser, answered with the code already spent.
    const second = await (await newBrowserContext(browser)).newPage();
    const fresh = new URL(await heldCallback(second, KNOWN));
    fresh.searchParams.set('code', used.searchParams.get('code')!);
    const response = await second.goto(fresh.href);
    expect(response!.status()).toBe(400);
    expect((await second.request.get(`${baseUrl}/api/auth/me`)).status()).toBe(401);

    // The same callback replayed in the first browser finds no sign-in in progress.
    const replay = await first.goto(used.href);
    expect(replay!.status()).toBe(400);
    expect(await first.textContent('[data-refusal]')).toContain('had expired');
  });

  /**
   * A sign-in taken as far as the provider's answer, which is held rather than delivered: the
   * consent post is made here, its redirects followed by hand until the one to the callback.
   */
  async function heldCallback(page: Page, login: string): Promise<string> {
    let held = '';
    await page.route('**/interaction/**', async (route) => {
      if (route.request().method() !== 'POST' || !(route.request().postData() ?? '').includes('prompt=consent')) return route.continue();
      let location = (await route.fetch({ maxRedirects: 0 })).headers().location;
      let base = route.request().url();
      while (location && !location.includes('/sign-in/oidc/callback')) {
        const next = new URL(location, base).href;
        location = (await page.request.get(next, { maxRedirects: 0 })).headers().location;
        base = next;
      }
      held = location ?? '';
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><title>Held</title><p>Held</p>' });
    });
    await page.goto(`${baseUrl}/sign-in`);
    await page.click('a[data-single-sign-on]');
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', 'anything');
    await page.click('button:has-text("Sign-in")');
    await page.click('button:has-text("Continue")');
    await page.waitForSelector('text=Held');
    await page.unroute('**/interaction/**');
    return held;
  }
});
