import type { ImportStep } from '../import-step';
import { decimalToMinor, hoursToMinutes, LegacyValueError, text } from '../legacy-values';
import { positiveInt, currency } from './step-values';

export const invoiceLines: ImportStep = {
  entity: 'invoice_line',
  legacyTable: 'invoice_lines',
  auditType: 'invoice_line',
  dependsOn: ['invoice', 'work_log'],
  target: {
    table: 'invoice_lines',
    versioned: false,
    columns: {
      invoice_id: 'uuid',
      position: 'integer',
      kind: 'text',
      source_id: 'uuid',
      description: 'text',
      quantity_minutes: 'integer',
      unit_price_minor: 'bigint',
      amount_minor: 'bigint',
    },
  },
  alias: 'l',
  select: `l.id AS id, l.invoice_id, l.position, l.work_log_id, l.description, l.hours, l.unit_price, l.amount,
           l.created_at, l.updated_at, i.currency`,
  // STRAIGHT_JOIN: lines in id order, each joined to its invoice (else MySQL reads every invoice of the
  // instance, joins all their lines and sorts them for each chunk)
  from: 'invoice_lines l STRAIGHT_JOIN invoices i ON i.id = l.invoice_id WHERE i.application_instance_id = ?',
  timestamps: 'created_updated',
  map(row, ctx) {
    const invoice = ctx.ref('invoice', row.invoice_id, 'invoice_id');
    if (row.work_log_id === null)
      throw new LegacyValueError('work_log_id: none (the new model bills work logs and expenses only)');
    const code = currency(row.currency);
    return {
      values: {
        invoice_id: invoice,
        position: positiveInt(row.position, 'position'),
        kind: 'time',
        source_id: ctx.ref('work_log', row.work_log_id, 'work_log_id'),
        description: text(row.description),
        quantity_minutes: row.hours === null ? null : hoursToMinutes(row.hours, 'hours'),
        unit_price_minor: row.unit_price === null ? null : decimalToMinor(row.unit_price, code, 'unit_price'),
        amount_minor: decimalToMinor(row.amount ?? '', code, 'amount'),
      },
    };
  },
  uniqueKey: (v) => `${String(v.invoice_id)}#${String(v.position)}`,
};
