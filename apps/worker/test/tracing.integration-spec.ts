// First: tracing must hook http, pg and ioredis before the apps load them.
import { spans, tracing } from './support/in-memory-tracing';
import { randomUUID } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientCredentialsTokenSource } from '@oversing/platform';
/* eslint-disable @nx/enforce-module-boundaries -- integration test: the real API and certification service */
import {
  call,
  CERTIFICATION_AUDIENCE,
  newClient,
  newTenant,
  RunningApi,
  RunningCertification,
  startApi,
  startCertification,
  TestTenant,
} from '../../certification/test/support/certification-harness';
import { clientToken } from '../../api/test/support/api-harness';
import { OAuthClientRepository } from '../../api/src/oauth/oauth-client.repository';
/* eslint-enable @nx/enforce-module-boundaries */
import { HttpAuditSink } from '../src/audit-relay/audit-sink';
import { OutboxRelay } from '../src/audit-relay/outbox-relay';
import { privateDatabase } from './support/private-database';

const SCOPES = ['tasks:read', 'tasks:write', 'programs:write'];
const RELAY_CLIENT = { id: `oversing-relay-${randomUUID().slice(0, 8)}`, secret: `relay-${randomUUID()}` };

let database: Awaited<ReturnType<typeof privateDatabase>>;
let api: RunningApi;
let cert: RunningCertification;
let pool: Pool;
let tenant: TestTenant;
let token: string;
const logLines: { fields: Record<string, unknown>; message: string }[] = [];
let relay: OutboxRelay;

const serverSpan = (path: string, method: string) => (s: ReadableSpan) =>
  s.kind === SpanKind.SERVER &&
  s.attributes['http.method'] === method &&
  String(s.attributes['http.target']).split('?')[0] === path;

beforeAll(async () => {
  database = await privateDatabase();
  api = await startApi({ DATABASE_URL: database.url });
  await api.app.get(OAuthClientRepository).upsertInternalClient(RELAY_CLIENT.id, RELAY_CLIENT.secret);
  cert = await startCertification(api);
  tenant = await newTenant(api);
  token = await clientToken(api, await newClient(api, tenant, SCOPES), SCOPES);
  pool = new Pool({ connectionString: database.url, max: 2 });
  const sink = new HttpAuditSink(
    cert.url,
    new ClientCredentialsTokenSource({
      tokenUrl: `${api.url}/oauth/token`,
      clientId: RELAY_CLIENT.id,
      clientSecret: RELAY_CLIENT.secret,
      scope: 'audit:write',
      resource: CERTIFICATION_AUDIENCE,
    }),
  );
  relay = new OutboxRelay(pool, sink, 50, { info: (fields, message) => logLines.push({ fields, message }) });
});

afterAll(async () => {
  await tracing.shutdown();
  await pool?.end();
  await cert?.close();
  await api?.close();
  await database?.drop();
});

describe('tracing from the API through the audit outbox to the certification service', () => {
  it('continues the request trace in the relay delivery and the certification ingest', async () => {
    // Events written by the suite's setup (tenant provisioning) go first, outside any request.
    await relay.drain();
    const program = await call(api, 'POST', '/api/v1/programs', { token, body: { name: 'Traced' } });
    expect(program.status).toBe(201);
    // One trace per delivery: relay the program's event before the task's request.
    await relay.drain();
    const task = await call(api, 'POST', '/api/v1/tasks', {
      token,
      body: { program_id: program.body.data.id, title: 'Follow me' },
    });
    expect(task.status).toBe(201);
    const requestId = task.headers.get('x-request-id');
    expect(requestId).toBeTruthy();

    // The API's server span for the request that changed the task.
    const apiSpan = spans.getFinishedSpans().find(serverSpan('/api/v1/tasks', 'POST'));
    expect(apiSpan, 'a server span for POST /api/v1/tasks').toBeDefined();
    const traceId = apiSpan!.spanContext().traceId;

    // The outbox row was written in the request's transaction with the request's trace and id.
    const row = await pool.query<{ metadata: Record<string, string> }>(
      `SELECT metadata FROM audit_outbox WHERE entity_type = 'task' AND entity_id = $1 AND action = 'created'`,
      [task.body.data.id],
    );
    expect(row.rows[0].metadata.traceparent).toBe(`00-${traceId}-${apiSpan!.spanContext().spanId}-01`);
    expect(row.rows[0].metadata.request_id).toBe(requestId);

    expect(await relay.drain()).toBeGreaterThan(0);
    await tracing.flush();
    const finished = spans.getFinishedSpans();

    // The worker's delivery span is a child of the request's span.
    const delivery = finished.find(
      (s) => s.name === 'audit-relay deliver' && s.spanContext().traceId === traceId,
    );
    expect(delivery, 'a relay delivery span in the request trace').toBeDefined();
    expect(delivery!.kind).toBe(SpanKind.CONSUMER);
    expect(delivery!.parentSpanId).toBe(apiSpan!.spanContext().spanId);
    expect(delivery!.attributes['oversing.tenant_id']).toBe(tenant.id);

    // The certification service's server span for the ingest is in the same trace, under the relay.
    const ingest = finished.filter(serverSpan('/api/v1/audit-events', 'POST'));
    const tracedIngest = ingest.find((s) => s.spanContext().traceId === traceId);
    expect(tracedIngest, 'a certification server span in the request trace').toBeDefined();
    const clientSpan = finished.find((s) => s.spanContext().spanId === tracedIngest!.parentSpanId);
    expect(clientSpan?.kind).toBe(SpanKind.CLIENT);
    expect(clientSpan?.parentSpanId).toBe(delivery!.spanContext().spanId);

    // The certification service stored the event under the same request id, and the relay logged it.
    const stored = await call(
      { url: cert.url } as RunningApi,
      'GET',
      `/api/v1/audit-events?entity_id=${task.body.data.id}`,
      {
        token: await clientToken(
          api,
          await newClient(api, tenant, ['audit:read']),
          ['audit:read'],
          CERTIFICATION_AUDIENCE,
        ),
      },
    );
    expect(stored.status).toBe(200);
    expect(
      stored.body.data.map((e: { metadata: { request_id: string } }) => e.metadata.request_id),
    ).toContain(requestId);
    const line = logLines.find((l) => (l.fields.request_ids as string[]).includes(requestId!));
    expect(line?.message).toBe('audit events delivered');
    expect(line?.fields.trace_id).toBe(traceId);
    expect(line?.fields.tenant_id).toBe(tenant.id);
  });

  it('makes a batch of several requests a child of the first and links it to the others', async () => {
    const first = await call(api, 'POST', '/api/v1/programs', { token, body: { name: 'First' } });
    const second = await call(api, 'POST', '/api/v1/programs', { token, body: { name: 'Second' } });
    expect([first.status, second.status]).toEqual([201, 201]);
    const [firstSpan, secondSpan] = spans
      .getFinishedSpans()
      .filter(serverSpan('/api/v1/programs', 'POST'))
      .slice(-2)
      .map((s) => s.spanContext());
    expect(firstSpan.traceId).not.toBe(secondSpan.traceId);
    spans.reset();
    expect(await relay.drain()).toBe(2);
    await tracing.flush();
    const deliveries = spans.getFinishedSpans().filter((s) => s.name === 'audit-relay deliver');
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0].spanContext().traceId).toBe(firstSpan.traceId);
    expect(deliveries[0].parentSpanId).toBe(firstSpan.spanId);
    expect(deliveries[0].links.map((l) => l.context.spanId)).toEqual([secondSpan.spanId]);
    const line = logLines.at(-1)!;
    expect(line.fields.request_ids).toEqual([
      first.headers.get('x-request-id'),
      second.headers.get('x-request-id'),
    ]);
    expect(line.fields.request_id).toBeUndefined();
  });

  it('starts a fresh trace for rows written outside a request (no traceparent)', async () => {
    const eventId = randomUUID();
    await pool.query(
      `INSERT INTO audit_outbox (event_id, tenant_id, entity_type, entity_id, action, actor_type, after_state)
       VALUES ($1::uuid, $2, 'task', $1::text, 'created', 'system', '{}')`,
      [eventId, tenant.id],
    );
    spans.reset();
    expect(await relay.drain()).toBe(1);
    const delivery = spans.getFinishedSpans().find((s) => s.name === 'audit-relay deliver');
    expect(delivery).toBeDefined();
    expect(delivery!.parentSpanId).toBeUndefined();
    const line = logLines.find((l) => (l.fields.event_ids as string[]).includes(eventId));
    expect(line?.fields.request_ids).toEqual([]);
  });
});
