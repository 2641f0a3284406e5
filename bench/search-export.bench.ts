import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '@oversing/testing';
import { migrateAll } from '../tools/migrate';
import { autocannon, formatRow, waitForHttp } from './support/load';
import { startProcess } from './support/processes';

/**
 * Search and exports at 100,000 tasks in one tenant, through the processes `npm start` runs (the API and
 * the worker, built): (1) GET /api/v1/search?q=lanch (typo-tolerant, permission-scoped) against the plain
 * task list page (GET /api/v1/tasks?limit=20) in the same run; (2) POST /api/v1/exports of every task as
 * CSV, from the request to the completed file, with the worker's peak memory, against the bare minimum in
 * the same run: one SELECT of the same rows formatted as CSV in memory.
 */
const SERVER = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);
const SCOPES = 'tasks:read programs:read users:read financial:read';

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

/** Peak resident memory of a process so far (Linux VmHWM), in MiB. */
function peakRssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

async function main(): Promise<void> {
  const databaseUrl = `${SERVER}/oversing_bench_search_${Date.now().toString(36)}`;
  await migrateAll({ ...process.env, DATABASE_URL: databaseUrl });
  const apiPort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const bullPrefix = `bench-${Date.now().toString(36)}`;
  const env = {
    DATABASE_URL: databaseUrl,
    PORT: String(apiPort),
    PUBLIC_API_URL: apiUrl,
    PUBLIC_WEB_URL: 'http://127.0.0.1:4173',
    LOG_LEVEL: 'warn',
    DEMO_PASSWORD: 'bench-password-123',
    BULLMQ_PREFIX: bullPrefix,
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
      SCOPES,
    ],
    env,
  );
  const credentials = JSON.parse(created.trim().split('\n').pop()!) as {
    client_id: string;
    client_secret: string;
  };

  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  const tenantId = (await pg.query<{ id: string }>(`SELECT id FROM tenants WHERE slug = 'demo'`)).rows[0].id;
  const program = await pg.query<{ id: string }>(
    `INSERT INTO programs (tenant_id, name, status) VALUES ($1, 'Bench', 'active') RETURNING id`,
    [tenantId],
  );
  const words = ['launch', 'review', 'budget', 'design', 'migrate', 'invoice', 'deploy', 'research'];
  await pg.query(
    `INSERT INTO tasks (tenant_id, program_id, title, description, status, priority, created_at, updated_at)
     SELECT $1, $2, initcap(($3::text[])[1 + g % 8]) || ' item ' || g, 'Generated task number ' || g,
            (ARRAY['todo','in_progress','blocked','done','cancelled'])[1 + g % 5], 1 + g % 5,
            now() - make_interval(secs => g), now() - make_interval(secs => g)
       FROM generate_series(1, $4::int) AS g`,
    [tenantId, program.rows[0].id, words, TASKS],
  );
  await pg.query('ANALYZE');

  const api = startProcess(join('dist', 'apps', 'api', 'src', 'main.js'), env);
  const worker = startProcess(join('dist', 'apps', 'worker', 'src', 'main.js'), {
    ...env,
    WORKER_QUEUES: 'exports',
    METRICS_PORT: String(await freePort()),
  });
  try {
    await waitForHttp(`${apiUrl}/health/ready`, 120_000); // booting on a busy machine can take a while
    const tokenResponse = await fetch(`${apiUrl}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${credentials.client_id}:${credentials.client_secret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: SCOPES }),
    });
    const token = ((await tokenResponse.json()) as { access_token: string }).access_token;
    const headers = { authorization: `Bearer ${token}` };

    const searchUrl = `${apiUrl}/api/v1/search?q=lanch`;
    const check = (await (await fetch(searchUrl, { headers })).json()) as { data: { title: string }[] };
    if (!check.data.length || !/launch/i.test(check.data[0].title)) throw new Error('search check failed');
    const listUrl = `${apiUrl}/api/v1/tasks?limit=20`;
    await autocannon(searchUrl, { connections: CONNECTIONS, seconds: 2, headers });
    const search = await autocannon(searchUrl, { connections: CONNECTIONS, seconds: SECONDS, headers });
    const list = await autocannon(listUrl, { connections: CONNECTIONS, seconds: SECONDS, headers });

    // export: from the request to the completed file, then the download
    const started = performance.now();
    const queued = await fetch(`${apiUrl}/api/v1/exports`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'tasks' }),
    });
    const exportId = ((await queued.json()) as { data: { id: string } }).data.id;
    let done: { status: string; download_url: string; byte_size: number; progress: { total_rows: number } };
    for (;;) {
      done = (
        (await (await fetch(`${apiUrl}/api/v1/exports/${exportId}`, { headers })).json()) as {
          data: typeof done;
        }
      ).data;
      if (done.status === 'completed' || done.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const exportMs = performance.now() - started;
    if (done.status !== 'completed') throw new Error('export failed');
    const workerPeak = peakRssMiB(worker.pid!);
    const downloadStarted = performance.now();
    const file = Buffer.from(await (await fetch(done.download_url)).arrayBuffer());
    const downloadMs = performance.now() - downloadStarted;

    // baseline: the same rows in one SELECT, formatted as CSV in this process's memory
    const rssBefore = process.memoryUsage().rss;
    const bareStarted = performance.now();
    const rows = await pg.query(
      `SELECT t.id, t.title, t.status, t.priority, p.name AS program, u.name AS assignee, t.due_date,
              t.estimate_minutes, t.created_at, t.updated_at, t.completed_at
         FROM tasks t JOIN programs p ON p.id = t.program_id LEFT JOIN users u ON u.id = t.assignee_id
        WHERE t.tenant_id = $1 ORDER BY t.created_at, t.id`,
      [tenantId],
    );
    const csv = rows.rows.map((r: Record<string, unknown>) => Object.values(r).join(',')).join('\r\n');
    const bareMs = performance.now() - bareStarted;
    const bareRssGrowth = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;

    process.stdout.write(`\n## search and exports: ${TASKS.toLocaleString('en')} tasks in one tenant\n`);
    process.stdout.write(`GET /api/v1/search?q=lanch (${CONNECTIONS} connections, ${SECONDS} s)\n`);
    process.stdout.write(`${formatRow('search (FTS + trigram, 4 kinds, scoped)', search)}\n`);
    process.stdout.write(`${formatRow('baseline: GET /api/v1/tasks?limit=20', list)}\n`);
    process.stdout.write(
      `ratio: search p99 ×${(search.p99Ms / Math.max(list.p99Ms, 0.01)).toFixed(2)} of the list page's; ${((search.requestsPerSecond / list.requestsPerSecond) * 100).toFixed(0)}% of its throughput\n`,
    );
    process.stdout.write(
      `export of ${done.progress.total_rows.toLocaleString('en')} tasks to CSV: ${(exportMs / 1000).toFixed(2)} s from POST to completed, ` +
        `${(file.length / 1024 / 1024).toFixed(1)} MiB, download ${(downloadMs / 1000).toFixed(2)} s; worker peak RSS ${workerPeak.toFixed(0)} MiB\n`,
    );
    process.stdout.write(
      `baseline: one SELECT + CSV in memory: ${(bareMs / 1000).toFixed(2)} s, +${bareRssGrowth.toFixed(0)} MiB RSS (${(csv.length / 1024 / 1024).toFixed(1)} MiB)\n`,
    );
    process.stdout.write(`ratio: export ×${(exportMs / bareMs).toFixed(2)} the baseline's time\n`);
    if (search.non2xx || search.errors)
      process.stdout.write(`warning: search answered ${search.non2xx} non-2xx\n`);
  } finally {
    await pg.end();
    for (const p of [api, worker]) p.kill('SIGTERM');
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
