import { randomUUID } from 'node:crypto';
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
import { AuditDeadLettersRepository } from '../../api/src/audit/audit-dead-letters.repository';
/* eslint-enable @nx/enforce-module-boundaries */
import { HttpAuditSink } from '../src/audit-relay/audit-sink';
import { DeadLetter, OutboxRelay } from '../src/audit-relay/outbox-relay';
import { privateDatabase } from './support/private-database';

/**
 * Issue 13: one refused audit event used to stop the relay for every tenant, for ever (the batch rolled
 * back and the refused row stayed first). Against the real API and certification service.
 */
const SCOPES = ['tasks:read', 'tasks:write', 'programs:write'];
const RELAY_CLIENT = { id: `oversing-relay-${randomUUID().slice(0, 8)}`, secret: `relay-${randomUUID()}` };
const MiB = 1024 * 1024;

let database: Awaited<ReturnType<typeof privateDatabase>>;
let api: RunningApi;
let cert: RunningCertification;
let pool: Pool;
let tenant: TestTenant;
let token: string;
let auditReader: string;
const deadLettered: DeadLetter[] = [];

function relayTo(certification: RunningCertification): OutboxRelay {
  const sink = new HttpAuditSink(
    certification.url,
    new ClientCredentialsTokenSource({
      tokenUrl: `${api.url}/oauth/token`,
      clientId: RELAY_CLIENT.id,
      clientSecret: RELAY_CLIENT.secret,
      scope: 'audit:write',
      resource: CERTIFICATION_AUDIENCE,
    }),
  );
  return new OutboxRelay(pool, sink, 50, undefined, {
    maxBatchBytes: MiB,
    onDeadLetters: (letters) => deadLettered.push(...letters),
  });
}

/** An outbox row written behind the API's back: what older code (or a bug) may have left there. */
async function insertRaw(values: { metadata?: string; after?: string }): Promise<string> {
  const id = randomUUID();
  await pool.query(
    `INSERT INTO audit_outbox (event_id, tenant_id, entity_type, entity_id, action, actor_type, after_state, metadata)
     VALUES ($1::uuid, $2, 'task', $1::text, 'updated', 'system', $3::jsonb, $4::jsonb)`,
    [id, tenant.id, values.after ?? '{"title":"x"}', values.metadata ?? '{}'],
  );
  return id;
}

async function storedAt(certification: RunningCertification, entityId: string): Promise<any[]> {
  const response = await call(
    { url: certification.url } as RunningApi,
    'GET',
    `/api/v1/audit-events?entity_id=${entityId}`,
    { token: auditReader },
  );
  expect(response.status).toBe(200);
  return response.body.data;
}

beforeAll(async () => {
  database = await privateDatabase();
  api = await startApi({ DATABASE_URL: database.url });
  await api.app.get(OAuthClientRepository).upsertInternalClient(RELAY_CLIENT.id, RELAY_CLIENT.secret);
  // a receiver whose ingest limit (2 MiB) a crafted 2.5 MiB event exceeds
  cert = await startCertification(api, { AUDIT_INGEST_BODY_LIMIT_BYTES: String(2 * MiB) });
  tenant = await newTenant(api);
  token = await clientToken(api, await newClient(api, tenant, SCOPES), SCOPES);
  auditReader = await clientToken(
    api,
    await newClient(api, tenant, ['audit:read']),
    ['audit:read'],
    CERTIFICATION_AUDIENCE,
  );
  pool = new Pool({ connectionString: database.url, max: 2 });
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await cert?.close();
  await api?.close();
  await database?.drop();
});

describe('the audit relay with events the receiver refuses', () => {
  let invalid: string;
  let oversized: string;
  let programId: string;
  let largeTaskId: string;
  let browserTaskId: string;

  it('dead-letters a refused event with the reason and delivers every other one, large outputs included', async () => {
    const relay = relayTo(cert);
    await relay.drain(); // the tenant's provisioning events

    invalid = await insertRaw({ metadata: '[1]' }); // the receiver's schema refuses it: 422
    programId = (await call(api, 'POST', '/api/v1/programs', { token, body: { name: 'Relayed' } })).body.data
      .id;
    const browserTask = await call(api, 'POST', '/api/v1/tasks', {
      token,
      body: { program_id: programId, title: 'From a long User-Agent' },
      headers: { 'user-agent': `Mozilla/5.0 ${'x'.repeat(3000)}` },
    });
    expect(browserTask.status).toBe(201);
    browserTaskId = browserTask.body.data.id;
    oversized = await insertRaw({ after: JSON.stringify({ blob: 'y'.repeat(2.5 * MiB) }) }); // 413
    const largeTask = await call(api, 'POST', '/api/v1/tasks', {
      token,
      body: { program_id: programId, title: 'Large output' },
    });
    largeTaskId = largeTask.body.data.id;
    const withOutput = await call(api, 'PATCH', `/api/v1/tasks/${largeTaskId}`, {
      token,
      body: {
        llm_output: { input: { prompt: 'p' }, output: 'z'.repeat(700_000), provider: 'p', model: 'm' },
      },
    });
    expect(withOutput.status, JSON.stringify(withOutput.body).slice(0, 300)).toBe(200);
    // before and after state both carry an output: one event of 1.4 MB, over the old 1 MiB limit
    const again = await call(api, 'PATCH', `/api/v1/tasks/${largeTaskId}`, {
      token,
      body: {
        llm_output: { input: { prompt: 'q' }, output: 'w'.repeat(700_000), provider: 'p', model: 'm' },
      },
    });
    expect(again.status).toBe(200);

    await relay.drain();

    expect(await relay.pending()).toBe(0);
    expect(deadLettered.map((d) => [d.event_id, d.status]).sort()).toEqual(
      [
        [invalid, 422],
        [oversized, 413],
      ].sort(),
    );
    const letters = await pool.query(
      `SELECT event_id, status, reason FROM audit_dead_letters WHERE replayed_at IS NULL ORDER BY id`,
    );
    expect(letters.rows.map((r) => r.event_id).sort()).toEqual([invalid, oversized].sort());
    expect(letters.rows.find((r) => r.event_id === invalid).reason).toMatch(/metadata/);
    const marked = await pool.query(
      `SELECT count(*)::int AS n FROM audit_outbox WHERE event_id = ANY($1) AND dead_lettered_at IS NOT NULL AND delivered_at IS NULL`,
      [[invalid, oversized]],
    );
    expect(marked.rows[0].n).toBe(2);

    // the events written after the refused ones reached the audit store, the 1.4 MB one too
    const large = await storedAt(cert, largeTaskId);
    expect(large.map((e) => e.action)).toEqual(expect.arrayContaining(['created', 'updated']));
    expect(Math.max(...large.map((e) => JSON.stringify(e).length))).toBeGreaterThan(1_400_000);
    // the User-Agent was truncated at capture to what the store accepts
    const [fromBrowser] = await storedAt(cert, browserTaskId);
    expect(fromBrowser.user_agent).toHaveLength(1000);
    expect(fromBrowser.user_agent.startsWith('Mozilla/5.0 ')).toBe(true);
  });

  it('lists the dead letters and replays one after the cause was fixed', async () => {
    const letters = api.app.get(AuditDeadLettersRepository);
    expect((await letters.open()).map((l) => [l.event_id, l.status]).sort()).toEqual(
      [
        [invalid, 422],
        [oversized, 413],
      ].sort(),
    );
    // the fix: a receiver with the default 16 MiB ingest limit
    const fixed = await startCertification(api);
    try {
      expect(await letters.replay([oversized])).toEqual([oversized]);
      await relayTo(fixed).drain();
      expect((await storedAt(fixed, oversized)).map((e) => e.event_id)).toEqual([oversized]);
      expect((await letters.open()).map((l) => l.event_id)).toEqual([invalid]);
    } finally {
      await fixed.close();
    }
  });
});
