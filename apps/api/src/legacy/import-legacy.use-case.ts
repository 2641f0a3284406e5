import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { runInTenant } from '@oversing/platform';
import { TenantProvisioningService } from '../tenancy/tenant-provisioning.service';
import { TenantRepository } from '../tenancy/tenant.repository';
import { BrokenReference, ImportStep, LegacyRow, MapContext, PlannedRow, SkipRow } from './import-step';
import { ImportReport, ImportReportBuilder } from './import-report';
import { ChunkSpec, ImportAuditEvent, LegacyImportRepository, MapEntry } from './legacy-import.repository';
import { IMPORT_STEPS } from './legacy-steps';
import { DEFAULT_PARALLEL_STEPS, runSteps } from './step-scheduler';
import { LegacyInstance, LegacySource, ReadScope } from './legacy-source';
import { AUDITABLE_TYPE, isTimeZone, LegacyValueError, utcTimestamp } from './legacy-values';
import { connectLegacy, LegacyLocation, parseLegacyUrl, redactedUrl } from './mysql-connection';
import { timeOrderedId } from './time-ordered-id';

export interface ImportLegacyCommand {
  /** mysql://user[:password]@host[:port]/database */
  from: string;
  /** slug of the tenant to import into (created when absent, unless dry run) */
  tenant: string;
  /** the legacy application instance (id or slug); may be omitted when the database holds one */
  instance?: string;
  /** an ISO 8601 instant, or "last" (the start of the last completed run, less a safety margin) */
  since?: string;
  dryRun: boolean;
  /** legacy rows per read and per write transaction */
  chunkSize?: number;
  /** how many steps (entities) may be imported at once, each on its own connection (those not depending on each other) */
  parallelSteps?: number;
  /** told how many rows there are, then how many were handled */
  progress?: ImportProgress;
}

export interface ImportProgress {
  start(total: number): void;
  advance(rows: number, entity: string): void;
  stop(): void;
}

export class ImportUsageError extends Error {}

function parseInstant(text: string): Date {
  const instant = new Date(text);
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ||
    Number.isNaN(instant.getTime())
  )
    throw new ImportUsageError(
      '--since must be an ISO 8601 instant with its offset (2026-01-31T12:00:00Z) or "last"',
    );
  return instant;
}

/** `--since last` reads from this long before the last run started (clock skew between the hosts). */
const SINCE_LAST_MARGIN_MS = 5 * 60_000;

/**
 * A hash of what a row's mapped values are, to tell on a re-run whether it changed. Bigints are written
 * as `123n` (as a replacer would, but without one: JSON.stringify's fast path).
 */
export function contentHash(values: Record<string, unknown>): string {
  let plain = values;
  for (const key in values)
    if (typeof values[key] === 'bigint') {
      if (plain === values) plain = { ...values };
      plain[key] = `${(values[key] as bigint).toString()}n`;
    }
  return createHash('sha256').update(JSON.stringify(plain)).digest('base64url');
}

function databaseMessage(error: unknown): string {
  const e = error as { message?: string; constraint?: string; detail?: string };
  return `rejected by the new database: ${e.message ?? String(error)}${e.detail ? ` (${e.detail})` : ''}`;
}

/** A mapped chunk: how many legacy rows it had, and what to write of them. */
interface ChunkPlan {
  read: number;
  inserts: PlannedRow[];
  updates: PlannedRow[];
}

/**
 * Reads rows in id order, `size` at a time (keyset pagination), handing each chunk on while the next one
 * is already being read.
 */
async function readInChunks(
  read: (afterId: string) => Promise<LegacyRow[]>,
  size: number,
  handle: (rows: LegacyRow[]) => Promise<void>,
): Promise<void> {
  let next = read('0');
  for (;;) {
    const rows = await next;
    if (!rows.length) return;
    next = rows.length < size ? Promise.resolve([]) : read(rows[rows.length - 1].id);
    // a failed read surfaces when it is awaited
    next.catch(() => undefined);
    await handle(rows);
  }
}

/** One run's state: the mapping, what failed or was skipped so far, the report. */
class RunState {
  readonly failed = new Map<string, Map<string, string>>();
  /** rows deliberately not imported (deleted in legacy, or belonging to such a row) */
  readonly skipped = new Map<string, Set<string>>();

  constructor(
    readonly map: Map<string, Map<string, MapEntry>>,
    readonly report: ImportReportBuilder,
    readonly zone: string,
    private readonly roles: Map<string, string>,
    readonly tenantHasOwnDefaultWorkflow: boolean,
  ) {}

  entityMap(entity: string): Map<string, MapEntry> {
    let entries = this.map.get(entity);
    if (!entries) this.map.set(entity, (entries = new Map()));
    return entries;
  }

  setOf<T>(store: Map<string, T>, entity: string, make: () => T): T {
    let value = store.get(entity);
    if (!value) store.set(entity, (value = make()));
    return value;
  }

  /** What a step's mapping may ask: references to its own entity and to those it depends on. */
  contextFor(step: ImportStep): MapContext {
    const allowed = new Set([step.entity, ...step.dependsOn]);
    const check = (entity: string) => {
      if (!allowed.has(entity))
        throw new Error(`the ${step.entity} step refers to ${entity}, which is not among its dependsOn`);
    };
    return {
      zone: this.zone,
      tenantHasOwnDefaultWorkflow: this.tenantHasOwnDefaultWorkflow,
      ref: (entity, legacyId, field) => {
        check(entity);
        return this.ref(entity, legacyId, field);
      },
      optionalRef: (entity, legacyId, field) => {
        check(entity);
        return this.optionalRef(entity, legacyId, field);
      },
      roleId: (key) => this.roleId(key),
      note: (text) => this.note(text),
    };
  }

  ref(entity: string, legacyId: string | null, field: string): string {
    if (legacyId === null) throw new BrokenReference(`${field}: missing`);
    const entry = this.map.get(entity)?.get(legacyId);
    if (entry) return entry.newId;
    if (this.skipped.get(entity)?.has(legacyId))
      throw new SkipRow(`its ${entity.replace('_', ' ')} is deleted in legacy`);
    const reason = this.failed.get(entity)?.get(legacyId);
    throw new BrokenReference(
      reason
        ? `${field} → ${entity} ${legacyId}, which failed to import (${reason})`
        : `${field} → ${entity} ${legacyId}, which does not exist in the legacy instance (or failed in an earlier run)`,
    );
  }

  optionalRef(entity: string, legacyId: string | null, field: string): string | null {
    return legacyId === null ? null : this.ref(entity, legacyId, field);
  }

  roleId(key: string): string {
    const id = this.roles.get(key);
    if (!id) throw new LegacyValueError(`the tenant has no role "${key}"`);
    return id;
  }

  note(text: string): void {
    this.report.note(text);
  }
}

/**
 * Imports one legacy application instance into a tenant: every step in dependency order, read from
 * MySQL in id-ordered chunks, mapped in memory, written set-based in one transaction per chunk together
 * with the mapping rows and an audit event per written row (through the audit outbox, marked as imported
 * with the legacy table and id). Re-runs compare a hash of what would be written with what was written
 * and touch only what changed; rows changed in the new system since they were imported are reported, not
 * overwritten. Nothing of the legacy database is ever written.
 */
@Injectable()
export class ImportLegacyUseCase {
  constructor(
    private readonly repository: LegacyImportRepository,
    private readonly tenants: TenantRepository,
    private readonly provisioning: TenantProvisioningService,
  ) {}

  async execute(command: ImportLegacyCommand): Promise<ImportReport> {
    const location = parseLegacyUrl(command.from);
    if (command.since && command.since !== 'last') parseInstant(command.since);
    const startedAt = new Date();
    const connection = await connectLegacy(location);
    try {
      const source = new LegacySource(connection);
      const instance = await this.chooseInstance(source, command.instance);
      if (!isTimeZone(instance.timezone))
        throw new ImportUsageError(
          `legacy instance ${instance.id} has an unknown time zone "${instance.timezone}"`,
        );
      let tenant = await this.tenants.findBySlug(command.tenant);
      let created = false;
      if (!tenant) {
        if (command.dryRun)
          throw new ImportUsageError(
            `no tenant "${command.tenant}" (a dry run creates nothing: create it first)`,
          );
        tenant = await this.provisioning.execute({ slug: command.tenant, name: instance.name });
        created = true;
      }
      const tenantRef = { id: tenant.id, slug: tenant.slug, created };
      return await runInTenant(tenant.id, () =>
        this.run(command, location, source, instance, tenantRef, startedAt),
      );
    } finally {
      command.progress?.stop();
      await connection.end();
    }
  }

  private async chooseInstance(source: LegacySource, wanted: string | undefined): Promise<LegacyInstance> {
    const instances = (await source.instances()).map((i) => ({ ...i, id: String(i.id) }));
    if (wanted) {
      const found = instances.find((i) => i.id === wanted || i.slug === wanted);
      if (!found) throw new ImportUsageError(`no legacy application instance "${wanted}"`);
      return found;
    }
    if (instances.length !== 1)
      throw new ImportUsageError(
        `the legacy database has ${instances.length} application instances: choose one with --instance (${instances
          .map((i) => `${i.id}=${i.slug}`)
          .join(', ')})`,
      );
    return instances[0];
  }

  private async resolveSince(since: string | undefined): Promise<Date | null> {
    if (!since) return null;
    if (since === 'last') {
      const last = await this.repository.lastCompletedRun();
      if (!last) throw new ImportUsageError('--since last: no completed import into this tenant yet');
      return new Date(last.startedAt.getTime() - SINCE_LAST_MARGIN_MS);
    }
    return parseInstant(since);
  }

  private async run(
    command: ImportLegacyCommand,
    location: LegacyLocation,
    source: LegacySource,
    instance: LegacyInstance,
    tenant: { id: string; slug: string; created: boolean },
    startedAt: Date,
  ): Promise<ImportReport> {
    const imported = await this.repository.importedInstances();
    if (imported.some((id) => id !== instance.id))
      throw new ImportUsageError(
        `tenant "${tenant.slug}" holds data of legacy instance ${imported.join(', ')}, not ${instance.id}`,
      );
    const since = await this.resolveSince(command.since);
    const scope: ReadScope = {
      instanceId: instance.id,
      since: since ? since.toISOString().slice(0, 19).replace('T', ' ') : null,
    };
    const report = new ImportReportBuilder();
    const state = new RunState(
      await this.repository.loadMap(),
      report,
      instance.timezone,
      await this.repository.roleIds(),
      await this.repository.hasOwnDefaultWorkflow(),
    );
    const run = command.dryRun
      ? { id: randomUUID() }
      : await this.repository.startRun({
          source: redactedUrl(location),
          legacyInstanceId: instance.id,
          since,
          dryRun: false,
        });
    const header = () => ({
      run_id: run.id,
      tenant,
      source: redactedUrl(location),
      legacy_instance: { id: instance.id, slug: instance.slug, timezone: instance.timezone },
      dry_run: command.dryRun,
      since: since?.toISOString() ?? null,
      started_at: startedAt.toISOString(),
    });
    const chunkSize = command.chunkSize ?? 5000;
    try {
      let total = await source.auditLogCount(scope);
      for (const step of IMPORT_STEPS) total += await source.count(step, scope);
      command.progress?.start(total);
      for (const step of IMPORT_STEPS) report.touch(step.entity);
      await runSteps(IMPORT_STEPS, command.parallelSteps ?? DEFAULT_PARALLEL_STEPS, (step) =>
        this.importStep(step, source, scope, state, run.id, command, chunkSize),
      );
      report.touch('audit_log');
      await this.importAuditLog(source, scope, state, run.id, command, chunkSize);
      const result = report.build(header());
      if (!command.dryRun) await this.repository.finishRun(run.id, 'completed', result);
      return result;
    } catch (error) {
      if (!command.dryRun)
        await this.repository
          .finishRun(run.id, 'failed', { ...report.build(header()), error: (error as Error).message })
          .catch(() => undefined);
      throw error;
    }
  }

  /**
   * One step, chunk by chunk, as a pipeline: while chunk n is written to PostgreSQL, chunk n+1 is mapped
   * here and chunk n+2 read from MySQL. A chunk is validated and written only once the one before it has
   * committed (validation reads what is already written; a failed row is out of the mapping before the next
   * chunk's write). Steps whose rows refer to each other (parents first) map each chunk only after the one
   * before it is written, so that a refused parent fails its children by name.
   */
  private async importStep(
    step: ImportStep,
    source: LegacySource,
    scope: ReadScope,
    state: RunState,
    runId: string,
    command: ImportLegacyCommand,
    chunkSize: number,
  ): Promise<void> {
    const seen = new Map<string, string>();
    const spec: ChunkSpec = {
      entity: step.entity,
      legacyTable: step.legacyTable,
      auditType: step.auditType,
      target: step.target,
      auditOmit: step.auditOmit ?? [],
      runId,
    };
    let writing: Promise<void> = Promise.resolve();
    const handle = async (rows: LegacyRow[]) => {
      const plan = this.plan(step, rows, state, seen);
      await writing;
      writing = this.commit(step, spec, plan, state, command);
      // awaited before the next chunk's write and at the end of the step
      writing.catch(() => undefined);
      if (step.readAllOrdered) await writing;
    };
    try {
      if (step.readAllOrdered) {
        const { ordered, cycles } = step.readAllOrdered(await source.chunk(step, scope, '0', 4_294_967_295));
        for (const row of cycles)
          this.fail(state, step, row.id, 'parent_id: the parent chain loops back to this row');
        state.report.read(step.entity, cycles.length);
        command.progress?.advance(cycles.length, step.entity);
        for (let i = 0; i < ordered.length; i += chunkSize) await handle(ordered.slice(i, i + chunkSize));
      } else {
        await readInChunks(
          (after) => source.chunk(step, scope, after, chunkSize),
          chunkSize,
          (rows) => handle(rows),
        );
      }
    } finally {
      // never leave a write running behind a failure
      await writing.catch(() => undefined);
    }
    await writing;
  }

  private fail(state: RunState, step: ImportStep, legacyId: string, reason: string): void {
    state.setOf(state.failed, step.entity, () => new Map<string, string>()).set(legacyId, reason);
    state.report.failed(step.entity, step.legacyTable, legacyId, reason);
  }

  /**
   * Maps a chunk of legacy rows: what to insert, what to update (changed since the last run), and what is
   * skipped or failed (reported at once). New rows enter the mapping at once, so that later rows of the
   * same chunk (children of a parent) resolve them.
   */
  private plan(step: ImportStep, rows: LegacyRow[], state: RunState, seen: Map<string, string>): ChunkPlan {
    const { report } = state;
    const entries = state.entityMap(step.entity);
    const context = state.contextFor(step);
    report.read(step.entity, rows.length);
    const inserts: PlannedRow[] = [];
    const updates: PlannedRow[] = [];
    for (const row of rows) {
      const existing = entries.get(row.id);
      try {
        const { values } = step.map(row, context);
        const key = step.uniqueKey?.(values);
        if (key) {
          const first = seen.get(key);
          if (first !== undefined && first !== row.id)
            throw new LegacyValueError(`a duplicate of legacy row ${first} (the new model allows one)`);
          seen.set(key, row.id);
        }
        const hash = contentHash(values);
        if (existing?.hash === hash) {
          report.skipped(step.entity, 'unchanged since the last import');
          continue;
        }
        const planned: PlannedRow = {
          legacyId: row.id,
          id: existing?.newId ?? timeOrderedId(),
          values,
          hash,
          expectedVersion: existing?.version ?? null,
        };
        if (existing) updates.push(planned);
        else {
          inserts.push(planned);
          entries.set(row.id, { newId: planned.id, hash, version: step.target.versioned ? 1 : null });
        }
      } catch (error) {
        if (error instanceof SkipRow) {
          state.setOf(state.skipped, step.entity, () => new Set<string>()).add(row.id);
          report.skipped(
            step.entity,
            existing ? `${error.message} after it was imported: left in place here` : error.message,
          );
        } else if (error instanceof LegacyValueError || error instanceof BrokenReference) {
          this.fail(state, step, row.id, error.message);
        } else throw error;
      }
    }
    return { read: rows.length, inserts, updates };
  }

  /** Validates and writes a planned chunk (a dry run only counts it); failed rows leave the mapping. */
  private async commit(
    step: ImportStep,
    spec: ChunkSpec,
    plan: ChunkPlan,
    state: RunState,
    command: ImportLegacyCommand,
  ): Promise<void> {
    const { inserts, updates } = plan;
    const entries = state.entityMap(step.entity);
    const drop = (failures: Map<string, string>) => {
      for (const [legacyId, reason] of failures) {
        if (!updates.some((u) => u.legacyId === legacyId)) entries.delete(legacyId);
        this.fail(state, step, legacyId, reason);
      }
      const keep = (r: PlannedRow) => !failures.has(r.legacyId);
      inserts.splice(0, inserts.length, ...inserts.filter(keep));
      updates.splice(0, updates.length, ...updates.filter(keep));
    };
    if (command.dryRun) {
      state.report.imported(step.entity, inserts.length);
      state.report.updated(step.entity, updates.length);
    } else {
      if (step.validate) drop(await step.validate(this.repository, [...inserts, ...updates], inserts));
      drop(await this.write(step, spec, inserts, updates, state));
    }
    command.progress?.advance(plan.read, step.entity);
  }

  /**
   * Writes a chunk in one transaction. When the database refuses it, each row is written on its own so
   * that only the refused rows fail (with the database's reason). Returns the rows that failed.
   */
  private async write(
    step: ImportStep,
    spec: ChunkSpec,
    inserts: PlannedRow[],
    updates: PlannedRow[],
    state: RunState,
  ): Promise<Map<string, string>> {
    const failures = new Map<string, string>();
    if (!inserts.length && !updates.length) return failures;
    try {
      await this.repository.transaction(() => this.writeRows(step, spec, inserts, updates, state, failures));
      return failures;
    } catch (error) {
      if (inserts.length + updates.length === 1) {
        failures.clear();
        failures.set((inserts[0] ?? updates[0]).legacyId, databaseMessage(error));
        return failures;
      }
    }
    failures.clear();
    for (const row of [...inserts, ...updates]) {
      const single = updates.includes(row)
        ? { inserts: [], updates: [row] }
        : { inserts: [row], updates: [] };
      const own = new Map<string, string>();
      try {
        await this.repository.transaction(() =>
          this.writeRows(step, spec, single.inserts, single.updates, state, own),
        );
        for (const [id, reason] of own) failures.set(id, reason);
      } catch (error) {
        failures.set(row.legacyId, databaseMessage(error));
      }
    }
    return failures;
  }

  /** The rows of a chunk with their mapping rows and audit events, then the step's own extra writes. */
  private async writeRows(
    step: ImportStep,
    spec: ChunkSpec,
    inserts: PlannedRow[],
    updates: PlannedRow[],
    state: RunState,
    conflicts: Map<string, string>,
  ): Promise<void> {
    await this.repository.insertChunk(spec, inserts);
    const applied = await this.repository.updateChunk(spec, updates);
    const updated = updates.filter((u) => applied.has(u.id));
    for (const u of updates)
      if (!applied.has(u.id))
        conflicts.set(
          u.legacyId,
          step.target.versioned
            ? `changed in the new system since it was imported (expected version ${u.expectedVersion}): not overwritten`
            : 'deleted in the new system since it was imported: not recreated',
        );
    await step.afterWrite?.(this.repository, [...inserts, ...updated], inserts);
    const entries = state.entityMap(step.entity);
    for (const r of updated)
      entries.set(r.legacyId, { newId: r.id, hash: r.hash, version: applied.get(r.id) ?? null });
    state.report.imported(step.entity, inserts.length);
    state.report.updated(step.entity, updated.length);
  }

  /**
   * The legacy audit log becomes audit events of the new trail, at their original time; never updated.
   * Read, mapped and written as a pipeline like the steps.
   */
  private async importAuditLog(
    source: LegacySource,
    scope: ReadScope,
    state: RunState,
    runId: string,
    command: ImportLegacyCommand,
    chunkSize: number,
  ): Promise<void> {
    const entries = state.entityMap('audit_log');
    let writing: Promise<void> = Promise.resolve();
    await readInChunks(
      (after) => source.auditLogChunk(scope, after, chunkSize),
      chunkSize,
      async (rows) => {
        state.report.read('audit_log', rows.length);
        const events: (ImportAuditEvent & { legacyId: string })[] = [];
        for (const row of rows) {
          if (entries.has(row.id)) {
            state.report.skipped('audit_log', 'already imported (audit entries never change)');
            continue;
          }
          try {
            events.push({ ...this.legacyAuditEvent(row, state, runId), legacyId: row.id });
          } catch (error) {
            if (!(error instanceof LegacyValueError)) throw error;
            state.report.failed('audit_log', 'audit_logs', row.id, error.message);
          }
        }
        await writing;
        writing = (async () => {
          if (!command.dryRun && events.length)
            await this.repository.transaction(() => this.repository.insertLegacyAuditEvents(runId, events));
          for (const e of events)
            entries.set(e.legacyId, { newId: e.eventId, hash: 'immutable', version: null });
          state.report.imported('audit_log', events.length);
          command.progress?.advance(rows.length, 'audit_log');
        })();
        writing.catch(() => undefined);
      },
    ).finally(() => writing.catch(() => undefined));
    await writing;
  }

  private legacyAuditEvent(row: LegacyRow, state: RunState, runId: string): ImportAuditEvent {
    const type = AUDITABLE_TYPE[row.auditable_type ?? ''];
    const target = type ? state.map.get(type)?.get(row.auditable_id ?? '') : undefined;
    const actor = row.user_id ? state.map.get('user')?.get(row.user_id) : undefined;
    const json = (text: string | null, field: string): Record<string, unknown> | null => {
      if (text === null || text === '') return null;
      try {
        const value: unknown = JSON.parse(text);
        return value && typeof value === 'object' && !Array.isArray(value)
          ? (value as Record<string, unknown>)
          : { value };
      } catch {
        throw new LegacyValueError(`${field}: not JSON`);
      }
    };
    return {
      eventId: timeOrderedId(),
      entityType: type ?? (row.auditable_type ?? 'unknown').toLowerCase(),
      // history of a row that was not imported (deleted in legacy) keeps its legacy reference
      entityId: target?.newId ?? `legacy:${row.auditable_type}:${row.auditable_id}`,
      action: (row.event ?? 'unknown').slice(0, 63),
      actorType: actor ? 'user' : 'system',
      actorId: actor?.newId ?? null,
      ip: row.ip_address?.slice(0, 64) ?? null,
      userAgent: row.user_agent,
      before: json(row.old_values, 'old_values'),
      after: json(row.new_values, 'new_values'),
      metadata: {
        imported: true,
        source: 'legacy',
        legacy_table: 'audit_logs',
        legacy_id: row.id,
        import_run_id: runId,
        ...(target ? {} : { legacy_reference: `${row.auditable_type}:${row.auditable_id}` }),
        ...(row.user_id && !actor ? { legacy_user_id: row.user_id } : {}),
      },
      occurredAt: utcTimestamp(row.created_at, 'created_at'),
    };
  }
}
