import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { describeError } from '@/lib/api-error';
import { parseMajorToMinor } from '@/lib/money';
import type { CreateWorkLogInput } from '@/features/time/api/create-work-log';
import type { TaskOption } from '@/features/time/api/list-task-options';
import { useTimerStore } from '@/features/time/stores/timer-store';
import { fieldErrors } from '@/lib/field-errors';

export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'JPY'] as const;

export const logTimeSchema = z
  .object({
    task_id: z.string().uuid('Choose a task'),
    work_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date like 2026-03-16'),
    duration: z
      .string()
      .trim()
      .regex(/^(\d{1,2}:[0-5]\d|\d{1,4})$/, 'Minutes (90) or hours:minutes (1:30)'),
    billable: z.boolean(),
    currency: z.enum(CURRENCIES),
    rate: z.string().trim(),
    description: z.string().max(2000, 'At most 2000 characters'),
  })
  .superRefine((v, ctx) => {
    const minutes = durationMinutes(v.duration);
    if (minutes !== null && (minutes < 1 || minutes > 1440))
      ctx.addIssue({ code: 'custom', path: ['duration'], message: 'From 1 minute to 24 hours' });
    if (parseMajorToMinor(v.rate || '0', v.currency) === null)
      ctx.addIssue({ code: 'custom', path: ['rate'], message: `A rate like 85.00 in ${v.currency}` });
  });
type FormValues = z.infer<typeof logTimeSchema>;

/** "90" → 90, "1:30" → 90. */
export function durationMinutes(text: string): number | null {
  const t = text.trim();
  const hm = /^(\d{1,2}):([0-5]\d)$/.exec(t);
  if (hm) return Number(hm[1]) * 60 + Number(hm[2]);
  return /^\d{1,4}$/.test(t) ? Number(t) : null;
}

const field =
  'mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900';

/** Logs time by hand on a task and date; remembers the rate, currency and billable choice for the timer. */
export function LogTimeForm({
  tasks,
  defaultDate,
  onSubmit,
}: {
  tasks: TaskOption[];
  defaultDate: string;
  onSubmit: (input: CreateWorkLogInput) => Promise<'sent' | 'queued'>;
}) {
  const { defaults, setDefaults } = useTimerStore();
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm<FormValues>({
    resolver: zodResolver(logTimeSchema),
    defaultValues: {
      task_id: '',
      work_date: defaultDate,
      duration: '',
      billable: defaults.billable,
      currency: (CURRENCIES as readonly string[]).includes(defaults.currency)
        ? (defaults.currency as FormValues['currency'])
        : 'EUR',
      rate: defaults.rate,
      description: '',
    },
  });
  const { errors, isSubmitting } = form.formState;
  const id = 'log-time';

  const submit = form.handleSubmit(async (v) => {
    setError(null);
    setNotice(null);
    setDefaults({ currency: v.currency, rate: v.rate || '0', billable: v.billable });
    try {
      const outcome = await onSubmit({
        task_id: v.task_id,
        work_date: v.work_date,
        duration_minutes: durationMinutes(v.duration)!,
        billable: v.billable,
        currency: v.currency,
        rate_minor: parseMajorToMinor(v.rate || '0', v.currency)!,
        ...(v.description ? { description: v.description } : {}),
      });
      setNotice(
        outcome === 'queued' ? 'Saved offline: it will be sent when you are back online.' : 'Time logged.',
      );
      form.reset({ ...v, duration: '', description: '' });
    } catch (e) {
      setError(e);
    }
  });

  const { message: err, describedBy: described } = fieldErrors<FormValues>(id, errors);

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="space-y-2" aria-label="Log time">
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
        <div className="sm:col-span-3">
          <label htmlFor={`${id}-task`} className="block text-sm font-medium">
            Task
          </label>
          <select id={`${id}-task`} className={field} {...described('task_id')} {...form.register('task_id')}>
            <option value="">Choose a task</option>
            {tasks.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
          {err('task_id')}
        </div>
        <div>
          <label htmlFor={`${id}-date`} className="block text-sm font-medium">
            Date
          </label>
          <input
            id={`${id}-date`}
            type="date"
            className={field}
            {...described('work_date')}
            {...form.register('work_date')}
          />
          {err('work_date')}
        </div>
        <div>
          <label htmlFor={`${id}-duration`} className="block text-sm font-medium">
            Duration
          </label>
          <input
            id={`${id}-duration`}
            placeholder="1:30"
            className={field}
            {...described('duration')}
            {...form.register('duration')}
          />
          {err('duration')}
        </div>
        <div className="flex items-end gap-2 pb-1.5">
          <input id={`${id}-billable`} type="checkbox" {...form.register('billable')} />
          <label htmlFor={`${id}-billable`} className="text-sm font-medium">
            Billable
          </label>
        </div>
        <div>
          <label htmlFor={`${id}-rate`} className="block text-sm font-medium">
            Cost rate per hour
          </label>
          <input
            id={`${id}-rate`}
            inputMode="decimal"
            className={field}
            {...described('rate')}
            {...form.register('rate')}
          />
          {err('rate')}
        </div>
        <div>
          <label htmlFor={`${id}-currency`} className="block text-sm font-medium">
            Currency
          </label>
          <select id={`${id}-currency`} className={field} {...form.register('currency')}>
            {CURRENCIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </div>
        <div className="sm:col-span-3">
          <label htmlFor={`${id}-description`} className="block text-sm font-medium">
            Description
          </label>
          <input
            id={`${id}-description`}
            className={field}
            {...described('description')}
            {...form.register('description')}
          />
          {err('description')}
        </div>
      </div>
      {error !== null && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {describeError(error)}
        </p>
      )}
      {notice && (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          {notice}
        </p>
      )}
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Logging…' : 'Log time'}
      </Button>
    </form>
  );
}
