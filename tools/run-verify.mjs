// `npm run verify -- <bundle.json> --trust <trust.json>`: offline verification, no server, no database, no network.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('dist/tools/verify-cli.js')) {
  const build = spawnSync('node', ['tools/build.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const result = spawnSync('node', ['dist/tools/verify-cli.js', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
