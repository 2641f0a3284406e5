// `npm test`: every check the project has, in order, stopping at the first failure.
// Needs PostgreSQL and Redis on localhost (see README); .ci/run starts them when they are down.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  FORCE_COLOR: process.env.CI ? '0' : '1',
};
const steps = [
  // a lockfile that misses another platform's optional binaries makes `npm ci` fail on a fresh machine
  [
    'lockfile is complete (npm ci --dry-run)',
    'npm',
    ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'],
  ],
  ['format (prettier)', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']],
  ['project graph (nx)', 'npx', ['nx', 'show', 'projects']],
  ['lint (eslint)', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['type check (tsc)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['build', 'node', ['tools/build.mjs']],
  ['OpenAPI specs are up to date', 'node', ['dist/tools/generate-openapi.js', '--check']],
  ['migrations match the entities', 'node', ['dist/tools/check-migration-drift.js']],
  ['unit and integration tests (vitest)', 'npx', ['vitest', 'run']],
];
if (existsSync('apps/web/package.json') || existsSync('apps/web/vite.config.ts')) {
  steps.push(['web app tests', 'npm', ['run', 'test:web']]);
}

const started = Date.now();
for (const [name, command, args] of steps) {
  const t0 = Date.now();
  process.stdout.write(`\n=== ${name}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stdout.write(`\n✗ ${name} failed after ${seconds} s\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`✓ ${name} (${seconds} s)\n`);
}
process.stdout.write(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
