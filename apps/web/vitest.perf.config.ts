import { defineConfig } from 'vitest/config';

/** The PWA's timing measurements (run by bench/web.bench.ts): same running system as the e2e tests. */
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  test: {
    name: 'web-perf',
    include: ['e2e/**/*.perf.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
