import { defineConfig } from 'vitest/config';

// Lets `npx vitest run --root libs/verifier` run this library's specs on their own.
export default defineConfig({
  test: { include: ['src/**/*.spec.ts'], environment: 'node', testTimeout: 60_000 },
});
