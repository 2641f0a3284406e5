import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, signIn } from './browser';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('search in the command palette', () => {
  it('finds the demo task "Launch" from the misspelt "lanch" and opens it in the task detail', async () => {
    const context = await browser.newContext();
    const page = await signIn(context, { webUrl, apiUrl }, 'pm@demo.test');
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog');
    const searched = page.waitForResponse((r) => r.url().includes('/api/v1/search?') && r.status() === 200);
    await palette.getByLabel('Search commands').fill('lanch');
    await searched;
    const hit = palette.getByRole('option', { name: /^Launch\s*Tasks · Website relaunch/ });
    await hit.waitFor();
    await hit.click();
    expect(await palette.count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('task')).toMatch(/^[0-9a-f-]{36}$/);
    await page
      .getByRole('region', { name: 'Task detail' })
      .getByRole('heading', { name: 'Launch' })
      .waitFor();
    await context.close();
  });
});

describe('exports from the task list', () => {
  it('exports the filtered tasks as CSV with a progress bar, then downloads the file', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await signIn(context, { webUrl, apiUrl }, 'pm@demo.test');
    const list = page.getByRole('region', { name: 'Task list' });
    await list.getByLabel('Status').selectOption('todo');
    await list.getByRole('button', { name: 'Export CSV' }).click();
    const link = list.getByRole('link', { name: /^Download tasks-.*\.csv$/ });
    await link.waitFor();
    expect(await list.getByRole('status').first().textContent()).toMatch(/Export ready \(\d+ tasks\)/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,title,status,priority,program,assignee,due_date,estimate_minutes,created_at,updated_at,completed_at',
    );
    // the demo's open tasks, and only those (the list's status filter went with the export)
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.split(',')[2] === 'todo')).toBe(true);
    expect(csv).toContain('Launch');
    await context.close();
  });
});

describe('dashboards', () => {
  it('shows the program overview and the time report of the demo data', async () => {
    const context = await browser.newContext();
    const page = await signIn(context, { webUrl, apiUrl }, 'pm@demo.test');
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog').getByLabel('Search commands').fill('Open Reports');
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: 'Reports' });
    const statuses = panel.getByLabel('Tasks by status');
    await statuses.waitFor();
    const counts = Object.fromEntries(
      (await statuses.locator('li').allTextContents()).map((t) => {
        const [label, n] = t.split(': ');
        return [label, Number(n)];
      }),
    );
    // the demo program has done, in-progress and open tasks
    expect(counts['Done']).toBeGreaterThan(0);
    expect(counts['In progress']).toBeGreaterThan(0);
    expect(counts['To do']).toBeGreaterThan(0);
    await panel.getByRole('img', { name: 'Burn-up chart' }).waitFor();
    await panel.getByRole('heading', { name: /^Time \((everyone|yours)\)$/ }).waitFor();
    await context.close();
  });
});
