import { TOTP } from 'otpauth';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mailer, MailMessage } from '../src/identity/mailer';
import {
  call,
  clientToken,
  newClient,
  newTenant,
  newUser,
  RunningApi,
  startApi,
  TestTenant,
  TestUser,
} from './support/api-harness';
import { exchangeCode, signInWithPkce, WEB_REDIRECT_URI } from './support/oauth-flows';
import { OAuthClientRepository } from '../src/oauth/oauth-client.repository';

let api: RunningApi;
let tenantA: TestTenant;
let tenantB: TestTenant;
let adminA: TestUser;
let adminB: TestUser;
let tokenA: string;
let tokenB: string;
const sentMail: MailMessage[] = [];

async function userToken(user: TestUser, scope = 'openid users:read users:write'): Promise<string> {
  return (await exchangeCode(await signInWithPkce(api, user, scope))).access_token;
}

beforeAll(async () => {
  api = await startApi();
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  // Outgoing mail is the outside world: capture what the mail transport is given.
  const mailer = api.app.get(Mailer);
  mailer.send = async (message) => void sentMail.push(message);
  [tenantA, tenantB] = [await newTenant(api), await newTenant(api)];
  [adminA, adminB] = [await newUser(api, tenantA, ['admin']), await newUser(api, tenantB, ['admin'])];
  [tokenA, tokenB] = [await userToken(adminA), await userToken(adminB)];
});
afterAll(async () => api?.close());

describe('users and roles', () => {
  it('stores passwords as argon2id hashes', async () => {
    const rows: { password_hash: string }[] = await api.app
      .get(DataSource)
      .query('SELECT password_hash FROM users WHERE id = $1', [adminA.id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('lets an admin create a user with roles, and the roles show in the user', async () => {
    const created = await call(api, 'POST', '/api/v1/users', {
      token: tokenA,
      body: {
        email: `new-${Date.now()}@example.test`,
        name: 'New Person',
        password: 'a sufficiently long password',
        roles: ['project_manager'],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      name: 'New Person',
      tenant_id: tenantA.id,
      roles: ['project_manager'],
    });
    expect(created.body.data.password_hash).toBeUndefined();
    const duplicate = await call(api, 'POST', '/api/v1/users', {
      token: tokenA,
      body: {
        email: created.body.data.email.toUpperCase(),
        name: 'Again',
        password: 'a sufficiently long password',
      },
    });
    expect(duplicate.status).toBe(409);
  });

  it('refuses a member who lacks users:write with 403, even with the scope in the token', async () => {
    const member = await newUser(api, tenantA, ['member']);
    const token = await userToken(member);
    const response = await call(api, 'POST', '/api/v1/users', {
      token,
      body: { email: `x-${Date.now()}@example.test`, name: 'X', password: 'a sufficiently long password' },
    });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain('users:write');
  });

  it('inherits permissions through the role hierarchy (admin ⊃ project_manager ⊃ member ⊃ viewer)', async () => {
    const roles = await call(api, 'GET', '/api/v1/roles', { token: tokenA });
    expect(roles.status).toBe(200);
    const byKey = Object.fromEntries(roles.body.data.map((r: { key: string }) => [r.key, r]));
    expect(byKey.admin.inherits).toBe('project_manager');
    expect(byKey.member.inherits).toBe('viewer');
    const viewer = await newUser(api, tenantA, ['viewer']);
    const pm = await newUser(api, tenantA, ['project_manager']);
    // users:read is granted to viewer only; the project manager has it through inheritance.
    expect(
      (await call(api, 'GET', '/api/v1/users', { token: await userToken(pm, 'openid users:read') })).status,
    ).toBe(200);
    expect(
      (await call(api, 'GET', '/api/v1/users', { token: await userToken(viewer, 'openid users:read') }))
        .status,
    ).toBe(200);
    expect(
      (await call(api, 'GET', '/api/v1/oauth-clients', { token: await userToken(pm, 'openid users:read') }))
        .status,
    ).toBe(403);
  });

  it('grants roles through groups', async () => {
    const person = await newUser(api, tenantA, ['viewer']);
    const token = await userToken(person);
    expect((await call(api, 'GET', '/api/v1/oauth-clients', { token })).status).toBe(403);
    const group = await call(api, 'POST', '/api/v1/groups', {
      token: tokenA,
      body: { name: `admins-${Date.now()}` },
    });
    expect(group.status).toBe(201);
    expect(
      (
        await call(api, 'POST', `/api/v1/groups/${group.body.data.id}/members`, {
          token: tokenA,
          body: { user_id: person.id },
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await call(api, 'POST', `/api/v1/groups/${group.body.data.id}/roles`, {
          token: tokenA,
          body: { role: 'admin' },
        })
      ).status,
    ).toBe(204);
    expect((await call(api, 'GET', '/api/v1/oauth-clients', { token })).status).toBe(200);
  });

  it('uses ETags: a stale If-Match is refused with 412', async () => {
    const user = await newUser(api, tenantA);
    const current = await call(api, 'GET', `/api/v1/users/${user.id}`, { token: tokenA });
    const etag = current.headers.get('etag')!;
    const first = await call(api, 'PATCH', `/api/v1/users/${user.id}`, {
      token: tokenA,
      body: { name: 'First' },
      headers: { 'if-match': etag },
    });
    expect(first.status).toBe(200);
    const stale = await call(api, 'PATCH', `/api/v1/users/${user.id}`, {
      token: tokenA,
      body: { name: 'Second' },
      headers: { 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('PRECONDITION_FAILED');
    expect((await call(api, 'GET', `/api/v1/users/${user.id}`, { token: tokenA })).body.data.name).toBe(
      'First',
    );
  });
});

describe('tenant isolation: tenant A cannot see or touch tenant B', () => {
  it('hides B users from A users (404) and lists only A users', async () => {
    expect((await call(api, 'GET', `/api/v1/users/${adminB.id}`, { token: tokenA })).status).toBe(404);
    expect(
      (await call(api, 'PATCH', `/api/v1/users/${adminB.id}`, { token: tokenA, body: { name: 'hacked' } }))
        .status,
    ).toBe(404);
    expect(
      (
        await call(api, 'POST', `/api/v1/users/${adminB.id}/roles`, {
          token: tokenA,
          body: { role: 'viewer' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(api, 'DELETE', `/api/v1/users/${adminB.id}/roles`, {
          token: tokenA,
          body: { role: 'admin' },
        })
      ).status,
    ).toBe(404);
    const list = await call(api, 'GET', '/api/v1/users?limit=100', { token: tokenA });
    expect(list.body.data.every((u: { tenant_id: string }) => u.tenant_id === tenantA.id)).toBe(true);
    expect(list.body.data.map((u: { id: string }) => u.id)).not.toContain(adminB.id);
    // B is untouched.
    expect((await call(api, 'GET', `/api/v1/users/${adminB.id}`, { token: tokenB })).body.data.name).not.toBe(
      'hacked',
    );
  });

  it('hides B users from A clients (client credentials)', async () => {
    const token = await clientToken(api, await newClient(api, tenantA, ['users:read', 'users:write']), [
      'users:read',
      'users:write',
    ]);
    expect((await call(api, 'GET', `/api/v1/users/${adminB.id}`, { token })).status).toBe(404);
    expect(
      (await call(api, 'PATCH', `/api/v1/users/${adminB.id}`, { token, body: { name: 'x' } })).status,
    ).toBe(404);
    const list = await call(api, 'GET', '/api/v1/users', { token });
    expect(list.body.data.every((u: { tenant_id: string }) => u.tenant_id === tenantA.id)).toBe(true);
  });

  it('keeps groups and OAuth clients per tenant', async () => {
    const groupB = await call(api, 'POST', '/api/v1/groups', {
      token: tokenB,
      body: { name: `b-${Date.now()}` },
    });
    expect(
      (
        await call(api, 'POST', `/api/v1/groups/${groupB.body.data.id}/members`, {
          token: tokenA,
          body: { user_id: adminA.id },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(api, 'POST', `/api/v1/groups/${groupB.body.data.id}/roles`, {
          token: tokenA,
          body: { role: 'admin' },
        })
      ).status,
    ).toBe(404);
    const groupA = await call(api, 'POST', '/api/v1/groups', {
      token: tokenA,
      body: { name: `a-${Date.now()}` },
    });
    // A cannot put a B user in its own group either.
    expect(
      (
        await call(api, 'POST', `/api/v1/groups/${groupA.body.data.id}/members`, {
          token: tokenA,
          body: { user_id: adminB.id },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(api, 'GET', '/api/v1/groups', { token: tokenA })).body.data.map(
        (g: { id: string }) => g.id,
      ),
    ).not.toContain(groupB.body.data.id);

    const clientB = await call(api, 'POST', '/api/v1/oauth-clients', {
      token: tokenB,
      body: { name: 'B ERP', grant_types: ['client_credentials'], scopes: ['tasks:read'] },
    });
    expect(clientB.status).toBe(201);
    expect(clientB.body.data.client_secret).toBeTruthy();
    const listA = await call(api, 'GET', '/api/v1/oauth-clients', { token: tokenA });
    expect(listA.body.data.map((c: { client_id: string }) => c.client_id)).not.toContain(
      clientB.body.data.client_id,
    );
    expect(
      (await call(api, 'DELETE', `/api/v1/oauth-clients/${clientB.body.data.client_id}`, { token: tokenA }))
        .status,
    ).toBe(404);
    // B's client still works and acts only in B.
    const tokenOfB = await clientToken(
      api,
      { clientId: clientB.body.data.client_id, clientSecret: clientB.body.data.client_secret },
      ['tasks:read'],
    );
    expect((await call(api, 'GET', '/api/v1/users/me', { token: tokenOfB })).body.data.tenant_id).toBe(
      tenantB.id,
    );
  });
});

describe('password reset', () => {
  function lastTokenFor(email: string): string {
    const mail = [...sentMail].reverse().find((m) => m.to === email);
    return /token=([A-Za-z0-9_-]+)/.exec(mail!.text)![1];
  }

  it('answers the same for unknown accounts and sends nothing', async () => {
    const before = sentMail.length;
    const response = await call(api, 'POST', '/api/v1/auth/password/forgot', {
      body: { email: 'nobody@nowhere.test' },
    });
    expect(response.status).toBe(202);
    expect(sentMail.length).toBe(before);
  });

  it('resets with a single-use token; the new password signs in and the old one does not', async () => {
    const user = await newUser(api, tenantA);
    const known = await call(api, 'POST', '/api/v1/auth/password/forgot', { body: { email: user.email } });
    expect(known.status).toBe(202);
    const token = lastTokenFor(user.email);
    const newPassword = 'a brand new long password';
    expect(
      (await call(api, 'POST', '/api/v1/auth/password/reset', { body: { token, password: newPassword } }))
        .status,
    ).toBe(204);
    const reuse = await call(api, 'POST', '/api/v1/auth/password/reset', {
      body: { token, password: 'yet another long password' },
    });
    expect(reuse.status).toBe(422);
    expect(reuse.body.error.details[0].field).toBe('token');
    await expect(signInWithPkce(api, { email: user.email, password: newPassword })).resolves.toBeTruthy();
    await expect(signInWithPkce(api, { email: user.email, password: user.password })).rejects.toThrow(
      /no code/,
    );
  });

  it('refuses an expired token', async () => {
    const user = await newUser(api, tenantA);
    await call(api, 'POST', '/api/v1/auth/password/forgot', { body: { email: user.email } });
    const token = lastTokenFor(user.email);
    await api.app
      .get(DataSource)
      .query(`UPDATE password_reset_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [
        user.id,
      ]);
    expect(
      (
        await call(api, 'POST', '/api/v1/auth/password/reset', {
          body: { token, password: 'a brand new long password' },
        })
      ).status,
    ).toBe(422);
  });
});

describe('TOTP second factor', () => {
  it('once enabled, sign-in needs the current code', async () => {
    const user = await newUser(api, tenantA);
    const token = await userToken(user, 'openid');
    const setup = await call(api, 'POST', '/api/v1/auth/totp/setup', { token });
    expect(setup.status).toBe(201);
    const totp = new TOTP({ secret: setup.body.data.secret, algorithm: 'SHA1', digits: 6, period: 30 });
    expect(
      (
        await call(api, 'POST', '/api/v1/auth/totp/enable', {
          token,
          body: { code: '000000' === totp.generate() ? '111111' : '000000' },
        })
      ).status,
    ).toBe(422);
    expect(
      (await call(api, 'POST', '/api/v1/auth/totp/enable', { token, body: { code: totp.generate() } }))
        .status,
    ).toBe(204);

    await expect(signInWithPkce(api, user)).rejects.toThrow(/no code: 401/);
    const { signInWithPkceAndTotp } = await import('./support/oauth-flows');
    await expect(signInWithPkceAndTotp(api, user, totp.generate())).resolves.toBeTruthy();
  });
});
