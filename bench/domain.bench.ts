import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '@oversing/testing';
import { migrateAll } from '../tools/migrate';
import { autocannon, formatRow, LoadResult, waitForHttp } from './support/load';
import { startProcess } from './support/processes';

/**
 * Domain API: (1) GET /api/v1/tasks with status and program filters at 100,000 tasks in one tenant and
 * (2) POST /api/v1/tasks including its audit outbox row and domain event, each against bare Fastify + pg
 * running the same SQL (bench/support/bare-task-server.ts). Every server is its own process; autocannon
 * runs in a third.
 */
const SERVER = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);

function runCli(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['dist/tools/cli.js', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`cli ${args[0]} exited ${code}`)),
    );
  });
}

function ratioLine(ours: LoadResult, baseline: LoadResult): string {
  return (
    `ratio: ${((ours.requestsPerSecond / baseline.requestsPerSecond) * 100).toFixed(0)}% of the baseline's throughput; ` +
    `p50 ×${(ours.p50Ms / Math.max(baseline.p50Ms, 0.01)).toFixed(2)}, p99 ×${(ours.p99Ms / Math.max(baseline.p99Ms, 0.01)).toFixed(2)}\n`
  );
}

async function main(): Promise<void> {
  const databaseUrl = `${SERVER}/oversing_bench_domain_${Date.now().toString(36)}`;
  await migrateAll({ ...process.env, DATABASE_URL: databaseUrl });
  const apiPort = await freePort();
  const barePort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const env = {
    DATABASE_URL: databaseUrl,
    PORT: String(apiPort),
    PUBLIC_API_URL: apiUrl,
    PUBLIC_WEB_URL: 'http://127.0.0.1:4173',
    LOG_LEVEL: 'warn',
    DEMO_PASSWORD: 'bench-password-123',
  };
  await runCli(['seed:demo'], env);
  const created = await runCli(
    [
      'clients:create',
      '--tenant',
      'demo',
      '--name',
      'bench',
      '--grant',
      'client_credentials',
      '--scopes',
      'tasks:read tasks:write',
    ],
    env,
  );
  const credentials = JSON.parse(created.trim().split('\n').pop()!) as {
    client_id: string;
    client_secret: string;
  };

  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  const tenant = await pg.query<{ id: string }>(`SELECT id FROM tenants WHERE slug = 'demo'`);
  const tenantId = tenant.rows[0].id;
  const program = await pg.query<{ id: string }>(
    `INSERT INTO programs (tenant_id, name, status) VALUES ($1, 'Bench', 'active') RETURNING id`,
    [tenantId],
  );
  const other = await pg.query<{ id: string }>(
    `INSERT INTO programs (tenant_id, name, status) VALUES ($1, 'Bench other', 'active') RETURNING id`,
    [tenantId],
  );
  const started = Date.now();
  // 100,000 tasks in one tenant: two programs, all five statuses, spread creation times and due dates.
  await pg.query(
    `INSERT INTO tasks (tenant_id, program_id, title, description, status, priority, due_date, created_at, updated_at)
     SELECT $1, CASE WHEN g % 4 = 0 THEN $3::uuid ELSE $2::uuid END,
            'Task ' || g, 'Generated task number ' || g,
            (ARRAY['todo','in_progress','blocked','done','cancelled'])[1 + g % 5],
            1 + g % 5, date '2026-01-01' + (g % 365),
            now() - make_interval(secs => g), now() - make_interval(secs => g)
       FROM generate_series(1, $4::int) AS g`,
    [tenantId, program.rows[0].id, other.rows[0].id, TASKS],
  );
  await pg.query('ANALYZE tasks');
  const seededIn = Date.now() - started;
  await pg.end();

  const api = startProcess(join('dist', 'apps', 'api', 'src', 'main.js'), env);
  const processes = [api];
  try {
    await waitForHttp(`${apiUrl}/health/ready`);
    const tokenResponse = await fetch(`${apiUrl}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${credentials.client_id}:${credentials.client_secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'tasks:read tasks:write' }),
    });
    const token = ((await tokenResponse.json()) as { access_token: string }).access_token;
    const bare = startProcess(join('dist', 'bench', 'support', 'bare-task-server.js'), {
      DATABASE_URL: databaseUrl,
      PORT: String(barePort),
      BENCH_TENANT_ID: tenantId,
    });
    processes.push(bare);
    await waitForHttp(`http://127.0.0.1:${barePort}/health`);

    const headers = { authorization: `Bearer ${token}` };
    const listApi = `${apiUrl}/api/v1/tasks?filter[status]=todo,in_progress&filter[program]=${program.rows[0].id}&sort=-created_at&limit=50`;
    const listBare = `http://127.0.0.1:${barePort}/tasks?status=todo,in_progress&program=${program.rows[0].id}&limit=50`;
    const check = await fetch(listApi, { headers });
    const body = (await check.json()) as { data: unknown[] };
    if (check.status !== 200 || body.data.length !== 50)
      throw new Error(`list check failed: ${check.status}`);

    await autocannon(listApi, { connections: CONNECTIONS, seconds: 2, headers }); // warm-up
    await autocannon(listBare, { connections: CONNECTIONS, seconds: 2 });
    const listOurs = await autocannon(listApi, { connections: CONNECTIONS, seconds: SECONDS, headers });
    const listBase = await autocannon(listBare, { connections: CONNECTIONS, seconds: SECONDS });

    const createBody = JSON.stringify({ program_id: other.rows[0].id, title: 'Created by the benchmark' });
    const post = { method: 'POST', body: createBody };
    const jsonHeaders = { 'content-type': 'application/json' };
    const createOurs = await autocannon(`${apiUrl}/api/v1/tasks`, {
      connections: CONNECTIONS,
      seconds: SECONDS,
      headers: { ...headers, ...jsonHeaders },
      ...post,
    });
    const createBase = await autocannon(`http://127.0.0.1:${barePort}/tasks`, {
      connections: CONNECTIONS,
      seconds: SECONDS,
      headers: jsonHeaders,
      ...post,
    });

    process.stdout.write(
      `\n## domain: ${TASKS.toLocaleString('en')} tasks in one tenant (seeded in ${seededIn} ms; ${CONNECTIONS} connections, ${SECONDS} s each)\n`,
    );
    process.stdout.write(
      `GET /api/v1/tasks?filter[status]=todo,in_progress&filter[program]=…&sort=-created_at&limit=50\n`,
    );
    process.stdout.write(`${formatRow('API (JWT + policy + list + envelope)', listOurs)}\n`);
    process.stdout.write(`${formatRow('bare Fastify + pg (same SQL)', listBase)}\n`);
    process.stdout.write(ratioLine(listOurs, listBase));
    process.stdout.write(`POST /api/v1/tasks (task + audit outbox + domain event in one transaction)\n`);
    process.stdout.write(`${formatRow('API (validation + UoW + outbox)', createOurs)}\n`);
    process.stdout.write(`${formatRow('bare Fastify + pg (same writes)', createBase)}\n`);
    process.stdout.write(ratioLine(createOurs, createBase));
    for (const [name, r] of [
      ['list', listOurs],
      ['create', createOurs],
    ] as const)
      if (r.non2xx || r.errors)
        process.stdout.write(`warning: ${name} answered ${r.non2xx} non-2xx and ${r.errors} errors\n`);
  } finally {
    for (const p of processes) p.kill('SIGTERM');
    const admin = new Client({ connectionString: `${SERVER}/postgres` });
    await admin.connect();
    await new Promise((r) => setTimeout(r, 500));
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
