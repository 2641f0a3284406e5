import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (CHROMIUM_PATH to override), headless, without background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What the browser refused under the PWA's Content-Security-Policy, for the suites to assert on. */
export const cspViolations: string[] = [];

/** Reports page errors, console errors and failed requests on stderr, to explain a failure. */
export function watch(page: Page): Page {
  page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    process.stderr.write(`console error: ${m.text()}\n`);
    if (m.text().includes('Content Security Policy')) cspViolations.push(m.text());
  });
  page.on('requestfailed', (r) =>
    process.stderr.write(`request failed: ${r.url()} ${r.failure()?.errorText}\n`),
  );
  return page;
}

/** Signs in through the PWA's button and the authorization server's real sign-in page. */
export async function signIn(
  context: BrowserContext,
  urls: { webUrl: string; apiUrl: string },
  email: string,
): Promise<Page> {
  const page = watch(await context.newPage());
  await page.goto(urls.webUrl);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.href.startsWith(urls.apiUrl));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${urls.webUrl}/`);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return page;
}
