/* eslint-disable @nx/enforce-module-boundaries --
 * Test support only: the worker gets a database of its own, migrated by the repository's migrator,
 * so its relay never touches the outbox rows of the suites running beside it.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseConfig, QueueName } from '@oversing/platform';
import { freePort } from '@oversing/testing';
import { migrateAll } from '../../../tools/migrate';
import { HttpAuditSink } from '../src/audit-relay/audit-sink';
import { startMetricsServer } from '../src/metrics-server';
import { workerConfigSchema } from '../src/worker.config';
import { WorkerModule } from '../src/worker.module';

const suffix = randomUUID().slice(0, 8);
const server = new URL(inject('databaseUrl'));
const databaseUrl = `${server.protocol}//${server.username}@${server.host}/oversing_worker_metrics_${suffix}`;
const auditDatabaseUrl = `${server.protocol}//${server.username}@${server.host}/runcible_worker_metrics_${suffix}`;

let worker: INestApplicationContext;
let metrics: Server;
let metricsUrl: string;
let receiver: Server;
let pool: Pool;
const received: string[] = [];

async function scrape(): Promise<string> {
  return (await fetch(`${metricsUrl}/metrics`)).text();
}

function value(text: string, series: RegExp): number {
  const match = new RegExp(`^${series.source} (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : NaN;
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  await migrateAll({ ...process.env, DATABASE_URL: databaseUrl, AUDIT_DATABASE_URL: auditDatabaseUrl });
  pool = new Pool({ connectionString: databaseUrl, max: 2 });
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { events: { event_id: string }[] };
      received.push(...body.events.map((e) => e.event_id));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{}}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const config = parseConfig(workerConfigSchema, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    REDIS_URL: inject('redisUrl'),
    BULLMQ_PREFIX: `wm-${suffix}`,
    WORKER_QUEUES: 'audit-relay',
    AUDIT_RELAY_INTERVAL_MS: '100',
    CERTIFICATION_URL: receiverUrl,
  });
  worker = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(config, new HttpAuditSink(receiverUrl, { token: async () => 'test-token' })),
    { logger: false },
  );
  worker.enableShutdownHooks();
  await worker.init();
  const port = await freePort();
  metrics = await startMetricsServer(port, '127.0.0.1');
  metricsUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  metrics?.close();
  receiver?.close();
  await worker?.close();
  await pool?.end();
  const admin = new Client({
    connectionString: `${server.protocol}//${server.username}@${server.host}/postgres`,
  });
  await admin.connect();
  for (const url of [databaseUrl, auditDatabaseUrl])
    await admin
      .query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`)
      .catch(() => undefined);
  await admin.end();
});

describe('worker /metrics', () => {
  it('exposes queue depths, job durations and the database pool of the worker', async () => {
    const tenantId = (
      await pool.query<{ id: string }>(`INSERT INTO tenants (slug, name) VALUES ($1, 'M') RETURNING id`, [
        `m-${suffix}`,
      ])
    ).rows[0].id;
    const eventId = randomUUID();
    await pool.query(
      `INSERT INTO audit_outbox (event_id, tenant_id, entity_type, entity_id, action, actor_type, after_state)
       VALUES ($1::uuid, $2, 'task', $1::text, 'created', 'system', '{}')`,
      [eventId, tenantId],
    );
    await until(async () => received.includes(eventId), 'the relay to deliver');

    const completed = /oversing_job_duration_seconds_count\{queue="audit-relay",status="completed"\}/;
    await until(async () => value(await scrape(), completed) >= 1, 'a completed job in the histogram');
    const text = await scrape();
    expect(value(text, completed)).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(
      /oversing_job_duration_seconds_bucket\{le="[^"]+",queue="audit-relay",status="completed"\}/,
    );
    for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed']) {
      expect(
        value(text, new RegExp(`oversing_queue_jobs\\{queue="${QueueName.AuditRelay}",state="${state}"\\}`)),
      ).toBeGreaterThanOrEqual(0);
    }
    // the repeatable relay job is always scheduled: one delayed (or waiting/active) job at any time
    const scheduled = ['waiting', 'active', 'delayed'].reduce(
      (sum, state) =>
        sum +
        value(text, new RegExp(`oversing_queue_jobs\\{queue="${QueueName.AuditRelay}",state="${state}"\\}`)),
      0,
    );
    expect(scheduled).toBeGreaterThanOrEqual(1);
    expect(value(text, /oversing_db_pool_connections\{app="worker",state="total"\}/)).toBeGreaterThanOrEqual(
      1,
    );
    expect(value(text, /oversing_db_pool_connections\{app="worker",state="waiting"\}/)).toBe(0);
    expect(value(text, /audit_relay_delivered_total/)).toBeGreaterThanOrEqual(1);

    const health = await fetch(`${metricsUrl}/health/ready`);
    expect(health.status).toBe(200);
  });
});
