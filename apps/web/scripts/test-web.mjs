// `npm run test:web`: the generated API types are fresh, component tests (Vitest + Testing Library in
// jsdom), a production build, then the end-to-end tests in Chromium against the real API.
import { spawnSync } from 'node:child_process';

const steps = [
  ['generated API client is up to date', 'node', ['apps/web/scripts/generate-client.mjs', '--check']],
  ['web type check', 'npx', ['tsc', '-p', 'apps/web/tsconfig.json', '--noEmit']],
  ['web component tests', 'npx', ['vitest', 'run', '--config', 'apps/web/vitest.config.ts']],
  ['web build', 'npm', ['run', 'build:web']],
  ['web end-to-end tests', 'npx', ['vitest', 'run', '--config', 'apps/web/vitest.e2e.config.ts']],
];
for (const [name, command, args] of steps) {
  process.stdout.write(`\n--- ${name}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    process.stdout.write(`✗ ${name} failed\n`);
    process.exit(result.status ?? 1);
  }
}
