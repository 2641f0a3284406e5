import { z } from 'zod';
import { AppException, RequestContext } from '@oversing/platform';
import {
  AUDIT_EVENT_BATCH_MAX,
  AUDIT_IP_MAX_LENGTH,
  AUDIT_USER_AGENT_MAX_LENGTH,
  AuditEventBatchResultContract,
} from '@oversing/contracts';
import { AuditDatabase, LOG_APPEND_LOCK, Queryable } from '../infrastructure/audit-database';
import { AuditLeafSource, auditEventLeafHash } from '../log/leaf-data';
import { TransparencyLog } from '../log/transparency-log.service';
import {
  isSealedPersonalData,
  openPersonalData,
  SealedPersonalData,
  sealPersonalData,
  SubjectKeys,
} from '../subjects/subject-keys';

const jsonObject = z.record(z.unknown());

export const auditEventSchema = z.object({
  event_id: z.string().uuid(),
  tenant_id: z.string().uuid(),
  entity_type: z.string().min(1).max(100),
  entity_id: z.string().min(1).max(200),
  action: z.string().min(1).max(100),
  actor: z.object({ type: z.enum(['user', 'client', 'system']), id: z.string().max(200).nullable() }),
  ip: z.string().max(AUDIT_IP_MAX_LENGTH).nullable(),
  user_agent: z.string().max(AUDIT_USER_AGENT_MAX_LENGTH).nullable(),
  before_state: jsonObject.nullable(),
  after_state: jsonObject.nullable(),
  metadata: jsonObject,
  occurred_at: z.string().datetime({ offset: true }),
  /**
   * The data subject whose personal data the event carries: when set, ip, user_agent, before_state and
   * after_state are sealed under the subject's key (crypto-shredding) and stored only as ciphertext.
   */
  subject_id: z
    .string()
    .regex(/^[A-Za-z0-9._:@-]{1,200}$/, 'must be 1..200 of A-Z a-z 0-9 . _ : @ -')
    .optional(),
});

interface PersonalFields {
  ip: string | null;
  user_agent: string | null;
  before_state: unknown;
  after_state: unknown;
}

export const auditEventBatchSchema = z.object({
  events: z.array(auditEventSchema).min(1).max(AUDIT_EVENT_BATCH_MAX),
});

export interface AuditEventFilter {
  entity_type?: string;
  entity_id?: string;
  action?: string;
  from?: Date;
  to?: Date;
  after?: { occurred_at: Date; event_id: string };
  limit: number;
}

/**
 * Appends audit events and their log leaves at the next indexes; call under LOG_APPEND_LOCK in the
 * transaction that writes them (their ids must already be in audit_event_ids).
 */
export async function appendAuditEvents(
  tx: Queryable,
  log: TransparencyLog,
  list: AuditLeafSource[],
): Promise<void> {
  const start = await log.nextIndex(tx);
  await tx.query(
    `INSERT INTO audit_events (event_id, tenant_id, entity_type, entity_id, action, actor_type, actor_id, ip,
       user_agent, before_state, after_state, metadata, occurred_at, leaf_index)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
       $8::text[], $9::text[], $10::jsonb[], $11::jsonb[], $12::jsonb[], $13::timestamptz[], $14::bigint[])`,
    [
      list.map((s) => s.event_id),
      list.map((s) => s.tenant_id),
      list.map((s) => s.entity_type),
      list.map((s) => s.entity_id),
      list.map((s) => s.action),
      list.map((s) => s.actor_type),
      list.map((s) => s.actor_id),
      list.map((s) => s.ip),
      list.map((s) => s.user_agent),
      list.map((s) => (s.before_state === null ? null : JSON.stringify(s.before_state))),
      list.map((s) => (s.after_state === null ? null : JSON.stringify(s.after_state))),
      list.map((s) => JSON.stringify(s.metadata)),
      list.map((s) => s.occurred_at),
      list.map((_, i) => start + i),
    ],
  );
  await log.insertLeaves(
    tx,
    start,
    list.map((s) => ({
      sourceType: 'audit_event' as const,
      sourceId: s.event_id,
      leafHash: auditEventLeafHash(s),
    })),
  );
}

/** How far back a client (not the relay) may date its own events, and how far ahead of our clock. */
export const OWN_EVENT_MAX_AGE_MS = 24 * 3600_000;
export const OWN_EVENT_MAX_SKEW_MS = 5 * 60_000;

/**
 * A tenant's own client records only its own recent actions: the actor must be the client itself and
 * the time within the last 24 hours (5 minutes of clock skew ahead). Attributing events to users or
 * other clients, or backdating them, is the relay's alone (the internal service account relaying the
 * API's outbox), so a leaked audit:write client cannot write history in someone else's name.
 */
function checkOwnEvents(events: z.infer<typeof auditEventSchema>[], clientId: string): void {
  const now = Date.now();
  events.forEach((e, i) => {
    if (e.actor.type !== 'client' || e.actor.id !== clientId) {
      throw AppException.forbidden(
        `events.${i}.actor: a client records only its own actions (actor {type: "client", id: "${clientId}"})`,
      );
    }
    const at = new Date(e.occurred_at).getTime();
    if (at < now - OWN_EVENT_MAX_AGE_MS || at > now + OWN_EVENT_MAX_SKEW_MS) {
      throw AppException.validation([
        { field: `events.${i}.occurred_at`, message: 'must be within the last 24 hours' },
      ]);
    }
  });
}

/** Audit events from the API's outbox relay: idempotent by event_id, each one a log leaf. */
export class AuditEventsService {
  constructor(
    private readonly db: AuditDatabase,
    private readonly log: TransparencyLog,
    private readonly subjects: SubjectKeys,
  ) {}

  parse(body: unknown): z.infer<typeof auditEventBatchSchema> {
    const result = auditEventBatchSchema.safeParse(body);
    if (!result.success) {
      throw AppException.validation(
        result.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message })),
      );
    }
    const tenantId = RequestContext.tenantId();
    const foreign = result.data.events.findIndex((e) => e.tenant_id !== tenantId);
    if (foreign >= 0) {
      throw AppException.forbidden(`events.${foreign}.tenant_id is not the tenant of the access token`);
    }
    const principal = RequestContext.principal();
    if (principal && !principal.service) checkOwnEvents(result.data.events, principal.id);
    return result.data;
  }

  async ingest(body: unknown): Promise<AuditEventBatchResultContract> {
    const { events } = this.parse(body);
    const principal = RequestContext.principal();
    const ingestedBy = principal ? `${principal.kind}:${principal.id}` : 'system';
    const unique = [...new Map(events.map((e) => [e.event_id, e])).values()];
    const subjectOf = new Map(unique.flatMap((e) => (e.subject_id ? [[e.event_id, e.subject_id]] : [])));
    const sources: AuditLeafSource[] = unique.map((e) => ({
      event_id: e.event_id,
      tenant_id: e.tenant_id,
      entity_type: e.entity_type,
      entity_id: e.entity_id,
      action: e.action,
      actor_type: e.actor.type,
      actor_id: e.actor.id,
      ip: e.ip,
      user_agent: e.user_agent,
      before_state: e.before_state,
      after_state: e.after_state,
      // who ingested it (the relay or the tenant's client), inside the hashed content of the leaf
      metadata: { ...e.metadata, ingested_by: ingestedBy },
      // the stored precision (milliseconds), so the leaf can be recomputed from the row
      occurred_at: new Date(new Date(e.occurred_at).toISOString()),
    }));
    const accepted = await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOG_APPEND_LOCK]);
      const { rows } = await tx.query<{ event_id: string }>(
        `INSERT INTO audit_event_ids (event_id, occurred_at)
         SELECT * FROM unnest($1::uuid[], $2::timestamptz[]) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
        [sources.map((s) => s.event_id), sources.map((s) => s.occurred_at)],
      );
      const fresh = new Set(rows.map((r) => r.event_id));
      const chosen = sources.filter((s) => fresh.has(s.event_id));
      if (chosen.length === 0) return 0;
      const list = await this.seal(tx, chosen, subjectOf);
      await appendAuditEvents(tx, this.log, list);
      return list.length;
    });
    return { accepted, duplicates: events.length - accepted };
  }

  /** Replaces the personal fields of subject events by a sealed envelope in metadata.personal_data. */
  private async seal(
    tx: Queryable,
    sources: AuditLeafSource[],
    subjectOf: Map<string, string>,
  ): Promise<AuditLeafSource[]> {
    const keys = await this.subjects.keysFor(
      tx,
      RequestContext.tenantId(),
      sources.flatMap((s) => subjectOf.get(s.event_id) ?? []),
    );
    return sources.map((s) => {
      const subject = subjectOf.get(s.event_id);
      if (!subject) return s;
      const personal: PersonalFields = {
        ip: s.ip,
        user_agent: s.user_agent,
        before_state: s.before_state,
        after_state: s.after_state,
      };
      return {
        ...s,
        ip: null,
        user_agent: null,
        before_state: null,
        after_state: null,
        metadata: {
          ...(s.metadata as Record<string, unknown>),
          personal_data: sealPersonalData(keys.get(subject)!, subject, s.event_id, personal),
        },
      };
    });
  }

  async list(filter: AuditEventFilter): Promise<Record<string, unknown>[]> {
    const where = ['tenant_id = $1'];
    const values: unknown[] = [RequestContext.tenantId()];
    const add = (sql: string, value: unknown): void => {
      values.push(value);
      where.push(sql.replace('?', `$${values.length}`));
    };
    if (filter.entity_type) add('entity_type = ?', filter.entity_type);
    if (filter.entity_id) add('entity_id = ?', filter.entity_id);
    if (filter.action) add('action = ?', filter.action);
    if (filter.from) add('occurred_at >= ?', filter.from);
    if (filter.to) add('occurred_at < ?', filter.to);
    if (filter.after) {
      values.push(filter.after.occurred_at, filter.after.event_id);
      where.push(`(occurred_at, event_id) < ($${values.length - 1}, $${values.length})`);
    }
    values.push(filter.limit);
    const { rows } = await this.db.query<Record<string, unknown> & { occurred_at: Date; leaf_index: string }>(
      `SELECT * FROM audit_events WHERE ${where.join(' AND ')} ORDER BY occurred_at DESC, event_id DESC LIMIT $${values.length}`,
      values,
    );
    const sealedOf = (r: Record<string, unknown>): SealedPersonalData | undefined => {
      const sealed = (r.metadata as Record<string, unknown> | null)?.personal_data;
      return isSealedPersonalData(sealed) ? sealed : undefined;
    };
    const keys = await this.subjects.keysById(rows.flatMap((r) => sealedOf(r)?.key_id ?? []));
    return rows.map((r) => {
      const sealed = sealedOf(r);
      if (!sealed) return { ...this.view(r), subject: null };
      const key = keys.get(sealed.key_id);
      const { personal_data: _sealed, ...metadata } = r.metadata as Record<string, unknown>;
      void _sealed;
      const subject = { id: sealed.subject_id, personal_data: key ? 'available' : 'erased' };
      if (!key) return { ...this.view(r), metadata, subject };
      const personal = openPersonalData(key, String(r.event_id), sealed) as PersonalFields;
      return { ...this.view({ ...r, ...personal }), metadata, subject };
    });
  }

  private view(
    r: Record<string, unknown> & { occurred_at: Date; leaf_index: string },
  ): Record<string, unknown> {
    return {
      event_id: r.event_id,
      tenant_id: r.tenant_id,
      entity_type: r.entity_type,
      entity_id: r.entity_id,
      action: r.action,
      actor: { type: r.actor_type, id: r.actor_id },
      ip: r.ip,
      user_agent: r.user_agent,
      before_state: r.before_state,
      after_state: r.after_state,
      metadata: r.metadata,
      occurred_at: r.occurred_at.toISOString(),
      log_index: Number(r.leaf_index),
    };
  }
}
