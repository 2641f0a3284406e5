import { mkdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, signIn, watch } from './browser';

/**
 * The first screen's JavaScript budgets (issue 19, docs/PERFORMANCE.md), measured on what `npm start`
 * builds and serves: every script Chromium loads for the screen (the entry, its modulepreloads and the
 * chunks loaded lazily until the screen is complete and the network idle), each gzipped at level 9.
 */
const BUDGET_KB = { signIn: 150, workspace: 200 };

const webUrl = inject('webUrl');
const apiUrl = inject('apiUrl');
const artifacts = resolve(new URL('.', import.meta.url).pathname, '../../../test-artifacts/web');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface Script {
  path: string;
  bytes: number;
  gzip: number;
}

/** The app's scripts this page has loaded so far (from the network or the service worker). */
async function loadedScripts(page: Page): Promise<Script[]> {
  await page.waitForLoadState('networkidle');
  const paths = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name))
      .filter((u) => u.origin === location.origin && u.pathname.endsWith('.js'))
      .map((u) => u.pathname),
  );
  const scripts: Script[] = [];
  for (const path of [...new Set(paths)].sort()) {
    const body = Buffer.from(await (await fetch(new URL(path, webUrl))).arrayBuffer());
    scripts.push({ path, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  return scripts;
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const totalGzipKb = (scripts: Script[]) => kb(scripts.reduce((sum, s) => sum + s.gzip, 0));

/** Keeps the figures (test-artifacts/web/bundle.json) and prints them, for docs/PERFORMANCE.md. */
function report(screen: keyof typeof BUDGET_KB, scripts: Script[]): void {
  const file = `${artifacts}/bundle.json`;
  const all = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const figures = {
    budgetKb: BUDGET_KB[screen],
    gzipKb: totalGzipKb(scripts),
    rawKb: kb(scripts.reduce((sum, s) => sum + s.bytes, 0)),
    scripts: scripts.map((s) => ({ path: s.path, rawKb: kb(s.bytes), gzipKb: kb(s.gzip) })),
  };
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(file, JSON.stringify({ ...all, [screen]: figures }, null, 2));
  process.stdout.write(
    `## ${screen}: ${figures.gzipKb} KB gzip (${figures.rawKb} KB raw), budget ${figures.budgetKb} KB\n` +
      figures.scripts.map((s) => `  ${s.path}  ${s.rawKb} KB, gzip ${s.gzipKb} KB\n`).join(''),
  );
}

describe('first-screen JavaScript of the production build', () => {
  it(`sign-in screen: at most ${BUDGET_KB.signIn} KB gzipped, without the signed-in code`, async () => {
    const context = await browser.newContext();
    const page = watch(await context.newPage());
    await page.goto(webUrl);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const scripts = await loadedScripts(page);
    report('signIn', scripts);
    // the shell, the workspace and its panels wait for a session
    expect(
      scripts.map((s) => s.path).filter((p) => /\/(app-shell|workspace-page|task-list)-/.test(p)),
    ).toEqual([]);
    expect(totalGzipKb(scripts)).toBeLessThanOrEqual(BUDGET_KB.signIn);
    await context.close();
  });

  it(`signed-in workspace: at most ${BUDGET_KB.workspace} KB gzipped until it shows its tasks`, async () => {
    const context = await browser.newContext();
    // pm@demo.test opens the default layout with the most panels (task list, task detail, audit history)
    const first = await signIn(context, { webUrl, apiUrl }, 'pm@demo.test');
    await first.getByRole('list', { name: 'Tasks' }).getByRole('listitem').first().waitFor();
    await first.close();
    // the app opened again: a fresh page, so its resource timings are the workspace's alone
    const page = watch(await context.newPage());
    await page.goto(webUrl);
    await page.getByRole('list', { name: 'Tasks' }).getByRole('listitem').first().waitFor();
    await page.getByRole('region', { name: 'Audit history' }).getByRole('list').waitFor();
    const scripts = await loadedScripts(page);
    report('workspace', scripts);
    expect(totalGzipKb(scripts)).toBeLessThanOrEqual(BUDGET_KB.workspace);
    await context.close();
  });
});
