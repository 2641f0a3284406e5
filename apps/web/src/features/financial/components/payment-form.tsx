import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { describeError } from '@/lib/api-error';
import { formatMoney, parseMajorToMinor } from '@/lib/money';
import type { InvoiceDetail } from '@/features/financial/api/get-invoice';
import type { InvoiceChange } from '@/features/financial/api/change-invoice';
import { fieldErrors } from '@/lib/field-errors';

/** The payment form's rules, for an invoice in `currency` with `outstandingMinor` still to pay. */
export function paymentFormSchema(currency: string, outstandingMinor: number) {
  return z.object({
    amount: z
      .string()
      .trim()
      .min(1, 'Amount is required')
      .refine((v) => parseMajorToMinor(v, currency) !== null, `An amount like 12.50 in ${currency}`)
      .refine((v) => (parseMajorToMinor(v, currency) ?? 0) > 0, 'More than zero')
      .refine(
        (v) => (parseMajorToMinor(v, currency) ?? 0) <= outstandingMinor,
        `At most the outstanding ${formatMoney(outstandingMinor, currency)}`,
      ),
    paid_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date like 2026-04-02'),
    reference: z.string().trim().max(200, 'At most 200 characters'),
  });
}
type FormValues = z.infer<ReturnType<typeof paymentFormSchema>>;

const field =
  'mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900';

/** Records a partial or full payment of an issued invoice; the amount is typed in major units. */
export function PaymentForm({
  invoice,
  onSubmit,
}: {
  invoice: InvoiceDetail;
  onSubmit: (change: InvoiceChange) => Promise<unknown>;
}) {
  const outstanding = invoice.total_minor - invoice.paid_minor;
  const [error, setError] = useState<unknown>(null);
  const form = useForm<FormValues>({
    resolver: zodResolver(paymentFormSchema(invoice.currency, outstanding)),
    defaultValues: { amount: '', paid_on: new Date().toISOString().slice(0, 10), reference: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const id = `payment-${invoice.id}`;

  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await onSubmit({
        kind: 'pay',
        invoice,
        payment: {
          amount_minor: parseMajorToMinor(values.amount, invoice.currency)!,
          paid_on: values.paid_on,
          ...(values.reference ? { reference: values.reference } : {}),
        },
      });
      form.reset({ amount: '', paid_on: values.paid_on, reference: '' });
    } catch (e) {
      setError(e);
    }
  });

  const { message: err, describedBy: described } = fieldErrors<FormValues>(id, errors);

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="space-y-2" aria-label="Record a payment">
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
        <div>
          <label htmlFor={`${id}-amount`} className="block text-sm font-medium">
            Amount ({invoice.currency})
          </label>
          <input
            id={`${id}-amount`}
            inputMode="decimal"
            className={field}
            {...described('amount')}
            {...form.register('amount')}
          />
          {err('amount')}
        </div>
        <div>
          <label htmlFor={`${id}-paid-on`} className="block text-sm font-medium">
            Paid on
          </label>
          <input
            id={`${id}-paid-on`}
            type="date"
            className={field}
            {...described('paid_on')}
            {...form.register('paid_on')}
          />
          {err('paid_on')}
        </div>
        <div>
          <label htmlFor={`${id}-reference`} className="block text-sm font-medium">
            Reference
          </label>
          <input
            id={`${id}-reference`}
            className={field}
            {...described('reference')}
            {...form.register('reference')}
          />
          {err('reference')}
        </div>
      </div>
      {error !== null && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {describeError(error)}
        </p>
      )}
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Recording…' : 'Record payment'}
      </Button>
    </form>
  );
}
