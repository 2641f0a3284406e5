import { useSearchParams } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { useBudgetReports, useBudgets, useProgramNames } from '@/features/financial/api/list-budgets';
import {
  INVOICE_STATUSES,
  INVOICE_STATUS_LABELS,
  useInvoices,
  type InvoiceStatus,
} from '@/features/financial/api/list-invoices';
import { BudgetChart } from '@/features/financial/components/budget-chart';
import { InvoiceDetailPanel } from '@/features/financial/components/invoice-detail';
import { formatMoney } from '@/lib/money';
import { cn } from '@/lib/cn';

function Budgets() {
  const budgets = useBudgets();
  const programs = useProgramNames();
  const reports = useBudgetReports(budgets.data);
  if (budgets.isPending) return <Spinner label="Loading budgets…" />;
  if (budgets.isError) return <ErrorState error={budgets.error} onRetry={() => void budgets.refetch()} />;
  if (budgets.data.length === 0)
    return (
      <EmptyState title="No budgets yet">A program’s budget appears here once it is planned.</EmptyState>
    );
  if (reports.isPending) return <Spinner label="Loading planned vs actual…" />;
  if (reports.error) return <ErrorState error={reports.error} />;
  const names = new Map((programs.data ?? []).map((p) => [p.id, p.name]));
  return (
    <BudgetChart
      bars={reports.reports.map((report) => ({
        report,
        programName: names.get(report.program_id) ?? `Program ${report.program_id.slice(0, 8)}`,
      }))}
    />
  );
}

function Invoices({ selected, onSelect }: { selected: string | null; onSelect: (id: string) => void }) {
  const [params, setParams] = useSearchParams();
  const status = (INVOICE_STATUSES as string[]).includes(params.get('invoice_status') ?? '')
    ? (params.get('invoice_status') as InvoiceStatus)
    : undefined;
  const invoices = useInvoices(status);
  return (
    <div className="space-y-2">
      <div>
        <label htmlFor="invoice-status" className="mr-2 text-sm font-medium">
          Status
        </label>
        <select
          id="invoice-status"
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
          value={status ?? ''}
          onChange={(e) =>
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                if (e.target.value) next.set('invoice_status', e.target.value);
                else next.delete('invoice_status');
                return next;
              },
              { replace: true },
            )
          }
        >
          <option value="">All</option>
          {INVOICE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {INVOICE_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      {invoices.isPending ? (
        <Spinner label="Loading invoices…" />
      ) : invoices.isError ? (
        <ErrorState error={invoices.error} onRetry={() => void invoices.refetch()} />
      ) : invoices.data.length === 0 ? (
        <EmptyState title="No invoices">
          Invoices drafted from approved time and expenses appear here.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-700" aria-label="Invoices">
          {invoices.data.map((i) => (
            <li key={i.id}>
              <button
                type="button"
                aria-pressed={selected === i.id}
                onClick={() => onSelect(i.id)}
                className={cn(
                  'flex w-full flex-wrap gap-x-3 px-2 py-2 text-left hover:bg-slate-100 dark:hover:bg-slate-800',
                  selected === i.id && 'bg-brand-600/10',
                )}
              >
                <span className="font-medium">{i.number ?? 'Draft'}</span>
                <span>{INVOICE_STATUS_LABELS[i.status]}</span>
                <span>
                  {i.period_from} – {i.period_to}
                </span>
                <span className="ml-auto">{formatMoney(i.total_minor, i.currency)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The financial panel: budget vs actual per program, and invoices with their detail and payments. */
export function FinancialPanel() {
  const [params, setParams] = useSearchParams();
  const selected = params.get('invoice');
  const select = (id: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('invoice', id);
        return next;
      },
      { replace: true },
    );
  return (
    <div className="space-y-4 p-3">
      <section aria-labelledby="budgets-heading" className="space-y-2">
        <h3 id="budgets-heading" className="text-base font-semibold">
          Budget vs actual
        </h3>
        <Budgets />
      </section>
      <section aria-labelledby="invoices-heading" className="space-y-2">
        <h3 id="invoices-heading" className="text-base font-semibold">
          Invoices
        </h3>
        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
          <Invoices selected={selected} onSelect={select} />
          <InvoiceDetailPanel id={selected} />
        </div>
      </section>
    </div>
  );
}
