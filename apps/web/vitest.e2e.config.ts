import { defineConfig } from 'vitest/config';

/** End-to-end tests: the real API and the built PWA, driven in Debian's Chromium by playwright-core. */
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  test: {
    name: 'web-e2e',
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
