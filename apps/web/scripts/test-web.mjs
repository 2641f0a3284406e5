// `npm run test:web`: the generated API types are fresh, component tests (Vitest + Testing Library in
// jsdom), then the end-to-end tests in Chromium against the system as `npm start` builds and serves it
// (their global setup runs tools/start.mjs, which makes the production build of the PWA).
import { spawnSync } from 'node:child_process';

const steps = [
  ['generated API client is up to date', 'node', ['apps/web/scripts/generate-client.mjs', '--check']],
  ['web type check', 'npx', ['tsc', '-p', 'apps/web/tsconfig.json', '--noEmit']],
  ['web component tests', 'npx', ['vitest', 'run', '--config', 'apps/web/vitest.config.ts']],
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
