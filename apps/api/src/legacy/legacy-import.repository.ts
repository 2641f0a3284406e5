import { Injectable } from '@nestjs/common';
import { RequestContext, UnitOfWork } from '@oversing/platform';
import type { PlannedRow, StepHooks, TargetTable } from './import-step';
import { timeOrderedId } from './time-ordered-id';

/** One mapping row: where a legacy row went and what was written. */
export interface MapEntry {
  newId: string;
  hash: string;
  version: number | null;
}

/** An audit event as the import writes it into the outbox. */
export interface ImportAuditEvent {
  eventId: string;
  entityType: string;
  entityId: string;
  action: string;
  actorType: 'user' | 'system';
  actorId: string | null;
  ip: string | null;
  userAgent: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  metadata: Record<string, unknown>;
  /** null: the time of writing */
  occurredAt: Date | null;
}

export interface ImportRunRecord {
  id: string;
  startedAt: Date;
  legacyInstanceId: string;
}

/**
 * Every SQL statement of the legacy import on the new database, set-based (a chunk's rows, mapping rows
 * and audit events in one statement, the rows passed once as a JSON document) and scoped to the tenant of
 * the current context.
 */
@Injectable()
export class LegacyImportRepository implements StepHooks {
  constructor(private readonly uow: UnitOfWork) {}

  private get tenantId(): string {
    return RequestContext.tenantId();
  }

  private query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.uow.manager().query(sql, params) as Promise<T[]>;
  }

  /**
   * Runs work in one transaction (chunks commit one by one: a re-run resumes after the last one), with
   * room for a chunk's rows in memory (a chunk statement holds them while it writes three tables).
   */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.uow.run(async () => {
      await this.query(`SET LOCAL work_mem = '64MB'`);
      return work();
    });
  }

  async startRun(input: {
    source: string;
    legacyInstanceId: string;
    since: Date | null;
    dryRun: boolean;
  }): Promise<ImportRunRecord> {
    const [row] = await this.query<{ id: string; started_at: Date }>(
      `INSERT INTO legacy_import_runs (tenant_id, source, legacy_instance_id, since, dry_run)
       VALUES ($1, $2, $3, $4, $5) RETURNING id, started_at`,
      [this.tenantId, input.source, input.legacyInstanceId, input.since, input.dryRun],
    );
    return { id: row.id, startedAt: row.started_at, legacyInstanceId: input.legacyInstanceId };
  }

  async finishRun(id: string, status: 'completed' | 'failed', report: unknown): Promise<void> {
    await this.query(
      `UPDATE legacy_import_runs SET status = $3, finished_at = now(), report = $4 WHERE id = $1 AND tenant_id = $2`,
      [id, this.tenantId, status, JSON.stringify(report)],
    );
  }

  /** The last completed run that wrote (not a dry run) into this tenant. */
  async lastCompletedRun(): Promise<ImportRunRecord | null> {
    const [row] = await this.query<{ id: string; started_at: Date; legacy_instance_id: string }>(
      `SELECT id, started_at, legacy_instance_id FROM legacy_import_runs
        WHERE tenant_id = $1 AND status = 'completed' AND NOT dry_run ORDER BY started_at DESC LIMIT 1`,
      [this.tenantId],
    );
    return row
      ? { id: row.id, startedAt: row.started_at, legacyInstanceId: String(row.legacy_instance_id) }
      : null;
  }

  /** The legacy instances whose rows are already mapped into this tenant. */
  async importedInstances(): Promise<string[]> {
    const rows = await this.query<{ legacy_instance_id: string }>(
      `SELECT DISTINCT r.legacy_instance_id FROM legacy_import_runs r
        WHERE r.tenant_id = $1 AND EXISTS (SELECT 1 FROM legacy_id_map m WHERE m.run_id = r.id)`,
      [this.tenantId],
    );
    return rows.map((r) => String(r.legacy_instance_id));
  }

  /** The whole mapping of the tenant, per entity. */
  async loadMap(): Promise<Map<string, Map<string, MapEntry>>> {
    const rows = await this.query<{
      entity: string;
      legacy_id: string;
      new_id: string;
      content_hash: string;
      new_version: number | null;
    }>(
      `SELECT entity, legacy_id::text AS legacy_id, new_id, content_hash, new_version
         FROM legacy_id_map WHERE tenant_id = $1`,
      [this.tenantId],
    );
    const map = new Map<string, Map<string, MapEntry>>();
    for (const row of rows) {
      let entity = map.get(row.entity);
      if (!entity) map.set(row.entity, (entity = new Map()));
      entity.set(row.legacy_id, { newId: row.new_id, hash: row.content_hash, version: row.new_version });
    }
    return map;
  }

  async roleIds(): Promise<Map<string, string>> {
    const rows = await this.query<{ key: string; id: string }>(
      `SELECT key, id FROM access_roles WHERE tenant_id = $1`,
      [this.tenantId],
    );
    return new Map(rows.map((r) => [r.key, r.id]));
  }

  /** A default workflow of the tenant that did not come from the legacy import. */
  async hasOwnDefaultWorkflow(): Promise<boolean> {
    const rows = await this.query(
      `SELECT 1 FROM workflows w WHERE w.tenant_id = $1 AND w.is_default
          AND NOT EXISTS (SELECT 1 FROM legacy_id_map m
                           WHERE m.tenant_id = $1 AND m.entity = 'workflow' AND m.new_id = w.id)`,
      [this.tenantId],
    );
    return rows.length > 0;
  }

  /**
   * Writes new rows of one entity with, in the same statement, their mapping rows and an audit event each
   * (action `imported`, marked with the legacy table and id). The rows travel once, as one JSON document.
   */
  async insertChunk(spec: ChunkSpec, rows: PlannedRow[]): Promise<void> {
    if (!rows.length) return;
    const columns = Object.keys(spec.target.columns);
    const select = ['v.id', '$2::uuid', ...columns.map((c) => defaulted(c))];
    await this.query(
      `WITH v AS (${chunkRows(spec.target, columns, false)}),
       written AS (
         INSERT INTO ${spec.target.table} (id, tenant_id, ${columns.map(quote).join(', ')})
         SELECT ${select.join(', ')} FROM v
       ),
       mapped AS (
         INSERT INTO legacy_id_map (tenant_id, entity, legacy_id, new_id, content_hash, new_version, run_id)
         SELECT $2, $3, v._legacy_id, v.id, v._hash, ${spec.target.versioned ? '1' : 'NULL::integer'}, $4 FROM v
       )
       ${insertAuditFrom('v', "'imported'")}`,
      [chunkJson(spec.target, rows), this.tenantId, ...mapAuditParams(spec)],
    );
  }

  /**
   * Updates rows in place, with a mapping row and an audit event (action `updated`) for each row updated.
   * On versioned tables a row is only updated while it still has the version the import left it with
   * (nobody changed it here since), and its version goes up by one. Returns the new version (or null on
   * tables without one) of every row updated.
   */
  async updateChunk(spec: ChunkSpec, rows: PlannedRow[]): Promise<Map<string, number | null>> {
    const updated = new Map<string, number | null>();
    if (!rows.length) return updated;
    const { target } = spec;
    const columns = Object.keys(target.columns).filter((c) => !target.insertOnly?.includes(c));
    const sets = columns.map(
      (c) =>
        `${quote(c)} = ${target.updateExpressions?.[c] ?? (c === 'updated_at' ? 'coalesce(v.updated_at, now())' : `v.${quote(c)}`)}`,
    );
    if (target.versioned) sets.push('version = t.version + 1');
    const result = await this.query<{ id: string; version: number | null }>(
      `WITH v AS (${chunkRows(target, Object.keys(target.columns), true)}),
       updated AS (
         UPDATE ${target.table} AS t SET ${sets.join(', ')} FROM v
          WHERE t.id = v.id AND t.tenant_id = $2 ${target.versioned ? 'AND t.version = v._expected_version' : ''}
         RETURNING t.id, ${target.versioned ? 't.version' : 'NULL::integer'} AS version
       ),
       u AS (SELECT v.*, updated.version AS _new_version FROM v JOIN updated ON updated.id = v.id),
       mapped AS (
         UPDATE legacy_id_map m SET content_hash = u._hash, new_version = u._new_version, run_id = $4, updated_at = now()
           FROM u WHERE m.tenant_id = $2 AND m.entity = $3 AND m.legacy_id = u._legacy_id
       ),
       audited AS (${insertAuditFrom('u', "'updated'")})
       SELECT id, version FROM updated`,
      [chunkJson(target, rows), this.tenantId, ...mapAuditParams(spec)],
    );
    for (const row of result) updated.set(row.id, row.version);
    return updated;
  }

  /**
   * Legacy audit log entries as audit events (at their original time) with their mapping rows, in one
   * statement.
   */
  async insertLegacyAuditEvents(
    runId: string,
    events: (ImportAuditEvent & { legacyId: string })[],
  ): Promise<void> {
    if (!events.length) return;
    await this.query(
      `WITH v AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(legacy_id bigint, event_id uuid, entity_type text,
                entity_id text, action text, actor_type text, actor_id text, ip text, user_agent text,
                before_state jsonb, after_state jsonb, metadata jsonb, occurred_at timestamptz)
       ),
       mapped AS (
         INSERT INTO legacy_id_map (tenant_id, entity, legacy_id, new_id, content_hash, new_version, run_id)
         SELECT $2, 'audit_log', v.legacy_id, v.event_id, 'immutable', NULL, $3 FROM v
       )
       INSERT INTO audit_outbox (event_id, tenant_id, entity_type, entity_id, action, actor_type, actor_id, ip,
                                 user_agent, before_state, after_state, metadata, occurred_at)
       SELECT v.event_id, $2, v.entity_type, v.entity_id, v.action, v.actor_type, v.actor_id, v.ip, v.user_agent,
              v.before_state, v.after_state, v.metadata, coalesce(v.occurred_at, clock_timestamp())
         FROM v`,
      [
        JSON.stringify(
          events.map((e) => ({
            legacy_id: e.legacyId,
            event_id: e.eventId,
            entity_type: e.entityType,
            entity_id: e.entityId,
            action: e.action,
            actor_type: e.actorType,
            actor_id: e.actorId,
            ip: e.ip,
            user_agent: e.userAgent,
            before_state: e.before,
            after_state: e.after,
            metadata: e.metadata,
            occurred_at: e.occurredAt,
          })),
        ),
        this.tenantId,
        runId,
      ],
    );
  }

  // ---- step hooks -------------------------------------------------------------------------------

  async existingEmails(emails: string[]): Promise<Map<string, string>> {
    if (!emails.length) return new Map();
    // emails are unique across tenants (sign-in finds the account by email alone)
    const rows = await this.query<{ email: string; tenant_id: string }>(
      `SELECT lower(email) AS email, tenant_id FROM users WHERE lower(email) = ANY($1::text[])`,
      [emails],
    );
    return new Map(rows.map((r) => [r.email, r.tenant_id]));
  }

  async grantTenantRoles(grants: { userId: string; roleId: string }[]): Promise<void> {
    if (!grants.length) return;
    await this.query(
      `INSERT INTO role_assignments (tenant_id, role_id, principal_type, principal_id, context_type)
       SELECT $1, v.role_id, 'user', v.user_id, 'tenant' FROM unnest($2::uuid[], $3::uuid[]) AS v(user_id, role_id)
       ON CONFLICT DO NOTHING`,
      [this.tenantId, grants.map((g) => g.userId), grants.map((g) => g.roleId)],
    );
  }

  async raiseInvoiceCounters(numbers: string[]): Promise<void> {
    const highest = new Map<number, number>();
    for (const number of numbers) {
      const match = /^INV-(\d{4})-(\d+)$/.exec(number);
      if (!match) continue;
      const year = Number(match[1]);
      highest.set(year, Math.max(highest.get(year) ?? 0, Number(match[2])));
    }
    if (!highest.size) return;
    await this.query(
      `INSERT INTO invoice_counters (tenant_id, year, last_number)
       SELECT $1, v.year, v.last_number FROM unnest($2::integer[], $3::integer[]) AS v(year, last_number)
       ON CONFLICT (tenant_id, year) DO UPDATE
         SET last_number = greatest(invoice_counters.last_number, excluded.last_number)`,
      [this.tenantId, [...highest.keys()], [...highest.values()]],
    );
  }

  async invoiceBalances(invoiceIds: string[]): Promise<Map<string, { total: bigint; paid: bigint }>> {
    if (!invoiceIds.length) return new Map();
    const rows = await this.query<{ id: string; total: string; paid: string }>(
      `SELECT i.id, i.total_minor::text AS total,
              (SELECT coalesce(sum(p.amount_minor), 0)::text FROM payments p WHERE p.invoice_id = i.id) AS paid
         FROM invoices i WHERE i.tenant_id = $1 AND i.id = ANY($2::uuid[])`,
      [this.tenantId, invoiceIds],
    );
    return new Map(rows.map((r) => [r.id, { total: BigInt(r.total), paid: BigInt(r.paid) }]));
  }

  /** paid_minor is the sum of the invoice's payments (the version is the import's, not bumped). */
  async recomputePaid(invoiceIds: string[]): Promise<void> {
    if (!invoiceIds.length) return;
    await this.query(
      `UPDATE invoices i SET paid_minor = s.paid
         FROM (SELECT p.invoice_id, sum(p.amount_minor) AS paid FROM payments p
                WHERE p.tenant_id = $1 AND p.invoice_id = ANY($2::uuid[]) GROUP BY p.invoice_id) s
        WHERE i.id = s.invoice_id AND i.tenant_id = $1 AND i.paid_minor <> s.paid`,
      [this.tenantId, invoiceIds],
    );
  }
}

/** The entity a chunk belongs to, as its mapping rows and audit events name it. */
export interface ChunkSpec {
  entity: string;
  legacyTable: string;
  auditType: string;
  target: TargetTable;
  /** columns left out of the audit event's after_state */
  auditOmit: readonly string[];
  runId: string;
}

/** Keys of a chunk's JSON rows that are not values of the row (left out of the audit event). */
const CHUNK_KEYS = ['_legacy_id', '_hash', '_expected_version', '_event_id'];

/**
 * A chunk of planned rows as one JSON document: per row its legacy id, content hash, expected version,
 * new id and values. Bigints go as JSON numbers where exact and as text otherwise (both read exactly into
 * a bigint column); dates as ISO text.
 */
function chunkJson(target: TargetTable, rows: PlannedRow[]): string {
  const bigints = Object.keys(target.columns).filter((c) => target.columns[c] === 'bigint');
  return JSON.stringify(
    rows.map((r) => {
      const row: Record<string, unknown> = {
        _legacy_id: r.legacyId,
        _hash: r.hash,
        _expected_version: r.expectedVersion ?? null,
        _event_id: timeOrderedId(),
        id: r.id,
        ...r.values,
      };
      for (const c of bigints) row[c] = jsonBigint(row[c]);
      return row;
    }),
  );
}

function jsonBigint(value: unknown): unknown {
  if (typeof value !== 'bigint') return value ?? null;
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
    ? Number(value)
    : value.toString();
}

/** `SELECT` of a chunk's rows from $1 (its JSON document): `doc` (the row as JSON) and a typed column each. */
function chunkRows(target: TargetTable, columns: string[], withVersion: boolean): string {
  const typed = [
    '_legacy_id bigint',
    '_hash text',
    '_event_id uuid',
    ...(withVersion ? ['_expected_version integer'] : []),
    'id uuid',
    ...columns.map((c) => `${quote(c)} ${target.columns[c]}`),
  ];
  return `SELECT e.doc, r.* FROM jsonb_array_elements($1::jsonb) AS e(doc)
            CROSS JOIN LATERAL jsonb_to_record(e.doc) AS r(${typed.join(', ')})`;
}

/** Parameters $3… of a chunk statement: entity, run, audit entity type, legacy table, omitted keys. */
function mapAuditParams(spec: ChunkSpec): unknown[] {
  return [spec.entity, spec.runId, spec.auditType, spec.legacyTable, [...CHUNK_KEYS, ...spec.auditOmit]];
}

/**
 * An audit event per written row, into the outbox the worker relays to the certification service's log:
 * the row as written (its JSON less the chunk's own keys and the omitted columns), marked as imported.
 */
function insertAuditFrom(from: string, action: string): string {
  return `INSERT INTO audit_outbox (event_id, tenant_id, entity_type, entity_id, action, actor_type, after_state, metadata)
          SELECT ${from}._event_id, $2, $5, ${from}.id::text, ${action}, 'system', ${from}.doc - $7::text[],
                 jsonb_build_object('imported', true, 'source', 'legacy', 'legacy_table', $6::text,
                                    'legacy_id', ${from}._legacy_id::text, 'import_run_id', $4::text)
            FROM ${from}`;
}

function quote(column: string): string {
  return `"${column}"`;
}

/** created_at/updated_at the legacy row does not have: the time of the import. */
function defaulted(column: string): string {
  return column === 'created_at' || column === 'updated_at'
    ? `coalesce(v.${quote(column)}, now())`
    : `v.${quote(column)}`;
}
