import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '@oversing/testing';
import { verifyBundle } from '@oversing/verifier';
import { LOG_APPEND_LOCK } from '../src/infrastructure/audit-database';
import { LogScheduler } from '../src/log/log-scheduler';
import {
  asAppRole,
  CERTIFICATION_AUDIENCE,
  callCert,
  certificationUserToken,
  checkpointNow,
  newClient,
  newPolicy,
  newTenant,
  newUser,
  RunningApi,
  RunningCertification,
  startApi,
  startCertification,
  TestTenant,
} from './support/certification-harness';
import { FaultyProxy } from './support/faulty-proxy';
// eslint-disable-next-line @nx/enforce-module-boundaries -- integration tests boot the real API (test support only)
import { clientToken, type TestClient } from '../../api/test/support/api-harness';

/**
 * Idempotency-Key on the certification service's writes, through HTTP against the real service and the
 * real audit database. Certify is group-committed (several requests share one transaction), so its key is
 * claimed and its response stored inside the batch's transaction; these tests attack exactly that: a
 * response lost after the commit (dropped connection, killed process), a reused key, concurrent repeats.
 */

const SCOPES = ['certifications:read', 'certifications:write'];

let api: RunningApi;
let cert: RunningCertification;
let tenant: TestTenant;
let client: TestClient;
let token: string;
let db: Client;

beforeAll(async () => {
  api = await startApi();
  cert = await startCertification(api);
  tenant = await newTenant(api);
  client = await newClient(api, tenant, SCOPES);
  token = await clientToken(api, client, SCOPES, CERTIFICATION_AUDIENCE);
  await newPolicy(cert, tenant, {
    key: 'idem',
    name: 'Idempotency',
    rules: { max_length: 2000, pii: { detectors: ['email'], action: 'review', weight: 0.8 } },
    thresholds: { review_above: 0.5 },
  });
  db = new Client({ connectionString: inject('auditDatabaseUrl') });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await cert?.close();
  await api?.close();
});

/** A certify body; `marker` goes into metadata so the test can count what was written for it. */
function body(marker: string, output = `Revenue grew 4% (${marker}).`): Record<string, unknown> {
  return {
    input: { prompt: 'Summarise the quarter' },
    output,
    provider: 'openai',
    model: 'gpt-4o',
    policy_key: 'idem',
    metadata: { marker },
  };
}

function certify(
  marker: string,
  key: string,
  options: { output?: string; target?: { url: string } } = {},
): ReturnType<typeof callCert> {
  return callCert((options.target ?? cert) as RunningCertification, 'POST', '/api/v1/certifications', {
    token,
    body: body(marker, options.output),
    headers: { 'idempotency-key': key },
  });
}

/** Certifications, status events and log leaves written for `marker`. */
async function written(marker: string): Promise<{ certifications: number; events: number; leaves: number }> {
  const { rows } = await db.query<{ certifications: number; events: number; leaves: number }>(
    `SELECT count(DISTINCT c.id)::int AS certifications, count(e.id)::int AS events,
            count(l.leaf_index)::int AS leaves
       FROM certifications c
       LEFT JOIN certification_events e ON e.certification_id = c.id AND e.kind <> 'viewed'
       LEFT JOIN log_leaves l ON l.source_type = 'certification_event' AND l.source_id = e.id
      WHERE c.tenant_id = $1 AND c.metadata->>'marker' = $2`,
    [tenant.id, marker],
  );
  return rows[0];
}

async function storedKey(key: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM idempotency_keys WHERE tenant_id = $1 AND key = $2', [
    tenant.id,
    key,
  ]);
  return rows.length === 1;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Holds the log's append lock in a transaction of its own, so the service's next batch waits for it. */
async function holdLogAppendLock(): Promise<{ release(): Promise<void> }> {
  const holder = new Client({ connectionString: inject('auditDatabaseUrl') });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('SELECT pg_advisory_xact_lock($1)', [LOG_APPEND_LOCK]);
  return {
    release: async () => {
      await holder.query('ROLLBACK');
      await holder.end();
    },
  };
}

/** True once a backend waits for the log's append lock (a batch is inside its transaction, blocked). */
async function batchWaiting(): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
        AND classid = 0 AND objid = $1 AND objsubid = 1`,
    [LOG_APPEND_LOCK],
  );
  return rows.length > 0;
}

/** The retry a client makes: "a moment later" while the first attempt still finishes (409). */
async function retry(send: () => ReturnType<typeof callCert>): ReturnType<typeof callCert> {
  for (let attempt = 0; ; attempt++) {
    const response = await send();
    if (response.status !== 409 || attempt === 50) return response;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Idempotency-Key on certify (group-committed)', () => {
  it('replays the stored response for a repeat with the same key and body, and certifies once', async () => {
    const marker = randomUUID();
    const key = randomUUID();
    const first = await certify(marker, key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await certify(marker, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await written(marker)).toEqual({ certifications: 1, events: 1, leaves: 1 });
    // the stored response is the certification as committed: the same as reading it back
    const read = await callCert(cert, 'GET', `/api/v1/certifications/${first.body.data.id}`, { token });
    expect(read.body.data).toEqual(first.body.data);
  });

  it('refuses the same key with a different body (422) and writes nothing', async () => {
    const key = randomUUID();
    const marker = randomUUID();
    expect((await certify(marker, key)).status).toBe(201);
    const other = randomUUID();
    const reused = await certify(other, key);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('UNPROCESSABLE');
    expect(reused.body.error.details).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    expect(await written(other)).toEqual({ certifications: 0, events: 0, leaves: 0 });
  });

  it('gives concurrent repeats one certification: the others get 409 or the stored response', async () => {
    const marker = randomUUID();
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 8 }, () => certify(marker, key)));
    const statuses = results.map((r) => r.status);
    expect(
      statuses.every((s) => s === 201 || s === 409),
      JSON.stringify(statuses),
    ).toBe(true);
    expect(statuses).toContain(409);
    const conflict = results.find((r) => r.status === 409)!;
    expect(conflict.body.error.details[0].field).toBe('Idempotency-Key');
    expect(new Set(results.filter((r) => r.status === 201).map((r) => r.body.data.id)).size).toBe(1);
    expect(await written(marker)).toEqual({ certifications: 1, events: 1, leaves: 1 });
  });

  it('answers 409 when another process holds the key, inside the batch, without failing the batch', async () => {
    // another replica's request with this key is running: it holds the key's transaction lock
    const key = randomUUID();
    const lockKey = createHash('sha256')
      .update(`${tenant.id}\nclient:${client.clientId}\n${key}`)
      .digest()
      .readBigInt64BE(0);
    const holder = new Client({ connectionString: inject('auditDatabaseUrl') });
    await holder.connect();
    const marker = randomUUID();
    const neighbour = randomUUID();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey.toString()]);
      // hold the log so both requests land in one batch, then let it run
      const log = await holdLogAppendLock();
      const blocked = certify(marker, key);
      const other = certify(neighbour, randomUUID());
      await until(batchWaiting, 'the first batch to wait for the log');
      await new Promise((r) => setTimeout(r, 100)); // the second request joins the queue meanwhile
      await log.release();
      const [refused, accepted] = await Promise.all([blocked, other]);
      expect(refused.status).toBe(409);
      expect(refused.body.error.details[0].field).toBe('Idempotency-Key');
      expect(accepted.status).toBe(201);
      expect(await written(marker)).toEqual({ certifications: 0, events: 0, leaves: 0 });
      expect(await written(neighbour)).toEqual({ certifications: 1, events: 1, leaves: 1 });
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    // once the other request is gone, the key is free
    const done = await certify(marker, key);
    expect(done.status).toBe(201);
    expect(await written(marker)).toEqual({ certifications: 1, events: 1, leaves: 1 });
  });

  it('stores nothing for a refused request: a corrected retry with the same key does the work', async () => {
    const key = randomUUID();
    const marker = randomUUID();
    const refused = await callCert(cert, 'POST', '/api/v1/certifications', {
      token,
      body: { ...body(marker), policy_key: 'no-such-policy' },
      headers: { 'idempotency-key': key },
    });
    expect(refused.status).toBe(404);
    expect(await storedKey(key)).toBe(false);
    const retried = await certify(marker, key);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });

  it('refuses a malformed key with 400 and writes nothing', async () => {
    const marker = randomUUID();
    const response = await certify(marker, 'with space');
    expect(response.status).toBe(400);
    expect(response.body.error.details[0].field).toBe('Idempotency-Key');
    expect(await written(marker)).toEqual({ certifications: 0, events: 0, leaves: 0 });
  });
});

describe('a response lost after the commit', () => {
  it('connection dropped: the retry gets the stored response and there is one certification', async () => {
    const marker = randomUUID();
    const key = randomUUID();
    const log = await holdLogAppendLock();
    const aborted = new AbortController();
    const lost = fetch(`${cert.url}/api/v1/certifications`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(body(marker)),
      signal: aborted.signal,
    }).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    // the request is inside its batch's transaction; the client gives up (a timeout, a dropped
    // connection), then the batch commits: the write is done and nobody received the answer
    await until(batchWaiting, 'the batch to wait for the log');
    aborted.abort();
    expect(await lost).toBe('AbortError');
    await log.release();
    await until(async () => (await written(marker)).certifications === 1, 'the batch to commit');
    expect(await storedKey(key)).toBe(true);
    expect(await written(marker)).toEqual({ certifications: 1, events: 1, leaves: 1 });

    const again = await retry(() => certify(marker, key));
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const { rows } = await db.query(`SELECT id FROM certifications WHERE metadata->>'marker' = $1`, [marker]);
    expect(again.body.data.id).toBe(rows[0].id);
    expect(await written(marker)).toEqual({ certifications: 1, events: 1, leaves: 1 });
  });

  describe('the service killed between commit and response', () => {
    let child: ChildProcess | undefined;
    let proxy: FaultyProxy | undefined;
    afterAll(async () => {
      if (child?.exitCode === null) child.kill('SIGKILL');
      await proxy?.close();
    });

    async function bootChild(port: number): Promise<ChildProcess> {
      const started = spawn(process.execPath, [join(process.cwd(), 'dist/apps/certification/src/main.js')], {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          PORT: String(port),
          HOST: '127.0.0.1',
          AUDIT_DATABASE_URL: inject('auditDatabaseUrl'),
          AUDIT_DATABASE_POOL_SIZE: '4',
          REDIS_URL: inject('redisUrl'),
          OAUTH_ISSUER: api.url,
          CHECKPOINT_INTERVAL_SECONDS: '3600',
          BULLMQ_PREFIX: `cert-idem-${randomUUID().slice(0, 8)}`,
        },
        stdio: 'ignore',
      });
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        try {
          if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return started;
        } catch {
          // not up yet
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error('the certification service did not start');
    }

    /**
     * The client reaches the service through a proxy that forwards the request and loses every byte of the
     * answer (the network path failing while the response travels): whatever the dying process managed to
     * write, the client sees a connection that closes without a response.
     */
    async function lossyProxy(targetPort: number): Promise<{ url: string; drop(): void }> {
      await proxy?.close();
      proxy = await FaultyProxy.start(targetPort);
      proxy.loseAnswersTo = () => true;
      return proxy;
    }

    async function kill(): Promise<void> {
      const exited = new Promise((r) => child!.once('exit', r));
      child!.kill('SIGKILL');
      await exited;
    }

    it('killed once the certification is visible: the retry (another instance) gets the stored response', async () => {
      const childPort = await freePort();
      child = await bootChild(childPort);
      const path = await lossyProxy(childPort);
      const marker = randomUUID();
      const key = randomUUID();
      const inFlight = certify(marker, key, { target: path }).then(
        () => 'answered',
        () => 'connection lost',
      );
      // the moment the certification has committed, the process dies: if the stored response committed
      // in a later transaction, this is the window in which it would be lost
      await until(async () => (await written(marker)).certifications === 1, 'the certification to commit');
      await kill();
      path.drop();
      expect(await inFlight).toBe('connection lost');
      expect(await storedKey(key)).toBe(true);

      const again = await certify(marker, key);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const { rows } = await db.query(`SELECT id FROM certifications WHERE metadata->>'marker' = $1`, [
        marker,
      ]);
      expect(rows).toHaveLength(1);
      expect(again.body.data.id).toBe(rows[0].id);
      expect(await written(marker)).toEqual({ certifications: 1, events: 1, leaves: 1 });
      // and the certificate it names is whole: signed, logged, verifiable
      await checkpointNow(cert);
      const bundle = await callCert(cert, 'GET', `/api/v1/certifications/${rows[0].id}/bundle`, { token });
      const trust = (await callCert(cert, 'GET', '/api/v1/trust')).body;
      expect((await verifyBundle(bundle.body, trust)).ok).toBe(true);
    }, 90_000); // boots the built service

    it('killed while the response is being stored: nothing was certified, and the retry certifies once', async () => {
      const childPort = await freePort();
      child = await bootChild(childPort);
      const path = await lossyProxy(childPort);
      const marker = randomUUID();
      const key = randomUUID();
      // an uncommitted record of the same key makes the service's INSERT of the stored response wait: the
      // process is killed exactly while it stores the response
      const blocker = new Client({ connectionString: inject('auditDatabaseUrl') });
      await blocker.connect();
      await blocker.query('BEGIN');
      await blocker.query(
        `INSERT INTO idempotency_keys (tenant_id, principal, key, fingerprint, method, path, response_status, expires_at)
         VALUES ($1, $2, $3, 'blocker', 'POST', '/', 201, now() + interval '1 hour')`,
        [tenant.id, `client:${client.clientId}`, key],
      );
      const { rows: xid } = await blocker.query(`SELECT (txid_current() % 4294967296)::text AS xid`);
      try {
        const inFlight = certify(marker, key, { target: path }).then(
          () => 'answered',
          () => 'connection lost',
        );
        await until(async () => {
          const { rows } = await db.query(
            `SELECT 1 FROM pg_locks WHERE locktype = 'transactionid' AND NOT granted AND transactionid::text = $1`,
            [xid[0].xid],
          );
          return rows.length > 0;
        }, 'the service to wait on the stored response');
        await kill();
        path.drop();
        expect(await inFlight).toBe('connection lost');
      } finally {
        await blocker.query('ROLLBACK');
        await blocker.end();
      }
      // the certification and its stored response are one transaction: neither survived
      expect(await written(marker)).toEqual({ certifications: 0, events: 0, leaves: 0 });
      expect(await storedKey(key)).toBe(false);
      const again = await certify(marker, key);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBeNull();
      expect(await written(marker)).toEqual({ certifications: 1, events: 1, leaves: 1 });
      expect((await certify(marker, key)).headers.get('idempotent-replayed')).toBe('true');
    }, 90_000); // boots the built service
  });
});

describe('Idempotency-Key on the review and revocation writes', () => {
  it('replays a revocation instead of answering 409 (already revoked) to the retry', async () => {
    const officer = await newUser(api, tenant, ['compliance_officer']);
    const officerToken = await certificationUserToken(api, officer);
    const created = await certify(randomUUID(), randomUUID());
    const id = created.body.data.id as string;
    const key = randomUUID();
    const revoke = (reason = 'Leaked personal data') =>
      callCert(cert, 'POST', `/api/v1/certifications/${id}/revoke`, {
        token: officerToken,
        body: { reason },
        headers: { 'idempotency-key': key },
      });
    const first = await revoke();
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.data.status).toBe('revoked');
    const again = await revoke();
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await revoke('Another reason')).status).toBe(422);
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM certification_events WHERE certification_id = $1 AND kind = 'revoked'`,
      [id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('keeps the audit database insert-only for the service: expired records are replaced and pruned by the database', async () => {
    // the service's role may not rewrite or delete a stored response
    for (const statement of [
      `UPDATE idempotency_keys SET response_body = 'forged' WHERE tenant_id = '${tenant.id}'`,
      `DELETE FROM idempotency_keys WHERE tenant_id = '${tenant.id}'`,
    ]) {
      await expect(asAppRole((app) => app.query(statement))).rejects.toThrow(/permission denied/);
    }
    // a key whose record expired is a new key: its record is replaced on use
    const reused = randomUUID();
    const expire = (key: string) =>
      db.query(
        `INSERT INTO idempotency_keys (tenant_id, principal, key, fingerprint, method, path, response_status, expires_at)
         VALUES ($1, $2, $3, 'old', 'POST', '/', 201, now() - interval '1 minute')`,
        [tenant.id, `client:${client.clientId}`, key],
      );
    await expire(reused);
    const marker = randomUUID();
    const fresh = await certify(marker, reused);
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get('idempotent-replayed')).toBeNull();
    expect((await certify(marker, reused)).headers.get('idempotent-replayed')).toBe('true');
    // the hourly prune deletes what expired and nothing else
    const old = randomUUID();
    await expire(old);
    const live = randomUUID();
    expect((await certify(randomUUID(), live)).status).toBe(201);
    expect(await cert.app.get(LogScheduler).pruneIdempotencyKeys()).toBeGreaterThanOrEqual(1);
    expect(await storedKey(old)).toBe(false);
    expect(await storedKey(live)).toBe(true);
    expect(await storedKey(reused)).toBe(true);
  });

  it('keeps the log whole: every leaf written under keys verifies against a new checkpoint', async () => {
    const created = await certify(randomUUID(), randomUUID());
    await checkpointNow(cert);
    const bundle = await callCert(cert, 'GET', `/api/v1/certifications/${created.body.data.id}/bundle`, {
      token,
    });
    const trust = (await callCert(cert, 'GET', '/api/v1/trust')).body;
    const result = await verifyBundle(bundle.body, trust);
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
  });
});
