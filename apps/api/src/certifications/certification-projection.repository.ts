import { Injectable } from '@nestjs/common';
import { isUuid, keysetCondition, ListQuery, TenantScopedRepository, UnitOfWork } from '@oversing/platform';
import {
  CertificationFeedCursor,
  CertificationProjection,
  TaskCertificationSummary,
  VALID_CERTIFICATION_STATUSES,
} from './certification-projection.entity';

export const CERTIFICATION_SORT_COLUMNS: Record<string, string> = {
  created_at: 'projection.certification_created_at',
  status_at: 'projection.status_at',
  risk_score: 'projection.risk_score',
};

export interface CertificationFilters {
  statuses?: string[];
  taskId?: string;
  programId?: string;
  riskMin?: number;
  riskMax?: number;
  createdFrom?: Date;
  createdTo?: Date;
  policyKey?: string;
  /** certifications that failed this policy rule */
  rule?: string;
}

export type NewCertificationProjection = Omit<CertificationProjection, 'tenantId' | 'updatedAt'>;

export function taskCertificationSummary(row: CertificationProjection): TaskCertificationSummary {
  return { id: row.id, number: row.number, status: row.status, risk_score: row.riskScore };
}

/** The API's copy of certification statuses, scoped by the context's tenant. */
@Injectable()
export class CertificationProjectionRepository extends TenantScopedRepository<CertificationProjection> {
  constructor(uow: UnitOfWork) {
    super(uow, CertificationProjection, 'projection');
  }

  /**
   * Stores the status an event of the feed carries, unless a later event already set one (replays and
   * out-of-order deliveries change nothing). Returns whether the row changed.
   */
  async applyStatus(values: NewCertificationProjection): Promise<boolean> {
    const rows = (await this.uow.manager().query(
      `INSERT INTO certification_projections (id, tenant_id, task_id, number, status, risk_score, policy_key, provider,
         model, failed_rules, created_by, certification_created_at, expires_at, status_reason, status_actor_type,
         status_actor_id, status_at, feed_position, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, now())
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, status_reason = EXCLUDED.status_reason,
         status_actor_type = EXCLUDED.status_actor_type, status_actor_id = EXCLUDED.status_actor_id,
         status_at = EXCLUDED.status_at, feed_position = EXCLUDED.feed_position, updated_at = now()
       WHERE certification_projections.tenant_id = EXCLUDED.tenant_id
         AND certification_projections.feed_position < EXCLUDED.feed_position
       RETURNING id`,
      [
        values.id,
        this.tenantId,
        values.taskId,
        values.number,
        values.status,
        values.riskScore,
        values.policyKey,
        values.provider,
        values.model,
        values.failedRules,
        values.createdBy,
        values.certificationCreatedAt,
        values.expiresAt,
        values.statusReason,
        values.statusActorType,
        values.statusActorId,
        values.statusAt,
        values.feedPosition,
      ],
    )) as unknown[];
    return rows.length > 0;
  }

  /** A page of the tenant's certifications (keyset pagination over the sort columns and the id). */
  list(query: ListQuery, filters: CertificationFilters): Promise<CertificationProjection[]> {
    const builder = this.scopedQuery();
    if (filters.statuses?.length)
      builder.andWhere('projection.status IN (:...statuses)', { statuses: filters.statuses });
    if (filters.taskId) builder.andWhere('projection.task_id = :taskId', { taskId: filters.taskId });
    if (filters.programId)
      builder.andWhere(
        'projection.task_id IN (SELECT t.id FROM tasks t WHERE t.tenant_id = :tenantId AND t.program_id = :programId)',
        { programId: filters.programId },
      );
    if (filters.riskMin !== undefined)
      builder.andWhere('projection.risk_score >= :riskMin', { riskMin: filters.riskMin });
    if (filters.riskMax !== undefined)
      builder.andWhere('projection.risk_score <= :riskMax', { riskMax: filters.riskMax });
    if (filters.createdFrom)
      builder.andWhere('projection.certification_created_at >= :createdFrom', {
        createdFrom: filters.createdFrom,
      });
    if (filters.createdTo)
      builder.andWhere('projection.certification_created_at < :createdTo', { createdTo: filters.createdTo });
    if (filters.policyKey)
      builder.andWhere('projection.policy_key = :policyKey', { policyKey: filters.policyKey });
    if (filters.rule) builder.andWhere(':rule = ANY(projection.failed_rules)', { rule: filters.rule });
    if (query.cursor) {
      const keyset = keysetCondition(query.sort, CERTIFICATION_SORT_COLUMNS, 'projection.id', query.cursor);
      builder.andWhere(keyset.sql, keyset.params);
    }
    builder.orderBy();
    for (const s of query.sort)
      builder.addOrderBy(CERTIFICATION_SORT_COLUMNS[s.field], s.direction, 'NULLS LAST');
    return builder
      .addOrderBy('projection.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
  }

  /** Whether the context's tenant exists here (the feed may name tenants another deployment owns). */
  async tenantExists(): Promise<boolean> {
    const rows = (await this.uow
      .manager()
      .query('SELECT 1 FROM tenants WHERE id = $1', [this.tenantId])) as unknown[];
    return rows.length > 0;
  }

  /** The latest certification (by issue time) of each task. */
  async latestForTasks(taskIds: string[]): Promise<Map<string, CertificationProjection>> {
    const ids = taskIds.filter(isUuid);
    const latest = new Map<string, CertificationProjection>();
    if (!ids.length) return latest;
    const rows = await this.scopedQuery()
      .distinctOn(['projection.task_id'])
      .andWhere('projection.task_id IN (:...ids)', { ids })
      .orderBy('projection.task_id')
      .addOrderBy('projection.certification_created_at', 'DESC')
      .addOrderBy('projection.id', 'DESC')
      .getMany();
    for (const row of rows) latest.set(row.taskId!, row);
    return latest;
  }

  /** The task's latest certification when it is valid (certified or approved, and not expired). */
  async validLatestForTask(taskId: string): Promise<CertificationProjection | null> {
    const latest = (await this.latestForTasks([taskId])).get(taskId);
    if (!latest || !VALID_CERTIFICATION_STATUSES.includes(latest.status)) return null;
    if (latest.expiresAt && latest.expiresAt.getTime() <= Date.now()) return null;
    return latest;
  }
}

/**
 * Positions in the feeds the API consumes. Not tenant-scoped: one cursor covers every tenant (the feed
 * is the internal service account's), so it lives apart from the tenant repositories.
 */
@Injectable()
export class FeedCursorStore {
  constructor(private readonly uow: UnitOfWork) {}

  async position(name: string): Promise<number> {
    const row = await this.uow.repositoryFor(CertificationFeedCursor).findOne({ where: { name } });
    return row ? Number(row.position) : -1;
  }

  /**
   * In the consuming transaction: locks the cursor and says whether it is still at `expected` (another
   * consumer may have advanced it while this one was reading the feed; then this batch is dropped).
   */
  async lockAt(name: string, expected: number): Promise<boolean> {
    await this.uow
      .manager()
      .query(
        `INSERT INTO certification_feed_cursors (name, position) VALUES ($1, -1) ON CONFLICT (name) DO NOTHING`,
        [name],
      );
    const rows = (await this.uow
      .manager()
      .query(`SELECT position FROM certification_feed_cursors WHERE name = $1 FOR UPDATE`, [name])) as {
      position: string;
    }[];
    return Number(rows[0].position) === expected;
  }

  async advance(name: string, position: number): Promise<void> {
    await this.uow
      .manager()
      .query(`UPDATE certification_feed_cursors SET position = $2, updated_at = now() WHERE name = $1`, [
        name,
        position,
      ]);
  }
}
