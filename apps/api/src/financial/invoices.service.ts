import { Injectable } from '@nestjs/common';
import { AppException, assertVersionMatches, ErrorDetail, isUuid } from '@oversing/platform';
import { AuditRecorder } from '../audit/audit-recorder';
import { DomainEventBus } from '../events/domain-event-bus';
import { isCalendarDate } from '../time/iso-week';
import { CurrencyConverter } from './currency-converter';
import { CreateInvoiceDto, CreatePaymentDto, UpdateInvoiceDto } from './dto/financial.dto';
import { financialEvent, INVOICE_STATUSES, Invoice, InvoiceLine, publicInvoice } from './financial.entities';
import { ContractRepository, ExpenseRepository, InvoiceRepository } from './financial.repository';
import { invoiceTotals, timeAmount, toJsonNumber } from './money';

type NewLine = Omit<InvoiceLine, 'id' | 'tenantId' | 'invoiceId'>;

/** Refuses any change of an invoice that is no longer a draft. */
function assertDraft(invoice: Invoice): void {
  if (invoice.status !== 'draft')
    throw AppException.unprocessable(
      `Invoice ${invoice.number ?? invoice.id} is ${invoice.status} and immutable`,
      [{ field: 'status', message: `is ${invoice.status}` }],
    );
}

async function detailed(invoices: InvoiceRepository, invoice: Invoice): Promise<Record<string, unknown>> {
  const [lines, payments] = await Promise.all([invoices.lines(invoice.id), invoices.payments(invoice.id)]);
  return publicInvoice(invoice, lines, payments);
}

/**
 * Drafts an invoice under a contract from approved, billable, not yet invoiced time (minutes × the
 * contract's hourly rate) and approved billable expenses (converted into the contract currency at the
 * expense date) of the contract's program in the period. The items are attached to the draft so that
 * no other invoice bills them; deleting the draft or voiding the invoice releases them.
 */
@Injectable()
export class GenerateInvoiceUseCase {
  constructor(
    private readonly contracts: ContractRepository,
    private readonly expenses: ExpenseRepository,
    private readonly invoices: InvoiceRepository,
    private readonly converter: CurrencyConverter,
    private readonly audit: AuditRecorder,
    private readonly bus: DomainEventBus,
  ) {}

  async execute(dto: CreateInvoiceDto): Promise<Record<string, unknown>> {
    const details: ErrorDetail[] = [];
    for (const key of ['period_from', 'period_to'] as const)
      if (!isCalendarDate(dto[key])) details.push({ field: key, message: 'is not a calendar date' });
    if (!details.length && dto.period_from > dto.period_to)
      details.push({ field: 'period_to', message: 'must not be before period_from' });
    if (details.length) throw AppException.validation(details);
    return this.bus.transaction(async () => {
      const contract = await this.contracts.lockById(dto.contract_id);
      if (!contract)
        throw AppException.validation([
          { field: 'contract_id', message: 'no contract with this id in the tenant' },
        ]);
      const period = { from: dto.period_from, to: dto.period_to, uninvoiced: true };
      const rate = BigInt(contract.hourlyRateMinor);
      const lines: NewLine[] = [];
      const time = await this.expenses.approvedBillableTime(contract.programId, period);
      for (const row of time)
        lines.push({
          position: lines.length + 1,
          kind: 'time',
          sourceId: row.id,
          description: `${row.task_title} — ${row.work_date}, ${row.duration_minutes} min`,
          quantityMinutes: row.duration_minutes,
          unitPriceMinor: contract.hourlyRateMinor,
          amountMinor: timeAmount(row.duration_minutes, rate).toString(),
        });
      const expenses = await this.expenses.approved(contract.programId, {
        ...period,
        billableOnly: true,
        lock: true,
      });
      for (const expense of expenses) {
        const amount = await this.converter.convert(
          BigInt(expense.amountMinor),
          expense.currency,
          contract.currency,
          expense.expenseDate,
          `expenses.${expense.id}`,
        );
        lines.push({
          position: lines.length + 1,
          kind: 'expense',
          sourceId: expense.id,
          description: `${expense.description} — ${expense.expenseDate}`,
          quantityMinutes: null,
          unitPriceMinor: null,
          amountMinor: amount.toString(),
        });
      }
      if (!lines.length)
        throw AppException.unprocessable(
          'Nothing to invoice: no approved billable time or expenses in the period',
          [{ field: 'period_from', message: 'no uninvoiced approved billable items in the period' }],
        );
      const totals = invoiceTotals(
        lines.map((l) => BigInt(l.amountMinor)),
        dto.tax_rate_bp,
      );
      toJsonNumber(totals.totalMinor);
      const invoice = await this.invoices.insert({
        contractId: contract.id,
        number: null,
        status: 'draft',
        currency: contract.currency,
        periodFrom: dto.period_from,
        periodTo: dto.period_to,
        taxRateBp: dto.tax_rate_bp,
        subtotalMinor: totals.subtotalMinor.toString(),
        taxMinor: totals.taxMinor.toString(),
        totalMinor: totals.totalMinor.toString(),
        paidMinor: '0',
        notes: dto.notes ?? '',
        issuedAt: null,
        voidedAt: null,
      });
      await this.invoices.replaceLines(invoice.id, lines);
      await this.expenses.attachTimeToInvoice(
        time.map((t) => t.id),
        invoice.id,
      );
      for (const expense of expenses) {
        expense.invoiceId = invoice.id;
        await this.expenses.save(expense);
      }
      const view = await detailed(this.invoices, invoice);
      await this.audit.record({
        entityType: 'invoice',
        entityId: invoice.id,
        action: 'created',
        before: null,
        after: view,
      });
      await this.bus.publish(financialEvent('invoice.created', invoice, publicInvoice(invoice)));
      return view;
    });
  }
}

/**
 * Issues a draft: checks the contract cap, takes the next gap-free number of the year (counter row
 * locked until commit) and publishes invoice.issued. From here on the invoice is immutable.
 */
@Injectable()
export class IssueInvoiceUseCase {
  constructor(
    private readonly contracts: ContractRepository,
    private readonly invoices: InvoiceRepository,
    private readonly audit: AuditRecorder,
    private readonly bus: DomainEventBus,
  ) {}

  async execute(id: string, ifMatch: number | undefined): Promise<Record<string, unknown>> {
    return this.bus.transaction(async () => {
      const invoice = await this.invoices.lockById(id);
      if (!invoice) throw AppException.notFound('Invoice');
      assertVersionMatches('invoice', invoice.version, ifMatch);
      assertDraft(invoice);
      const contract = (await this.contracts.lockById(invoice.contractId))!;
      if (contract.capMinor !== null) {
        const already = await this.contracts.invoicedSubtotal(contract.id);
        if (already + BigInt(invoice.subtotalMinor) > BigInt(contract.capMinor))
          throw AppException.unprocessable('Issuing this invoice would exceed the contract cap', [
            {
              field: 'subtotal_minor',
              message: `cap ${contract.capMinor}, already invoiced ${already}, this invoice ${invoice.subtotalMinor}`,
            },
          ]);
      }
      const before = publicInvoice(invoice);
      const now = new Date();
      invoice.number = await this.invoices.nextNumber(now.getUTCFullYear());
      invoice.status = 'issued';
      invoice.issuedAt = now;
      const saved = await this.invoices.save(invoice);
      const after = publicInvoice(saved);
      await this.audit.record({ entityType: 'invoice', entityId: saved.id, action: 'issued', before, after });
      await this.bus.publish(financialEvent('invoice.issued', saved, after));
      return detailed(this.invoices, saved);
    });
  }
}

/** Records a (partial) payment of an issued invoice; paid in full → status paid; overpayment refused. */
@Injectable()
export class RecordPaymentUseCase {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly audit: AuditRecorder,
    private readonly bus: DomainEventBus,
  ) {}

  async execute(id: string, dto: CreatePaymentDto): Promise<Record<string, unknown>> {
    if (!isCalendarDate(dto.paid_on))
      throw AppException.validation([{ field: 'paid_on', message: 'is not a calendar date' }]);
    return this.bus.transaction(async () => {
      const invoice = await this.invoices.lockById(id);
      if (!invoice) throw AppException.notFound('Invoice');
      if (invoice.status !== 'issued')
        throw AppException.unprocessable(`A ${invoice.status} invoice takes no payments`, [
          { field: 'status', message: `is ${invoice.status}` },
        ]);
      const outstanding = BigInt(invoice.totalMinor) - BigInt(invoice.paidMinor);
      const amount = BigInt(dto.amount_minor);
      if (amount > outstanding)
        throw AppException.unprocessable('The payment exceeds the outstanding amount', [
          { field: 'amount_minor', message: `must be at most ${outstanding}` },
        ]);
      const before = publicInvoice(invoice);
      const payment = await this.invoices.addPayment({
        invoiceId: invoice.id,
        amountMinor: amount.toString(),
        paidOn: dto.paid_on,
        reference: dto.reference ?? '',
      });
      invoice.paidMinor = (BigInt(invoice.paidMinor) + amount).toString();
      if (amount === outstanding) invoice.status = 'paid';
      const saved = await this.invoices.save(invoice);
      const after = publicInvoice(saved);
      await this.audit.record({
        entityType: 'invoice',
        entityId: saved.id,
        action: 'payment_recorded',
        before,
        after,
        metadata: { payment_id: payment.id, amount_minor: payment.amountMinor },
      });
      await this.bus.publish(
        financialEvent('invoice.payment_recorded', saved, {
          ...after,
          payment: {
            id: payment.id,
            amount_minor: toJsonNumber(BigInt(payment.amountMinor)),
            paid_on: payment.paidOn,
          },
        }),
      );
      return detailed(this.invoices, saved);
    });
  }
}

/** Reading, listing, editing and deleting drafts, and voiding issued invoices without payments. */
@Injectable()
export class InvoicesService {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly expenses: ExpenseRepository,
    private readonly audit: AuditRecorder,
    private readonly bus: DomainEventBus,
  ) {}

  async list(raw: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    const details: ErrorDetail[] = [];
    const status = raw['filter[status]'];
    const contract = raw['filter[contract]'];
    if (status !== undefined && !(INVOICE_STATUSES as readonly unknown[]).includes(status))
      details.push({ field: 'filter[status]', message: `must be one of ${INVOICE_STATUSES.join(', ')}` });
    if (contract !== undefined && !isUuid(contract))
      details.push({ field: 'filter[contract]', message: 'must be a UUID' });
    if (details.length) throw AppException.validation(details);
    return (
      await this.invoices.list(
        { status: status as string | undefined, contractId: contract as string | undefined },
        500,
      )
    ).map((i) => publicInvoice(i));
  }

  async get(id: string): Promise<Record<string, unknown>> {
    const invoice = await this.invoices.findById(id);
    if (!invoice) throw AppException.notFound('Invoice');
    return detailed(this.invoices, invoice);
  }

  async update(
    id: string,
    dto: UpdateInvoiceDto,
    ifMatch: number | undefined,
  ): Promise<Record<string, unknown>> {
    return this.bus.transaction(async () => {
      const invoice = await this.invoices.lockById(id);
      if (!invoice) throw AppException.notFound('Invoice');
      assertVersionMatches('invoice', invoice.version, ifMatch);
      assertDraft(invoice);
      const before = publicInvoice(invoice);
      if (dto.notes !== undefined) invoice.notes = dto.notes;
      if (dto.tax_rate_bp !== undefined) {
        const lines = await this.invoices.lines(invoice.id);
        const totals = invoiceTotals(
          lines.map((l) => BigInt(l.amountMinor)),
          dto.tax_rate_bp,
        );
        invoice.taxRateBp = dto.tax_rate_bp;
        invoice.subtotalMinor = totals.subtotalMinor.toString();
        invoice.taxMinor = totals.taxMinor.toString();
        invoice.totalMinor = totals.totalMinor.toString();
      }
      const saved = await this.invoices.save(invoice);
      const after = publicInvoice(saved);
      await this.audit.record({
        entityType: 'invoice',
        entityId: saved.id,
        action: 'updated',
        before,
        after,
      });
      await this.bus.publish(financialEvent('invoice.updated', saved, after));
      return detailed(this.invoices, saved);
    });
  }

  async removeDraft(id: string): Promise<void> {
    await this.bus.transaction(async () => {
      const invoice = await this.invoices.lockById(id);
      if (!invoice) throw AppException.notFound('Invoice');
      assertDraft(invoice);
      await this.expenses.releaseInvoice(invoice.id);
      await this.invoices.deleteById(invoice.id);
      const before = publicInvoice(invoice);
      await this.audit.record({
        entityType: 'invoice',
        entityId: invoice.id,
        action: 'deleted',
        before,
        after: null,
      });
      await this.bus.publish(
        financialEvent('invoice.deleted', invoice, { id: invoice.id, contract_id: invoice.contractId }),
      );
    });
  }

  async void(id: string): Promise<Record<string, unknown>> {
    return this.bus.transaction(async () => {
      const invoice = await this.invoices.lockById(id);
      if (!invoice) throw AppException.notFound('Invoice');
      if (invoice.status !== 'issued' || BigInt(invoice.paidMinor) !== 0n)
        throw AppException.unprocessable(
          'Only an issued invoice without payments can be voided (delete drafts)',
          [{ field: 'status', message: `is ${invoice.status}, paid ${invoice.paidMinor}` }],
        );
      const before = publicInvoice(invoice);
      invoice.status = 'void';
      invoice.voidedAt = new Date();
      await this.expenses.releaseInvoice(invoice.id);
      const saved = await this.invoices.save(invoice);
      const after = publicInvoice(saved);
      await this.audit.record({ entityType: 'invoice', entityId: saved.id, action: 'voided', before, after });
      await this.bus.publish(financialEvent('invoice.voided', saved, after));
      return detailed(this.invoices, saved);
    });
  }
}
