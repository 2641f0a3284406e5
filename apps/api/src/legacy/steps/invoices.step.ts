import type { ImportStep } from '../import-step';
import {
  decimalToMinor,
  LegacyValueError,
  percentToBasisPoints,
  requiredDate,
  text,
  zonedDateTime,
} from '../legacy-values';
import { created, updated, currency } from './step-values';

const INVOICE_NUMBER = /^INV-(\d{4})-(\d+)$/;

export const invoices: ImportStep = {
  entity: 'invoice',
  legacyTable: 'invoices',
  auditType: 'invoice',
  dependsOn: ['contract'],
  target: {
    table: 'invoices',
    versioned: true,
    columns: {
      contract_id: 'uuid',
      number: 'text',
      status: 'text',
      currency: 'text',
      period_from: 'date',
      period_to: 'date',
      tax_rate_bp: 'integer',
      subtotal_minor: 'bigint',
      tax_minor: 'bigint',
      total_minor: 'bigint',
      notes: 'text',
      issued_at: 'timestamptz',
      voided_at: 'timestamptz',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
    insertOnly: ['created_at'],
  },
  alias: 'i',
  select: `i.id AS id, i.contract_id, i.number, i.status, i.currency, i.period_start, i.period_end, i.tax_rate,
           i.subtotal, i.tax, i.total, i.notes, i.issued_at, i.voided_at, i.created_at, i.updated_at,
           c.currency AS contract_currency`,
  from: 'invoices i LEFT JOIN contracts c ON c.id = i.contract_id WHERE i.application_instance_id = ?',
  timestamps: 'created_updated',
  map(row, ctx) {
    const contract = ctx.ref('contract', row.contract_id, 'contract_id');
    const code = currency(row.currency);
    if (row.contract_currency && code !== row.contract_currency.toUpperCase())
      throw new LegacyValueError(`currency: ${code} differs from the contract's ${row.contract_currency}`);
    const status = row.status ?? '';
    if (!['draft', 'issued', 'paid', 'void'].includes(status))
      throw new LegacyValueError(`status: unknown value "${status}"`);
    const number = row.number?.trim() || null;
    if (status !== 'void' && (status === 'draft') !== (number === null))
      throw new LegacyValueError(
        status === 'draft' ? `a draft with number ${number}` : `an ${status} invoice without a number`,
      );
    const subtotal = decimalToMinor(row.subtotal ?? '', code, 'subtotal');
    const tax = decimalToMinor(row.tax ?? '', code, 'tax');
    const total = decimalToMinor(row.total ?? '', code, 'total');
    if (subtotal + tax !== total)
      throw new LegacyValueError(`total: ${row.total} is not subtotal ${row.subtotal} + tax ${row.tax}`);
    const from = requiredDate(row.period_start, 'period_start');
    const to = requiredDate(row.period_end, 'period_end');
    if (to < from) throw new LegacyValueError(`period_end ${to} is before period_start ${from}`);
    return {
      values: {
        contract_id: contract,
        number,
        status,
        currency: code,
        period_from: from,
        period_to: to,
        tax_rate_bp: percentToBasisPoints(row.tax_rate ?? '', 'tax_rate'),
        subtotal_minor: subtotal,
        tax_minor: tax,
        total_minor: total,
        notes: text(row.notes),
        issued_at: zonedDateTime(row.issued_at, ctx.zone, 'issued_at'),
        voided_at: zonedDateTime(row.voided_at, ctx.zone, 'voided_at'),
        created_at: created(row),
        updated_at: updated(row),
      },
    };
  },
  uniqueKey: (v) => (v.number ? `number:${String(v.number)}` : null),
  async afterWrite(hooks, written) {
    // new invoices continue the legacy numbering (INV-YYYY-NNNN) without reusing a number
    await hooks.raiseInvoiceCounters(
      written
        .map((r) => r.values.number as string | null)
        .filter((n): n is string => !!n && INVOICE_NUMBER.test(n)),
    );
  },
};
