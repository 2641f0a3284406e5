import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchChromium, signIn } from './browser';

const artifacts = resolve(new URL('.', import.meta.url).pathname, '../../../test-artifacts/web');
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 7);
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

function readPerf(): Record<string, unknown> {
  const file = `${artifacts}/perf.json`;
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Reloads and returns first contentful paint and the time until the task list shows the API's tasks. */
async function reloadTimings(page: Page): Promise<{ fcp: number; workspace: number }> {
  await page.reload();
  await page.getByRole('list', { name: 'Tasks' }).waitFor();
  return page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    workspace: performance.now(),
  }));
}

it('times the first render of the workspace, online and on an offline reload', async () => {
  const context = await browser.newContext();
  const page = await signIn(context, { webUrl: inject('webUrl'), apiUrl: inject('apiUrl') }, 'pm@demo.test');
  await expect
    .poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.ready).active))
    .toBe(true);
  await page.getByRole('list', { name: 'Tasks' }).waitFor();

  // every script the workspace loaded (entry, lazy routes and panels), for the size figure
  await page.reload();
  await page.getByRole('list', { name: 'Tasks' }).waitFor();
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((path) => path.endsWith('.js') && path.startsWith('/assets/')),
  );

  const online: Array<{ fcp: number; workspace: number }> = [];
  for (let i = 0; i < RUNS; i++) online.push(await reloadTimings(page));
  await context.setOffline(true);
  const offline: Array<{ fcp: number; workspace: number }> = [];
  for (let i = 0; i < RUNS; i++) offline.push(await reloadTimings(page));
  await context.close();

  const figures = {
    runs: RUNS,
    scripts: [...new Set(scripts)],
    online: { fcpMs: median(online.map((r) => r.fcp)), workspaceMs: median(online.map((r) => r.workspace)) },
    offline: {
      fcpMs: median(offline.map((r) => r.fcp)),
      workspaceMs: median(offline.map((r) => r.workspace)),
    },
  };
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(`${artifacts}/perf.json`, JSON.stringify({ ...readPerf(), ...figures }, null, 2));
  expect(figures.offline.workspaceMs).toBeGreaterThan(0);
});

it('scores the first screen with Lighthouse (performance, its default mobile profile) in Debian Chromium', async () => {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const result = await lighthouse(inject('webUrl'), {
      port: chrome.port,
      onlyCategories: ['performance'],
      output: 'json',
      logLevel: 'error',
    });
    const lhr = result!.lhr;
    const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
    const lighthouseFigures = {
      score: Math.round((lhr.categories.performance.score ?? 0) * 100),
      fcpMs: audit('first-contentful-paint'),
      lcpMs: audit('largest-contentful-paint'),
      tbtMs: audit('total-blocking-time'),
      cls: audit('cumulative-layout-shift'),
      formFactor: lhr.configSettings.formFactor,
    };
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(`${artifacts}/lighthouse.json`, JSON.stringify(lhr));
    writeFileSync(
      `${artifacts}/perf.json`,
      JSON.stringify({ ...readPerf(), lighthouse: lighthouseFigures }, null, 2),
    );
    expect(lighthouseFigures.score).toBeGreaterThan(0);
  } finally {
    chrome.kill();
  }
});
