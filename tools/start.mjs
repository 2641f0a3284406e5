// `npm start`: on a fresh machine with PostgreSQL and Redis on localhost, installs what is missing,
// creates and migrates the databases, seeds the demo tenant (not in production), builds and starts
// every process, prints the URLs, and stops everything on Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const env = { ...process.env };
env.NODE_ENV ??= 'development';
env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/oversing';
env.AUDIT_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/runcible_audit';
env.REDIS_URL ??= 'redis://127.0.0.1:6379';

function run(title, command, args) {
  process.stdout.write(`» ${title}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    process.stderr.write(`✗ ${title} failed (exit ${result.status}).\n`);
    process.exit(result.status ?? 1);
  }
}

if (!existsSync('node_modules/.package-lock.json')) {
  process.stdout.write('» installing dependencies\n');
  // `npm ci` refuses a lockfile whose other-platform optional binaries the registry does not mirror;
  // `npm install` then installs the same locked versions.
  const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit', env });
  if (ci.status !== 0)
    run('installing dependencies (npm install)', 'npm', ['install', '--no-audit', '--no-fund']);
}

const require = createRequire(import.meta.url);
async function reachable() {
  const { Client } = require('pg');
  const admin = new URL(env.DATABASE_URL);
  admin.pathname = '/postgres';
  const pg = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await pg.connect();
    await pg.end();
  } catch (error) {
    return `PostgreSQL is not reachable at ${admin.host} (${error.code ?? error.message}): start PostgreSQL 15 or set DATABASE_URL, then run npm start again.`;
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
    redis.disconnect();
  } catch (error) {
    redis.disconnect();
    return `Redis is not reachable at ${new URL(env.REDIS_URL).host} (${error.code ?? error.message}): start Redis 7 or set REDIS_URL, then run npm start again.`;
  }
  return undefined;
}

const problem = await reachable();
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}

run('building the services', 'node', ['tools/build.mjs']);
if (existsSync('apps/web/vite.config.ts')) run('building the web app', 'npm', ['run', 'build:web']);
run('creating and migrating the databases', 'node', ['dist/tools/migrate.js']);
if (env.NODE_ENV !== 'production') run('seeding the demo tenant', 'node', ['dist/tools/cli.js', 'seed:demo']);
if (env.NODE_ENV !== 'production' && existsSync('dist/apps/certification/src/main.js')) {
  run('seeding the demo governance policy', 'node', ['dist/tools/cli.js', 'seed:demo-policy']);
}

const processes = [
  {
    name: 'api',
    entry: 'dist/apps/api/src/main.js',
    url: `http://localhost:${env.PORT ?? 3000}  (OpenAPI docs: /api/docs)`,
  },
  {
    name: 'certification',
    entry: 'dist/apps/certification/src/main.js',
    url: `http://localhost:${env.CERTIFICATION_PORT ?? 3100}`,
  },
  {
    name: 'realtime',
    entry: 'dist/apps/realtime/src/main.js',
    url: `ws://localhost:${env.REALTIME_PORT ?? 6001}/app/<key>`,
  },
  {
    name: 'worker',
    entry: 'dist/apps/worker/src/main.js',
    url: '(queue processors; metrics on :9464/metrics)',
  },
  { name: 'web', entry: 'dist/apps/web-server/src/main.js', url: `http://localhost:${env.WEB_PORT ?? 4173}` },
].filter((p) => existsSync(p.entry));

const children = [];
let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
  Promise.all(
    children.map(
      (c) => new Promise((resolve) => (c.exitCode !== null ? resolve() : c.once('exit', resolve))),
    ),
  ).then(() => process.exit(code));
}

for (const p of processes) {
  const child = spawn('node', ['--enable-source-maps', p.entry], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.once('exit', (code) => {
    if (!stopping) {
      process.stderr.write(`✗ ${p.name} exited with code ${code}; stopping everything.\n`);
      stopAll(code || 1);
    }
  });
  children.push(child);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

setTimeout(() => {
  if (stopping) return;
  process.stdout.write('\nOversing is running:\n');
  for (const p of processes) process.stdout.write(`  ${p.name.padEnd(14)} ${p.url}\n`);
  if (env.NODE_ENV !== 'production') {
    process.stdout.write(
      `\nDemo sign-in: admin@demo.test / ${env.DEMO_PASSWORD ?? 'demo-password'} (also pm@, dev@, compliance@demo.test)\n`,
    );
  }
  process.stdout.write('Press Ctrl-C to stop.\n\n');
}, 2500);
