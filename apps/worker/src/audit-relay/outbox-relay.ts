import type { Pool, PoolClient } from 'pg';
import type { AuditEventContract } from '@oversing/contracts';
import { currentTraceId, inQueuedWorkSpan } from '@oversing/platform';
import { AuditEventsRefused } from './audit-sink';
import type { AuditSink } from './audit-sink';

interface OutboxRow {
  event_id: string;
  tenant_id: string;
  entity_type: string;
  entity_id: string;
  action: string;
  actor_type: 'user' | 'client' | 'system';
  actor_id: string | null;
  ip: string | null;
  user_agent: string | null;
  before_state: Record<string, unknown> | null;
  after_state: Record<string, unknown> | null;
  metadata: Record<string, unknown>;
  occurred_at: Date;
}

function toContract(row: OutboxRow): AuditEventContract {
  return {
    event_id: row.event_id,
    tenant_id: row.tenant_id,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    action: row.action,
    actor: { type: row.actor_type, id: row.actor_id },
    ip: row.ip,
    user_agent: row.user_agent,
    before_state: row.before_state,
    after_state: row.after_state,
    metadata: row.metadata,
    occurred_at: row.occurred_at.toISOString(),
  };
}

/** Where the relay logs its deliveries (a pino logger in the worker). */
export interface RelayLog {
  info(fields: Record<string, unknown>, message: string): void;
}

/** An event the receiver refused for what it is, set aside so the relay moves past it. */
export interface DeadLetter {
  event_id: string;
  tenant_id: string;
  status: number;
  reason: string;
}

export interface OutboxRelayOptions {
  /** Largest JSON body the relay sends in one request (the receiver's ingest limit is larger). */
  maxBatchBytes?: number;
  /** Told about each batch's dead letters (metrics). */
  onDeadLetters?: (letters: DeadLetter[]) => void;
}

export const DEFAULT_MAX_BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Splits one tenant's rows into requests of at most `maxBytes` of JSON, in order. An event larger than
 * the cap travels alone (the receiver accepts large events; if it refuses, the event is dead-lettered).
 */
export function splitBySize<T>(items: T[], sizeOf: (item: T) => number, maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item) + 1;
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** One POST's worth of events: the rows of one tenant, in outbox order. */
function byTenant(rows: OutboxRow[]): OutboxRow[][] {
  const groups = new Map<string, OutboxRow[]>();
  for (const row of rows) groups.set(row.tenant_id, [...(groups.get(row.tenant_id) ?? []), row]);
  return [...groups.values()];
}

/**
 * Delivers pending audit_outbox rows in commit order. A batch is claimed with FOR UPDATE SKIP LOCKED
 * (so several relays never send the same rows at once), sent to the sink, and marked delivered in the
 * same transaction. If the process dies after the sink accepted a batch but before the commit, the
 * rows stay pending and are sent again: the sink deduplicates by event_id, so nothing is lost and
 * nothing is stored twice. Delivered rows are kept (the API reads them for history and search).
 */
export class OutboxRelay {
  constructor(
    private readonly pool: Pool,
    private readonly sink: AuditSink,
    private readonly batchSize: number,
    private readonly log?: RelayLog,
    private readonly options: OutboxRelayOptions = {},
  ) {}

  /** Relays one batch; returns how many events were delivered (0 when nothing was pending). */
  async relayBatch(): Promise<number> {
    return (await this.relayBatchWithOutcomes()).delivered;
  }

  /**
   * Relays one batch with per-event outcomes: delivered, or refused by the receiver (400/413/422) and
   * dead-lettered with the reason. A refused request of several events is split in halves until the
   * refused events are isolated, so one bad event never holds back the others. A transient failure
   * (network, 5xx, 401/403/429) rolls the whole batch back for a later retry, as before.
   */
  async relayBatchWithOutcomes(): Promise<{ claimed: number; delivered: number; deadLetters: DeadLetter[] }> {
    const client = await this.pool.connect();
    let ids: string[] = [];
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<OutboxRow>(
        `SELECT event_id, tenant_id, entity_type, entity_id, action, actor_type, actor_id, ip, user_agent,
                before_state, after_state, metadata, occurred_at
           FROM audit_outbox WHERE delivered_at IS NULL AND dead_lettered_at IS NULL
          ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      ids = rows.map((r) => r.event_id);
      if (!rows.length) {
        await client.query('COMMIT');
        return { claimed: 0, delivered: 0, deadLetters: [] };
      }
      const delivered: string[] = [];
      const deadLetters: DeadLetter[] = [];
      const maxBytes = this.options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
      for (const group of byTenant(rows)) {
        for (const chunk of splitBySize(
          group,
          (row) => Buffer.byteLength(JSON.stringify(toContract(row))),
          maxBytes,
        ))
          await this.deliverIsolating(chunk, delivered, deadLetters);
      }
      await client.query(
        `UPDATE audit_outbox SET delivered_at = now(), attempts = attempts + 1, last_error = NULL
          WHERE event_id = ANY($1::uuid[])`,
        [delivered],
      );
      if (deadLetters.length > 0) await this.setAside(client, deadLetters);
      await client.query('COMMIT');
      if (deadLetters.length > 0) this.options.onDeadLetters?.(deadLetters);
      return { claimed: rows.length, delivered: delivered.length, deadLetters };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (ids.length) {
        await this.pool
          .query(
            `UPDATE audit_outbox SET attempts = attempts + 1, last_error = $2
              WHERE event_id = ANY($1::uuid[]) AND delivered_at IS NULL`,
            [ids, String((error as Error).message).slice(0, 1000)],
          )
          .catch(() => undefined);
      }
      throw error;
    } finally {
      client.release();
    }
  }

  private async deliverIsolating(
    rows: OutboxRow[],
    delivered: string[],
    deadLetters: DeadLetter[],
  ): Promise<void> {
    try {
      await this.deliverGroup(rows);
      delivered.push(...rows.map((r) => r.event_id));
    } catch (error) {
      if (!(error instanceof AuditEventsRefused)) throw error;
      if (rows.length === 1) {
        const [row] = rows;
        deadLetters.push({
          event_id: row.event_id,
          tenant_id: row.tenant_id,
          status: error.status,
          reason: error.reason,
        });
        return;
      }
      const middle = Math.ceil(rows.length / 2);
      await this.deliverIsolating(rows.slice(0, middle), delivered, deadLetters);
      await this.deliverIsolating(rows.slice(middle), delivered, deadLetters);
    }
  }

  /** Marks refused events dead-lettered (the relay skips them) and records why, in the batch's transaction. */
  private async setAside(client: PoolClient, deadLetters: DeadLetter[]): Promise<void> {
    await client.query(
      `UPDATE audit_outbox SET dead_lettered_at = now(), attempts = attempts + 1, last_error = d.reason
         FROM unnest($1::uuid[], $2::text[]) AS d(event_id, reason)
        WHERE audit_outbox.event_id = d.event_id`,
      [deadLetters.map((d) => d.event_id), deadLetters.map((d) => d.reason.slice(0, 1000))],
    );
    await client.query(
      `INSERT INTO audit_dead_letters (event_id, tenant_id, status, reason)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[])`,
      [
        deadLetters.map((d) => d.event_id),
        deadLetters.map((d) => d.tenant_id),
        deadLetters.map((d) => d.status),
        deadLetters.map((d) => d.reason),
      ],
    );
    this.log?.info(
      { job: 'audit-relay', dead_letters: deadLetters.map(({ event_id, status }) => ({ event_id, status })) },
      'audit events refused by the certification service: dead-lettered',
    );
  }

  /**
   * Sends one tenant's events in a span that continues the trace of the request that wrote them (their
   * `metadata.traceparent`), and logs them with the originating request ids (`metadata.request_id`).
   */
  private deliverGroup(group: OutboxRow[]): Promise<void> {
    const requestIds = [...new Set(group.map((r) => r.metadata?.request_id).filter((id) => id))];
    return inQueuedWorkSpan(
      'audit-relay deliver',
      {
        traceparents: group.map((r) => r.metadata?.traceparent),
        attributes: { 'oversing.tenant_id': group[0].tenant_id, 'oversing.audit.events': group.length },
      },
      async () => {
        await this.sink.deliver(group.map(toContract));
        this.log?.info(
          {
            job: 'audit-relay',
            tenant_id: group[0].tenant_id,
            events: group.length,
            event_ids: group.map((r) => r.event_id),
            request_ids: requestIds,
            ...(requestIds.length === 1 ? { request_id: requestIds[0] } : {}),
            trace_id: currentTraceId(),
          },
          'audit events delivered',
        );
      },
    );
  }

  /** Relays batches until the outbox is drained or `maxBatches` were sent; returns how many were delivered. */
  async drain(maxBatches = 50): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const { claimed, delivered } = await this.relayBatchWithOutcomes();
      total += delivered;
      if (claimed < this.batchSize) break;
    }
    return total;
  }

  pending(): Promise<number> {
    return this.pool
      .query<{ n: string }>(
        `SELECT count(*) AS n FROM audit_outbox WHERE delivered_at IS NULL AND dead_lettered_at IS NULL`,
      )
      .then((r) => Number(r.rows[0].n));
  }

  /** Dead letters not replayed yet (the `audit_dead_letters_open` gauge). */
  openDeadLetters(): Promise<number> {
    return this.pool
      .query<{ n: string }>(`SELECT count(*) AS n FROM audit_dead_letters WHERE replayed_at IS NULL`)
      .then((r) => Number(r.rows[0].n));
  }
}
