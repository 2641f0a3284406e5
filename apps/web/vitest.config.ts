import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Component tests of the PWA: React Testing Library in jsdom. End-to-end tests are apps/web/e2e. */
export default defineConfig({
  root,
  plugins: [react()],
  resolve: {
    alias: {
      '@': `${root}src`,
      '@oversing/verifier': fileURLToPath(new URL('../../libs/verifier/src/index.ts', import.meta.url)),
      '@oversing/contracts': fileURLToPath(new URL('../../libs/contracts/src/index.ts', import.meta.url)),
    },
  },
  test: {
    name: 'web',
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['src/test-setup.ts'],
    restoreMocks: true,
  },
});
