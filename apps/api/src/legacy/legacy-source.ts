import type { Connection } from 'mysql2/promise';
import type { ImportStep, LegacyRow } from './import-step';
import { queryRows } from './mysql-connection';

export interface LegacyInstance {
  id: string;
  name: string;
  slug: string;
  timezone: string;
}

/** Which legacy rows a run reads: one instance, optionally only rows changed since an instant. */
export interface ReadScope {
  instanceId: string;
  /** "YYYY-MM-DD HH:MM:SS" in UTC (TIMESTAMP columns are read in UTC) */
  since: string | null;
}

/** The audit log rows as the import reads them. */
export const AUDIT_LOG_SELECT = `a.id AS id, a.user_id, a.auditable_type, a.auditable_id, a.event, a.old_values,
  a.new_values, a.ip_address, a.user_agent, a.created_at`;

/** Every read of the legacy MySQL database (the import never writes there). */
export class LegacySource {
  constructor(private readonly connection: Connection) {}

  async instances(): Promise<LegacyInstance[]> {
    return queryRows<LegacyInstance>(
      this.connection,
      'SELECT id, name, slug, timezone FROM application_instances ORDER BY id',
    );
  }

  private sinceClause(step: Pick<ImportStep, 'alias' | 'timestamps' | 'sinceAlso'>, scope: ReadScope) {
    if (!scope.since) return { sql: '', params: [] as unknown[] };
    const a = step.alias;
    const own =
      step.timestamps === 'created'
        ? [`${a}.created_at >= ?`]
        : [
            `${a}.created_at >= ?`,
            `${a}.updated_at >= ?`,
            ...(step.timestamps === 'created_updated_deleted' ? [`${a}.deleted_at >= ?`] : []),
          ];
    const all = [...own, ...(step.sinceAlso ?? [])];
    const params = all.flatMap((condition) => Array(condition.split('?').length - 1).fill(scope.since));
    return { sql: ` AND (${all.join(' OR ')})`, params };
  }

  async count(step: ImportStep, scope: ReadScope): Promise<number> {
    const since = this.sinceClause(step, scope);
    const [row] = await queryRows<{ n: string }>(
      this.connection,
      `SELECT COUNT(*) AS n FROM ${step.from}${since.sql}`,
      [scope.instanceId, ...since.params],
    );
    return Number(row.n);
  }

  /** The next rows after `afterId` in id order (keyset pagination: no long-running result set). */
  async chunk(step: ImportStep, scope: ReadScope, afterId: string, limit: number): Promise<LegacyRow[]> {
    const since = this.sinceClause(step, scope);
    return queryRows<LegacyRow>(
      this.connection,
      `SELECT ${step.select} FROM ${step.from} AND ${step.alias}.id > ?${since.sql} ORDER BY ${step.alias}.id LIMIT ?`,
      [scope.instanceId, afterId, ...since.params, limit],
    );
  }

  auditLogCount(scope: ReadScope): Promise<number> {
    const since = scope.since ? ' AND a.created_at >= ?' : '';
    return queryRows<{ n: string }>(
      this.connection,
      `SELECT COUNT(*) AS n FROM audit_logs a WHERE a.application_instance_id = ?${since}`,
      scope.since ? [scope.instanceId, scope.since] : [scope.instanceId],
    ).then(([row]) => Number(row.n));
  }

  auditLogChunk(scope: ReadScope, afterId: string, limit: number): Promise<LegacyRow[]> {
    const since = scope.since ? ' AND a.created_at >= ?' : '';
    return queryRows<LegacyRow>(
      this.connection,
      `SELECT ${AUDIT_LOG_SELECT} FROM audit_logs a WHERE a.application_instance_id = ? AND a.id > ?${since}
        ORDER BY a.id LIMIT ?`,
      scope.since ? [scope.instanceId, afterId, scope.since, limit] : [scope.instanceId, afterId, limit],
    );
  }

  /**
   * What the import should have brought over, counted the way it decides: soft-deleted programs, tasks
   * and work logs (and what belongs to them) are not imported; owners become the tasks' assignees.
   */
  async importableCounts(instanceId: string): Promise<Record<string, number>> {
    const [row] = await queryRows<Record<string, string>>(
      this.connection,
      `${LIVE} SELECT
        (SELECT COUNT(*) FROM users u JOIN application_instance_users m ON m.user_id = u.id
          WHERE m.application_instance_id = ?) AS user,
        (SELECT COUNT(*) FROM live_programs) AS program,
        (SELECT COUNT(*) FROM contracts c JOIN live_programs p ON p.id = c.program_id) AS contract,
        (SELECT COUNT(*) FROM workflows w WHERE w.application_instance_id = ?) AS workflow,
        (SELECT COUNT(*) FROM workflow_states s JOIN workflows w ON w.id = s.workflow_id
          WHERE w.application_instance_id = ?) AS workflow_state,
        (SELECT COUNT(*) FROM workflow_transitions tr JOIN workflows w ON w.id = tr.workflow_id
          WHERE w.application_instance_id = ?) AS workflow_transition,
        (SELECT COUNT(*) FROM live_tasks) AS task,
        (SELECT COUNT(*) FROM live_tasks t WHERE EXISTS
          (SELECT 1 FROM task_assignments ta WHERE ta.task_id = t.id AND ta.role = 'owner')) AS task_assignee,
        (SELECT COUNT(*) FROM task_assignments ta JOIN live_tasks t ON t.id = ta.task_id
          WHERE ta.role <> 'owner') AS task_assignment,
        (SELECT COUNT(*) FROM task_dependencies d JOIN live_tasks a ON a.id = d.task_id
          JOIN live_tasks b ON b.id = d.depends_on_task_id) AS task_dependency,
        (SELECT COUNT(*) FROM workflow_instances wi JOIN live_tasks t ON t.id = wi.task_id) AS workflow_instance,
        (SELECT COUNT(*) FROM workflow_instance_votes v JOIN workflow_instances wi ON wi.id = v.workflow_instance_id
          JOIN live_tasks t ON t.id = wi.task_id) AS workflow_vote,
        (SELECT COUNT(*) FROM time_cards tc WHERE tc.application_instance_id = ?) AS time_card,
        (SELECT COUNT(*) FROM live_invoices) AS invoice,
        (SELECT COUNT(*) FROM live_work_logs) AS work_log,
        (SELECT COUNT(*) FROM invoice_lines l JOIN live_invoices i ON i.id = l.invoice_id
          JOIN live_work_logs wl ON wl.id = l.work_log_id) AS invoice_line,
        (SELECT COUNT(*) FROM payments pm JOIN live_invoices i ON i.id = pm.invoice_id) AS payment,
        (SELECT COUNT(*) FROM audit_logs a WHERE a.application_instance_id = ?) AS audit_log`,
      [...liveParams(instanceId), instanceId, instanceId, instanceId, instanceId, instanceId, instanceId],
    );
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  }

  /** Minutes of the importable work logs per legacy program id (hours × 60, exact in DECIMAL). */
  async minutesPerProgram(instanceId: string): Promise<Map<string, string>> {
    const rows = await queryRows<{ program_id: string; minutes: string }>(
      this.connection,
      `${LIVE} SELECT t.program_id, CAST(SUM(wl.hours * 60) AS DECIMAL(20,2)) AS minutes
         FROM live_work_logs wl JOIN tasks t ON t.id = wl.task_id GROUP BY t.program_id`,
      liveParams(instanceId),
    );
    return new Map(rows.map((r) => [String(r.program_id), r.minutes]));
  }

  /** Invoice totals (major units, exact) per legacy program id and currency. */
  async invoiceTotals(
    instanceId: string,
  ): Promise<{ program_id: string; currency: string; total: string }[]> {
    return queryRows(
      this.connection,
      `${LIVE} SELECT c.program_id, i.currency, CAST(SUM(i.total) AS CHAR) AS total
         FROM live_invoices i JOIN contracts c ON c.id = i.contract_id GROUP BY c.program_id, i.currency`,
      liveParams(instanceId),
    );
  }

  /** Payments (major units, exact) per currency. */
  async paymentTotals(instanceId: string): Promise<{ currency: string; total: string }[]> {
    return queryRows(
      this.connection,
      `${LIVE} SELECT i.currency, CAST(SUM(pm.amount) AS CHAR) AS total
         FROM payments pm JOIN live_invoices i ON i.id = pm.invoice_id GROUP BY i.currency`,
      liveParams(instanceId),
    );
  }
}

/** Programs whose chain of parents has no soft-deleted one, and what hangs on them. */
const LIVE = `WITH RECURSIVE live_programs AS (
    SELECT p.id FROM programs p WHERE p.application_instance_id = ? AND p.parent_id IS NULL AND p.deleted_at IS NULL
    UNION ALL
    SELECT c.id FROM programs c JOIN live_programs lp ON c.parent_id = lp.id
     WHERE c.application_instance_id = ? AND c.deleted_at IS NULL
  ),
  live_tasks AS (SELECT t.id, t.program_id FROM tasks t JOIN live_programs p ON p.id = t.program_id
                  WHERE t.application_instance_id = ? AND t.deleted_at IS NULL),
  live_work_logs AS (SELECT wl.* FROM work_logs wl JOIN live_tasks t ON t.id = wl.task_id
                      WHERE wl.application_instance_id = ? AND wl.deleted_at IS NULL),
  live_invoices AS (SELECT i.* FROM invoices i JOIN contracts c ON c.id = i.contract_id
                     JOIN live_programs p ON p.id = c.program_id WHERE i.application_instance_id = ?)`;

function liveParams(instanceId: string): string[] {
  return [instanceId, instanceId, instanceId, instanceId, instanceId];
}
