import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  clientToken,
  newClient,
  newTenant,
  newUser,
  RunningApi,
  startApi,
  TestTenant,
} from './support/api-harness';
import { BrowserSession, csrfTokenIn } from './support/browser-session';
import { discover, WEB_REDIRECT_URI } from './support/oauth-flows';
import { OAuthClientRepository } from '../src/oauth/oauth-client.repository';

/**
 * Issue 13: the lockout was check-then-act (24 parallel guesses evaluated 22 wrong passwords and accepted
 * the right one, limit 5), and five failures from anywhere locked the account everywhere.
 */
let api: RunningApi;
let tenant: TestTenant;

beforeAll(async () => {
  // the test speaks for several client IPs through X-Forwarded-For
  api = await startApi({ TRUST_PROXY: 'true' });
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  tenant = await newTenant(api);
});
afterAll(async () => api?.close());

/** Opens the sign-in page (as a browser at `ip`) and returns a function posting the form once. */
async function signInForm(ip: string): Promise<(email: string, password: string) => Promise<Response>> {
  const config = await discover(api);
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: WEB_REDIRECT_URI,
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
  });
  const browser = new BrowserSession();
  const page = await browser.follow(url.toString(), api.url);
  const html = await page.response.text();
  return (email, password) =>
    browser.request(`${page.url}/login`, {
      method: 'POST',
      form: { _csrf: csrfTokenIn(html), email, password },
      headers: { 'x-forwarded-for': ip },
    });
}

describe('sign-in lockout', () => {
  it('evaluates at most LOGIN_MAX_FAILURES of 24 parallel guesses, the right password among them', async () => {
    const user = await newUser(api, tenant);
    const forms = await Promise.all(Array.from({ length: 24 }, () => signInForm('198.51.100.7')));
    const responses = await Promise.all(
      forms.map((post, i) => post(user.email, i === 12 ? user.password : `wrong ${i}`)),
    );
    const statuses = responses.map((r) => r.status);
    const evaluated = statuses.filter((s) => s !== 429);
    expect(evaluated.length, statuses.join(',')).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(19);
    const refused = responses.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('locks the account for the guessing IP only: its owner still signs in from elsewhere', async () => {
    const user = await newUser(api, tenant);
    for (let i = 0; i < 5; i++) {
      const post = await signInForm('203.0.113.9');
      expect((await post(user.email, 'wrong password')).status).toBe(401);
    }
    const attacker = await signInForm('203.0.113.9');
    expect((await attacker(user.email, user.password)).status).toBe(429);
    const owner = await signInForm('192.0.2.44');
    const signedIn = await owner(user.email, user.password);
    expect(signedIn.status, await signedIn.clone().text()).toBeGreaterThanOrEqual(300);
    expect(signedIn.status).toBeLessThan(400);
  });
});

describe('scopes', () => {
  it('lets a client registered with tasks:write ask for a tasks:read-only token', async () => {
    const writer = await newClient(api, tenant, ['tasks:write']);
    const token = await clientToken(api, writer, ['tasks:read']);
    expect((await call(api, 'GET', '/api/v1/tasks', { token })).status).toBe(200);
    const refused = await call(api, 'POST', '/api/v1/programs', { token, body: { name: 'x' } });
    expect(refused.status).toBe(403);
  });
});
