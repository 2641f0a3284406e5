import { randomUUID } from 'node:crypto';
import { base64url, calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from 'jose';
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
import { discover, exchangeCode, signInWithPkce, WEB_REDIRECT_URI } from './support/oauth-flows';

let api: RunningApi;
let tenant: TestTenant;

beforeAll(async () => {
  api = await startApi();
  tenant = await newTenant(api);
  const { OAuthClientRepository } = await import('../src/oauth/oauth-client.repository');
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
});
afterAll(async () => api?.close());

function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
}

describe('client credentials', () => {
  it('yields an RFC 9068 JWT that the API accepts, carrying the tenant', async () => {
    const integrator = await newClient(api, tenant, ['users:read', 'tasks:read']);
    const config = await discover(api, integrator.clientId, integrator.clientSecret);
    const tokens = await client.clientCredentialsGrant(config, { scope: 'users:read' });
    const header = JSON.parse(
      Buffer.from(tokens.access_token.split('.')[0], 'base64url').toString(),
    ) as Record<string, unknown>;
    expect(header.typ).toBe('at+jwt');
    const claims = decodeJwt(tokens.access_token);
    expect(claims).toMatchObject({
      tenant_id: tenant.id,
      client_id: integrator.clientId,
      aud: 'urn:oversing:api',
      scope: 'users:read',
    });

    const me = await call(api, 'GET', '/api/v1/users/me', { token: tokens.access_token });
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ kind: 'client', tenant_id: tenant.id });
    const users = await call(api, 'GET', '/api/v1/users', { token: tokens.access_token });
    expect(users.status).toBe(200);
  });

  it('refuses a route whose scope the token lacks with 403', async () => {
    const integrator = await newClient(api, tenant, ['tasks:read']);
    const token = await clientToken(api, integrator, ['tasks:read']);
    const response = await call(api, 'GET', '/api/v1/users', { token });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('FORBIDDEN');
  });

  it('refuses scopes the client was not given', async () => {
    const integrator = await newClient(api, tenant, ['tasks:read']);
    await expect(clientToken(api, integrator, ['users:write'])).rejects.toThrow(/invalid_scope/);
  });

  it('refuses a wrong client secret', async () => {
    const integrator = await newClient(api, tenant, ['tasks:read']);
    await expect(clientToken(api, { ...integrator, clientSecret: 'wrong' }, ['tasks:read'])).rejects.toThrow(
      /401.*invalid_client/,
    );
  });

  it('ignores access tokens in the query string', async () => {
    const integrator = await newClient(api, tenant, ['users:read']);
    const token = await clientToken(api, integrator, ['users:read']);
    const response = await call(api, 'GET', `/api/v1/users/me?access_token=${token}`);
    expect(response.status).toBe(401);
  });

  it('refuses tokens with a wrong signature, a wrong audience or alg none', async () => {
    const integrator = await newClient(api, tenant, ['users:read']);
    const token = await clientToken(api, integrator, ['users:read']);
    const [h, p, s] = token.split('.');
    const tamperedPayload = Buffer.from(
      JSON.stringify({ ...decodeJwt(token), tenant_id: '00000000-0000-0000-0000-000000000000' }),
    ).toString('base64url');
    expect(
      (await call(api, 'GET', '/api/v1/users/me', { token: `${h}.${tamperedPayload}.${s}` })).status,
    ).toBe(401);
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url');
    expect((await call(api, 'GET', '/api/v1/users/me', { token: `${none}.${p}.` })).status).toBe(401);
    const certToken = await clientToken(
      api,
      await newClient(api, tenant, ['certifications:read']),
      ['certifications:read'],
      'urn:oversing:certification',
    );
    expect(decodeJwt(certToken).aud).toBe('urn:oversing:certification');
    expect((await call(api, 'GET', '/api/v1/users/me', { token: certToken })).status).toBe(401);
  });
});

describe('authorization code + PKCE (the PWA)', () => {
  it('works end to end through the sign-in page, and the token carries tenant and roles', async () => {
    const user = await newUser(api, tenant, ['project_manager']);
    const signIn = await signInWithPkce(api, user);
    const tokens = await exchangeCode(signIn);
    expect(tokens.refresh_token).toBeTruthy();
    const claims = decodeJwt(tokens.access_token);
    expect(claims).toMatchObject({
      sub: user.id,
      tenant_id: tenant.id,
      client_id: 'oversing-web',
      aud: 'urn:oversing:api',
    });
    expect(claims.roles).toEqual(['project_manager']);
    const me = await call(api, 'GET', '/api/v1/users/me', { token: tokens.access_token });
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ kind: 'user', id: user.id, email: user.email });
  });

  it('renders an accessible sign-in page with labelled Email and Password and a Sign in button', async () => {
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
    expect(page.response.status).toBe(200);
    expect(html).toMatch(/<label for="email">Email<\/label>/);
    expect(html).toMatch(/<label for="password">Password<\/label>/);
    expect(html).toMatch(/<button type="submit">Sign in<\/button>/);
    expect(html).toContain('lang="en"');
    // its icon is inline, so the browser asks for no /favicon.ico (which would be a 404)
    expect(html).toMatch(/<link rel="icon" type="image\/svg\+xml" href="data:image\/svg\+xml,/);
    const csp = page.response.headers.get('content-security-policy')!;
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("img-src 'self' data:");
    // Browsers apply form-action to the redirects after the form post: the client's origin must be allowed.
    expect(csp).toContain("form-action 'self' http://127.0.0.1:4173");
  });

  async function authorizeStatus(
    params: Record<string, string>,
  ): Promise<{ status: number; location: string | null; body: string }> {
    const base = {
      client_id: 'oversing-web',
      redirect_uri: WEB_REDIRECT_URI,
      response_type: 'code',
      scope: 'openid',
    };
    const response = await fetch(`${api.url}/oauth/auth?${new URLSearchParams({ ...base, ...params })}`, {
      redirect: 'manual',
    });
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: await response.text(),
    };
  }

  it('refuses a missing PKCE challenge, the plain method, response_type=token and a non-exact redirect_uri', async () => {
    const missing = await authorizeStatus({});
    expect(missing.location).toContain('error=invalid_request');
    expect(missing.location).toContain('PKCE');

    const plain = await authorizeStatus({ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' });
    expect(plain.location).toContain('error=invalid_request');

    const implicit = await authorizeStatus({
      response_type: 'token',
      code_challenge: 'a'.repeat(43),
      code_challenge_method: 'S256',
    });
    expect(implicit.location ?? implicit.body).toMatch(/unsupported_response_type/);

    const wrongRedirect = await authorizeStatus({
      redirect_uri: `${WEB_REDIRECT_URI}/extra`,
      code_challenge: 'a'.repeat(43),
      code_challenge_method: 'S256',
    });
    expect(wrongRedirect.status).toBe(400);
    expect(wrongRedirect.location).toBeNull();
    expect(wrongRedirect.body).toContain('redirect_uri');
  });

  it('refuses a wrong verifier and a reused code', async () => {
    const user = await newUser(api, tenant);
    const first = await signInWithPkce(api, user);
    await expect(
      client.authorizationCodeGrant(first.config, first.callbackUrl, {
        pkceCodeVerifier: client.randomPKCECodeVerifier(),
        expectedState: first.state,
      }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });

    const second = await signInWithPkce(api, user);
    await exchangeCode(second);
    await expect(exchangeCode(second)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses grant_type=password', async () => {
    const response = await fetch(`${api.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        username: 'a',
        password: 'b',
        client_id: 'oversing-web',
      }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('unsupported_grant_type');
  });

  it('rotates refresh tokens, and replaying a rotated one revokes the family and its live access token', async () => {
    const user = await newUser(api, tenant);
    const tokens = await exchangeCode(await signInWithPkce(api, user));
    const config = await discover(api);
    const rotated = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(rotated.refresh_token).toBeTruthy();
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    expect((await call(api, 'GET', '/api/v1/users/me', { token: rotated.access_token })).status).toBe(200);

    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    // The whole grant is gone: the newer refresh token and the live access token stop working.
    await expect(client.refreshTokenGrant(config, rotated.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    const me = await call(api, 'GET', '/api/v1/users/me', { token: rotated.access_token });
    expect(me.status).toBe(401);
    expect(me.body.error.message).toMatch(/revoked/);
  });

  it('revocation (RFC 7009) of a refresh token revokes the grant; the access token is then refused', async () => {
    const user = await newUser(api, tenant);
    const tokens = await exchangeCode(await signInWithPkce(api, user));
    const config = await discover(api);
    await client.tokenRevocation(config, tokens.refresh_token!);
    expect((await call(api, 'GET', '/api/v1/users/me', { token: tokens.access_token })).status).toBe(401);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    // Revoking an unknown token is not an error (RFC 7009 §2.2).
    await expect(client.tokenRevocation(config, 'not-a-token')).resolves.toBeUndefined();
  });

  it('revocation of a JWT access token makes the API refuse it', async () => {
    const user = await newUser(api, tenant);
    const tokens = await exchangeCode(await signInWithPkce(api, user));
    expect((await call(api, 'GET', '/api/v1/users/me', { token: tokens.access_token })).status).toBe(200);
    await client.tokenRevocation(await discover(api), tokens.access_token, {
      token_type_hint: 'access_token',
    });
    expect((await call(api, 'GET', '/api/v1/users/me', { token: tokens.access_token })).status).toBe(401);
  });

  it('introspection (RFC 7662) requires client authentication and reports active and revoked tokens', async () => {
    const integrator = await newClient(api, tenant, ['users:read']);
    const token = await clientToken(api, integrator, ['users:read']);
    const config = await discover(api, integrator.clientId, integrator.clientSecret);
    const active = await client.tokenIntrospection(config, token);
    expect(active).toMatchObject({ active: true, client_id: integrator.clientId, scope: 'users:read' });

    const unauthenticated = await fetch(`${api.url}/oauth/token/introspection`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }),
    });
    expect(unauthenticated.status).toBe(401);

    await client.tokenRevocation(config, token);
    expect((await client.tokenIntrospection(config, token)).active).toBe(false);
    expect((await client.tokenIntrospection(config, 'garbage')).active).toBe(false);
  });
});

/** A DPoP proof (RFC 9449) for a resource request, with claims an attack may change. */
async function proof(
  keys: CryptoKeyPair,
  method: string,
  url: string,
  accessToken: string,
  override: Record<string, unknown> = {},
): Promise<string> {
  const jwk = await exportJWK(keys.publicKey);
  const ath = base64url.encode(
    new Uint8Array(await crypto.subtle.digest('SHA-256', Buffer.from(accessToken))),
  );
  return new SignJWT({
    htm: method,
    htu: url,
    ath,
    jti: randomUUID(),
    iat: Math.floor(Date.now() / 1000),
    ...override,
  })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk })
    .sign(keys.privateKey);
}

describe('DPoP sender-constraining (the PWA keeps its refresh token in IndexedDB)', () => {
  it('binds the refresh token and the access token to the key that signed the token request', async () => {
    const user = await newUser(api, tenant);
    const keys = await generateKeyPair('ES256');
    const signIn = await signInWithPkce(api, user);
    const DPoP = client.getDPoPHandle(signIn.config, keys);
    const tokens = await client.authorizationCodeGrant(
      signIn.config,
      signIn.callbackUrl,
      { pkceCodeVerifier: signIn.verifier, expectedState: signIn.state },
      undefined,
      { DPoP },
    );
    expect(tokens.token_type.toLowerCase()).toBe('dpop');
    const jkt = await calculateJwkThumbprint(await exportJWK(keys.publicKey));
    expect(decodeJwt(tokens.access_token)).toMatchObject({ cnf: { jkt } });

    // a stolen refresh token is useless without the key: no proof, or another key's proof, is refused
    const config = await discover(api);
    await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    const thief = client.getDPoPHandle(config, await generateKeyPair('ES256'));
    await expect(
      client.refreshTokenGrant(config, tokens.refresh_token!, undefined, { DPoP: thief }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
    // with the key it rotates, and the new tokens stay bound to it
    const rotated = await client.refreshTokenGrant(config, tokens.refresh_token!, undefined, {
      DPoP: client.getDPoPHandle(config, keys),
    });
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    expect(decodeJwt(rotated.access_token)).toMatchObject({ cnf: { jkt } });
  });

  it('lets a bound access token in only with a fresh proof of its key for this very request', async () => {
    const user = await newUser(api, tenant);
    const keys = await generateKeyPair('ES256');
    const signIn = await signInWithPkce(api, user);
    const tokens = await client.authorizationCodeGrant(
      signIn.config,
      signIn.callbackUrl,
      { pkceCodeVerifier: signIn.verifier, expectedState: signIn.state },
      undefined,
      { DPoP: client.getDPoPHandle(signIn.config, keys) },
    );
    const token = tokens.access_token;
    const url = `${api.url}/api/v1/users/me`;
    const dpop = (headers: Record<string, string>) =>
      call(api, 'GET', '/api/v1/users/me', { headers: { authorization: `DPoP ${token}`, ...headers } });

    const good = await proof(keys, 'GET', url, token);
    expect((await dpop({ dpop: good })).status).toBe(200);
    // replaying the same proof is refused
    expect((await dpop({ dpop: good })).status).toBe(401);
    // sent as a bearer token (stolen from memory) or without a proof: refused
    expect((await call(api, 'GET', '/api/v1/users/me', { token })).status).toBe(401);
    expect((await dpop({})).status).toBe(401);
    // a proof of another key, for another URL or method, for another token, or stale: refused
    const other = await generateKeyPair('ES256');
    for (const bad of [
      await proof(other, 'GET', url, token),
      await proof(keys, 'GET', `${api.url}/api/v1/users`, token),
      await proof(keys, 'POST', url, token),
      await proof(keys, 'GET', url, 'another-token'),
      await proof(keys, 'GET', url, token, { iat: Math.floor(Date.now() / 1000) - 600 }),
    ]) {
      const refused = await dpop({ dpop: bad });
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('UNAUTHENTICATED');
    }
    // the query string is not part of htu
    expect(
      (
        await call(api, 'GET', '/api/v1/users/me?x=1', {
          headers: { authorization: `DPoP ${token}`, dpop: await proof(keys, 'GET', url, token) },
        })
      ).status,
    ).toBe(200);
  });

  it('refuses the DPoP scheme for an unbound (bearer) token', async () => {
    const user = await newUser(api, tenant);
    const tokens = await exchangeCode(await signInWithPkce(api, user));
    const keys = await generateKeyPair('ES256');
    const url = `${api.url}/api/v1/users/me`;
    const response = await call(api, 'GET', '/api/v1/users/me', {
      headers: {
        authorization: `DPoP ${tokens.access_token}`,
        dpop: await proof(keys, 'GET', url, tokens.access_token),
      },
    });
    expect(response.status).toBe(401);
    expect((await call(api, 'GET', '/api/v1/users/me', { token: tokens.access_token })).status).toBe(200);
  });
});

describe('sign-in protection', () => {
  async function attempt(email: string, password: string): Promise<Response> {
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
    return browser.request(`${page.url}/login`, {
      method: 'POST',
      form: { _csrf: csrfTokenIn(html), email, password },
    });
  }

  it('answers a wrong password and an unknown account identically with 401', async () => {
    const user = await newUser(api, tenant);
    const wrong = await attempt(user.email, 'not the password');
    const unknown = await attempt(
      `nobody-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`,
      'not the password',
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const message = (html: string): string => /role="alert"[^>]*>([^<]+)</.exec(html)![1];
    expect(message(await wrong.text())).toBe(message(await unknown.text()));
  });

  it('locks the account name out with 429 after repeated failures, even with the right password', async () => {
    const user = await newUser(api, tenant);
    for (let i = 0; i < 5; i++) expect((await attempt(user.email, 'wrong password')).status).toBe(401);
    const locked = await attempt(user.email, user.password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses a sign-in form without its CSRF token', async () => {
    const config = await discover(api);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: WEB_REDIRECT_URI,
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const browser = new BrowserSession();
    const page = await browser.follow(url.toString(), api.url);
    await page.response.text();
    const response = await browser.request(`${page.url}/login`, {
      method: 'POST',
      form: { email: 'a@b.c', password: 'x' },
    });
    expect(response.status).toBe(403);
  });
});

describe('token endpoint rate limit', () => {
  it('answers 429 with Retry-After once an IP exceeds its token requests per minute', async () => {
    const limited = await startApi({ TOKEN_REQUESTS_PER_MINUTE: '3' });
    try {
      const integrator = await newClient(limited, tenant, ['tasks:read']);
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 6; i++) {
        const response = await fetch(`${limited.url}/oauth/token`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            authorization: `Basic ${Buffer.from(`${integrator.clientId}:${integrator.clientSecret}`).toString('base64')}`,
          },
          body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'tasks:read' }),
        });
        statuses.push(response.status);
        if (response.status === 429) retryAfter = response.headers.get('retry-after');
      }
      // the counter is shared through Redis with every other process on this IP, so only the end is certain
      expect(statuses.at(-1)).toBe(429);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
