import type { Pool } from 'pg';
import type { AuditEventContract } from '@oversing/contracts';
import { currentTraceId, inQueuedWorkSpan } from '@oversing/platform';
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
  ) {}

  /** Relays one batch; returns how many events were delivered (0 when nothing was pending). */
  async relayBatch(): Promise<number> {
    const client = await this.pool.connect();
    let ids: string[] = [];
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<OutboxRow>(
        `SELECT event_id, tenant_id, entity_type, entity_id, action, actor_type, actor_id, ip, user_agent,
                before_state, after_state, metadata, occurred_at
           FROM audit_outbox WHERE delivered_at IS NULL
          ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      ids = rows.map((r) => r.event_id);
      if (!rows.length) {
        await client.query('COMMIT');
        return 0;
      }
      for (const group of byTenant(rows)) await this.deliverGroup(group);
      await client.query(
        `UPDATE audit_outbox SET delivered_at = now(), attempts = attempts + 1, last_error = NULL
          WHERE event_id = ANY($1::uuid[])`,
        [ids],
      );
      await client.query('COMMIT');
      return rows.length;
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

  /** Relays batches until the outbox is drained or `maxBatches` were sent. */
  async drain(maxBatches = 50): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const sent = await this.relayBatch();
      total += sent;
      if (sent < this.batchSize) break;
    }
    return total;
  }

  pending(): Promise<number> {
    return this.pool
      .query<{ n: string }>(`SELECT count(*) AS n FROM audit_outbox WHERE delivered_at IS NULL`)
      .then((r) => Number(r.rows[0].n));
  }
}
