// `npm start`: on a fresh machine with PostgreSQL and Redis on localhost, installs what is missing, builds,
// creates and migrates the databases, seeds the demo tenant (not in production), then starts and supervises
// every process (a crashed one is restarted), prints the URLs, and stops everything on Ctrl-C.
// One line per step on screen; each step's output and each process's full log are in var/log/.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { colour, runLogged, step, LOG_DIR } from './start/steps.mjs';
import { portsFrom, processTable, sharedEnvironment } from './start/processes.mjs';

const production = process.env.NODE_ENV === 'production';
const ports = portsFrom(process.env);
const env = sharedEnvironment(process.env, ports, { production });
const verbose = process.argv.includes('--verbose') || ['debug', 'trace'].includes(env.LOG_LEVEL);

/**
 * Whether node_modules misses a package of the lockfile or holds another version of one. Compares the
 * lockfile with npm's record of what it installed (node_modules/.package-lock.json) by content, not by
 * file time, so a checkout or a worktree sharing node_modules does not reinstall for nothing. Optional
 * packages for other platforms are never installed and do not count.
 */
function installNeeded() {
  const marker = 'node_modules/.package-lock.json';
  if (!existsSync(marker)) return true;
  const locked = JSON.parse(readFileSync('package-lock.json', 'utf8')).packages ?? {};
  const installed = JSON.parse(readFileSync(marker, 'utf8')).packages ?? {};
  return Object.entries(locked).some(([path, entry]) => {
    if (path === '' || entry.link) return false;
    const have = installed[path];
    return have ? have.version !== entry.version : !entry.optional;
  });
}

process.stdout.write(
  colour.bold('Oversing: starting every process') + colour.dim(`  (logs in ${LOG_DIR}/)\n`),
);
if (installNeeded()) {
  await step('installing dependencies (npm ci)', () =>
    runLogged('install', 'npm', ['ci', '--no-audit', '--no-fund'], env),
  );
}

// The project's Node.js 24 (installed with the dependencies); the machine's `node` may be older.
const node = existsSync('node_modules/.bin/node') ? resolve('node_modules/.bin/node') : process.execPath;
const nodeVersion = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();

const require = createRequire(import.meta.url);
async function checkServices() {
  const { Client } = require('pg');
  const admin = new URL(env.DATABASE_URL);
  admin.pathname = '/postgres';
  const pg = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await pg.connect();
    await pg.end();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${admin.host} (${error.code ?? error.message}): start PostgreSQL 15 or set DATABASE_URL, then run npm start again.`,
    );
  }
  const { Redis } = require('ioredis');
  const redis = new Redis(env.REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 3000,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `Redis is not reachable at ${new URL(env.REDIS_URL).host} (${error.code ?? error.message}): start Redis 7 or set REDIS_URL, then run npm start again.`,
    );
  } finally {
    redis.disconnect();
  }
}

await step(`checking PostgreSQL and Redis (Node.js ${nodeVersion})`, checkServices);
await step('building the services', () => runLogged('build', node, ['tools/build.mjs'], env));
await step('building the web app (production)', () =>
  runLogged('build-web', node, ['tools/build-web.mjs'], env),
);
await step('creating and migrating the databases', () =>
  runLogged('migrate', node, ['dist/tools/migrate.js'], env),
);
if (!production) {
  await step('seeding the demo tenant', () =>
    runLogged('seed', node, ['dist/tools/cli.js', 'seed:demo'], env),
  );
  await step('seeding the demo governance policy', () =>
    runLogged('seed-policy', node, ['dist/tools/cli.js', 'seed:demo-policy'], env),
  );
}

const { Supervisor } = await import('./start/supervisor.mjs');
const table = processTable({ node, env, ports, production, has: (path) => existsSync(path) });
const supervisor = new Supervisor({ verbose, names: table.map((p) => p.name) });
for (const spec of table) supervisor.start(spec);

let stopping = false;
async function stopAll() {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nStopping every process…\n');
  await supervisor.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stopAll());
process.on('SIGTERM', () => void stopAll());

async function ready(url) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

const waiting = new Set(table);
const deadline = Date.now() + 120_000;
while (waiting.size && Date.now() < deadline && !stopping) {
  for (const spec of [...waiting]) if (await ready(spec.health)) waiting.delete(spec);
  if (waiting.size) await new Promise((r) => setTimeout(r, 500));
}

if (!stopping) {
  const lines = ['', colour.bold('Oversing is running:')];
  for (const spec of table) {
    const state = waiting.has(spec) ? colour.yellow(' (not ready yet: see its log)') : '';
    lines.push(`  ${spec.name.padEnd(14)} ${spec.url}${state}`);
  }
  if (!production) {
    const password = env.DEMO_PASSWORD ?? 'demo-password';
    lines.push(
      '',
      `Open ${env.PUBLIC_WEB_URL} and sign in as one of the demo users (password: ${password}):`,
      '  admin@demo.test (tenant admin), pm@demo.test (project manager),',
      '  dev@demo.test (member), compliance@demo.test (compliance officer)',
    );
  }
  lines.push(
    '',
    `Logs: ${LOG_DIR}/<process>.log${verbose ? '' : ' (request lines on screen with LOG_LEVEL=debug)'}. Ctrl-C stops everything.`,
    '',
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}
