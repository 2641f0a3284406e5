/* eslint-disable @nx/enforce-module-boundaries --
   the exports journey runs the API and the worker that produces the file together, in one process */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseConfig, QueueName } from '@oversing/platform';
import { workerConfigSchema } from '../../worker/src/worker.config';
import { WorkerModule } from '../../worker/src/worker.module';
import { OAuthClientRepository } from '../src/oauth/oauth-client.repository';
import {
  call,
  clientToken,
  newClient,
  newTenant,
  newUser,
  RunningApi,
  startApi,
  TestTenant,
} from './support/api-harness';
import { exchangeCode, signInWithPkce, WEB_REDIRECT_URI } from './support/oauth-flows';

const bullPrefix = `exports-${randomUUID().slice(0, 8)}`;
const SCOPES = ['tasks:read', 'tasks:write', 'programs:read', 'programs:write'];
const BULK = 12_000;

let api: RunningApi;
let worker: INestApplicationContext;
let tenant: TestTenant;
let token: string;
let big: { id: string };
let small: { id: string };

async function post(path: string, body: Record<string, unknown>, as = token): Promise<any> {
  const response = await call(api, 'POST', path, { token: as, body });
  expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
  return response.body.data;
}

/** Polls the export until the worker has finished it (its progress is what a user watches). */
async function finished(id: string, as = token): Promise<any> {
  let seen: any;
  await expect
    .poll(
      async () => {
        seen = (await call(api, 'GET', `/api/v1/exports/${id}`, { token: as })).body.data;
        return seen.status;
      },
      { timeout: 60_000, interval: 100 },
    )
    .toMatch(/completed|failed/);
  return seen;
}

async function download(url: string): Promise<Response> {
  return fetch(url);
}

function parseCsv(text: string): string[][] {
  // enough of RFC 4180 for the assertions: quoted fields with doubled quotes, CRLF records
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  return records;
}

beforeAll(async () => {
  api = await startApi({ BULLMQ_PREFIX: bullPrefix });
  worker = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(
      parseConfig(workerConfigSchema, {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: inject('databaseUrl'),
        REDIS_URL: inject('redisUrl'),
        BULLMQ_PREFIX: bullPrefix,
        WORKER_QUEUES: 'exports',
      }),
    ),
    { logger: false },
  );
  await api.app
    .get(OAuthClientRepository)
    .upsertPublicWebClient('oversing-web', [WEB_REDIRECT_URI], ['http://127.0.0.1:4173/']);
  tenant = await newTenant(api);
  token = await clientToken(api, await newClient(api, tenant, SCOPES), SCOPES);
  big = await post('/api/v1/programs', { name: 'Bulk, "quoted" program' });
  small = await post('/api/v1/programs', { name: 'Small' });
  await post('/api/v1/tasks', { program_id: small.id, title: '=HYPERLINK("http://evil")', priority: 1 });
  await post('/api/v1/tasks', { program_id: small.id, title: 'Two\nlines, and "quotes"', status: 'done' });
  // many tasks at once, straight into the table: the export must page through them
  await api.app.get(DataSource).query(
    `INSERT INTO tasks (tenant_id, program_id, title, priority, created_at)
     SELECT $1, $2, 'Bulk task ' || n, 1 + n % 5, now() - (n || ' seconds')::interval
       FROM generate_series(1, $3) AS n`,
    [tenant.id, big.id, BULK],
  );
});

afterAll(async () => {
  await worker
    ?.get<Queue>(getQueueToken(QueueName.Exports))
    .obliterate({ force: true })
    .catch(() => undefined);
  await worker?.close();
  await api?.close();
});

describe('exports as jobs', () => {
  it('streams every task into a CSV in chunks, with progress, and serves it through a signed link', async () => {
    const queued = await call(api, 'POST', '/api/v1/exports', { token, body: { kind: 'tasks' } });
    expect(queued.status).toBe(202);
    expect(queued.body.data).toMatchObject({
      kind: 'tasks',
      format: 'csv',
      status: 'queued',
      download_url: null,
    });

    const done = await finished(queued.body.data.id);
    expect(done.status).toBe('completed');
    expect(done.progress).toEqual({ processed_rows: BULK + 2, total_rows: BULK + 2, percent: 100 });
    // written in chunks of 1 MiB: more than one for this many rows
    const [{ chunks }] = await api.app
      .get(DataSource)
      .query('SELECT count(*)::int AS chunks FROM data_export_chunks WHERE export_id = $1', [done.id]);
    expect(chunks).toBeGreaterThan(1);

    const file = await download(done.download_url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('text/csv');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${done.file_name}"`);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.length).toBe(done.byte_size);
    const records = parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    expect(records[0]).toEqual([
      'id',
      'title',
      'status',
      'priority',
      'program',
      'assignee',
      'due_date',
      'estimate_minutes',
      'created_at',
      'updated_at',
      'completed_at',
    ]);
    expect(records).toHaveLength(BULK + 3);
    expect(new Set(records.slice(1).map((r) => r[0])).size).toBe(BULK + 2); // no row twice across pages
    const titles = records.map((r) => r[1]);
    expect(titles).toContain(`'=HYPERLINK("http://evil")`); // a formula is defused
    expect(titles).toContain('Two\nlines, and "quotes"');
    expect(records.find((r) => r[1] === 'Bulk task 1')![4]).toBe('Bulk, "quoted" program');
  });

  it('applies the list filters', async () => {
    const queued = await post('/api/v1/exports', {
      kind: 'tasks',
      filters: { program: small.id, status: ['done'] },
    });
    const done = await finished(queued.id);
    const records = parseCsv(
      Buffer.from(await (await download(done.download_url)).arrayBuffer())
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    );
    expect(records.slice(1).map((r) => r[1])).toEqual(['Two\nlines, and "quotes"']);
  });

  it('refuses a tampered, expired or foreign link, and hides exports from everyone but the requester', async () => {
    const done = await finished(
      (await post('/api/v1/exports', { kind: 'tasks', filters: { q: 'quotes' } })).id,
    );
    const url = new URL(done.download_url);
    expect(url.searchParams.get('tenant')).toBe(tenant.id);

    const tampered = new URL(url);
    tampered.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    const expired = new URL(url);
    expired.searchParams.set('expires', String(Math.floor(Date.now() / 1000) - 1));
    const otherTenant = new URL(url);
    otherTenant.searchParams.set('tenant', (await newTenant(api)).id);
    const unsigned = new URL(url);
    unsigned.searchParams.delete('signature');
    for (const bad of [tampered, expired, otherTenant, unsigned]) {
      const response = await download(bad.toString());
      expect(response.status, bad.toString()).toBe(403);
      expect(((await response.json()) as any).error.code).toBe('FORBIDDEN');
    }

    const colleague = await clientToken(api, await newClient(api, tenant, SCOPES), SCOPES);
    expect((await call(api, 'GET', `/api/v1/exports/${done.id}`, { token: colleague })).status).toBe(404);
    const theirs = await call(api, 'GET', '/api/v1/exports', { token: colleague });
    expect(theirs.body.data).toEqual([]);
    const mine = await call(api, 'GET', '/api/v1/exports', { token });
    expect(mine.body.data[0].id).toBe(done.id);
  });

  it('exports only what a program-scoped member may read, and nothing without tasks:read', async () => {
    const admin = await newUser(api, tenant, ['admin']);
    const adminToken = (await exchangeCode(await signInWithPkce(api, admin, 'openid users:write')))
      .access_token;
    const member = await newUser(api, tenant, []);
    const grant = await call(api, 'POST', `/api/v1/users/${member.id}/roles`, {
      token: adminToken,
      body: { role: 'viewer', context_type: 'program', context_id: small.id },
    });
    expect(grant.status, JSON.stringify(grant.body)).toBeLessThan(300);
    const memberToken = (await exchangeCode(await signInWithPkce(api, member, 'openid tasks:read')))
      .access_token;
    const done = await finished(
      (await post('/api/v1/exports', { kind: 'tasks' }, memberToken)).id,
      memberToken,
    );
    expect(done.progress.total_rows).toBe(2); // the small program only, none of the bulk

    const noTasks = await clientToken(api, await newClient(api, tenant, ['programs:read']), [
      'programs:read',
    ]);
    const refused = await call(api, 'POST', '/api/v1/exports', { token: noTasks, body: { kind: 'tasks' } });
    expect(refused.status).toBe(403);
  });

  it('refuses bad requests with the error envelope', async () => {
    for (const body of [
      { kind: 'secrets' },
      { kind: 'tasks', format: 'xlsx' },
      { kind: 'tasks', filters: { status: ['nope'] } },
      { kind: 'tasks', filters: { program: 'not-a-uuid' } },
    ]) {
      const response = await call(api, 'POST', '/api/v1/exports', { token, body });
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
    }
  });
});
