import type { ImportStep } from '../import-step';
import { decimalToMinor, LegacyValueError, requiredDate, text } from '../legacy-values';
import { created, currency } from './step-values';

export const payments: ImportStep = {
  entity: 'payment',
  legacyTable: 'payments',
  auditType: 'payment',
  dependsOn: ['invoice'],
  target: {
    table: 'payments',
    versioned: false,
    columns: {
      invoice_id: 'uuid',
      amount_minor: 'bigint',
      paid_on: 'date',
      reference: 'text',
      created_at: 'timestamptz',
    },
    insertOnly: ['created_at'],
  },
  alias: 'pm',
  select:
    'pm.id AS id, pm.invoice_id, pm.amount, pm.paid_on, pm.reference, pm.created_at, pm.updated_at, i.currency',
  from: 'payments pm JOIN invoices i ON i.id = pm.invoice_id WHERE i.application_instance_id = ?',
  timestamps: 'created_updated',
  map(row, ctx) {
    const invoice = ctx.ref('invoice', row.invoice_id, 'invoice_id');
    const amount = decimalToMinor(row.amount ?? '', currency(row.currency), 'amount');
    if (amount <= 0n) throw new LegacyValueError(`amount: ${row.amount} is not positive`);
    return {
      values: {
        invoice_id: invoice,
        amount_minor: amount,
        paid_on: requiredDate(row.paid_on, 'paid_on'),
        reference: text(row.reference).slice(0, 200),
        created_at: created(row),
      },
    };
  },
  async validate(hooks, _rows, inserts) {
    const balances = await hooks.invoiceBalances([
      ...new Set(inserts.map((r) => String(r.values.invoice_id))),
    ]);
    const failures = new Map<string, string>();
    for (const row of inserts) {
      const balance = balances.get(String(row.values.invoice_id));
      if (!balance) continue;
      const amount = row.values.amount_minor as bigint;
      if (balance.paid + amount > balance.total)
        failures.set(
          row.legacyId,
          `amount: the payments would exceed the invoice total (${balance.total} minor units)`,
        );
      else balance.paid += amount;
    }
    return failures;
  },
  async afterWrite(hooks, written) {
    await hooks.recomputePaid([...new Set(written.map((r) => String(r.values.invoice_id)))]);
  },
};
