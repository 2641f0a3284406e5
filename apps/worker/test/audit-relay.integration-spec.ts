import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AuditEventBatchContract } from '@oversing/contracts';
import { freePort } from '@oversing/testing';

/**
 * A real certification-service stand-in over HTTP: a token endpoint for client credentials and
 * POST /api/v1/audit-events storing events idempotently (by event_id) in a real PostgreSQL table.
 */
class Receiver {
  server: Server;
  url = '';
  receipts = 0;
  requests = 0;
  /** Called after a batch was stored and before the response is sent. */
  onStored: (requestNumber: number) => Promise<void> = async () => undefined;
  failWith: number | null = null;
  readonly token = randomUUID();

  constructor(private readonly pool: Pool) {
    this.server = createServer(
      (req, res) => void this.handle(req, res.writeHead.bind(res), res.end.bind(res)),
    );
  }

  async start(): Promise<void> {
    const port = await freePort();
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${port}`;
  }

  private async handle(
    req: IncomingMessage,
    writeHead: (status: number, headers?: Record<string, string>) => unknown,
    end: (body?: string) => unknown,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    if (req.url === '/oauth/token') {
      const params = new URLSearchParams(body);
      const ok =
        req.headers.authorization === `Basic ${Buffer.from('relay:secret').toString('base64')}` &&
        params.get('scope') === 'audit:write' &&
        params.get('resource') === 'urn:oversing:certification';
      writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      end(JSON.stringify(ok ? { access_token: this.token, expires_in: 600 } : { error: 'invalid_client' }));
      return;
    }
    if (req.url !== '/api/v1/audit-events' || req.headers.authorization !== `Bearer ${this.token}`) {
      writeHead(401);
      end();
      return;
    }
    if (this.failWith) {
      writeHead(this.failWith);
      end();
      return;
    }
    const { events } = JSON.parse(body) as AuditEventBatchContract;
    // Numbered among the batches that carry this suite's events.
    const requestNumber = events.some((e) => e.tenant_id === tenantId) ? ++this.requests : 0;
    // The outbox is shared with other suites of the run: count only this suite's tenant.
    this.receipts += events.filter((e) => e.tenant_id === tenantId).length;
    await this.pool.query(
      `INSERT INTO relay_test_received (event_id, event)
       SELECT (e->>'event_id')::uuid, e FROM jsonb_array_elements($1::jsonb) e ON CONFLICT (event_id) DO NOTHING`,
      [JSON.stringify(events)],
    );
    await this.onStored(requestNumber);
    writeHead(200, { 'content-type': 'application/json' });
    end(JSON.stringify({ data: { accepted: events.length, duplicates: 0 } }));
  }
}

let pool: Pool;
let receiver: Receiver;
let tenantId: string;
const prefix = `relay-test-${randomUUID().slice(0, 8)}`;

function startWorker(): ChildProcess {
  return spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: inject('redisUrl'),
      METRICS_PORT: '0',
      BULLMQ_PREFIX: prefix,
      // Only the relay: webhook deliveries of other suites in this database are not this test's to send.
      WORKER_QUEUES: 'audit-relay',
      CERTIFICATION_URL: receiver.url,
      OAUTH_TOKEN_URL: `${receiver.url}/oauth/token`,
      AUDIT_RELAY_CLIENT_ID: 'relay',
      AUDIT_RELAY_CLIENT_SECRET: 'secret',
      AUDIT_RELAY_BATCH_SIZE: '50',
      AUDIT_RELAY_INTERVAL_MS: '100',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function insertEvents(count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  for (const id of ids) {
    await pool.query(
      `INSERT INTO audit_outbox (event_id, tenant_id, entity_type, entity_id, action, actor_type, after_state)
       VALUES ($1::uuid, $2, 'task', $1::text, 'created', 'system', '{"title":"x"}')`,
      [id, tenantId],
    );
  }
  return ids;
}

const pendingOf = async (ids: string[]): Promise<number> =>
  Number(
    (
      await pool.query(
        `SELECT count(*) AS n FROM audit_outbox WHERE event_id = ANY($1) AND delivered_at IS NULL`,
        [ids],
      )
    ).rows[0].n,
  );

beforeAll(async () => {
  pool = new Pool({ connectionString: inject('databaseUrl'), max: 4 });
  await pool.query(
    `CREATE TABLE IF NOT EXISTS relay_test_received (event_id uuid PRIMARY KEY, event jsonb NOT NULL)`,
  );
  tenantId = (
    await pool.query<{ id: string }>(`INSERT INTO tenants (slug, name) VALUES ($1, 'Relay') RETURNING id`, [
      `relay-${randomUUID().slice(0, 8)}`,
    ])
  ).rows[0].id;
  receiver = new Receiver(pool);
  await receiver.start();
});
afterAll(async () => {
  receiver?.server.close();
  await pool?.end();
});

describe('audit outbox relay (apps/worker)', () => {
  it('loses nothing and stores nothing twice when the relay is SIGKILLed mid-batch and restarted', async () => {
    const ids = await insertEvents(240);
    let worker = startWorker();
    let killed = false;
    receiver.onStored = async (n) => {
      if (n === 2 && !killed) {
        killed = true;
        worker.kill('SIGKILL');
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    await until(
      async () => (killed && worker.exitCode !== null) || worker.signalCode !== null,
      20_000,
      'the kill',
    );
    const pendingAfterKill = await pendingOf(ids);
    const receivedAfterKill = receiver.receipts;
    const committed = 240 - pendingAfterKill;
    // The batch in flight reached the receiver, but its delivery was never committed.
    const inFlight = receivedAfterKill - committed;
    expect(pendingAfterKill).toBeGreaterThan(0);
    expect(inFlight).toBeGreaterThan(0);

    worker = startWorker();
    try {
      await until(async () => (await pendingOf(ids)) === 0, 30_000, 'the outbox to drain');
    } finally {
      worker.kill('SIGTERM');
    }
    const stored = await pool.query<{ event_id: string }>(
      `SELECT event_id FROM relay_test_received WHERE event_id = ANY($1)`,
      [ids],
    );
    expect(stored.rows.map((r) => r.event_id).sort()).toEqual([...ids].sort());
    // The interrupted batch was sent again (at-least-once) and deduplicated by event_id.
    expect(receiver.receipts).toBe(240 + inFlight);
    const delivered = await pool.query(
      `SELECT count(*) AS n FROM audit_outbox WHERE event_id = ANY($1) AND delivered_at IS NOT NULL AND attempts = 1`,
      [ids],
    );
    expect(Number(delivered.rows[0].n)).toBe(240);
  });

  it('keeps events pending with the error while the receiver refuses, and delivers them once it recovers', async () => {
    receiver.onStored = async () => undefined;
    receiver.failWith = 503;
    const ids = await insertEvents(10);
    const worker = startWorker();
    try {
      await until(
        async () =>
          Number(
            (
              await pool.query(
                `SELECT count(*) AS n FROM audit_outbox WHERE event_id = ANY($1) AND attempts >= 2`,
                [ids],
              )
            ).rows[0].n,
          ) === 10,
        20_000,
        'failed attempts',
      );
      const row = await pool.query(`SELECT last_error, delivered_at FROM audit_outbox WHERE event_id = $1`, [
        ids[0],
      ]);
      expect(row.rows[0].delivered_at).toBeNull();
      expect(row.rows[0].last_error).toContain('503');
      receiver.failWith = null;
      await until(async () => (await pendingOf(ids)) === 0, 20_000, 'recovery');
    } finally {
      worker.kill('SIGTERM');
    }
    const stored = await pool.query(
      `SELECT count(*) AS n FROM relay_test_received WHERE event_id = ANY($1)`,
      [ids],
    );
    expect(Number(stored.rows[0].n)).toBe(10);
  });
});
