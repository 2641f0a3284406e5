import { Injectable } from '@nestjs/common';
import { isUuid, TenantScopedRepository, UnitOfWork } from '@oversing/platform';
import { Fraction } from './money';
import { Budget, Contract, ExchangeRate, Expense, Invoice, InvoiceLine, Payment } from './financial.entities';

export interface DatedRate extends Fraction {
  rateDate: string;
}

@Injectable()
export class ExchangeRateRepository extends TenantScopedRepository<ExchangeRate> {
  constructor(uow: UnitOfWork) {
    super(uow, ExchangeRate, 'rate');
  }

  list(): Promise<ExchangeRate[]> {
    return this.scopedQuery()
      .orderBy('rate.base_currency')
      .addOrderBy('rate.quote_currency')
      .addOrderBy('rate.rate_date', 'DESC')
      .limit(1000)
      .getMany();
  }

  /**
   * The rate converting `from` into `to` on `day`: the latest one dated on or before that day, stated
   * either way round (an inverse quote is used as the exact reciprocal fraction); null when none.
   */
  async rateOn(from: string, to: string, day: string): Promise<DatedRate | null> {
    const rows = (await this.uow.manager().query(
      `SELECT base_currency, numerator, denominator, to_char(rate_date, 'YYYY-MM-DD') AS rate_date
         FROM exchange_rates
        WHERE tenant_id = $1 AND rate_date <= $4
          AND ((base_currency = $2 AND quote_currency = $3) OR (base_currency = $3 AND quote_currency = $2))
        ORDER BY rate_date DESC, (base_currency = $2) DESC LIMIT 1`,
      [this.tenantId, from, to, day],
    )) as { base_currency: string; numerator: string; denominator: string; rate_date: string }[];
    if (!rows.length) return null;
    const r = rows[0];
    return r.base_currency === from
      ? { numerator: BigInt(r.numerator), denominator: BigInt(r.denominator), rateDate: r.rate_date }
      : { numerator: BigInt(r.denominator), denominator: BigInt(r.numerator), rateDate: r.rate_date };
  }
}

@Injectable()
export class ContractRepository extends TenantScopedRepository<Contract> {
  constructor(uow: UnitOfWork) {
    super(uow, Contract, 'contract');
  }

  list(limit: number): Promise<Contract[]> {
    return this.scopedQuery()
      .orderBy('contract.created_at', 'DESC')
      .addOrderBy('contract.id')
      .limit(limit)
      .getMany();
  }

  lockById(id: string): Promise<Contract | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.scopedQuery().andWhere('contract.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** Subtotal already invoiced under the contract (issued and paid invoices). */
  async invoicedSubtotal(contractId: string): Promise<bigint> {
    const rows = (await this.uow.manager().query(
      `SELECT coalesce(sum(subtotal_minor), 0)::text AS s FROM invoices
        WHERE tenant_id = $1 AND contract_id = $2 AND status IN ('issued', 'paid')`,
      [this.tenantId, contractId],
    )) as { s: string }[];
    return BigInt(rows[0].s);
  }
}

@Injectable()
export class BudgetRepository extends TenantScopedRepository<Budget> {
  constructor(uow: UnitOfWork) {
    super(uow, Budget, 'budget');
  }

  list(limit: number): Promise<Budget[]> {
    return this.scopedQuery()
      .orderBy('budget.created_at', 'DESC')
      .addOrderBy('budget.id')
      .limit(limit)
      .getMany();
  }

  findByProgram(programId: string): Promise<Budget | null> {
    return this.repository.findOne({ where: this.scopedWhere({ programId }) });
  }
}

export interface BillableTimeRow {
  id: string;
  user_id: string;
  task_id: string;
  task_title: string;
  work_date: string;
  duration_minutes: number;
  rate_minor: string;
  currency: string;
}

@Injectable()
export class ExpenseRepository extends TenantScopedRepository<Expense> {
  constructor(uow: UnitOfWork) {
    super(uow, Expense, 'expense');
  }

  list(filters: { programId?: string; status?: string }, limit: number): Promise<Expense[]> {
    const builder = this.scopedQuery();
    if (filters.programId) builder.andWhere('expense.program_id = :p', { p: filters.programId });
    if (filters.status) builder.andWhere('expense.status = :s', { s: filters.status });
    return builder.orderBy('expense.expense_date', 'DESC').addOrderBy('expense.id').limit(limit).getMany();
  }

  lockById(id: string): Promise<Expense | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.scopedQuery().andWhere('expense.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** Approved expenses of a program (for budgets), optionally only billable, uninvoiced, in a period. */
  approved(
    programId: string,
    options: {
      billableOnly?: boolean;
      uninvoiced?: boolean;
      from?: string;
      to?: string;
      lock?: boolean;
    } = {},
  ): Promise<Expense[]> {
    const builder = this.scopedQuery()
      .andWhere('expense.program_id = :programId', { programId })
      .andWhere(`expense.status = 'approved'`);
    if (options.billableOnly) builder.andWhere('expense.billable');
    if (options.uninvoiced) builder.andWhere('expense.invoice_id IS NULL');
    if (options.from) builder.andWhere('expense.expense_date >= :from', { from: options.from });
    if (options.to) builder.andWhere('expense.expense_date <= :to', { to: options.to });
    if (options.lock) builder.setLock('pessimistic_write');
    return builder.orderBy('expense.expense_date').addOrderBy('expense.id').getMany();
  }

  /**
   * Billable work logs of approved time cards on tasks of the program. With `uninvoiced`, only logs
   * not on an invoice yet, locked so that two concurrent drafts never bill the same time.
   */
  async approvedBillableTime(
    programId: string,
    options: { uninvoiced?: boolean; from?: string; to?: string } = {},
  ): Promise<BillableTimeRow[]> {
    const params: unknown[] = [this.tenantId, programId];
    let where = '';
    if (options.uninvoiced) where += ' AND w.invoice_id IS NULL';
    if (options.from) where += ` AND w.work_date >= $${params.push(options.from)}`;
    if (options.to) where += ` AND w.work_date <= $${params.push(options.to)}`;
    return this.uow.manager().query(
      `SELECT w.id, w.user_id, w.task_id, t.title AS task_title, to_char(w.work_date, 'YYYY-MM-DD') AS work_date,
              w.duration_minutes, w.rate_minor::text AS rate_minor, w.currency
         FROM work_logs w
         JOIN tasks t ON t.id = w.task_id AND t.tenant_id = w.tenant_id
         JOIN time_cards c ON c.id = w.time_card_id AND c.tenant_id = w.tenant_id
        WHERE w.tenant_id = $1 AND t.program_id = $2 AND w.billable AND c.status = 'approved'${where}
        ORDER BY w.work_date, w.id
        ${options.uninvoiced ? 'FOR UPDATE OF w' : ''}`,
      params,
    );
  }

  async attachTimeToInvoice(logIds: string[], invoiceId: string | null): Promise<void> {
    if (!logIds.length) return;
    await this.uow
      .manager()
      .query(`UPDATE work_logs SET invoice_id = $3 WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
        this.tenantId,
        logIds,
        invoiceId,
      ]);
  }

  async releaseInvoice(invoiceId: string): Promise<void> {
    await this.uow
      .manager()
      .query(`UPDATE work_logs SET invoice_id = NULL WHERE tenant_id = $1 AND invoice_id = $2`, [
        this.tenantId,
        invoiceId,
      ]);
    await this.uow
      .manager()
      .query(`UPDATE expenses SET invoice_id = NULL WHERE tenant_id = $1 AND invoice_id = $2`, [
        this.tenantId,
        invoiceId,
      ]);
  }
}

@Injectable()
export class InvoiceRepository extends TenantScopedRepository<Invoice> {
  constructor(uow: UnitOfWork) {
    super(uow, Invoice, 'invoice');
  }

  list(filters: { status?: string; contractId?: string }, limit: number): Promise<Invoice[]> {
    const builder = this.scopedQuery();
    if (filters.status) builder.andWhere('invoice.status = :s', { s: filters.status });
    if (filters.contractId) builder.andWhere('invoice.contract_id = :c', { c: filters.contractId });
    return builder.orderBy('invoice.created_at', 'DESC').addOrderBy('invoice.id').limit(limit).getMany();
  }

  lockById(id: string): Promise<Invoice | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.scopedQuery().andWhere('invoice.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  lines(invoiceId: string): Promise<InvoiceLine[]> {
    return this.uow
      .repositoryFor(InvoiceLine)
      .find({ where: { tenantId: this.tenantId, invoiceId }, order: { position: 'ASC' } });
  }

  async replaceLines(
    invoiceId: string,
    lines: Omit<InvoiceLine, 'id' | 'tenantId' | 'invoiceId'>[],
  ): Promise<void> {
    const repo = this.uow.repositoryFor(InvoiceLine);
    await repo.delete({ tenantId: this.tenantId, invoiceId });
    if (lines.length) await repo.insert(lines.map((l) => ({ ...l, tenantId: this.tenantId, invoiceId })));
  }

  payments(invoiceId: string): Promise<Payment[]> {
    return this.uow
      .repositoryFor(Payment)
      .find({ where: { tenantId: this.tenantId, invoiceId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  addPayment(values: Pick<Payment, 'invoiceId' | 'amountMinor' | 'paidOn' | 'reference'>): Promise<Payment> {
    return this.uow.repositoryFor(Payment).save({ ...values, tenantId: this.tenantId });
  }

  /**
   * The next invoice number of the year. The counter row is created or incremented with one statement
   * that holds its row lock until the issuing transaction ends, so concurrent issues queue behind it and
   * a rolled-back issue gives its number back: numbers are gap-free.
   */
  async nextNumber(year: number): Promise<string> {
    const rows = (await this.uow.manager().query(
      `INSERT INTO invoice_counters (tenant_id, year, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (tenant_id, year) DO UPDATE SET last_number = invoice_counters.last_number + 1
       RETURNING last_number`,
      [this.tenantId, year],
    )) as { last_number: number }[];
    return `INV-${year}-${String(rows[0].last_number).padStart(4, '0')}`;
  }
}
