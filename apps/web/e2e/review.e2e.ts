import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, signIn } from './browser';

/**
 * The compliance officer's review journey against the system as `npm start` serves it: the demo seed's
 * pending review (an answer quoting a customer's email and phone number, in the certified review step of
 * the demo workflow) is found in the review queue without selecting a task, read with its personal data
 * highlighted and approved with a reason; the assignee's open task shows the certification approved
 * within 2 s, the workflow completes the task as the demo workflow says, and the history names the officer.
 */
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const artifacts = resolve(new URL('.', import.meta.url).pathname, '../../../test-artifacts/web');
mkdirSync(artifacts, { recursive: true });

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');
const urls = { webUrl, apiUrl };
const PENDING_TITLE = "Reply to the customer's data request";

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: Document) => Promise<{
            violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
          }>;
        };
      }
    ).axe;
    return axe.run(document);
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

let token: string | undefined;
async function integratorGet(path: string): Promise<any> {
  if (!token) {
    const { clientId, clientSecret } = inject('integrator');
    const response = await fetch(`${apiUrl}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: 'tasks:read programs:read certifications:read',
        resource: 'urn:oversing:api',
      }),
    });
    token = ((await response.json()) as { access_token: string }).access_token;
  }
  const response = await fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status, path).toBe(200);
  return response.json();
}

describe('the certification review journey', () => {
  it('seeds the demo: one certified, one pending review and one rejected certification on demo tasks', async () => {
    // npm start seeds the requests before the services run; the API delivers them once both are up
    type Summary = { task_id: string; task_title: string; status: string };
    let seeded: Summary[] = [];
    const statuses = async () => {
      seeded = (await integratorGet('/api/v1/certifications?limit=100&sort=created_at')).data as Summary[];
      return Object.fromEntries(seeded.map((c) => [c.task_title, c.status]));
    };
    await expect.poll(statuses, { timeout: 45_000, interval: 500 }).toMatchObject({
      'Answer the pricing question': 'certified',
      [PENDING_TITLE]: 'pending_review',
      'Summarise the supplier contract': 'rejected',
    });
    // the workflow reacted to the rejection: that task went back to "In progress"
    const rejected = seeded.find((c) => c.task_title === 'Summarise the supplier contract')!;
    const task = (await integratorGet(`/api/v1/tasks/${rejected.task_id}`)).data;
    expect(task.workflow.state).toBe('in_progress');
    expect(task.certification.status).toBe('rejected');
  });

  it('an officer approves the pending review from the queue; the assignee sees it live and the task completes', async () => {
    const { data: pending } = await integratorGet(
      '/api/v1/certifications?filter[status]=pending_review&limit=100',
    );
    const certification = (
      pending as Array<{ id: string; number: string; task_id: string; task_title: string }>
    ).find((c) => c.task_title === PENDING_TITLE)!;
    expect(certification).toBeDefined();
    const taskId = certification.task_id;
    const before = (await integratorGet(`/api/v1/tasks/${taskId}`)).data;
    expect(before.workflow.state).toBe('review');

    // the assignee has the task open
    const devContext = await browser.newContext();
    const dev = await signIn(devContext, urls, 'dev@demo.test');
    // where the time goes after the click, reported with the measurement
    const marks: string[] = [];
    let clickedAt = Number.NaN;
    const since = () => `${Date.now() - clickedAt} ms`;
    dev.on('websocket', (ws) =>
      ws.on('framereceived', (f) => {
        const text = typeof f.payload === 'string' ? f.payload : '';
        const event = /"event":"([^"]+)"/.exec(text)?.[1];
        if (event && !event.startsWith('pusher') && clickedAt) marks.push(`${since()} assignee got ${event}`);
      }),
    );
    await dev.goto(`${webUrl}/?task=${taskId}`);
    const devDetail = dev.getByRole('region', { name: 'Task detail' });
    await devDetail.getByRole('heading', { name: PENDING_TITLE }).waitFor();
    await devDetail
      .getByRole('status', { name: `Certification ${certification.number}: Pending review` })
      .waitFor();
    // a member may not review: no link to the review
    expect(await devDetail.getByRole('link', { name: /Open the review/ }).count()).toBe(0);

    // the compliance officer opens the review queue (no task selected) and finds the pending review
    const officerContext = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const officer = await signIn(officerContext, urls, 'compliance@demo.test');
    expect(new URL(officer.url()).searchParams.get('task')).toBeNull();
    await officer
      .getByRole('region', { name: 'Audit history' })
      .getByLabel('Panel content')
      .selectOption('review-queue');
    const queue = officer.getByRole('region', { name: 'Review queue' });
    await queue
      .getByRole('list', { name: 'Review queue' })
      .getByRole('button', { name: new RegExp(`${certification.number} · ${PENDING_TITLE}`) })
      .click();
    const review = queue.getByRole('region', { name: `Review of ${certification.number}` });
    await review.waitFor();
    // the output with the personal data the detectors found highlighted, and the policy results in words
    const output = review.getByRole('region', { name: 'Certified output' });
    await output.locator('mark').first().waitFor();
    expect(await output.locator('mark').allInnerTexts()).toEqual([
      expect.stringContaining('jana.novak@example.com'),
      expect.stringContaining('+44 20 7946 0958'),
    ]);
    await review
      .getByRole('region', { name: 'Policy results' })
      .getByText(/No personal data: failed/)
      .waitFor();
    await review.getByRole('region', { name: 'Versions' }).waitFor();
    await officer.screenshot({ path: `${artifacts}/20-review-detail.png` });
    expect(await seriousViolations(officer)).toEqual([]);

    // approve with a reason; the assignee's open task shows it within 2 s, without a reload
    await review.getByLabel('Reason (required)').fill('Personal data is the requester’s own; sent to them');
    const approved = devDetail.getByRole('status', {
      name: `Certification ${certification.number}: Certified (approved)`,
    });
    officer.on('response', (r) => {
      if (r.url().endsWith('/approve')) marks.push(`${since()} approve answered ${r.status()}`);
    });
    dev.on('request', (r) => {
      if (r.url().includes('/api/v1/')) marks.push(`${since()} assignee asks ${r.url().replace(apiUrl, '')}`);
    });
    dev.on('response', (r) => {
      if (r.url().includes('/api/v1/')) marks.push(`${since()} assignee got ${r.url().replace(apiUrl, '')}`);
    });
    clickedAt = Date.now();
    await review.getByRole('button', { name: 'Approve' }).click();
    await approved.waitFor({ timeout: 10_000 });
    const latency = Date.now() - clickedAt;
    process.stdout.write(
      `approve click → assignee's task shows it approved: ${latency} ms\n  ${marks.join('\n  ')}\n`,
    );
    expect(latency).toBeLessThan(2_000);

    // the demo workflow: an approval in review completes the task
    await devDetail.locator('dd', { hasText: /^Done$/ }).waitFor({ timeout: 5_000 });
    const after = (await integratorGet(`/api/v1/tasks/${taskId}`)).data;
    expect(after.workflow.state).toBe('done');
    expect(after.status).toBe('done');
    expect(after.certification).toMatchObject({ id: certification.id, status: 'approved' });

    // the history names the officer, for the decision and for the move it caused
    const history = devDetail.getByRole('region', { name: 'History' });
    await history.getByText(/certification_approved by Cory Compliance/).waitFor({ timeout: 5_000 });
    await history.getByText(/workflow_transitioned by Cory Compliance/).waitFor({ timeout: 5_000 });
    const { data: entries } = await integratorGet(`/api/v1/tasks/${taskId}/history`);
    const decision = (entries as Array<{ action: string; actor: { type: string; id: string } }>).find(
      (e) => e.action === 'certification_approved',
    )!;
    expect(decision.actor.type).toBe('user');
    await dev.screenshot({ path: `${artifacts}/21-task-certified.png` });
    expect(await seriousViolations(dev)).toEqual([]);

    // the officer, on the task, is linked to its review
    await officer.goto(`${webUrl}/?task=${taskId}`);
    const officerDetail = officer.getByRole('region', { name: 'Task detail' });
    await officerDetail.getByRole('link', { name: `Open the review of ${certification.number}` }).click();
    await officer
      .getByRole('region', { name: `Review of ${certification.number}` })
      .getByText(`${certification.number} · approved`)
      .waitFor();
    expect(new URL(officer.url()).searchParams.get('certification')).toBe(certification.id);
    await devContext.close();
    await officerContext.close();
  });
});
