import { Injectable } from '@nestjs/common';
import { AppException, assertVersionMatches, ErrorDetail, isUuid, RequestContext } from '@oversing/platform';
import { AuditRecorder } from '../audit/audit-recorder';
import { DomainEventBus } from '../events/domain-event-bus';
import { ProgramRepository } from '../programs/program.repository';
import { isCalendarDate } from '../time/iso-week';
import { CurrencyConverter } from './currency-converter';
import {
  CreateBudgetDto,
  CreateContractDto,
  CreateExchangeRateDto,
  CreateExpenseDto,
  DecideExpenseDto,
  UpdateBudgetDto,
  UpdateContractDto,
} from './dto/financial.dto';
import {
  Budget,
  Contract,
  EXPENSE_STATUSES,
  Expense,
  ExchangeRate,
  publicBudget,
  publicContract,
  publicExchangeRate,
  publicExpense,
  financialEvent,
} from './financial.entities';
import {
  BudgetRepository,
  ContractRepository,
  ExchangeRateRepository,
  ExpenseRepository,
} from './financial.repository';
import { parseDecimalRate, reduce, timeAmount, toJsonNumber } from './money';

const LIST_LIMIT = 500;

/** Exchange rates, contracts, budgets (planned vs actual) and expenses. */
@Injectable()
export class FinancialService {
  constructor(
    private readonly rates: ExchangeRateRepository,
    private readonly contracts: ContractRepository,
    private readonly budgets: BudgetRepository,
    private readonly expenses: ExpenseRepository,
    private readonly programs: ProgramRepository,
    private readonly converter: CurrencyConverter,
    private readonly audit: AuditRecorder,
    private readonly bus: DomainEventBus,
  ) {}

  // ── exchange rates ────────────────────────────────────────────────────────────────────────────

  async listRates(): Promise<Record<string, unknown>[]> {
    return (await this.rates.list()).map(publicExchangeRate);
  }

  async createRate(dto: CreateExchangeRateDto): Promise<ExchangeRate> {
    const details: ErrorDetail[] = [];
    if (!isCalendarDate(dto.rate_date))
      details.push({ field: 'rate_date', message: 'is not a calendar date' });
    if (dto.base_currency === dto.quote_currency)
      details.push({ field: 'quote_currency', message: 'must differ from base_currency' });
    const hasFraction = dto.numerator !== undefined || dto.denominator !== undefined;
    if (dto.rate !== undefined && hasFraction)
      details.push({ field: 'rate', message: 'give either rate or numerator and denominator, not both' });
    let fraction = dto.rate !== undefined ? parseDecimalRate(dto.rate) : null;
    if (dto.rate !== undefined && !fraction)
      details.push({ field: 'rate', message: 'must be greater than zero' });
    if (dto.rate === undefined) {
      if (dto.numerator === undefined || dto.denominator === undefined)
        details.push({ field: 'rate', message: 'give rate, or both numerator and denominator' });
      else fraction = { numerator: BigInt(dto.numerator), denominator: BigInt(dto.denominator) };
    }
    if (details.length || !fraction) throw AppException.validation(details);
    const { numerator, denominator } = reduce(fraction);
    return this.bus.transaction(async () => {
      const rate = await this.rates.insert({
        baseCurrency: dto.base_currency,
        quoteCurrency: dto.quote_currency,
        rateDate: dto.rate_date,
        numerator: numerator.toString(),
        denominator: denominator.toString(),
      });
      await this.audit.record({
        entityType: 'exchange_rate',
        entityId: rate.id,
        action: 'created',
        before: null,
        after: publicExchangeRate(rate),
      });
      return rate;
    });
  }

  // ── contracts ─────────────────────────────────────────────────────────────────────────────────

  async listContracts(): Promise<Record<string, unknown>[]> {
    return (await this.contracts.list(LIST_LIMIT)).map(publicContract);
  }

  async getContract(id: string): Promise<Contract> {
    const contract = await this.contracts.findById(id);
    if (!contract) throw AppException.notFound('Contract');
    return contract;
  }

  async createContract(dto: CreateContractDto): Promise<Contract> {
    return this.bus.transaction(async () => {
      if (!(await this.programs.findById(dto.program_id)))
        throw AppException.validation([
          { field: 'program_id', message: 'no program with this id in the tenant' },
        ]);
      const contract = await this.contracts.insert({
        programId: dto.program_id,
        clientName: dto.client_name.trim(),
        currency: dto.currency,
        hourlyRateMinor: String(dto.hourly_rate_minor),
        capMinor: dto.cap_minor === undefined || dto.cap_minor === null ? null : String(dto.cap_minor),
      });
      await this.audit.record({
        entityType: 'contract',
        entityId: contract.id,
        action: 'created',
        before: null,
        after: publicContract(contract),
      });
      return contract;
    });
  }

  async updateContract(id: string, dto: UpdateContractDto, ifMatch: number | undefined): Promise<Contract> {
    return this.bus.transaction(async () => {
      const contract = await this.contracts.lockById(id);
      if (!contract) throw AppException.notFound('Contract');
      assertVersionMatches('contract', contract.version, ifMatch);
      const before = publicContract(contract);
      if (dto.client_name !== undefined) contract.clientName = dto.client_name.trim();
      if (dto.hourly_rate_minor !== undefined) contract.hourlyRateMinor = String(dto.hourly_rate_minor);
      if (dto.cap_minor !== undefined)
        contract.capMinor = dto.cap_minor === null ? null : String(dto.cap_minor);
      const saved = await this.contracts.save(contract);
      await this.audit.record({
        entityType: 'contract',
        entityId: saved.id,
        action: 'updated',
        before,
        after: publicContract(saved),
      });
      return saved;
    });
  }

  // ── budgets ───────────────────────────────────────────────────────────────────────────────────

  async listBudgets(): Promise<Record<string, unknown>[]> {
    return (await this.budgets.list(LIST_LIMIT)).map(publicBudget);
  }

  async createBudget(dto: CreateBudgetDto): Promise<Budget> {
    return this.bus.transaction(async () => {
      if (!(await this.programs.findById(dto.program_id)))
        throw AppException.validation([
          { field: 'program_id', message: 'no program with this id in the tenant' },
        ]);
      if (await this.budgets.findByProgram(dto.program_id))
        throw AppException.conflict('The program already has a budget', [
          { field: 'program_id', message: 'one budget per program' },
        ]);
      const budget = await this.budgets.insert({
        programId: dto.program_id,
        plannedMinor: String(dto.planned_minor),
        currency: dto.currency,
      });
      const after = publicBudget(budget);
      await this.audit.record({
        entityType: 'budget',
        entityId: budget.id,
        action: 'created',
        before: null,
        after,
      });
      await this.bus.publish(financialEvent('budget.created', budget, after));
      return budget;
    });
  }

  async updateBudget(id: string, dto: UpdateBudgetDto, ifMatch: number | undefined): Promise<Budget> {
    return this.bus.transaction(async () => {
      const budget = await this.budgets.findById(id);
      if (!budget) throw AppException.notFound('Budget');
      assertVersionMatches('budget', budget.version, ifMatch);
      const before = publicBudget(budget);
      budget.plannedMinor = String(dto.planned_minor);
      const saved = await this.budgets.save(budget);
      const after = publicBudget(saved);
      await this.audit.record({ entityType: 'budget', entityId: saved.id, action: 'updated', before, after });
      await this.bus.publish(financialEvent('budget.updated', saved, after));
      return saved;
    });
  }

  /**
   * Planned vs actual. Actual = approved billable work logs (minutes × the log's hourly cost rate, each
   * rounded half to even in its own currency) + approved expenses, each item converted into the budget
   * currency with the latest rate dated on or before its day (rounded half to even once per item).
   */
  async budgetReport(id: string): Promise<Record<string, unknown>> {
    const budget = await this.budgets.findById(id);
    if (!budget) throw AppException.notFound('Budget');
    let time = 0n;
    let expenses = 0n;
    let minutes = 0;
    for (const row of await this.expenses.approvedBillableTime(budget.programId)) {
      const cost = timeAmount(row.duration_minutes, BigInt(row.rate_minor));
      time += await this.converter.convert(
        cost,
        row.currency,
        budget.currency,
        row.work_date,
        `work_logs.${row.id}`,
      );
      minutes += row.duration_minutes;
    }
    for (const expense of await this.expenses.approved(budget.programId)) {
      expenses += await this.converter.convert(
        BigInt(expense.amountMinor),
        expense.currency,
        budget.currency,
        expense.expenseDate,
        `expenses.${expense.id}`,
      );
    }
    const planned = BigInt(budget.plannedMinor);
    const actual = time + expenses;
    return {
      ...publicBudget(budget),
      actual: {
        time_minor: toJsonNumber(time),
        time_minutes: minutes,
        expenses_minor: toJsonNumber(expenses),
        total_minor: toJsonNumber(actual),
      },
      remaining_minor: toJsonNumber(planned - actual),
      rounding: 'each item rounded half to even in minor units, then summed',
    };
  }

  // ── expenses ──────────────────────────────────────────────────────────────────────────────────

  async listExpenses(raw: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    const details: ErrorDetail[] = [];
    const program = raw['filter[program]'];
    const status = raw['filter[status]'];
    if (program !== undefined && !isUuid(program))
      details.push({ field: 'filter[program]', message: 'must be a UUID' });
    if (status !== undefined && !(EXPENSE_STATUSES as readonly unknown[]).includes(status))
      details.push({ field: 'filter[status]', message: `must be one of ${EXPENSE_STATUSES.join(', ')}` });
    if (details.length) throw AppException.validation(details);
    return (
      await this.expenses.list(
        { programId: program as string | undefined, status: status as string | undefined },
        LIST_LIMIT,
      )
    ).map(publicExpense);
  }

  async getExpense(id: string): Promise<Expense> {
    const expense = await this.expenses.findById(id);
    if (!expense) throw AppException.notFound('Expense');
    return expense;
  }

  async createExpense(dto: CreateExpenseDto): Promise<Expense> {
    if (!isCalendarDate(dto.expense_date))
      throw AppException.validation([{ field: 'expense_date', message: 'is not a calendar date' }]);
    const principal = RequestContext.principal();
    return this.bus.transaction(async () => {
      if (!(await this.programs.findById(dto.program_id)))
        throw AppException.validation([
          { field: 'program_id', message: 'no program with this id in the tenant' },
        ]);
      const expense = await this.expenses.insert({
        programId: dto.program_id,
        userId: principal?.kind === 'user' ? principal.id : null,
        expenseDate: dto.expense_date,
        amountMinor: String(dto.amount_minor),
        currency: dto.currency,
        description: dto.description.trim(),
        billable: dto.billable ?? true,
        status: 'submitted',
        invoiceId: null,
      });
      const after = publicExpense(expense);
      await this.audit.record({
        entityType: 'expense',
        entityId: expense.id,
        action: 'created',
        before: null,
        after,
      });
      await this.bus.publish(financialEvent('expense.created', expense, after));
      return expense;
    });
  }

  /** Approves or rejects a submitted expense; nobody decides on their own expense. */
  async decideExpense(id: string, dto: DecideExpenseDto): Promise<Expense> {
    const principal = RequestContext.principal();
    return this.bus.transaction(async () => {
      const expense = await this.expenses.lockById(id);
      if (!expense) throw AppException.notFound('Expense');
      if (principal?.kind === 'user' && expense.userId === principal.id)
        throw AppException.forbidden('Nobody approves or rejects their own expense');
      if (expense.status !== 'submitted')
        throw AppException.unprocessable(`The expense is already ${expense.status}`, [
          { field: 'status', message: `is ${expense.status}` },
        ]);
      const before = publicExpense(expense);
      expense.status = dto.status;
      const saved = await this.expenses.save(expense);
      const after = publicExpense(saved);
      await this.audit.record({
        entityType: 'expense',
        entityId: saved.id,
        action: dto.status,
        before,
        after,
      });
      await this.bus.publish(financialEvent(`expense.${dto.status}`, saved, after));
      return saved;
    });
  }
}
