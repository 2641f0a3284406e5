import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cspViolations, launchChromium, signIn as signInAs, watch } from './browser';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
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

function signIn(context: BrowserContext, email: string): Promise<Page> {
  return signInAs(context, { webUrl, apiUrl }, email);
}

describe('the PWA against the running system', () => {
  it('signs in through the real sign-in page, with PKCE, and shows the signed-in user', async () => {
    const context = await browser.newContext();
    const page = watch(await context.newPage());
    const authorizeRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/oauth/auth?')) authorizeRequests.push(r.url());
    });
    await page.goto(webUrl);
    await page.screenshot({ path: `${artifacts}/01-landing.png` });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.href.startsWith(apiUrl));
    await page.getByLabel('Email').waitFor();
    await page.screenshot({ path: `${artifacts}/02-sign-in.png` });
    expect(await seriousViolations(page)).toEqual([]);
    const authorize = new URL(authorizeRequests[0]);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('client_id')).toBe('oversing-web');

    await page.getByLabel('Email').fill('admin@demo.test');
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${webUrl}/`).catch(async (e: unknown) => {
      await page.screenshot({ path: `${artifacts}/failed-callback.png` });
      process.stderr.write(`at ${page.url()}: ${(await page.locator('body').innerText()).slice(0, 500)}\n`);
      throw e;
    });
    await expect
      .poll(() => page.getByRole('button', { name: /^Account: / }).getAttribute('aria-label'))
      .toMatch(/Account: .+/);
    await page.getByRole('region', { name: 'Task list' }).waitFor();
    await page.screenshot({ path: `${artifacts}/03-workspace.png` });
    expect(await seriousViolations(page)).toEqual([]);
    // the refresh token is kept in IndexedDB next to a non-extractable DPoP key; no access token is stored
    const stored = await page.evaluate(
      () =>
        new Promise<{ refreshToken?: string; keyExtractable?: boolean }>((done, fail) => {
          const open = indexedDB.open('oversing-auth');
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const store = open.result.transaction('session').objectStore('session');
            const session = store.get('session');
            const key = store.get('dpop-key');
            key.onsuccess = () =>
              done({
                refreshToken: (session.result as { refreshToken?: string } | undefined)?.refreshToken,
                keyExtractable: (key.result as CryptoKeyPair | undefined)?.privateKey.extractable,
              });
          };
        }),
    );
    expect(stored).toEqual({ refreshToken: expect.any(String), keyExtractable: false });
    expect(
      await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)),
    ).not.toContain('eyJ');
    await context.close();
  });

  it('is installable: manifest with icons is served and the service worker is active', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(webUrl);
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifestResponse = await page.request.get(new URL(manifestHref!, webUrl).href);
    expect(manifestResponse.headers()['content-type']).toContain('application/manifest+json');
    const manifest = (await manifestResponse.json()) as {
      name: string;
      display: string;
      start_url: string;
      icons: Array<{ src: string; sizes: string }>;
    };
    expect(manifest).toMatchObject({ name: 'Oversing', display: 'standalone', start_url: '/' });
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    // the app's script is sent precompressed (Brotli) and cached for good (its name carries its hash)
    const script = await page.locator('script[type="module"]').first().getAttribute('src');
    const compressed = await page.request.get(new URL(script!, webUrl).href, {
      headers: { 'accept-encoding': 'br' },
    });
    expect(compressed.headers()['content-encoding']).toBe('br');
    expect(compressed.headers()['cache-control']).toContain('immutable');
    // the production build that `npm start` serves: minified, no React development runtime, no public
    // source maps (a map next to the entry exists in the build but is not served, and nothing refers to it)
    const entry = await (await page.request.get(new URL(script!, webUrl).href)).text();
    expect(entry).not.toContain('jsx-dev-runtime');
    expect(entry).not.toContain('sourceMappingURL');
    // minified: a development build averages well under 100 characters a line
    const lines = entry.split('\n');
    expect(entry.length / lines.length).toBeGreaterThan(1_000);
    expect((await page.request.get(new URL(`${script!}.map`, webUrl).href)).status()).toBe(404);
    for (const icon of manifest.icons) {
      const r = await page.request.get(new URL(icon.src, webUrl).href);
      expect(r.status()).toBe(200);
      expect(r.headers()['content-type']).toBe('image/png');
    }
    await expect
      .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state), {
        timeout: 15_000,
      })
      .toBe('activated');
    // the app shell is precached and the configuration read network-first: once a page under the
    // service worker has read it, an offline reload renders the app (the sign-in page), not an error
    await page.reload();
    // after a reload the service worker controls the page
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${webUrl}/sw.js`);
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByText('Oversing cannot start').count()).toBe(0);
    await context.close();
  });

  it('arranges the workspace with the command palette and shortcuts, saves the layout per user', async () => {
    const context = await browser.newContext();
    const page = await signIn(context, 'pm@demo.test');
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog').getByLabel('Search commands').fill('timesheet');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Timesheet' }).waitFor();
    // close the task list with its button, and check the layout survives a reload
    await page.getByRole('button', { name: 'Close Task list' }).click();
    expect(await page.getByRole('region', { name: 'Task list' }).count()).toBe(0);
    await page.reload();
    await page.getByRole('region', { name: 'Timesheet' }).waitFor();
    expect(await page.getByRole('region', { name: 'Task list' }).count()).toBe(0);
    // Alt+Shift+S splits the focused panel
    await page.getByRole('button', { name: 'Split Timesheet' }).focus();
    await page.keyboard.press('Alt+Shift+KeyS');
    await expect.poll(() => page.getByRole('region', { name: 'Timesheet' }).count()).toBe(2);
    await page.screenshot({ path: `${artifacts}/04-workspace-arranged.png` });
    await context.close();
  });

  it('shows the offline badge, the administration screens, and works at 360 px in dark mode', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, colorScheme: 'dark' });
    const page = await signIn(context, 'admin@demo.test');
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('cell', { name: 'admin@demo.test' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    await page.screenshot({ path: `${artifacts}/05-admin-phone-dark.png` });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('tab', { name: 'Roles' }).click();
    await page.getByText('Inherits', { exact: false }).first().waitFor();
    await context.setOffline(true);
    await page.getByText('Offline', { exact: true }).waitFor();
    await page.screenshot({ path: `${artifacts}/06-offline-badge.png` });
    await context.setOffline(false);
    await expect.poll(() => page.getByText('Offline', { exact: true }).count()).toBe(0);
    await context.close();
  });
});

describe('a member', () => {
  it('sees only what a member may use, names rather than ids, and opens a panel never loaded before offline', async () => {
    const context = await browser.newContext();
    const page = await signIn(context, 'dev@demo.test');
    await expect
      .poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 15_000 })
      .toBe(true);
    await page.getByRole('button', { name: 'Account: Dana Developer' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Workspace' }).waitFor({ state: 'attached' });
    // the default layout without the audit trail (audit:read), no error panel, no administration
    await page.getByRole('region', { name: 'Task detail' }).waitFor();
    expect(await page.getByRole('region', { name: 'Audit history' }).count()).toBe(0);
    expect(await page.getByText(/You do not have the permission/).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0);

    // the assignee by name
    const list = page.getByRole('region', { name: 'Task list' });
    const detail = page.getByRole('region', { name: 'Task detail' });
    await list.getByRole('button', { name: /^Design the new layout/ }).click();
    await detail.getByRole('heading', { name: 'Design the new layout' }).waitFor();
    const assignee = detail.locator('dt:text-is("Assignee") + dd');
    await expect.poll(() => assignee.innerText()).toBe('Dana Developer');
    expect(await seriousViolations(page)).toEqual([]);

    // screens opened directly load their code without the router's "No HydrateFallback" warning
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
    });
    await page.goto(`${webUrl}/programs`);
    await page.getByRole('heading', { level: 1, name: 'Programs' }).waitFor();
    await page.goto(`${webUrl}/admin`);
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    expect(warnings.filter((w) => w.includes('HydrateFallback'))).toEqual([]);
    await page.goto(webUrl);
    await page.getByRole('region', { name: 'Task list' }).waitFor();

    // the account menu loads on its first click and opens
    await page.getByRole('button', { name: 'Account: Dana Developer' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).waitFor();
    await page.keyboard.press('Escape');

    // offline, the command palette and the timesheet panel, neither loaded yet, come from the service
    // worker's precache
    await context.setOffline(true);
    await page.getByText('Offline', { exact: true }).waitFor();
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog').getByLabel('Search commands').fill('timesheet');
    await page.keyboard.press('Enter');
    const timesheet = page.getByRole('region', { name: 'Timesheet' });
    await timesheet.getByRole('group', { name: 'Timer' }).waitFor();
    expect(await page.getByText(/dynamically imported module/).count()).toBe(0);
    await context.close();
  });
});

/** The API (or the certification service) as an integrator of the demo tenant sees it. */
async function integratorCall(
  method: string,
  path: string,
  body?: unknown,
  service: 'api' | 'certification' = 'api',
): Promise<{ status: number; json: any }> {
  const { clientId, clientSecret } = inject('integrator');
  const tokenResponse = await fetch(`${apiUrl}/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      scope: service === 'api' ? 'tasks:read tasks:write programs:read' : 'certifications:read',
      resource: service === 'api' ? 'urn:oversing:api' : 'urn:oversing:certification',
    }),
  });
  const { access_token } = (await tokenResponse.json()) as { access_token: string };
  const base = service === 'api' ? apiUrl : inject('certificationUrl');
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = response.status === 204 ? null : await response.json();
  if (!response.ok) process.stderr.write(`${method} ${path}: ${response.status} ${JSON.stringify(json)}\n`);
  return { status: response.status, json };
}

async function serverTaskTitles(): Promise<string[]> {
  const { json } = await integratorCall('GET', '/api/v1/tasks?limit=100');
  return (json.data as Array<{ title: string }>).map((t) => t.title);
}

async function createTaskInUi(page: Page, title: string): Promise<void> {
  const list = page.getByRole('region', { name: 'Task list' });
  await list.getByRole('button', { name: 'New task' }).click();
  const form = list.getByRole('form', { name: 'New task' });
  await form.getByLabel('Title').fill(title);
  await expect
    .poll(() => form.getByLabel('Program').locator('option').count(), { timeout: 10_000 })
    .toBeGreaterThan(1)
    .catch(async (e: unknown) => {
      process.stderr.write(`task form: ${await form.innerText()}\n`);
      throw e;
    });
  await form.getByLabel('Program').selectOption({ index: 1 });
  await form.getByRole('button', { name: 'Create task' }).click();
}

describe('tasks in the workspace, online and offline', () => {
  it('creates and edits tasks online and offline, replays them in order, and shows a conflicting edit', async () => {
    const run = Date.now().toString(36);
    const context = await browser.newContext();
    const page = await signIn(context, 'pm@demo.test');
    await expect
      .poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.ready).active))
      .toBe(true);
    const list = page.getByRole('region', { name: 'Task list' });
    const detail = page.getByRole('region', { name: 'Task detail' });

    // online: created on the server at once
    await createTaskInUi(page, `Online ${run}`);
    await list.getByText('Task created.').waitFor();
    await list.getByRole('button', { name: new RegExp(`^Online ${run}`) }).waitFor();
    expect(await serverTaskTitles()).toContain(`Online ${run}`);
    await createTaskInUi(page, `Contested ${run}`);
    await list.getByRole('button', { name: new RegExp(`^Contested ${run}`) }).waitFor();
    await page.screenshot({ path: `${artifacts}/07-tasks.png` });

    // open both tasks while online, so their detail is in the caches
    await list.getByRole('button', { name: new RegExp(`^Contested ${run}`) }).click();
    await detail.getByRole('heading', { name: `Contested ${run}` }).waitFor();
    await list.getByRole('button', { name: new RegExp(`^Online ${run}`) }).click();
    await detail.getByRole('heading', { name: `Online ${run}` }).waitFor();

    // offline: a new task and two edits are queued
    await context.setOffline(true);
    await page.getByText('Offline', { exact: true }).waitFor();
    await createTaskInUi(page, `Offline ${run}`);
    await list.getByText('Task saved offline: it will be created when you are back online.').waitFor();
    await page.getByText('Pending 1 change').waitFor();

    await detail.getByRole('button', { name: 'Edit task' }).click();
    await detail.getByLabel('Title').fill(`Online ${run} edited offline`);
    await detail.getByRole('button', { name: 'Save changes' }).click();
    await detail.getByText('Change saved offline: it will be sent when you are back online.').waitFor();

    await list.getByRole('button', { name: new RegExp(`^Contested ${run}`) }).click();
    await detail.getByRole('heading', { name: `Contested ${run}` }).waitFor();
    await detail.getByRole('button', { name: 'Edit task' }).click();
    await detail.getByLabel('Title').fill(`Contested ${run} mine`);
    await detail.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Pending 3 changes').waitFor();
    await page.screenshot({ path: `${artifacts}/08-offline-pending.png` });

    // meanwhile someone else changes the contested task on the server
    const all = await integratorCall('GET', `/api/v1/tasks?limit=100&filter[q]=${encodeURIComponent(run)}`);
    const contested = (all.json.data as Array<{ id: string; title: string }>).find(
      (t) => t.title === `Contested ${run}`,
    )!;
    expect(
      (await integratorCall('PATCH', `/api/v1/tasks/${contested.id}`, { title: `Contested ${run} theirs` }))
        .status,
    ).toBe(200);

    // back online: the queue replays in order; the contested edit is refused and shown, not lost
    await context.setOffline(false);
    const dialog = page.getByRole('dialog', { name: 'A change made offline was not applied' });
    await dialog.waitFor({ timeout: 15_000 }).catch(async (e: unknown) => {
      process.stderr.write(`header: ${await page.locator('header').first().innerText()}\n`);
      process.stderr.write(`server: ${JSON.stringify(await serverTaskTitles())}\n`);
      throw e;
    });
    expect(await dialog.innerText()).toContain(`Edit task “Contested ${run}”`);
    expect(await dialog.innerText()).toContain('Someone changed it while you were offline.');
    // field by field, in words: only the title was changed, from what to what, and what they made of it
    const titleRow = dialog.getByRole('row', { name: /^Title/ });
    expect(await titleRow.innerText()).toContain(`from “Contested ${run}” to “Contested ${run} mine”`);
    expect(await titleRow.innerText()).toContain(`they changed it to “Contested ${run} theirs”`);
    expect(await dialog.getByRole('row').count()).toBe(2);
    await page.screenshot({ path: `${artifacts}/09-offline-conflict.png` });
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Keep theirs' }).click();
    await expect.poll(() => page.getByText(/Pending \d+ change/).count()).toBe(0);

    const titles = await serverTaskTitles();
    expect(titles).toEqual(
      expect.arrayContaining([`Offline ${run}`, `Online ${run} edited offline`, `Contested ${run} theirs`]),
    );
    expect(titles).not.toContain(`Contested ${run} mine`);
    await list.getByRole('button', { name: new RegExp(`^Offline ${run}`) }).waitFor();

    // an offline reload shows the tasks last read, from the service worker's cache: the list that shows the
    // replayed task has reached the cache (the service worker writes it just after the page received it)
    await expect
      .poll(() =>
        page.evaluate(async (url) => {
          const cached = await caches.match(`${url}/api/v1/tasks?limit=50`);
          return cached ? cached.text() : '';
        }, apiUrl),
      )
      .toContain(`Offline ${run}`);
    await context.setOffline(true);
    await page.reload();
    await page
      .getByRole('region', { name: 'Task list' })
      .getByRole('button', { name: new RegExp(`^Offline ${run}`) })
      .waitFor();
    await page.screenshot({ path: `${artifacts}/10-offline-reload.png` });
    await context.close();
  });
});

describe('certifications', () => {
  it('requests a certification for a task, verifies its bundle in the browser, fails a tampered one, revokes', async () => {
    expect(inject('certificationUrl')).not.toBe('');
    const context = await browser.newContext();
    const page = await signIn(context, 'compliance@demo.test');
    const list = page.getByRole('region', { name: 'Task list' });
    await list.getByRole('list', { name: 'Tasks' }).getByRole('button').first().click();
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog').getByLabel('Search commands').fill('Open Certification');
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: 'Certification' });
    await panel
      .getByLabel('LLM output')
      .fill('Revenue grew 12% in Q3 [1].', { timeout: 10_000 })
      .catch(async (e: unknown) => {
        process.stderr.write(`at ${page.url()}: ${await page.locator('main').innerText()}\n`);
        throw e;
      });
    await expect.poll(() => panel.getByLabel('Policy').locator('option').count()).toBeGreaterThan(0);
    await panel.getByRole('button', { name: 'Request certification' }).click();
    const item = panel.getByRole('listitem', { name: /^Certification RC-/ }).first();
    await item.waitFor({ timeout: 15_000 }).catch(async (e: unknown) => {
      process.stderr.write(`certification panel: ${await panel.innerText()}\n`);
      throw e;
    });
    const status = await item.locator('p').first().innerText();
    await item.getByRole('button', { name: 'Verify bundle in this browser' }).click();
    const checks = item.getByRole('region', { name: /^Verification of certification/ });
    await checks.waitFor();
    const text = await checks.innerText();
    for (const check of [
      'Signature',
      'Hashes',
      'Inclusion proof',
      'Checkpoint signature',
      'Status proof',
      'Timestamp',
      'Revocation',
      'Expiry',
    ])
      expect(text).toContain(check);
    expect(text, `status: ${status}`).toContain('Bundle verified: every check passed');
    await page.screenshot({ path: `${artifacts}/11-certification-verified.png` });
    expect(await seriousViolations(page)).toEqual([]);

    // a tampered bundle, pasted in, fails visibly
    const id = (await integratorCall('GET', `/api/v1/certifications?limit=1`, undefined, 'certification'))
      .json.data[0].id as string;
    const bundle = (
      await integratorCall('GET', `/api/v1/certifications/${id}/bundle`, undefined, 'certification')
    ).json as { certificate: { payload: Record<string, unknown> } };
    bundle.certificate.payload.model = 'a-model-that-was-never-certified';
    await panel.getByText('Verify a bundle file').click();
    await panel.getByLabel('Bundle JSON').fill(JSON.stringify(bundle));
    await panel.getByRole('button', { name: 'Verify pasted bundle' }).click();
    const tampered = panel.getByRole('region', { name: 'Verification of the pasted bundle' });
    await tampered.waitFor();
    expect(await tampered.innerText()).toContain('Verification failed');
    expect(await tampered.innerText()).toMatch(/Signature: failed/);
    await page.screenshot({ path: `${artifacts}/12-certification-tampered.png` });

    // a compliance officer revokes it
    page.once('dialog', (dialog) => void dialog.accept('Output found to contain an error'));
    await item.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => item.locator('p').first().innerText(), { timeout: 10_000 }).toContain('revoked');
    await context.close();
  });
});

describe('realtime', () => {
  it('shows who is in the workspace and a task created in one browser appears live in another', async () => {
    const run = Date.now().toString(36);
    const pm = await browser.newContext();
    const dev = await browser.newContext();
    const pmPage = await signIn(pm, 'pm@demo.test');
    const devPage = await signIn(dev, 'admin@demo.test');
    // each sees the other among the members of the workspace's presence channel
    await devPage
      .getByRole('list', { name: 'In the workspace now' })
      .getByText('Pat Manager')
      .waitFor({ timeout: 15_000 });
    await pmPage.getByRole('list', { name: 'In the workspace now' }).getByText('Ada Admin').waitFor();
    await devPage.getByRole('region', { name: 'Task list' }).getByRole('list', { name: 'Tasks' }).waitFor();

    await createTaskInUi(pmPage, `Live ${run}`);
    await pmPage.getByText('Task created.').waitFor();
    // no reload in the other browser: the domain event arrives on private-tenant.{tenant}.tasks
    await devPage
      .getByRole('region', { name: 'Task list' })
      .getByRole('button', { name: new RegExp(`^Live ${run}`) })
      .waitFor({ timeout: 15_000 });
    await devPage.screenshot({ path: `${artifacts}/13-realtime.png` });
    await pm.close();
    await dev.close();
  });
});

/** A pointer drag (dnd-kit starts after a few pixels of movement) from one element onto another. */
async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + 30, { steps: 12 });
  await page.mouse.up();
}

describe('workflow board', () => {
  it('drags a task to the next state on the board and another browser sees it move live', async () => {
    const run = Date.now().toString(36);
    const pm = await browser.newContext();
    const admin = await browser.newContext();
    const pmPage = await signIn(pm, 'pm@demo.test');
    const adminPage = await signIn(admin, 'admin@demo.test');
    const openBoard = async (page: Page) => {
      await page
        .getByRole('region', { name: 'Audit history' })
        .getByLabel('Panel content')
        .selectOption('workflow-board');
      // room for the board: it takes the whole right-hand column
      await page.getByRole('button', { name: 'Close Task detail' }).click();
      return page.getByRole('region', { name: 'Workflow board' });
    };
    const card = (board: ReturnType<Page['getByRole']>, column: string) =>
      board.getByRole('list', { name: column }).getByRole('button', { name: new RegExp(`Board ${run}`) });

    await createTaskInUi(pmPage, `Board ${run}`);
    await pmPage.getByText('Task created.').waitFor();
    const pmBoard = await openBoard(pmPage);
    const adminBoard = await openBoard(adminPage);
    await card(pmBoard, 'To do').waitFor({ timeout: 15_000 });
    await card(adminBoard, 'To do').waitFor({ timeout: 15_000 });

    // drag with the pointer from "To do" to "In progress"
    await drag(pmPage, card(pmBoard, 'To do'), pmBoard.locator('[data-state="in_progress"]'));
    await card(pmBoard, 'In progress').waitFor({ timeout: 10_000 });

    // the other browser, without a reload, sees the card move (workflow.transitioned on private-tenant.{tenant}.tasks)
    await card(adminBoard, 'In progress').waitFor({ timeout: 15_000 });
    expect(await card(adminBoard, 'To do').count()).toBe(0);

    await drag(pmPage, card(pmBoard, 'In progress'), pmBoard.locator('[data-state="review"]'));
    await card(pmBoard, 'In review').waitFor({ timeout: 10_000 });
    await card(adminBoard, 'In review').waitFor({ timeout: 15_000 });

    // review → done needs two project-manager approvals: the guard's message is shown, the card stays
    await card(pmBoard, 'In review').click();
    const votes = pmBoard.getByRole('region', { name: 'Votes' });
    await votes.getByText('0 of 2 approvals').waitFor();
    await drag(pmPage, card(pmBoard, 'In review'), pmBoard.locator('[data-state="done"]'));
    await pmBoard
      .getByRole('alert')
      .getByText(/0 of 2 required approvals/)
      .waitFor();
    await card(pmBoard, 'In review').waitFor();
    await votes.getByLabel('Comment').fill('Looks right');
    await votes.getByRole('button', { name: 'Approve' }).click();
    await votes.getByText('1 of 2 approvals').waitFor();
    await pmPage.screenshot({ path: `${artifacts}/14-workflow-board.png` });
    await pm.close();
    await admin.close();
  });
});

describe('dragging tasks between panels', () => {
  it('drags a task row into the detail panel and onto a board column, then moves its card with the keyboard only', async () => {
    const run = Date.now().toString(36);
    const context = await browser.newContext({ viewport: { width: 1600, height: 1200 } });
    const page = await signIn(context, 'pm@demo.test');
    const list = page.getByRole('region', { name: 'Task list' });
    const detail = page.getByRole('region', { name: 'Task detail' });
    await page
      .getByRole('region', { name: 'Audit history' })
      .getByLabel('Panel content')
      .selectOption('workflow-board');
    const board = page.getByRole('region', { name: 'Workflow board' });
    const card = (column: string) =>
      board.getByRole('list', { name: column }).getByRole('button', { name: new RegExp(`Carry ${run}`) });

    await createTaskInUi(page, `Carry ${run}`);
    await list.getByText('Task created.').waitFor();
    const row = list.getByRole('button', { name: new RegExp(`^Carry ${run}`) });
    // what dnd-kit's live region tells a screen reader, which also says the last key press was handled
    const announced = (text: string) =>
      expect.poll(() => page.locator('[id^="DndLiveRegion"]').innerText()).toContain(text);
    // dnd-kit measures the drop targets and listens to the arrows once the pick-up has rendered
    const settled = () =>
      page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null)))),
      );
    await row.waitFor();
    await detail.getByText('No task selected').waitFor();

    // the row, dragged with the pointer onto the task detail panel, is shown there (and nowhere was clicked)
    await drag(page, row, detail.locator('[data-drop-target="task-detail"]'));
    await detail.getByRole('heading', { name: `Carry ${run}` }).waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).searchParams.get('task')).toEqual(expect.any(String));

    // the same row dropped on the board's "In progress" column transitions the task, as a card drag does
    await card('To do').waitFor({ timeout: 15_000 });
    await drag(page, row, board.locator('[data-state="in_progress"]'));
    await card('In progress').waitFor({ timeout: 10_000 });
    expect(await card('To do').count()).toBe(0);
    await expect
      .poll(async () => {
        const { json } = await integratorCall(
          'GET',
          `/api/v1/tasks?limit=100&filter[q]=${encodeURIComponent(run)}`,
        );
        return (json.data as Array<{ workflow: { state: string } | null }>)[0]?.workflow?.state;
      })
      .toBe('in_progress');
    // once the list shows the new status, the board holds the task's new version too
    await list.getByRole('button', { name: new RegExp(`^Carry ${run} In progress`) }).waitFor();

    // keyboard only: focus the card, Space picks it up, the right arrow goes to the next column, Space drops
    await card('In progress').focus();
    await page.keyboard.press('Space');
    await announced(`Carry ${run} is over the In progress column.`);
    await settled();
    await page.keyboard.press('ArrowRight');
    await announced(`Carry ${run} is over the In review column.`);
    await board.locator('[data-state="review"].ring-2').waitFor({ timeout: 5_000 });
    await page.keyboard.press('Space');
    await card('In review').waitFor({ timeout: 10_000 });
    expect(await card('In progress').count()).toBe(0);
    await expect
      .poll(async () => {
        const { json } = await integratorCall(
          'GET',
          `/api/v1/tasks?limit=100&filter[q]=${encodeURIComponent(run)}`,
        );
        return (json.data as Array<{ workflow: { state: string } | null }>)[0]?.workflow?.state;
      })
      .toBe('review');
    await page.screenshot({ path: `${artifacts}/15-drag-between-panels.png` });

    // a list row with the keyboard only: its drag handle, Space, the right arrow to the detail panel, Space
    await page.goto(webUrl);
    await detail.getByText('No task selected').waitFor();
    await list.getByRole('button', { name: `Drag Carry ${run}` }).focus();
    await page.keyboard.press('Space');
    await announced(`Picked up Carry ${run}.`);
    await settled();
    await page.keyboard.press('ArrowRight');
    await announced(`Carry ${run} is over the task detail panel.`);
    await page.locator('[data-drop-target="task-detail"].ring-2').waitFor();
    await page.keyboard.press('Space');
    await detail.getByRole('heading', { name: `Carry ${run}` }).waitFor({ timeout: 10_000 });
    await context.close();
  });
});

describe('live time cards, task dependencies and votes', () => {
  it('adds a dependency by choosing a task by name and refuses a cycle in words', async () => {
    const run = Date.now().toString(36);
    const pm = await browser.newContext({ viewport: { width: 1600, height: 1200 } });
    const pmPage = await signIn(pm, 'pm@demo.test');

    // dependencies: chosen by title, listed by name and status, a cycle refused in words
    const list = pmPage.getByRole('region', { name: 'Task list' });
    const detail = pmPage.getByRole('region', { name: 'Task detail' });
    for (const title of [`Foundations ${run}`, `Walls ${run}`]) {
      await createTaskInUi(pmPage, title);
      await list.getByRole('button', { name: new RegExp(`^${title}`) }).waitFor();
    }
    const addBlocker = async (task: string, blocker: string) => {
      await list.getByRole('button', { name: new RegExp(`^${task}`) }).click();
      await detail.getByRole('heading', { name: task }).waitFor();
      const form = detail.getByRole('form', { name: 'Add a dependency' });
      await form.getByLabel('Find a task').fill(blocker);
      const picker = form.getByLabel('Must finish first');
      await picker.locator('option', { hasText: blocker }).waitFor({ state: 'attached', timeout: 10_000 });
      await picker.selectOption({ label: `${blocker} (To do)` });
      await form.getByRole('button', { name: 'Add dependency' }).click();
    };
    await addBlocker(`Walls ${run}`, `Foundations ${run}`);
    await detail.getByText(`“Walls ${run}” now waits for “Foundations ${run}”.`).waitFor();
    await detail
      .getByRole('list', { name: 'Must finish first' })
      .getByText(`Blocked by “Foundations ${run}” · To do`)
      .waitFor();
    await addBlocker(`Foundations ${run}`, `Walls ${run}`);
    await detail
      .getByRole('alert')
      .getByText(
        `Adding this dependency would create a cycle: “Foundations ${run}” blocks “Walls ${run}”, which would block “Foundations ${run}”.`,
      )
      .waitFor();
    await detail
      .getByRole('list', { name: 'Waiting for this task' })
      .getByText(`Blocks “Walls ${run}” · To do`)
      .waitFor();
    expect(await seriousViolations(pmPage)).toEqual([]);
    await pmPage.screenshot({ path: `${artifacts}/22-dependencies.png` });
    await pm.close();
  });

  it('shows a submitted time card live to its manager, and the approval live to its owner', async () => {
    const pm = await browser.newContext({ viewport: { width: 1600, height: 1200 } });
    const dev = await browser.newContext({ viewport: { width: 1600, height: 1200 } });
    const pmPage = await signIn(pm, 'pm@demo.test');
    const devPage = await signIn(dev, 'dev@demo.test');

    // time: a week of its own, two weeks ahead (nothing else in the suite logs time there)
    const openTimesheet = async (page: Page) => {
      await page.keyboard.press('Control+k');
      await page.getByRole('dialog').getByLabel('Search commands').fill('timesheet');
      await page.keyboard.press('Enter');
      return page.getByRole('region', { name: 'Timesheet' });
    };
    const pmTimesheet = await openTimesheet(pmPage);
    await pmTimesheet.getByRole('heading', { name: 'Approvals' }).waitFor();
    const devTimesheet = await openTimesheet(devPage);
    const weekHeading = devTimesheet.getByRole('heading', { name: /^Week \d{4}-W\d{2}/ });
    const thisWeek = await weekHeading.textContent();
    await devTimesheet.getByRole('button', { name: 'Next week' }).click();
    await expect.poll(() => weekHeading.textContent()).not.toBe(thisWeek);
    const nextWeek = await weekHeading.textContent();
    await devTimesheet.getByRole('button', { name: 'Next week' }).click();
    await expect.poll(() => weekHeading.textContent()).not.toBe(nextWeek);
    const heading = (await weekHeading.textContent())!;
    const week = /\d{4}-W\d{2}/.exec(heading)![0];
    const monday = /\d{4}-\d{2}-\d{2}/.exec(heading)![0];
    await devTimesheet.getByText('Log time by hand').click();
    const logForm = devTimesheet.getByRole('form', { name: 'Log time' });
    await expect
      .poll(() => logForm.getByLabel('Task', { exact: true }).locator('option').count(), { timeout: 10_000 })
      .toBeGreaterThan(1);
    await logForm.getByLabel('Task', { exact: true }).selectOption({ index: 1 });
    await logForm.getByLabel('Date').fill(monday);
    await logForm.getByLabel('Duration').fill('1:30');
    await logForm.getByRole('button', { name: 'Log time' }).click();
    const myCard = devTimesheet.getByRole('region', { name: 'My time card' });
    await myCard.getByRole('button', { name: 'Submit time card' }).click();
    await myCard.getByText('Submitted', { exact: true }).waitFor({ timeout: 10_000 });

    // the manager's approvals list shows it without a reload (timecard.submitted on the work-logs topic)
    const toApprove = pmTimesheet
      .getByRole('list', { name: 'Time cards to approve' })
      .getByRole('button', { name: new RegExp(`^${week}`) });
    await toApprove.waitFor({ timeout: 15_000 });
    await toApprove.click();
    await pmTimesheet.getByRole('button', { name: 'Approve', exact: true }).click();

    // and the owner sees the approval without a reload (timecard.approved on their private-user channel)
    await myCard.getByText('Approved', { exact: true }).waitFor({ timeout: 15_000 });
    expect(await seriousViolations(devPage)).toEqual([]);
    await devPage.screenshot({ path: `${artifacts}/23-time-card-live.png` });
    await pm.close();
    await dev.close();
  });

  it('changes a vote only on purpose, and offers the move once the quorum is reached', async () => {
    const run = Date.now().toString(36);
    const programs = await integratorCall('GET', '/api/v1/programs?limit=1');
    const created = await integratorCall('POST', '/api/v1/tasks', {
      program_id: programs.json.data[0].id,
      title: `Vote ${run}`,
    });
    const taskPath = `/api/v1/tasks/${created.json.data.id}`;
    // the demo workflow certifies the output on entering review, and "Done" needs that certification as
    // well as the votes: an answer the demo policy certifies at once (cited, no personal data)
    const answer = {
      input: { prompt: 'What does the Team plan cost?' },
      output: `The Team plan costs 12 EUR per user and month [1]. (${run})\n\n[1] https://example.com/pricing`,
      provider: 'openai',
      model: 'gpt-4o',
    };
    expect((await integratorCall('PATCH', taskPath, { llm_output: answer })).status).toBe(200);
    for (const to_state of ['in_progress', 'review'])
      expect((await integratorCall('POST', `${taskPath}/workflow`, { to_state })).status).toBe(200);
    await expect
      .poll(async () => (await integratorCall('GET', taskPath)).json.data.certification?.status, {
        timeout: 15_000,
      })
      .toBe('certified');
    const pm = await browser.newContext({ viewport: { width: 1600, height: 1200 } });
    const admin = await browser.newContext({ viewport: { width: 1600, height: 1200 } });
    const pmPage = await signIn(pm, 'pm@demo.test');
    const adminPage = await signIn(admin, 'admin@demo.test');
    const openVotes = async (page: Page) => {
      await page
        .getByRole('region', { name: 'Audit history' })
        .getByLabel('Panel content')
        .selectOption('workflow-board');
      await page.getByRole('button', { name: 'Close Task detail' }).click();
      const board = page.getByRole('region', { name: 'Workflow board' });
      await board
        .getByRole('list', { name: 'In review' })
        .getByRole('button', { name: new RegExp(`Vote ${run}`) })
        .click();
      return { board, votes: board.getByRole('region', { name: 'Votes' }) };
    };

    const { votes: pmVotes } = await openVotes(pmPage);
    await pmVotes.getByLabel('Comment').fill('Looks right');
    await pmVotes.getByRole('button', { name: 'Approve' }).click();
    await pmVotes.getByText('Your vote: Approved — “Looks right”').waitFor();
    // voting again is a deliberate change, starting from what was written
    await pmVotes.getByRole('button', { name: 'Change your vote' }).click();
    expect(await pmVotes.getByLabel('Comment').inputValue()).toBe('Looks right');
    await pmVotes.getByLabel('Comment').fill('Looks right, checked the figures');
    await pmVotes.getByRole('button', { name: 'Approve' }).click();
    await pmVotes.getByText('Your vote is changed: approval recorded.').waitFor();
    await pmVotes.getByText('1 of 2 approvals').waitFor();

    const { board: adminBoard, votes: adminVotes } = await openVotes(adminPage);
    await adminVotes.getByRole('button', { name: 'Approve' }).click();
    await adminVotes.getByText(`The vote passed: “Vote ${run}” can move to Done.`).waitFor();
    // the other voter sees the quorum live (vote.cast), with the same offer
    await pmVotes.getByRole('button', { name: 'Move to Done' }).waitFor({ timeout: 15_000 });
    expect(await seriousViolations(adminPage)).toEqual([]);
    await adminVotes.getByRole('button', { name: 'Move to Done' }).click();
    await adminVotes.getByText(`“Vote ${run}” moved to Done.`).waitFor();
    await adminBoard
      .getByRole('list', { name: 'Done' })
      .getByRole('button', { name: new RegExp(`Vote ${run}`) })
      .waitFor();
    await adminPage.screenshot({ path: `${artifacts}/24-quorum-move.png` });
    await pm.close();
    await admin.close();
  });
});

describe('Content-Security-Policy', () => {
  it('serves the PWA under a policy that allows only its own scripts, and every screen above ran without a violation', async () => {
    const response = await fetch(webUrl);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain(new URL(apiUrl).origin);
    expect(policy).toContain(new URL(inject('certificationUrl')).origin);
    expect(cspViolations).toEqual([]);
  });
});
