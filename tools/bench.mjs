// `npm run bench`: builds, then runs every benchmark (dist/bench/*.bench.js) one after the other.
// Each prints its figures and its ratio against a baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const build = spawnSync('node', ['tools/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const only = process.argv.slice(2);
const benches = readdirSync('dist/bench')
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => !only.length || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of benches) {
  process.stdout.write(`\n=== ${file}\n`);
  const result = spawnSync('node', [`dist/bench/${file}`], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
