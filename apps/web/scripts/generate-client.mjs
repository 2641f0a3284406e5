// Generates the typed API clients' types from the committed OpenAPI documents (docs/openapi/*.json) into
// apps/web/src/lib/generated/<name>.ts with openapi-typescript. `--check` regenerates in memory and exits 1
// when a committed file is stale or missing (run by `npm run test:web`).
// Usage: node apps/web/scripts/generate-client.mjs [--check]
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const specsDir = fileURLToPath(new URL('../../../docs/openapi/', import.meta.url));
const outDir = fileURLToPath(new URL('../src/lib/generated/', import.meta.url));
const check = process.argv.includes('--check');

const specs = readdirSync(specsDir).filter((f) => f.endsWith('.json'));
let stale = 0;
mkdirSync(outDir, { recursive: true });
for (const file of specs.sort()) {
  const name = file.replace(/\.json$/, '');
  const spec = JSON.parse(readFileSync(specsDir + file, 'utf8'));
  const ast = await openapiTS(spec, { alphabetize: true });
  const text =
    `// Generated from docs/openapi/${file} by apps/web/scripts/generate-client.mjs. Do not edit:\n` +
    `// run \`npm run generate:web-client\`.\n` +
    astToString(ast);
  const target = `${outDir}${name}.ts`;
  if (check) {
    if (!existsSync(target) || readFileSync(target, 'utf8') !== text) {
      process.stderr.write(
        `stale: apps/web/src/lib/generated/${name}.ts (run npm run generate:web-client)\n`,
      );
      stale++;
    }
  } else {
    writeFileSync(target, text);
    process.stdout.write(`wrote apps/web/src/lib/generated/${name}.ts\n`);
  }
}
if (check) {
  for (const f of readdirSync(outDir)) {
    if (!specs.includes(f.replace(/\.ts$/, '.json'))) {
      process.stderr.write(`orphan: apps/web/src/lib/generated/${f} has no docs/openapi spec\n`);
      stale++;
    }
  }
  if (stale) process.exit(1);
  process.stdout.write(`generated clients are up to date (${specs.length} specs)\n`);
}
