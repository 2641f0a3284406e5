import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, signIn, watch } from './browser';

const artifacts = resolve(new URL('.', import.meta.url).pathname, '../../../test-artifacts/web');
mkdirSync(artifacts, { recursive: true });

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
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

describe('the offline mobile user’s day', () => {
  it('reopens the installed app offline with the workspace, edits a task twice and logs time, and all of it reaches the API online without a false conflict', async () => {
    const run = Date.now().toString(36);
    const [program] = (await integratorCall('GET', '/api/v1/programs?limit=1')) as Array<{ id: string }>;
    const task = (await integratorCall('POST', '/api/v1/tasks', {
      title: `Phone ${run}`,
      program_id: program!.id,
      priority: 3,
    })) as { id: string; version: number };

    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    let page = await signIn(context, { webUrl, apiUrl }, 'pm@demo.test');
    // a service worker controls the page (it claims the page it was installed from)
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null), {
        timeout: 20_000,
      })
      .toBe(`${webUrl}/sw.js`);
    const taskButton = () =>
      page
        .getByRole('region', { name: 'Task list' })
        .getByRole('button', { name: new RegExp(`^Phone ${run}`) });
    // the list read through the worker (so it is cached), and the timesheet the user works with
    await page.reload();
    await taskButton().waitFor({ timeout: 15_000 });
    // a phone shows one panel at a time, chosen with tabs; the header fits in two short rows
    expect(
      await page
        .locator('header')
        .first()
        .evaluate((h) => h.getBoundingClientRect().height),
    ).toBeLessThan(120);
    expect(await page.getByText('Ctrl K').isVisible()).toBe(false);
    expect(await page.getByRole('region', { name: 'Task detail' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Audit history' }).click();
    await page
      .getByRole('region', { name: 'Audit history' })
      .getByLabel('Panel content')
      .selectOption('timesheet');
    const timesheet = page.getByRole('region', { name: 'Timesheet' });
    await timesheet.getByText('Log time by hand').click();
    await expect
      .poll(
        () =>
          timesheet
            .getByRole('form', { name: 'Log time' })
            .getByLabel('Task', { exact: true })
            .locator(`option[value="${task.id}"]`)
            .count(),
        {
          timeout: 15_000,
        },
      )
      .toBe(1);
    // the list that shows the task has reached the worker's cache
    await expect
      .poll(() =>
        page.evaluate(async (url) => {
          const cached = await caches.match(`${url}/api/v1/tasks?limit=50`);
          return cached ? cached.text() : '';
        }, apiUrl),
      )
      .toContain(`Phone ${run}`);

    // close the app, lose the network, open the app again
    await page.close();
    await context.setOffline(true);
    page = watch(await context.newPage());
    await page.goto(webUrl);
    await taskButton().waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(0);
    await page.getByText('Offline', { exact: true }).waitFor();
    await page.screenshot({ path: `${artifacts}/20-phone-offline-reopened.png` });

    // two edits of the same task, offline
    const detail = page.getByRole('region', { name: 'Task detail' });
    await taskButton().click();
    await detail.getByRole('heading', { name: `Phone ${run}` }).waitFor();
    await detail.getByRole('button', { name: 'Edit task' }).click();
    await detail.getByLabel('Title').fill(`Phone ${run} renamed`);
    await detail.getByRole('button', { name: 'Save changes' }).click();
    await detail.getByText('Change saved offline: it will be sent when you are back online.').waitFor();
    // the saved change shows at once, and the second edit starts from it
    await detail.getByRole('heading', { name: `Phone ${run} renamed` }).waitFor();
    await detail.getByRole('button', { name: 'Edit task' }).click();
    expect(await detail.getByLabel('Title').inputValue()).toBe(`Phone ${run} renamed`);
    await detail.getByLabel('Priority').fill('5');
    await detail.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Pending 2 changes').waitFor();

    // and time logged on it, offline
    await page.getByRole('tab', { name: 'Timesheet' }).click();
    const timesheetNow = page.getByRole('region', { name: 'Timesheet' });
    await timesheetNow.getByText('Log time by hand').click();
    const logForm = timesheetNow.getByRole('form', { name: 'Log time' });
    await logForm.getByLabel('Task', { exact: true }).selectOption(task.id);
    await logForm.getByLabel('Duration').fill('45');
    await logForm.getByRole('button', { name: 'Log time' }).click();
    await logForm.getByText('Saved offline: it will be sent when you are back online.').waitFor();
    await page.getByText('Pending 3 changes').waitFor();
    await page.screenshot({ path: `${artifacts}/21-phone-offline-pending.png` });

    // online: all three reach the API, in order, and no conflict is reported
    await context.setOffline(false);
    // the badge says Syncing while the queue replays, and disappears once it is empty
    await expect
      .poll(() => page.getByText(/(Pending|Syncing) \d+ change/).count(), { timeout: 20_000 })
      .toBe(0);
    expect(await page.getByRole('dialog', { name: 'A change made offline was not applied' }).count()).toBe(0);
    const after = (await integratorCall('GET', `/api/v1/tasks/${task.id}`)) as {
      title: string;
      priority: number;
      version: number;
    };
    expect(after).toMatchObject({ title: `Phone ${run} renamed`, priority: 5, version: task.version + 2 });
    const db = new Client({ connectionString: inject('databaseUrl') });
    await db.connect();
    try {
      const logs = await db.query<{ duration_minutes: number }>(
        'SELECT duration_minutes FROM work_logs WHERE task_id = $1',
        [task.id],
      );
      expect(logs.rows).toEqual([{ duration_minutes: 45 }]);
    } finally {
      await db.end();
    }
    await page.screenshot({ path: `${artifacts}/22-phone-back-online.png` });
    await context.close();
  });
});
