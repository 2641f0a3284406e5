import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/** bigint columns come back from the driver as strings; amounts stay strings until money.ts. */
type Minor = string;

@Entity('exchange_rates')
export class ExchangeRate {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column({ type: 'char', length: 3 }) baseCurrency: string;
  @Column({ type: 'char', length: 3 }) quoteCurrency: string;
  @Column({ type: 'date' }) rateDate: string;
  @Column({ type: 'bigint' }) numerator: Minor;
  @Column({ type: 'bigint' }) denominator: Minor;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

@Entity('contracts')
export class Contract {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') programId: string;
  @Column() clientName: string;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ type: 'bigint' }) hourlyRateMinor: Minor;
  @Column({ type: 'bigint', nullable: true }) capMinor: Minor | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('budgets')
export class Budget {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') programId: string;
  @Column({ type: 'bigint' }) plannedMinor: Minor;
  @Column({ type: 'char', length: 3 }) currency: string;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export const EXPENSE_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export type ExpenseStatus = (typeof EXPENSE_STATUSES)[number];

@Entity('expenses')
export class Expense {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') programId: string;
  @Column({ type: 'uuid', nullable: true }) userId: string | null;
  @Column({ type: 'date' }) expenseDate: string;
  @Column({ type: 'bigint' }) amountMinor: Minor;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column() description: string;
  @Column() billable: boolean;
  @Column({ type: 'varchar' }) status: ExpenseStatus;
  @Column({ type: 'uuid', nullable: true }) invoiceId: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export const INVOICE_STATUSES = ['draft', 'issued', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

@Entity('invoices')
export class Invoice {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') contractId: string;
  @Column({ type: 'varchar', nullable: true }) number: string | null;
  @Column({ type: 'varchar' }) status: InvoiceStatus;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ type: 'date' }) periodFrom: string;
  @Column({ type: 'date' }) periodTo: string;
  @Column({ type: 'integer' }) taxRateBp: number;
  @Column({ type: 'bigint' }) subtotalMinor: Minor;
  @Column({ type: 'bigint' }) taxMinor: Minor;
  @Column({ type: 'bigint' }) totalMinor: Minor;
  @Column({ type: 'bigint', default: '0' }) paidMinor: Minor;
  @Column({ default: '' }) notes: string;
  @Column({ type: 'timestamptz', nullable: true }) issuedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) voidedAt: Date | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('invoice_lines')
export class InvoiceLine {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') invoiceId: string;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'varchar' }) kind: 'time' | 'expense';
  @Column('uuid') sourceId: string;
  @Column() description: string;
  @Column({ type: 'integer', nullable: true }) quantityMinutes: number | null;
  @Column({ type: 'bigint', nullable: true }) unitPriceMinor: Minor | null;
  @Column({ type: 'bigint' }) amountMinor: Minor;
}

@Entity('payments')
export class Payment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') invoiceId: string;
  @Column({ type: 'bigint' }) amountMinor: Minor;
  @Column({ type: 'date' }) paidOn: string;
  @Column({ default: '' }) reference: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

const n = (value: string | null): number | null => (value === null ? null : Number(value));

export function publicContract(c: Contract): Record<string, unknown> {
  return {
    id: c.id,
    program_id: c.programId,
    client_name: c.clientName,
    currency: c.currency,
    hourly_rate_minor: n(c.hourlyRateMinor),
    cap_minor: n(c.capMinor),
    version: c.version,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

export function publicExchangeRate(r: ExchangeRate): Record<string, unknown> {
  return {
    id: r.id,
    base_currency: r.baseCurrency,
    quote_currency: r.quoteCurrency,
    rate_date: r.rateDate,
    numerator: r.numerator,
    denominator: r.denominator,
    created_at: r.createdAt.toISOString(),
  };
}

export function publicBudget(b: Budget): Record<string, unknown> {
  return {
    id: b.id,
    program_id: b.programId,
    planned_minor: n(b.plannedMinor),
    currency: b.currency,
    version: b.version,
    created_at: b.createdAt.toISOString(),
    updated_at: b.updatedAt.toISOString(),
  };
}

export function publicExpense(e: Expense): Record<string, unknown> {
  return {
    id: e.id,
    program_id: e.programId,
    user_id: e.userId,
    expense_date: e.expenseDate,
    amount_minor: n(e.amountMinor),
    currency: e.currency,
    description: e.description,
    billable: e.billable,
    status: e.status,
    invoice_id: e.invoiceId,
    version: e.version,
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}

export function publicInvoiceLine(l: InvoiceLine): Record<string, unknown> {
  return {
    position: l.position,
    kind: l.kind,
    source_id: l.sourceId,
    description: l.description,
    quantity_minutes: l.quantityMinutes,
    unit_price_minor: n(l.unitPriceMinor),
    amount_minor: n(l.amountMinor),
  };
}

export function publicPayment(p: Payment): Record<string, unknown> {
  return {
    id: p.id,
    amount_minor: n(p.amountMinor),
    paid_on: p.paidOn,
    reference: p.reference,
    created_at: p.createdAt.toISOString(),
  };
}

export function publicInvoice(
  i: Invoice,
  lines?: InvoiceLine[],
  payments?: Payment[],
): Record<string, unknown> {
  return {
    id: i.id,
    contract_id: i.contractId,
    number: i.number,
    status: i.status,
    currency: i.currency,
    period_from: i.periodFrom,
    period_to: i.periodTo,
    tax_rate_bp: i.taxRateBp,
    subtotal_minor: n(i.subtotalMinor),
    tax_minor: n(i.taxMinor),
    total_minor: n(i.totalMinor),
    paid_minor: n(i.paidMinor),
    notes: i.notes,
    issued_at: i.issuedAt?.toISOString() ?? null,
    voided_at: i.voidedAt?.toISOString() ?? null,
    version: i.version,
    created_at: i.createdAt.toISOString(),
    updated_at: i.updatedAt.toISOString(),
    ...(lines ? { lines: lines.map(publicInvoiceLine) } : {}),
    ...(payments ? { payments: payments.map(publicPayment) } : {}),
  };
}

/**
 * A financial domain event (budgets, expenses, invoices): only for the tenant's `financial` topic, which
 * holders of financial:read tenant-wide join (event-visibility.ts). Never on a program or task channel,
 * whose readers may not see money.
 */
export function financialEvent(
  type: string,
  entity: { id: string; tenantId: string },
  payload: Record<string, unknown>,
): {
  type: string;
  entityType: string;
  entityId: string;
  channels: string[];
  payload: Record<string, unknown>;
} {
  return {
    type,
    entityType: type.split('.')[0],
    entityId: entity.id,
    channels: [`tenant.${entity.tenantId}`],
    payload,
  };
}
