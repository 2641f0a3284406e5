import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, watch } from './browser';

const repo = resolve(new URL('.', import.meta.url).pathname, '../../..');
const node = existsSync(resolve(repo, 'node_modules/.bin/node'))
  ? resolve(repo, 'node_modules/.bin/node')
  : process.execPath;
const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');
const databaseUrl = inject('databaseUrl');

const MARIADB = process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
const suffix = `${Date.now().toString(36)}${process.pid}`;
const legacyUrl = `${MARIADB}/oversing_legacy_e2e_${suffix}`;
const domain = `legacy-e2e-${suffix}.test`;
const tenant = `legacy-e2e-${suffix}`;
const PASSWORD = 'my old laravel password';

/** The operator CLI, as `npm run cli --` runs it, against the database `npm start` serves. */
function cli(...args: string[]): Record<string, unknown> {
  const result = spawnSync(node, ['dist/tools/cli.js', ...args], {
    cwd: repo,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`${args[0]} failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  cli(
    'legacy:generate',
    '--to',
    legacyUrl,
    '--tasks',
    '40',
    '--seed',
    '5',
    '--password',
    PASSWORD,
    '--email-domain',
    domain,
  );
  const report = cli('legacy:import', '--from', legacyUrl, '--tenant', tenant) as {
    totals: { failed: number; imported: number };
  };
  expect(report.totals.failed).toBe(0);
  expect(report.totals.imported).toBeGreaterThan(0);
  expect(cli('legacy:verify', '--from', legacyUrl, '--tenant', tenant).ok).toBe(true);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  // this run's own legacy database
  const mariadb = await createConnection({ uri: MARIADB });
  await mariadb.query(`DROP DATABASE IF EXISTS \`oversing_legacy_e2e_${suffix}\``);
  await mariadb.end();
});

describe('a team moved off the legacy system', () => {
  it('signs a legacy user in to the PWA with their old password, which is then rehashed', async () => {
    const email = `user3@${domain}`;
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const hashOf = async () =>
        (
          await db.query<{ password_hash: string }>(
            'SELECT password_hash FROM users WHERE lower(email) = $1',
            [email],
          )
        ).rows[0].password_hash;
      expect(await hashOf()).toMatch(/^\$2y\$10\$/);

      const context = await browser.newContext();
      const page = watch(await context.newPage());
      await page.goto(webUrl);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.href.startsWith(apiUrl));
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${webUrl}/`);
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      await expect
        .poll(() => page.getByRole('button', { name: /^Account: / }).getAttribute('aria-label'))
        .toMatch(/Account: .+/);
      // the imported tasks of the legacy instance are there
      await page.getByRole('region', { name: 'Task list' }).waitFor();

      expect(await hashOf()).toMatch(/^\$argon2id\$/);
      await context.close();
    } finally {
      await db.end();
    }
  });
});
