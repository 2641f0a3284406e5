import swc from 'unplugin-swc';
import tsconfigPaths from 'vite-tsconfig-paths';
import { defineConfig } from 'vitest/config';

const plugins = [tsconfigPaths({ projects: ['./tsconfig.json'] }), swc.vite({ module: { type: 'es6' } })];

/**
 * One run, two projects: fast unit specs next to the code, and integration specs that boot the real
 * services against a fresh PostgreSQL database (created and migrated once per run) and real Redis.
 */
export default defineConfig({
  test: {
    projects: [
      {
        plugins,
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['libs/**/src/**/*.spec.ts', 'apps/*/src/**/*.spec.ts', 'tools/**/*.spec.ts'],
          exclude: ['**/node_modules/**', 'apps/web/**'],
          environment: 'node',
        },
      },
      {
        plugins,
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['apps/*/test/**/*.integration-spec.ts'],
          exclude: ['**/node_modules/**', 'apps/web/**'],
          environment: 'node',
          globalSetup: ['tools/testing/integration-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
    ],
  },
});
