import { Injectable } from '@nestjs/common';
import { isUuid, keysetCondition, ListQuery, TenantScopedRepository, UnitOfWork } from '@oversing/platform';
import { IsoWeek } from './iso-week';
import { TimeCard, WorkLog } from './time.entities';

export const WORK_LOG_SORTABLE: Record<string, string> = {
  work_date: 'log.work_date',
  created_at: 'log.created_at',
  duration_minutes: 'log.duration_minutes',
};

export const TIME_CARD_SORTABLE: Record<string, string> = {
  week_start: 'card.week_start',
  created_at: 'card.created_at',
};

export interface WorkLogFilters {
  userId?: string;
  taskId?: string;
  timeCardId?: string;
  from?: string;
  to?: string;
  billable?: boolean;
}

export interface TimeCardFilters {
  userId?: string;
  status?: string;
  week?: string;
}

export interface CardTotals {
  log_count: number;
  total_minutes: number;
  billable_minutes: number;
}

@Injectable()
export class WorkLogRepository extends TenantScopedRepository<WorkLog> {
  constructor(uow: UnitOfWork) {
    super(uow, WorkLog, 'log');
  }

  /** Loads the log with a row lock (callers then lock its card) so edits serialize. */
  findForUpdate(id: string): Promise<WorkLog | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.scopedQuery().andWhere('log.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  list(query: ListQuery, filters: WorkLogFilters): Promise<WorkLog[]> {
    const builder = this.scopedQuery();
    if (filters.userId) builder.andWhere('log.user_id = :userId', { userId: filters.userId });
    if (filters.taskId) builder.andWhere('log.task_id = :taskId', { taskId: filters.taskId });
    if (filters.timeCardId) builder.andWhere('log.time_card_id = :cardId', { cardId: filters.timeCardId });
    if (filters.from) builder.andWhere('log.work_date >= :from', { from: filters.from });
    if (filters.to) builder.andWhere('log.work_date <= :to', { to: filters.to });
    if (filters.billable !== undefined)
      builder.andWhere('log.billable = :billable', { billable: filters.billable });
    if (query.cursor) {
      const keyset = keysetCondition(query.sort, WORK_LOG_SORTABLE, 'log.id', query.cursor);
      builder.andWhere(keyset.sql, keyset.params);
    }
    builder.orderBy();
    for (const s of query.sort) builder.addOrderBy(WORK_LOG_SORTABLE[s.field], s.direction, 'NULLS LAST');
    return builder
      .addOrderBy('log.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
  }

  ofCard(cardId: string): Promise<WorkLog[]> {
    return this.scopedQuery()
      .andWhere('log.time_card_id = :cardId', { cardId })
      .orderBy('log.work_date', 'ASC')
      .addOrderBy('log.created_at', 'ASC')
      .getMany();
  }

  async totals(cardId: string): Promise<CardTotals> {
    const rows = (await this.uow.manager().query(
      `SELECT count(*)::int AS log_count,
              coalesce(sum(duration_minutes), 0)::int AS total_minutes,
              coalesce(sum(duration_minutes) FILTER (WHERE billable), 0)::int AS billable_minutes
         FROM work_logs WHERE tenant_id = $1 AND time_card_id = $2`,
      [this.tenantId, cardId],
    )) as CardTotals[];
    return rows[0];
  }
}

@Injectable()
export class TimeCardRepository extends TenantScopedRepository<TimeCard> {
  constructor(uow: UnitOfWork) {
    super(uow, TimeCard, 'card');
  }

  /** The user's card of that week, created as a draft when absent, locked for the transaction. */
  async lockOrCreate(userId: string, week: IsoWeek): Promise<TimeCard> {
    await this.uow.manager().query(
      `INSERT INTO time_cards (tenant_id, user_id, iso_week, week_start) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, user_id, week_start) DO NOTHING`,
      [this.tenantId, userId, week.week, week.weekStart],
    );
    return this.scopedQuery()
      .andWhere('card.user_id = :userId AND card.week_start = :weekStart', {
        userId,
        weekStart: week.weekStart,
      })
      .setLock('pessimistic_write')
      .getOneOrFail();
  }

  lockById(id: string): Promise<TimeCard | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.scopedQuery().andWhere('card.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  list(query: ListQuery, filters: TimeCardFilters): Promise<TimeCard[]> {
    const builder = this.scopedQuery();
    if (filters.userId) builder.andWhere('card.user_id = :userId', { userId: filters.userId });
    if (filters.status) builder.andWhere('card.status = :status', { status: filters.status });
    if (filters.week) builder.andWhere('card.iso_week = :week', { week: filters.week });
    if (query.cursor) {
      const keyset = keysetCondition(query.sort, TIME_CARD_SORTABLE, 'card.id', query.cursor);
      builder.andWhere(keyset.sql, keyset.params);
    }
    builder.orderBy();
    for (const s of query.sort) builder.addOrderBy(TIME_CARD_SORTABLE[s.field], s.direction, 'NULLS LAST');
    return builder
      .addOrderBy('card.id', 'ASC')
      .limit(query.limit + 1)
      .getMany();
  }
}
