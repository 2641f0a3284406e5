import { Injectable } from '@nestjs/common';
import { RequestContext, UnitOfWork } from '@oversing/platform';

/** The new table behind each mapped entity (a mapping row counts only while its row still exists). */
const ENTITY_TABLES: Readonly<Record<string, string>> = {
  user: 'users',
  program: 'programs',
  contract: 'contracts',
  workflow: 'workflows',
  workflow_state: 'workflow_states',
  workflow_transition: 'workflow_transitions',
  task: 'tasks',
  task_assignment: 'role_assignments',
  task_dependency: 'task_dependencies',
  workflow_instance: 'workflow_instances',
  workflow_vote: 'workflow_instance_votes',
  time_card: 'time_cards',
  invoice: 'invoices',
  work_log: 'work_logs',
  invoice_line: 'invoice_lines',
  payment: 'payments',
};

/** The new database's side of legacy:verify: what the import brought over, counted and summed. */
@Injectable()
export class LegacyVerifyRepository {
  constructor(private readonly uow: UnitOfWork) {}

  private get tenantId(): string {
    return RequestContext.tenantId();
  }

  private query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.uow.manager().query(sql, params) as Promise<T[]>;
  }

  async importedCounts(): Promise<Record<string, number>> {
    const parts = Object.entries(ENTITY_TABLES).map(
      ([entity, table]) =>
        `(SELECT count(*) FROM legacy_id_map m JOIN ${table} x ON x.id = m.new_id AND x.tenant_id = m.tenant_id
           WHERE m.tenant_id = $1 AND m.entity = '${entity}') AS ${entity}`,
    );
    const [row] = await this.query<Record<string, string>>(
      `SELECT ${parts.join(',\n')},
        (SELECT count(*) FROM legacy_id_map m JOIN tasks t ON t.id = m.new_id AND t.tenant_id = m.tenant_id
          WHERE m.tenant_id = $1 AND m.entity = 'task' AND t.assignee_id IS NOT NULL) AS task_assignee,
        (SELECT count(*) FROM legacy_id_map m JOIN audit_outbox a ON a.event_id = m.new_id AND a.tenant_id = m.tenant_id
          WHERE m.tenant_id = $1 AND m.entity = 'audit_log') AS audit_log`,
      [this.tenantId],
    );
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  }

  /** Minutes of the imported work logs per legacy program id. */
  async minutesPerProgram(): Promise<Map<string, bigint>> {
    const rows = await this.query<{ program: string; minutes: string }>(
      `SELECT mp.legacy_id::text AS program, sum(wl.duration_minutes)::text AS minutes
         FROM legacy_id_map mw
         JOIN work_logs wl ON wl.id = mw.new_id AND wl.tenant_id = mw.tenant_id
         JOIN tasks t ON t.id = wl.task_id
         JOIN legacy_id_map mp ON mp.tenant_id = mw.tenant_id AND mp.entity = 'program' AND mp.new_id = t.program_id
        WHERE mw.tenant_id = $1 AND mw.entity = 'work_log'
        GROUP BY mp.legacy_id`,
      [this.tenantId],
    );
    return new Map(rows.map((r) => [r.program, BigInt(r.minutes)]));
  }

  /** Totals of the imported invoices (minor units) per legacy program id and currency. */
  async invoiceTotals(): Promise<{ program: string; currency: string; total: bigint }[]> {
    const rows = await this.query<{ program: string; currency: string; total: string }>(
      `SELECT mp.legacy_id::text AS program, i.currency, sum(i.total_minor)::text AS total
         FROM legacy_id_map mi
         JOIN invoices i ON i.id = mi.new_id AND i.tenant_id = mi.tenant_id
         JOIN contracts c ON c.id = i.contract_id
         JOIN legacy_id_map mp ON mp.tenant_id = mi.tenant_id AND mp.entity = 'program' AND mp.new_id = c.program_id
        WHERE mi.tenant_id = $1 AND mi.entity = 'invoice'
        GROUP BY mp.legacy_id, i.currency`,
      [this.tenantId],
    );
    return rows.map((r) => ({ program: r.program, currency: r.currency, total: BigInt(r.total) }));
  }

  /** Imported payments (minor units) per currency, and the invoices' paid amounts they add up to. */
  async paymentTotals(): Promise<{ currency: string; total: bigint; invoiced_paid: bigint }[]> {
    const rows = await this.query<{ currency: string; total: string; invoiced_paid: string }>(
      `SELECT i.currency, sum(p.amount_minor)::text AS total,
              (SELECT coalesce(sum(i2.paid_minor), 0)::text FROM legacy_id_map m2
                 JOIN invoices i2 ON i2.id = m2.new_id AND i2.tenant_id = m2.tenant_id
                WHERE m2.tenant_id = $1 AND m2.entity = 'invoice' AND i2.currency = i.currency) AS invoiced_paid
         FROM legacy_id_map mp
         JOIN payments p ON p.id = mp.new_id AND p.tenant_id = mp.tenant_id
         JOIN invoices i ON i.id = p.invoice_id
        WHERE mp.tenant_id = $1 AND mp.entity = 'payment'
        GROUP BY i.currency`,
      [this.tenantId],
    );
    return rows.map((r) => ({
      currency: r.currency,
      total: BigInt(r.total),
      invoiced_paid: BigInt(r.invoiced_paid),
    }));
  }
}
