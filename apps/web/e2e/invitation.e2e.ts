import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, signIn, watch } from './browser';

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');
const mailboxUrl = inject('mailboxUrl');
const databaseUrl = inject('databaseUrl');

interface Mail {
  subject: string;
  text: string;
  to: { address: string }[];
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Waits for a mail in the development mailbox (MailDev's REST API) to `to` whose subject matches. */
async function mailTo(to: string, subject: RegExp): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const mails = (await (await fetch(`${mailboxUrl}/email`)).json()) as Mail[];
        found = mails.find((m) => m.to.some((t) => t.address === to) && subject.test(m.subject));
        return found !== undefined;
      },
      { timeout: 30_000, interval: 250 },
    )
    .toBe(true);
  return found!;
}

const linkIn = (mail: Mail): string => {
  const link = /https?:\/\/\S+\/account\/password\/reset\?token=[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
  expect(link, mail.text).toBeTruthy();
  return link!;
};

/** The demo tenant's integrator client acting on the API (to assign a task as a script would). */
async function integratorCall(method: string, path: string, body?: unknown): Promise<any> {
  const { clientId, clientSecret } = inject('integrator');
  const token = (await (
    await fetch(`${apiUrl}/oauth/token`, {
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
    })
  ).json()) as { access_token: string };
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as { data: any };
  expect(response.ok, `${method} ${path}: ${JSON.stringify(json)}`).toBe(true);
  return json.data;
}

/** Opens a mailed set-password link and chooses a password on the authorization server's page. */
async function setPasswordThrough(link: string, password: string, heading: string): Promise<void> {
  const context = await browser.newContext();
  const page = watch(await context.newPage());
  await page.goto(link);
  await page.getByRole('heading', { name: heading }).waitFor();
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm new password').fill(password);
  await page
    .getByRole('button', { name: heading === 'Set your password' ? 'Set password' : 'Change password' })
    .click();
  await page.getByText('Your password is set.').waitFor();
  await context.close();
}

async function signInWith(email: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  const page = watch(await context.newPage());
  await page.goto(webUrl);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.href.startsWith(apiUrl));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${webUrl}/`);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return page;
}

describe('inviting a person and telling them things', () => {
  it('invites by mail, gives a custom role in a program, notifies of an assignment, and recovers a forgotten password', async () => {
    const suffix = `${Date.now().toString(36)}${process.pid}`;
    const email = `invitee-${suffix}@demo.test`;
    const name = `Ines ${suffix}`;
    const [program] = (await integratorCall('GET', '/api/v1/programs')) as { id: string; name: string }[];

    // the admin invites her from the administration screen
    const adminContext = await browser.newContext();
    const admin = await signIn(adminContext, { webUrl, apiUrl }, 'admin@demo.test');
    await admin.getByRole('link', { name: 'Administration' }).click();

    // a custom role of the organisation: a member who may also vote on workflow transitions
    const roleKey = `voter_${suffix}`.toLowerCase();
    await admin.getByRole('tab', { name: 'Roles' }).click();
    const newRole = admin.getByRole('form', { name: 'New role' });
    await newRole.getByLabel('Key').fill(roleKey);
    await newRole.getByLabel('Role name').fill(`Voter ${suffix}`);
    await newRole.getByLabel('Builds on').selectOption('member');
    await newRole.getByLabel('workflows:vote').check();
    await newRole.getByRole('button', { name: 'Create role' }).click();
    await newRole.getByRole('status').filter({ hasText: 'Role created.' }).waitFor();
    await admin.getByText(`(${roleKey})`).waitFor();
    await admin.getByRole('tab', { name: 'Users' }).click();

    const invite = admin.getByRole('form', { name: 'Invite a person' });
    await invite.getByLabel('Email').fill(email);
    await invite.getByLabel('Name').fill(name);
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await invite
      .getByRole('status')
      .filter({ hasText: `Invitation sent to ${email}` })
      .waitFor();

    // the invitation arrives in the development mailbox; she sets her password through its link
    const invitation = await mailTo(email, /invited you to/);
    await setPasswordThrough(linkIn(invitation), 'ines chooses a long password', 'Set your password');

    // the admin gives her the custom role in a program
    await admin.getByRole('button', { name: `Manage access of ${name}` }).click();
    const access = admin.getByRole('form', { name: `Access of ${name}` });
    await access.getByLabel('Role').selectOption(roleKey);
    await access.getByLabel('Where').selectOption({ label: `Program: ${program.name}` });
    await access.getByRole('button', { name: 'Give role' }).click();
    await access
      .getByRole('status')
      .filter({ hasText: `in ${program.name}` })
      .waitFor();
    await adminContext.close();

    // she signs in; a task assigned to her appears live under the bell, and by mail
    const ines = await signInWith(email, 'ines chooses a long password');
    await ines.getByRole('button', { name: 'Notifications' }).waitFor();
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const userId = (await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email])).rows[0]
      .id;
    await db.end();
    const title = `Welcome task ${suffix}`;
    const task = (await integratorCall('POST', '/api/v1/tasks', { program_id: program.id, title })) as {
      id: string;
    };
    await integratorCall('POST', `/api/v1/tasks/${task.id}/assign`, { assignee_id: userId });
    const bell = ines.getByRole('button', { name: 'Notifications, 1 unread' });
    await bell.waitFor({ timeout: 20_000 });
    await bell.click();
    await ines.getByRole('button', { name: `Unread: Task assigned to you: ${title}` }).click();
    await expect.poll(() => ines.url()).toContain(`task=${task.id}`);
    await ines.getByRole('button', { name: 'Notifications' }).waitFor();
    const assignmentMail = await mailTo(email, /Task assigned to you/);
    expect(assignmentMail.text).toContain(title);
    await ines.context().close();

    // she forgets her password: the sign-in page's link mails a reset link, which sets a new one
    const context = await browser.newContext();
    const page = watch(await context.newPage());
    await page.goto(webUrl);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.href.startsWith(apiUrl));
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByRole('heading', { name: 'Check your mail' }).waitFor();
    await context.close();
    const reset = await mailTo(email, /Reset your Oversing password/);
    await setPasswordThrough(linkIn(reset), 'ines remembers this one', 'Choose a new password');
    const again = await signInWith(email, 'ines remembers this one');
    await again.getByRole('button', { name: `Account: ${name}` }).waitFor();
    await again.context().close();
  }, 240_000);
});
