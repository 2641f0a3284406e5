import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Client, Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MaintenanceTask, MaintenanceTasks } from '../src/maintenance/maintenance-tasks';
import { privateDatabase } from './support/private-database';

/**
 * BullMQ stalled-job recovery, end to end: a maintenance job is active in a worker process that is
 * SIGKILLed mid-job; a restarted worker picks the stalled job up once its lock expires and completes
 * it, and its side effect (deleting expired webhook deliveries, recorded in maintenance_runs) happens
 * exactly once.
 */
const prefix = `maint-test-${randomUUID().slice(0, 8)}`;
const LOCK_KEY = `oversing:maintenance:${MaintenanceTask.WebhookDeliveriesPrune}`;
let database: Awaited<ReturnType<typeof privateDatabase>>;
let pool: Pool;
let queue: Queue;
let tenantId: string;
let subscriptionId: string;

function startWorker(): ChildProcess {
  return spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
      REDIS_URL: inject('redisUrl'),
      METRICS_PORT: '0',
      BULLMQ_PREFIX: prefix,
      WORKER_QUEUES: 'maintenance',
      WEBHOOK_DELIVERY_RETENTION_DAYS: '30',
      MAINTENANCE_LOCK_DURATION_MS: '1500',
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

async function delivery(status: 'pending' | 'delivered' | 'dead', ageDays: number): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO webhook_deliveries (tenant_id, subscription_id, event_id, event_type, body, status, created_at)
     VALUES ($1, $2, gen_random_uuid(), 'task.created', '{}', $3, now() - make_interval(days => $4::int))
     RETURNING id`,
    [tenantId, subscriptionId, status, ageDays],
  );
  return rows[0].id;
}

const remaining = async (ids: string[]): Promise<string[]> =>
  (
    await pool.query<{ id: string }>(`SELECT id FROM webhook_deliveries WHERE id = ANY($1::uuid[])`, [ids])
  ).rows
    .map((r) => r.id)
    .sort();

beforeAll(async () => {
  database = await privateDatabase();
  pool = new Pool({ connectionString: database.url, max: 3 });
  tenantId = (
    await pool.query<{ id: string }>(`INSERT INTO tenants (slug, name) VALUES ($1, 'Maint') RETURNING id`, [
      `maint-${randomUUID().slice(0, 8)}`,
    ])
  ).rows[0].id;
  subscriptionId = (
    await pool.query<{ id: string }>(
      `INSERT INTO webhook_subscriptions (tenant_id, url, event_types, secret_encrypted)
       VALUES ($1, 'https://example.test/hook', '{task.*}', 'x') RETURNING id`,
      [tenantId],
    )
  ).rows[0].id;
  const redis = new URL(inject('redisUrl'));
  queue = new Queue('maintenance', {
    connection: { host: redis.hostname, port: Number(redis.port || 6379) },
    prefix,
  });
});

afterAll(async () => {
  await queue?.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  await pool?.end();
  await database?.drop();
});

describe('maintenance queue (apps/worker): a worker killed mid-job', () => {
  it('recovers the stalled job after a restart and completes it exactly once', async () => {
    const expired = [
      await delivery('delivered', 40),
      await delivery('dead', 45),
      await delivery('delivered', 31),
    ];
    const kept = [await delivery('pending', 40), await delivery('delivered', 2)];

    // Hold the task's lock so the job stays mid-flight (inside its transaction) until the kill.
    const blocker = new Client({ connectionString: database.url });
    await blocker.connect();
    await blocker.query(`SELECT pg_advisory_lock(hashtext($1))`, [LOCK_KEY]);
    const job = await queue.add(
      MaintenanceTask.WebhookDeliveriesPrune,
      {},
      { jobId: `crash-${randomUUID()}` },
    );

    let worker = startWorker();
    try {
      await until(
        async () =>
          (await job.getState()) === 'active' &&
          Number(
            (
              await blocker.query(
                `SELECT count(*) AS n FROM pg_stat_activity
                  WHERE datname = current_database() AND application_name = 'oversing-worker'
                    AND wait_event_type = 'Lock'`,
              )
            ).rows[0].n,
          ) === 1,
        20_000,
        'the job to be active and waiting inside its transaction',
      );
      worker.kill('SIGKILL');
      await until(async () => worker.signalCode !== null, 10_000, 'the kill');

      // Killed mid-job: nothing committed, and BullMQ still has the job active under the dead worker's lock.
      expect(await job.getState()).toBe('active');
      expect(await remaining([...expired, ...kept])).toEqual([...expired, ...kept].sort());
      await blocker.query(`SELECT pg_advisory_unlock(hashtext($1))`, [LOCK_KEY]);

      worker = startWorker();
      await until(async () => (await job.getState()) === 'completed', 30_000, 'the stalled job to complete');
    } finally {
      worker.kill('SIGTERM');
      await blocker.end();
    }

    const done = await queue.getJob(job.id!);
    // It went back to wait through BullMQ's stalled check once, then ran to completion.
    expect(done!.stalledCounter).toBe(1);
    expect(done!.returnvalue).toEqual({
      alreadyDone: false,
      result: { deleted: 3, retention_days: 30 },
    });
    const runs = await pool.query(`SELECT task, result FROM maintenance_runs WHERE job_id = $1`, [job.id]);
    expect(runs.rows).toEqual([
      { task: MaintenanceTask.WebhookDeliveriesPrune, result: { deleted: 3, retention_days: 30 } },
    ]);
    expect(await remaining([...expired, ...kept])).toEqual([...kept].sort());

    // Running the same job again (a duplicate delivery of it) does nothing a second time.
    const later = await delivery('delivered', 60);
    const again = await new MaintenanceTasks(pool, { webhookDeliveryRetentionDays: 30 }).run({
      id: job.id!,
      name: MaintenanceTask.WebhookDeliveriesPrune,
      attempt: 2,
    });
    expect(again).toEqual({ alreadyDone: true, result: { deleted: 3, retention_days: 30 } });
    expect(await remaining([later])).toEqual([later]);
    expect(Number((await pool.query(`SELECT count(*) AS n FROM maintenance_runs`)).rows[0].n)).toBe(1);
  }, 90_000);

  it('refuses an unknown maintenance task without touching anything', async () => {
    await expect(
      new MaintenanceTasks(pool, { webhookDeliveryRetentionDays: 30 }).run({
        id: randomUUID(),
        name: 'drop-everything',
        attempt: 1,
      }),
    ).rejects.toThrow('unknown maintenance task "drop-everything"');
  });
});
