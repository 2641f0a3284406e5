import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Client } from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    webUrl: string;
    certificationUrl: string;
    /** the development mailbox's web UI and REST API (MailDev), as `npm start` runs it */
    mailboxUrl: string;
    /** the primary database `npm start` runs against (fresh per run), for checks behind the API */
    databaseUrl: string;
    /** where `npm start` keeps each process's log and pid file (<name>.log, <name>.pid) */
    logDir: string;
    /** health URLs of the processes, by name as `npm start` calls them */
    healthUrls: Record<string, string>;
    /** a client_credentials client of the demo tenant (tasks:read tasks:write programs:read certifications:read) */
    integrator: { clientId: string; clientSecret: string };
  }
}

const repo = resolve(new URL('.', import.meta.url).pathname, '../../..');
const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const WEB_PORT = 4173; // the redirect URIs registered for oversing-web name this port
const LOG_DIR = resolve(repo, 'var/log/e2e');
/** the project's Node.js (24), as npm scripts run it */
const node = existsSync(resolve(repo, 'node_modules/.bin/node'))
  ? resolve(repo, 'node_modules/.bin/node')
  : process.execPath;

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

/** A port: the conventional one when free (so URLs look as in SYSTEM.md), else any free one. */
async function portFor(preferred: number): Promise<number> {
  return (await portFree(preferred)) ? preferred : freePort();
}

function logTail(): string {
  const path = resolve(LOG_DIR, 'npm-start.log');
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').slice(-40).join('\n') : '';
}

async function waitForAll(urls: string[], start: ChildProcess): Promise<void> {
  const deadline = Date.now() + 300_000;
  const pending = new Set(urls);
  while (pending.size && Date.now() < deadline) {
    if (start.exitCode !== null) throw new Error(`npm start exited with ${start.exitCode}:\n${logTail()}`);
    for (const url of [...pending]) {
      try {
        if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) pending.delete(url);
      } catch {
        // not up yet
      }
    }
    if (pending.size) await new Promise((r) => setTimeout(r, 500));
  }
  if (pending.size) throw new Error(`not ready after 300 s: ${[...pending].join(', ')}\n${logTail()}`);
}

/**
 * Runs the system exactly as a person does: `npm start`'s own script (tools/start.mjs) builds the services
 * and the production PWA, migrates fresh databases, seeds the demo tenant and its governance policy, and
 * supervises every process; the tests then drive what it serves. Only the databases (fresh per run), the
 * ports (the conventional ones when free; the web app always on 4173, which oversing-web's redirect URIs
 * name) and the log directory differ from a plain `npm start`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!(await portFree(WEB_PORT)))
    throw new Error(
      `port ${WEB_PORT} is in use: stop the web server there (the OAuth redirect URIs name this port)`,
    );
  mkdirSync(LOG_DIR, { recursive: true });
  const suffix = `${Date.now().toString(36)}_${process.pid}`;
  const databaseUrl = `${SERVER}/oversing_e2e_${suffix}`;
  const auditDatabaseUrl = `${SERVER}/runcible_audit_e2e_${suffix}`;
  const ports = {
    API_PORT: await portFor(3000),
    CERTIFICATION_PORT: await portFor(3100),
    REALTIME_PORT: await portFor(6001),
    WEB_PORT,
    METRICS_PORT: await portFor(9464),
    MAILDEV_SMTP_PORT: await portFor(1025),
    MAILDEV_WEB_PORT: await portFor(1080),
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    AUDIT_DATABASE_URL: auditDatabaseUrl,
    LOG_LEVEL: 'warn',
    OVERSING_LOG_DIR: LOG_DIR,
  };
  delete env.PORT;
  const apiUrl = `http://localhost:${ports.API_PORT}`;
  const certificationUrl = `http://localhost:${ports.CERTIFICATION_PORT}`;
  const mailboxUrl = `http://localhost:${ports.MAILDEV_WEB_PORT}`;

  const healthUrls: Record<string, string> = {
    api: `http://127.0.0.1:${ports.API_PORT}/health/ready`,
    certification: `http://127.0.0.1:${ports.CERTIFICATION_PORT}/health/ready`,
    realtime: `http://127.0.0.1:${ports.REALTIME_PORT}/health/ready`,
    worker: `http://127.0.0.1:${ports.METRICS_PORT}/health/ready`,
    web: `http://127.0.0.1:${WEB_PORT}/health/live`,
    mailbox: `http://127.0.0.1:${ports.MAILDEV_WEB_PORT}/email`,
  };
  const log = resolve(LOG_DIR, 'npm-start.log');
  const out = openSync(log, 'w');
  const start = spawn(node, ['tools/start.mjs'], { cwd: repo, env, stdio: ['ignore', out, out] });

  const stop = async () => {
    if (start.exitCode === null) {
      const exited = new Promise((r) => start.once('exit', r));
      start.kill('SIGTERM');
      await exited;
    }
    const admin = new Client({ connectionString: `${SERVER}/postgres` });
    await admin.connect();
    for (const url of [databaseUrl, auditDatabaseUrl]) {
      const name = new URL(url).pathname.slice(1);
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    }
    await admin.end();
  };

  let integrator: { client_id: string; client_secret: string };
  try {
    await waitForAll(Object.values(healthUrls), start);
    // an integrator client of the demo tenant, so tests can check and change data on the server directly
    const created = spawnSync(
      node,
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
    integrator = JSON.parse(created.stdout.trim().split('\n').pop()!) as typeof integrator;
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide('apiUrl', apiUrl);
  project.provide('webUrl', `http://localhost:${WEB_PORT}`);
  project.provide('certificationUrl', certificationUrl);
  project.provide('mailboxUrl', mailboxUrl);
  project.provide('databaseUrl', databaseUrl);
  project.provide('logDir', LOG_DIR);
  project.provide('healthUrls', healthUrls);
  project.provide('integrator', { clientId: integrator.client_id, clientSecret: integrator.client_secret });
  return stop;
}
