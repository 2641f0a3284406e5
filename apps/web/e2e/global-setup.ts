import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Client } from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    webUrl: string;
    /** empty when the certification service is not built */
    certificationUrl: string;
    /** a client_credentials client of the demo tenant (tasks:read tasks:write programs:read certifications:read) */
    integrator: { clientId: string; clientSecret: string };
  }
}

const repo = resolve(new URL('.', import.meta.url).pathname, '../../..');
const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const WEB_PORT = 4173; // the redirect URIs registered for oversing-web name this port

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = createServer();
    s.once('error', () => done(false));
    s.listen(port, '0.0.0.0', () => s.close(() => done(true)));
  });
}

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not answer ${url} within 60 s`);
}

function run(args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync('node', args, { cwd: repo, env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed (${result.status})`);
}

interface Service {
  name: string;
  entry: string;
  env: NodeJS.ProcessEnv;
  health: string;
}

/** A port: the conventional one when free (so URLs look as in SYSTEM.md), else any free one. */
async function portFor(preferred: number): Promise<number> {
  return (await portFree(preferred)) ? preferred : freePort();
}

/**
 * Starts what the end-to-end tests need and stops it after, depending on nothing started by hand: a fresh
 * primary and audit database migrated and seeded with the demo tenant (and its governance policy when
 * the certification service is built), the API, the certification service and the realtime server when
 * built, and the built PWA served by apps/web-server on 4173 (the port the redirect URIs of oversing-web
 * name). The other services take their usual port when it is free, else a free one, and the API's
 * GET /api/v1/config tells the PWA where they are.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const built = (app: string) => existsSync(resolve(repo, `dist/apps/${app}/src/main.js`));
  if (!built('api') || !built('web-server') || !existsSync(resolve(repo, 'dist/tools/migrate.js')))
    run(['tools/build.mjs'], process.env);
  if (!existsSync(resolve(repo, 'apps/web/dist/index.html')))
    throw new Error('apps/web/dist is missing: run npm run build:web first');
  if (!(await portFree(WEB_PORT)))
    throw new Error(
      `port ${WEB_PORT} is in use: stop the web server there (the OAuth redirect URIs name this port)`,
    );

  const suffix = `${Date.now().toString(36)}_${process.pid}`;
  const databaseUrl = `${SERVER}/oversing_e2e_${suffix}`;
  const auditDatabaseUrl = `${SERVER}/runcible_audit_e2e_${suffix}`;
  const apiPort = await portFor(3000);
  const certificationPort = await portFor(3100);
  const realtimePort = await portFor(6001);
  const apiUrl = `http://localhost:${apiPort}`;
  const certificationUrl = `http://localhost:${certificationPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    AUDIT_DATABASE_URL: auditDatabaseUrl,
    PUBLIC_API_URL: apiUrl,
    OAUTH_ISSUER: apiUrl,
    PUBLIC_CERTIFICATION_URL: certificationUrl,
    PUBLIC_REALTIME_HOST: 'localhost',
    PUBLIC_REALTIME_PORT: String(realtimePort),
    // the Pusher HTTP API the API and the certification service publish to (the seeded demo app)
    REALTIME_URL: `http://127.0.0.1:${realtimePort}`,
    REALTIME_APP_ID: 'oversing',
    REALTIME_APP_KEY: 'oversing-demo-key',
    REALTIME_APP_SECRET: 'oversing-demo-secret',
    PUBLIC_WEB_URL: `http://localhost:${WEB_PORT}`,
    LOG_LEVEL: 'warn',
  };
  run(['dist/tools/migrate.js'], env);
  run(['dist/tools/cli.js', 'seed:demo'], env);
  if (built('certification')) run(['dist/tools/cli.js', 'seed:demo-policy'], env);
  // an integrator client of the demo tenant, so tests can check and change data on the server directly
  const created = spawnSync(
    'node',
    [
      'dist/tools/cli.js',
      'clients:create',
      '--tenant',
      'demo',
      '--name',
      'e2e',
      '--grant',
      'client_credentials',
      '--scopes',
      'tasks:read tasks:write programs:read certifications:read',
    ],
    { cwd: repo, env, encoding: 'utf8' },
  );
  if (created.status !== 0) throw new Error(`clients:create failed: ${created.stderr}`);
  const integrator = JSON.parse(created.stdout.trim().split('\n').pop()!) as {
    client_id: string;
    client_secret: string;
  };

  const services: Service[] = [
    { name: 'the API', entry: 'api', env: { PORT: String(apiPort) }, health: `${apiUrl}/health/ready` },
    {
      name: 'the certification service',
      entry: 'certification',
      env: { PORT: String(certificationPort) },
      health: `${certificationUrl}/health/ready`,
    },
    {
      name: 'the realtime server',
      entry: 'realtime',
      env: { PORT: String(realtimePort) },
      health: `http://localhost:${realtimePort}/health/ready`,
    },
    {
      name: 'the web server',
      entry: 'web-server',
      env: { WEB_PORT: String(WEB_PORT) },
      health: `http://localhost:${WEB_PORT}/health/live`,
    },
  ].filter((s) => built(s.entry));

  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(
      children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)),
    );
    const admin = new Client({ connectionString: `${SERVER}/postgres` });
    await admin.connect();
    for (const url of [databaseUrl, auditDatabaseUrl]) {
      const name = new URL(url).pathname.slice(1);
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    }
    await admin.end();
  };
  try {
    const started = services.map((service) => {
      const child = spawn('node', [`dist/apps/${service.entry}/src/main.js`], {
        cwd: repo,
        env: { ...env, ...service.env },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      children.push(child);
      return { service, child };
    });
    await Promise.all(started.map(({ service, child }) => waitFor(service.health, child, service.name)));
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide('apiUrl', apiUrl);
  project.provide('webUrl', `http://localhost:${WEB_PORT}`);
  project.provide('integrator', { clientId: integrator.client_id, clientSecret: integrator.client_secret });
  project.provide('certificationUrl', built('certification') ? certificationUrl : '');
  return stop;
}
