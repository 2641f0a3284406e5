import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { describeError } from '@/lib/api-error';
import { changeInvoice, useChangeInvoice, type InvoiceChange } from '@/features/financial/api/change-invoice';
import { useInvoice, type InvoiceDetail } from '@/features/financial/api/get-invoice';
import { INVOICE_STATUS_LABELS } from '@/features/financial/api/list-invoices';
import { PaymentForm } from '@/features/financial/components/payment-form';
import { formatMoney } from '@/lib/money';

const hours = (minutes: number) =>
  `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
/** basis points → "19%" / "7.5%" without float arithmetic */
const percent = (bp: number) => {
  const whole = Math.floor(bp / 100);
  const rest = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${whole}${rest ? `.${rest}` : ''}%`;
};

/** An invoice: line items, subtotal, tax, total, payments and outstanding, with issue / void / pay. */
export function InvoiceView({
  invoice,
  send = changeInvoice,
  locale,
}: {
  invoice: InvoiceDetail;
  send?: (change: InvoiceChange) => Promise<InvoiceDetail>;
  locale?: string;
}) {
  const change = useChangeInvoice(send);
  const [notice, setNotice] = useState<string | null>(null);
  const money = (minor: number) => formatMoney(minor, invoice.currency, locale);
  const outstanding = invoice.total_minor - invoice.paid_minor;
  const act = (c: InvoiceChange, done: string) => change.mutateAsync(c).then(() => setNotice(done));

  return (
    <article className="space-y-3" aria-label={`Invoice ${invoice.number ?? 'draft'}`}>
      <div className="flex flex-wrap items-start gap-2">
        <h4 className="flex-1 text-base font-semibold">
          {invoice.number ?? 'Draft invoice'} · {INVOICE_STATUS_LABELS[invoice.status]}
        </h4>
        {invoice.status === 'draft' && (
          <Button
            disabled={change.isPending}
            onClick={() => void act({ kind: 'issue', invoice }, 'Invoice issued.').catch(() => undefined)}
          >
            Issue invoice
          </Button>
        )}
        {invoice.status === 'issued' && invoice.paid_minor === 0 && (
          <Button
            variant="danger"
            disabled={change.isPending}
            onClick={() => {
              if (window.confirm('Void this invoice? Its items become billable again.'))
                void act({ kind: 'void', invoice }, 'Invoice voided.').catch(() => undefined);
            }}
          >
            Void invoice
          </Button>
        )}
      </div>
      <p className="text-sm">
        Period {invoice.period_from} to {invoice.period_to}
        {invoice.issued_at && ` · issued ${new Date(invoice.issued_at).toLocaleDateString(locale)}`}
      </p>
      {notice && !change.isError && (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          {notice}
        </p>
      )}
      {change.isError && change.variables?.kind !== 'pay' && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {describeError(change.error)}
        </p>
      )}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Line items</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Item</th>
              <th scope="col">Quantity</th>
              <th scope="col">Unit price</th>
              <th scope="col" className="text-right">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.length === 0 && (
              <tr>
                <td colSpan={5}>No line items.</td>
              </tr>
            )}
            {invoice.lines.map((l) => (
              <tr key={l.position}>
                <td>{l.position}</td>
                <td>{l.description}</td>
                <td>{l.quantity_minutes === null ? '1' : hours(l.quantity_minutes)}</td>
                <td>{money(l.unit_price_minor)}</td>
                <td className="text-right">{money(l.amount_minor)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={4} className="text-right font-medium">
                Subtotal
              </th>
              <td className="text-right">{money(invoice.subtotal_minor)}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={4} className="text-right font-medium">
                Tax ({percent(invoice.tax_rate_bp)})
              </th>
              <td className="text-right">{money(invoice.tax_minor)}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={4} className="text-right font-semibold">
                Total
              </th>
              <td className="text-right font-semibold">{money(invoice.total_minor)}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={4} className="text-right font-medium">
                Paid
              </th>
              <td className="text-right">{money(invoice.paid_minor)}</td>
            </tr>
            <tr>
              <th scope="row" colSpan={4} className="text-right font-medium">
                Outstanding
              </th>
              <td className="text-right">{money(outstanding)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {invoice.notes && <p className="text-sm whitespace-pre-wrap">{invoice.notes}</p>}
      <section aria-label="Payments" className="space-y-2">
        <h5 className="text-sm font-semibold">Payments</h5>
        {invoice.payments.length === 0 ? (
          <p className="text-sm">No payments yet.</p>
        ) : (
          <ul className="text-sm">
            {invoice.payments.map((p) => (
              <li key={p.id}>
                {p.paid_on}: {money(p.amount_minor)}
                {p.reference && ` (${p.reference})`}
              </li>
            ))}
          </ul>
        )}
        {invoice.status === 'issued' && outstanding > 0 && (
          <PaymentForm invoice={invoice} onSubmit={(c) => act(c, 'Payment recorded.')} />
        )}
      </section>
    </article>
  );
}

/** The invoice selected in the URL (?invoice=), loaded from the API. */
export function InvoiceDetailPanel({ id }: { id: string | null }) {
  const invoice = useInvoice(id);
  if (!id) return <EmptyState title="No invoice selected">Choose an invoice in the list.</EmptyState>;
  if (invoice.isPending) return <Spinner label="Loading the invoice…" />;
  if (invoice.isError) return <ErrorState error={invoice.error} onRetry={() => void invoice.refetch()} />;
  return <InvoiceView invoice={invoice.data} />;
}
