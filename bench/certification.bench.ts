import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { CompactSign, generateKeyPair } from 'jose';
import { freePort } from '@oversing/testing';
import { canonicalBytes, canonicalSha256Hex, leafHash, toHex } from '@oversing/verifier';
import { migrateAll } from '../tools/migrate';
import { autocannon, formatRow, waitForHttp } from './support/load';
import { startProcess } from './support/processes';

/**
 * Certification: end-to-end `POST /api/v1/certifications` (policy evaluation, canonical hashing, JWS
 * signing, RFC 3161 token, append of the certificate, its status event and its log leaf, durably
 * committed with synchronous_commit on) against two baselines measured in the same run on the same
 * machine: the raw signing rate of the same JWS algorithm, and single-row INSERT commits per second into
 * the same PostgreSQL. Then the time of `audit:verify` over N log leaves (valid audit-event rows inserted
 * in bulk with generate_series, checkpointed by the real CLI, verified by the real CLI).
 * Every process runs on loopback; every loop is bounded in time.
 */
const SERVER = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const VERIFY_LEAVES = Number(process.env.BENCH_VERIFY_LEAVES ?? 1_000_000);
const BASELINE_SECONDS = 3;
const ALG = 'RS256';

/** Runs `node dist/tools/cli.js …` and returns its last stdout line parsed as JSON. */
function cli(args: string[], env: Record<string, string>): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['dist/tools/cli.js', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`cli ${args[0]} exited ${code}: ${last}`));
      resolve(JSON.parse(last) as Record<string, unknown>);
    });
  });
}

/** JWS signatures per second with the same algorithm and payload size as a certificate, one thread. */
async function rawSigningRate(payload: Uint8Array): Promise<number> {
  const { privateKey } = await generateKeyPair(ALG);
  const end = performance.now() + BASELINE_SECONDS * 1000;
  let n = 0;
  const started = performance.now();
  while (performance.now() < end) {
    await new CompactSign(payload).setProtectedHeader({ alg: ALG, kid: 'bench' }).sign(privateKey);
    n++;
  }
  return n / ((performance.now() - started) / 1000);
}

/** Single-row INSERT commits per second (autocommit, synchronous_commit on) with `clients` connections. */
async function insertCommitRate(url: string, clients: number): Promise<number> {
  const pools = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const end = performance.now() + BASELINE_SECONDS * 1000;
  const started = performance.now();
  let n = 0;
  await Promise.all(
    pools.map(async (c) => {
      while (performance.now() < end) {
        await c.query('INSERT INTO bench_commits (payload) VALUES ($1)', [randomUUID()]);
        n++;
      }
    }),
  );
  const rate = n / ((performance.now() - started) / 1000);
  await Promise.all(pools.map((c) => c.end()));
  return rate;
}

/**
 * Appends `count` valid audit-event leaves after the current end of the log, in chunks, entirely in SQL:
 * each leaf hash is SHA-256(0x00 || RFC 8785 JSON of the event summary), exactly what the service
 * computes (apps/certification/src/log/leaf-data.ts), so audit:verify recomputes and checks them.
 */
async function appendAuditLeaves(pg: Client, tenantId: string, count: number): Promise<void> {
  const content = canonicalSha256Hex({
    actor: { type: 'system', id: null },
    ip: null,
    user_agent: null,
    before_state: null,
    after_state: null,
    metadata: {},
  });
  const { rows } = await pg.query<{ next: string }>(
    'SELECT coalesce(max(leaf_index) + 1, 0) AS next FROM log_leaves',
  );
  const start = Number(rows[0].next);
  const run = randomUUID().slice(0, 8);
  const CHUNK = 100_000;
  for (let from = 0; from < count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK) - 1;
    await pg.query('BEGIN');
    await pg.query(
      `CREATE TEMP TABLE bench_leaves ON COMMIT DROP AS
       SELECT $1::bigint + i AS leaf_index, md5($2 || i)::uuid AS event_id,
              date_trunc('month', now()) + i * interval '1 millisecond' AS occurred_at, i
       FROM generate_series($3::bigint, $4::bigint) AS i`,
      [start, run, from, to],
    );
    await pg.query(
      `INSERT INTO audit_event_ids (event_id, occurred_at) SELECT event_id, occurred_at FROM bench_leaves`,
    );
    await pg.query(
      `INSERT INTO audit_events (event_id, tenant_id, entity_type, entity_id, action, actor_type, actor_id, ip,
         user_agent, before_state, after_state, metadata, occurred_at, leaf_index)
       SELECT event_id, $1, 'bench', i::text, 'bench.created', 'system', NULL, NULL, NULL, NULL, NULL, '{}',
              occurred_at, leaf_index FROM bench_leaves`,
      [tenantId],
    );
    await pg.query(
      `INSERT INTO log_leaves (leaf_index, leaf_hash, source_type, source_id)
       SELECT leaf_index,
              sha256('\\x00'::bytea || convert_to(
                '{"action":"bench.created","content_sha256":"' || $2 || '","entity_id":"' || i ||
                '","entity_type":"bench","event_id":"' || event_id ||
                '","occurred_at":"' || to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') ||
                '","tenant_id":"' || $1 || '","type":"audit_event"}', 'UTF8')),
              'audit_event', event_id
       FROM bench_leaves`,
      [tenantId, content],
    );
    await pg.query('COMMIT');
  }
  // The first generated leaf must equal what the service computes for the same row.
  const { rows: first } = await pg.query<{ leaf_hash: Buffer; event_id: string; occurred_at: Date }>(
    `SELECT l.leaf_hash, a.event_id, a.occurred_at FROM log_leaves l JOIN audit_events a ON a.event_id = l.source_id
     WHERE l.leaf_index = $1`,
    [start],
  );
  const expected = leafHash(
    canonicalBytes({
      type: 'audit_event',
      event_id: first[0].event_id,
      tenant_id: tenantId,
      entity_type: 'bench',
      entity_id: '0',
      action: 'bench.created',
      occurred_at: first[0].occurred_at.toISOString(),
      content_sha256: content,
    }),
  );
  if (toHex(expected) !== toHex(new Uint8Array(first[0].leaf_hash))) {
    throw new Error('generated leaves do not match the service leaf format');
  }
}

async function main(): Promise<void> {
  const suffix = Date.now().toString(36);
  const databaseUrl = `${SERVER}/oversing_bench_${suffix}`;
  const auditUrl = `${SERVER}/runcible_bench_${suffix}`;
  const env = {
    DATABASE_URL: databaseUrl,
    AUDIT_DATABASE_URL: auditUrl,
    LOG_LEVEL: 'warn',
    DEMO_PASSWORD: 'bench-password-123',
    PUBLIC_WEB_URL: 'http://127.0.0.1:4173',
  };
  await migrateAll({ ...process.env, ...env });
  const apiPort = await freePort();
  const certPort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const certUrl = `http://127.0.0.1:${certPort}`;
  Object.assign(env, { PUBLIC_API_URL: apiUrl, OAUTH_ISSUER: apiUrl });
  await cli(['seed:demo'], env);
  const policy = await cli(['seed:demo-policy'], env);
  const created = await cli(
    [
      'clients:create',
      '--tenant',
      'demo',
      '--name',
      'bench',
      '--grant',
      'client_credentials',
      '--scopes',
      'certifications:read certifications:write',
    ],
    env,
  );

  const processes: ChildProcess[] = [];
  const stopAll = async (): Promise<void> => {
    for (const p of processes.splice(0)) {
      p.kill('SIGTERM');
      await new Promise((r) => (p.exitCode !== null ? r(undefined) : p.once('exit', r)));
    }
  };
  const pg = new Client({ connectionString: auditUrl });
  try {
    processes.push(
      startProcess(join('dist', 'apps', 'api', 'src', 'main.js'), { ...env, PORT: String(apiPort) }),
    );
    processes.push(
      startProcess(join('dist', 'apps', 'certification', 'src', 'main.js'), {
        ...env,
        PORT: String(certPort),
        CHECKPOINT_INTERVAL_SECONDS: '3600',
        AUDIT_DATABASE_POOL_SIZE: '10',
      }),
    );
    await waitForHttp(`${apiUrl}/health/ready`);
    await waitForHttp(`${certUrl}/health/ready`);
    const tokenResponse = await fetch(`${apiUrl}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${String(created.client_id)}:${String(created.client_secret)}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: 'certifications:read certifications:write',
        resource: 'urn:oversing:certification',
      }),
    });
    const token = ((await tokenResponse.json()) as { access_token: string }).access_token;
    const body = JSON.stringify({
      input: { prompt: 'Summarise the third quarter for the board' },
      output: 'Revenue grew 12% in the third quarter, driven by renewals; see the quarterly filing [1].',
      provider: 'openai',
      model: 'gpt-4o',
      policy_key: String(policy.key),
    });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const probe = await fetch(`${certUrl}/api/v1/certifications`, { method: 'POST', headers, body });
    const probeBody = (await probe.json()) as {
      data?: { status: string; certificate: Record<string, unknown> };
    };
    if (probe.status !== 201 || probeBody.data?.status !== 'certified') {
      throw new Error(`certify probe failed: ${probe.status} ${JSON.stringify(probeBody)}`);
    }
    const url = `${certUrl}/api/v1/certifications`;
    await autocannon(url, { connections: CONNECTIONS, seconds: 2, headers, method: 'POST', body }); // warm-up
    const beforeCount = await (async () => {
      await pg.connect();
      return Number((await pg.query<{ n: string }>('SELECT count(*) AS n FROM certifications')).rows[0].n);
    })();
    const certs = await autocannon(url, {
      connections: CONNECTIONS,
      seconds: SECONDS,
      headers,
      method: 'POST',
      body,
    });
    const { rows: groups } = await pg.query<{ n: string; tx: string }>(
      `SELECT count(*) AS n, count(DISTINCT xmin::text) AS tx FROM
         (SELECT xmin FROM certifications ORDER BY number_seq OFFSET $1) c`,
      [beforeCount],
    );
    const committed = Number(groups[0].n);
    const transactions = Number(groups[0].tx);
    await stopAll();

    const payload = canonicalBytes(probeBody.data.certificate);
    const signing = await rawSigningRate(payload);
    const settings = await pg.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync', 'wal_sync_method')`,
    );
    await pg.query('CREATE TABLE bench_commits (id bigserial PRIMARY KEY, payload text NOT NULL)');
    const inserts1 = await insertCommitRate(auditUrl, 1);
    const inserts16 = await insertCommitRate(auditUrl, 16);

    const out = (line: string): boolean => process.stdout.write(`${line}\n`);
    out(
      `\n## certification: POST /api/v1/certifications, demo policy, ${ALG} (${CONNECTIONS} connections, ${SECONDS} s, run ${randomUUID().slice(0, 8)})`,
    );
    out(`PostgreSQL: ${settings.rows.map((r) => `${r.name}=${r.setting}`).join(', ')}`);
    out(formatRow('certify end to end (durable)', certs));
    out(
      `group commit: ${committed} certifications in ${transactions} transactions (${(committed / Math.max(1, transactions)).toFixed(1)} per commit)`,
    );
    out(`baseline (a) raw ${ALG} JWS signing, 1 thread: ${signing.toFixed(0)} signatures/s`);
    out(`baseline (b) single-row INSERT commits, 1 connection: ${inserts1.toFixed(0)} commits/s`);
    out(`            single-row INSERT commits, 16 connections: ${inserts16.toFixed(0)} commits/s`);
    out(
      `ratios: certifications/s = ${((certs.requestsPerSecond / signing) * 100).toFixed(0)}% of raw signing; ` +
        `${(certs.requestsPerSecond / inserts1).toFixed(2)}× the 1-connection INSERT commit rate, ` +
        `${(certs.requestsPerSecond / inserts16).toFixed(2)}× the 16-connection rate`,
    );
    if (certs.non2xx || certs.errors)
      out(`warning: the service answered ${certs.non2xx} non-2xx and ${certs.errors} errors`);

    // audit:verify over VERIFY_LEAVES appended leaves (plus the certifications above).
    const demo = new Client({ connectionString: databaseUrl });
    await demo.connect();
    const tenantId = (await demo.query<{ id: string }>(`SELECT id FROM tenants WHERE slug = 'demo'`)).rows[0]
      .id;
    await demo.end();
    let t = performance.now();
    await appendAuditLeaves(pg, tenantId, VERIFY_LEAVES);
    const insertSeconds = (performance.now() - t) / 1000;
    await pg.query('ANALYZE');
    t = performance.now();
    const checkpoint = await cli(['log:checkpoint'], env);
    const checkpointSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const trustFile = join(tmpdir(), `runcible-bench-trust-${process.pid}.json`);
    await cli(['trust:export', '--out', trustFile], env);
    t = performance.now();
    const verified = await cli(['audit:verify', '--trust', trustFile], env);
    const verifySeconds = (performance.now() - t) / 1000;
    const leaves = Number(verified.leaves);
    out(
      `\n## audit:verify over ${leaves} leaves (${VERIFY_LEAVES} bulk audit events + the certifications above)`,
    );
    out(
      `bulk insert ${insertSeconds.toFixed(1)} s; log:checkpoint at size ${String(checkpoint.size)} ${checkpointSeconds.toFixed(1)} s`,
    );
    out(
      `audit:verify: ok=${String(verified.ok)}, ${String(verified.checkpoints)} checkpoints, ${verifySeconds.toFixed(1)} s wall ` +
        `(${String(verified.seconds)} s inside), ${(leaves / verifySeconds).toFixed(0)} leaves/s; ` +
        `extrapolated to 1,000,000 leaves: ${((verifySeconds / leaves) * 1_000_000).toFixed(0)} s`,
    );
  } finally {
    await stopAll();
    await pg.end().catch(() => undefined);
    const admin = new Client({ connectionString: `${SERVER}/postgres` });
    await admin.connect();
    for (const url of [databaseUrl, auditUrl]) {
      await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
    }
    await admin.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
