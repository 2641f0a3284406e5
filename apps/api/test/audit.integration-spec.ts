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
import { exchangeCode, signInWithPkce, WEB_REDIRECT_URI } from './support/oauth-flows';

const SCOPES = ['tasks:read', 'tasks:write', 'programs:read', 'programs:write', 'audit:read'];

let api: RunningApi;
let tenant: TestTenant;
let token: string;

beforeAll(async () => {
  api = await startApi();
  tenant = await newTenant(api);
  token = await clientToken(api, await newClient(api, tenant, SCOPES), SCOPES);
  await api.app
    .get((await import('../src/oauth/oauth-client.repository')).OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
});
afterAll(async () => api?.close());

describe('GET /api/v1/audit', () => {
  it('lists newest first with sort=-position and pages on with the next link, oldest first by default', async () => {
    const program = await call(api, 'POST', '/api/v1/programs', { token, body: { name: 'Audited' } });
    const titles = ['First', 'Second', 'Third', 'Fourth', 'Fifth'];
    for (const title of titles) {
      const created = await call(api, 'POST', '/api/v1/tasks', {
        token,
        body: { program_id: program.body.data.id, title },
      });
      expect(created.status).toBe(201);
    }
    const taskTitles = (page: { body: { data: any[] } }) =>
      page.body.data.filter((e) => e.entity_type === 'task').map((e) => e.after_state.title as string);

    const oldest = await call(api, 'GET', '/api/v1/audit?filter[entity_type]=task', { token });
    expect(taskTitles(oldest)).toEqual(titles);

    const first = await call(api, 'GET', '/api/v1/audit?filter[entity_type]=task&sort=-position&limit=2', {
      token,
    });
    expect(first.status).toBe(200);
    expect(taskTitles(first)).toEqual(['Fifth', 'Fourth']);
    expect(first.body.meta).toMatchObject({ has_more: true, limit: 2 });
    const positions = first.body.data.map((e: any) => e.position as number);
    expect(positions[0]).toBeGreaterThan(positions[1]);

    // the next link keeps the filter and the order
    const nextUrl = new URL(first.body.links.next, api.url);
    expect(nextUrl.searchParams.get('sort')).toBe('-position');
    const second = await call(api, 'GET', `${nextUrl.pathname}${nextUrl.search}`, { token });
    expect(taskTitles(second)).toEqual(['Third', 'Second']);
    const third = await call(
      api,
      'GET',
      `/api/v1/audit?filter[entity_type]=task&sort=-position&limit=2&cursor=${second.body.meta.next_cursor}`,
      { token },
    );
    expect(taskTitles(third)).toEqual(['First']);
    expect(third.body.meta).toMatchObject({ has_more: false, next_cursor: null });
    expect(third.body.links.next).toBeNull();
  });

  it('refuses an order other than the commit order with a field error', async () => {
    const bad = await call(api, 'GET', '/api/v1/audit?sort=-occurred_at', { token });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'sort' })]);
  });
});

describe('GET /api/v1/users/me', () => {
  it("names the user's permissions, tenant-wide and on some programs only, within the token's scopes", async () => {
    const member = await newUser(api, tenant, ['member']);
    const memberToken = (
      await exchangeCode(
        await signInWithPkce(api, member, 'openid tasks:read tasks:write audit:read work-logs:read'),
      )
    ).access_token;
    const me = await call(api, 'GET', '/api/v1/users/me', { token: memberToken });
    expect(me.status).toBe(200);
    // a member may not read the audit trail even though the token asked for the scope; no work-logs:write
    // either, since the token's scopes do not include it
    expect(me.body.data.permissions).toEqual(['tasks:read', 'tasks:write', 'work-logs:read']);
    expect(me.body.data.context_permissions).toEqual([]);

    const manager = await newUser(api, tenant, ['project_manager']);
    const managerToken = (
      await exchangeCode(await signInWithPkce(api, manager, 'openid tasks:read audit:read financial:read'))
    ).access_token;
    const managerMe = await call(api, 'GET', '/api/v1/users/me', { token: managerToken });
    expect(managerMe.body.data.permissions).toEqual(['audit:read', 'financial:read', 'tasks:read']);
    expect((await call(api, 'GET', '/api/v1/audit?limit=1', { token: managerToken })).status).toBe(200);
    expect((await call(api, 'GET', '/api/v1/audit?limit=1', { token: memberToken })).status).toBe(403);

    // a role on one program only
    const program = await call(api, 'POST', '/api/v1/programs', { token, body: { name: 'Granted' } });
    const guest = await newUser(api, tenant, []);
    const added = await call(api, 'POST', `/api/v1/programs/${program.body.data.id}/members`, {
      token,
      body: { user_id: guest.id, role: 'member' },
    });
    expect(added.status).toBe(201);
    const guestToken = (await exchangeCode(await signInWithPkce(api, guest, 'openid tasks:read tasks:write')))
      .access_token;
    const guestMe = await call(api, 'GET', '/api/v1/users/me', { token: guestToken });
    expect(guestMe.body.data.permissions).toEqual([]);
    expect(guestMe.body.data.context_permissions).toEqual(['tasks:read', 'tasks:write']);
  });
});
