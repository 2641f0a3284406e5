import { Injectable } from '@nestjs/common';
import { ReadScope, readScopeCondition, RequestContext, UnitOfWork } from '@oversing/platform';

export interface StatusCount {
  status: string;
  count: number;
}

export interface BurnUpPoint {
  week_start: string;
  created_total: number;
  done_total: number;
}

export interface TimeRow {
  user_id: string;
  user_name: string;
  program_id: string;
  program_name: string;
  week_start: string;
  billable_minutes: number;
  non_billable_minutes: number;
}

/** The aggregate queries behind the dashboards, scoped to the tenant and to what the caller may read. */
@Injectable()
export class ReportsRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private taskWhere(scope: ReadScope, programId: string | undefined, params: unknown[]): string {
    let sql = 't.tenant_id = $1';
    if (programId) {
      params.push(programId);
      sql += ` AND t.program_id = $${params.length}`;
    }
    const scoped = readScopeCondition(scope, { program: 't.program_id', task: 't.id' }, params);
    return scoped ? `${sql} ${scoped}` : sql;
  }

  async statusCounts(scope: ReadScope, programId?: string): Promise<StatusCount[]> {
    const params: unknown[] = [RequestContext.tenantId()];
    const where = this.taskWhere(scope, programId, params);
    const rows = (await this.uow
      .manager()
      .query(
        `SELECT t.status, count(*)::int AS count FROM tasks t WHERE ${where} GROUP BY t.status`,
        params,
      )) as StatusCount[];
    return rows;
  }

  /** Open tasks past their due date, and open tasks waiting on an unfinished blocker. */
  async attention(scope: ReadScope, programId?: string): Promise<{ overdue: number; blocked: number }> {
    const params: unknown[] = [RequestContext.tenantId()];
    const where = this.taskWhere(scope, programId, params);
    const [row] = (await this.uow.manager().query(
      `SELECT
         count(*) FILTER (WHERE t.due_date < current_date)::int AS overdue,
         count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM task_dependencies d JOIN tasks b ON b.id = d.blocker_id
            WHERE d.blocked_id = t.id AND d.tenant_id = $1 AND b.status NOT IN ('done', 'cancelled')))::int AS blocked
         FROM tasks t
        WHERE ${where} AND t.status NOT IN ('done', 'cancelled')`,
      params,
    )) as { overdue: number; blocked: number }[];
    return row;
  }

  /** Tasks created and done up to the end of each of the last `weeks` ISO weeks (cumulative). */
  async burnUp(scope: ReadScope, weeks: number, programId?: string): Promise<BurnUpPoint[]> {
    const params: unknown[] = [RequestContext.tenantId(), weeks];
    const where = this.taskWhere(scope, programId, params);
    const rows = (await this.uow.manager().query(
      `WITH weeks AS (
         SELECT (date_trunc('week', current_date) - (n || ' weeks')::interval)::date AS week_start
           FROM generate_series(0, $2::int - 1) AS n
       )
       SELECT to_char(w.week_start, 'YYYY-MM-DD') AS week_start,
              (SELECT count(*) FROM tasks t WHERE ${where}
                 AND t.created_at < w.week_start + 7)::int AS created_total,
              (SELECT count(*) FROM tasks t WHERE ${where}
                 AND t.status = 'done' AND coalesce(t.completed_at, t.updated_at) < w.week_start + 7)::int AS done_total
         FROM weeks w ORDER BY w.week_start`,
      params,
    )) as BurnUpPoint[];
    return rows;
  }

  /** Logged minutes per person, program and ISO week in [from, to], billable and not; `userId` limits to one person. */
  async time(from: string, to: string, userId: string | null): Promise<TimeRow[]> {
    const params: unknown[] = [RequestContext.tenantId(), from, to];
    let who = '';
    if (userId) {
      params.push(userId);
      who = `AND l.user_id = $${params.length}`;
    }
    const rows = (await this.uow.manager().query(
      `SELECT l.user_id, u.name AS user_name, t.program_id, p.name AS program_name,
              to_char(date_trunc('week', l.work_date), 'YYYY-MM-DD') AS week_start,
              sum(l.duration_minutes) FILTER (WHERE l.billable)::int AS billable_minutes,
              sum(l.duration_minutes) FILTER (WHERE NOT l.billable)::int AS non_billable_minutes
         FROM work_logs l
         JOIN users u ON u.id = l.user_id
         JOIN tasks t ON t.id = l.task_id
         JOIN programs p ON p.id = t.program_id
        WHERE l.tenant_id = $1 AND l.work_date BETWEEN $2 AND $3 ${who}
        GROUP BY l.user_id, u.name, t.program_id, p.name, date_trunc('week', l.work_date)
        ORDER BY week_start, user_name, program_name`,
      params,
    )) as TimeRow[];
    return rows.map((r) => ({
      ...r,
      billable_minutes: r.billable_minutes ?? 0,
      non_billable_minutes: r.non_billable_minutes ?? 0,
    }));
  }
}
