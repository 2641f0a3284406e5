import type { Browser, Route } from 'playwright-core';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, signIn } from './browser';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');

let browser: Browser;
let db: Client;
beforeAll(async () => {
  browser = await launchChromium();
  db = new Client({ connectionString: inject('databaseUrl') });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await browser?.close();
});

/** The API as an integrator of the demo tenant sees it (client credentials, bearer token). */
async function integratorCall(method: string, path: string, body?: unknown): Promise<any> {
  const { clientId, clientSecret } = inject('integrator');
  const tokenResponse = await fetch(`${apiUrl}/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope: 'tasks:read tasks:write programs:read',
      resource: 'urn:oversing:api',
    }),
  });
  const { access_token } = (await tokenResponse.json()) as { access_token: string };
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as { data: any };
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json.data;
}

describe('a change whose answer was lost', () => {
  it('is queued with the key of its first attempt and replayed after a reload without being applied twice', async () => {
    const run = Date.now().toString(36);
    const [program] = (await integratorCall('GET', '/api/v1/programs?limit=1')) as Array<{ id: string }>;
    const task = (await integratorCall('POST', '/api/v1/tasks', {
      title: `Retry ${run}`,
      program_id: program!.id,
    })) as { id: string };

    // no service worker: the page's own requests go through the route below
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      serviceWorkers: 'block',
    });
    // the first POST of a work log reaches the API, which commits it; its answer is lost on the way back
    const keys: string[] = [];
    let lost = 0;
    await context.route(`${apiUrl}/api/v1/work-logs`, async (route: Route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (lost > 0) return route.continue();
      lost++;
      await route.fetch();
      return route.abort('connectionreset');
    });
    const page = await signIn(context, { webUrl, apiUrl }, 'pm@demo.test');
    await page.getByRole('tab', { name: 'Audit history' }).click();
    await page
      .getByRole('region', { name: 'Audit history' })
      .getByLabel('Panel content')
      .selectOption('timesheet');
    const timesheet = page.getByRole('region', { name: 'Timesheet' });
    await timesheet.getByText('Log time by hand').click();
    const form = timesheet.getByRole('form', { name: 'Log time' });
    await expect
      .poll(() => form.getByLabel('Task', { exact: true }).locator(`option[value="${task.id}"]`).count(), {
        timeout: 15_000,
      })
      .toBe(1);
    await form.getByLabel('Task', { exact: true }).selectOption(task.id);
    await form.getByLabel('Duration').fill('25');
    await form.getByRole('button', { name: 'Log time' }).click();
    // the page saw a dropped connection: the change waits in the queue, although the API has it
    await form.getByText('Saved offline: it will be sent when you are back online.').waitFor();
    await page.getByText('Pending 1 change').waitFor();
    const logs = async (): Promise<number> =>
      (await db.query('SELECT 1 FROM work_logs WHERE task_id = $1', [task.id])).rows.length;
    expect(await logs()).toBe(1);

    // the app is reopened: the queue, read back from IndexedDB, is replayed
    await page.reload();
    await expect.poll(() => keys.length, { timeout: 20_000 }).toBe(2);
    await expect
      .poll(() => page.getByText(/(Pending|Syncing) \d+ change/).count(), { timeout: 20_000 })
      .toBe(0);
    expect(await page.getByRole('dialog', { name: 'A change made offline was not applied' }).count()).toBe(0);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    // one work log: the replay was answered from the API's stored response
    expect(await logs()).toBe(1);
    const stored = await db.query('SELECT method, path FROM idempotency_keys WHERE key = $1', [keys[0]]);
    expect(stored.rows).toEqual([{ method: 'POST', path: '/api/v1/work-logs' }]);
    await context.close();
  });
});
