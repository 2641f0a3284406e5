import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { describeError } from '@/lib/api-error';
import { useCreateTask } from '@/features/tasks/api/create-task';
import { STATUS_LABELS, TASK_STATUSES, type Task } from '@/features/tasks/api/get-task';
import { useProgramOptions } from '@/features/tasks/api/list-program-options';
import { useUpdateTask } from '@/features/tasks/api/update-task';
import { fieldErrors } from '@/lib/field-errors';

export const taskFormSchema = z.object({
  title: z.string().trim().min(1, 'Title is required').max(200, 'At most 200 characters'),
  description: z.string().max(10_000, 'At most 10000 characters'),
  program_id: z.string().uuid('Choose a program'),
  status: z.enum(['todo', 'in_progress', 'blocked', 'done', 'cancelled']),
  priority: z.coerce.number().int().min(1, 'From 1 to 5').max(5, 'From 1 to 5'),
  due_date: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date like 2026-12-31')]),
});
type FormInput = z.input<typeof taskFormSchema>;
type FormValues = z.output<typeof taskFormSchema>;

const field =
  'mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900';

/**
 * Creates a task, or edits one (with If-Match of the version shown). Offline the change is queued and sent
 * on reconnect; the form says so rather than pretending it reached the server.
 */
export function TaskForm({
  task,
  onDone,
}: {
  task?: Task;
  onDone: (outcome: 'sent' | 'queued' | 'unchanged') => void;
}) {
  const programs = useProgramOptions();
  const create = useCreateTask();
  const update = useUpdateTask();
  const [error, setError] = useState<unknown>(null);
  const form = useForm<FormInput, unknown, FormValues>({
    resolver: zodResolver(taskFormSchema),
    defaultValues: {
      title: task?.title ?? '',
      description: task?.description ?? '',
      program_id: task?.program_id ?? '',
      status: task?.status ?? 'todo',
      priority: task?.priority ?? 3,
      due_date: task?.due_date ?? '',
    },
  });
  const { errors, isSubmitting } = form.formState;
  const id = task ? `edit-${task.id}` : 'new-task';

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const body = { ...values, due_date: values.due_date || null };
    try {
      const outcome = task
        ? (await update.mutateAsync({ task, changes: body })).outcome
        : await create.mutateAsync(body);
      onDone(outcome);
    } catch (e) {
      setError(e);
    }
  });

  const { message: err, describedBy: described } = fieldErrors<FormValues>(id, errors);

  return (
    <form
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      className="space-y-2 p-3"
      aria-label={task ? 'Edit task' : 'New task'}
    >
      <div>
        <label htmlFor={`${id}-title`} className="block text-sm font-medium">
          Title
        </label>
        <input id={`${id}-title`} className={field} {...described('title')} {...form.register('title')} />
        {err('title')}
      </div>
      <div>
        <label htmlFor={`${id}-program`} className="block text-sm font-medium">
          Program
        </label>
        <select
          id={`${id}-program`}
          className={field}
          {...described('program_id')}
          {...form.register('program_id')}
        >
          <option value="">{programs.isPending ? 'Loading programs…' : 'Choose a program'}</option>
          {programs.data?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        {err('program_id')}
        {programs.isError && (
          <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
            The programs could not be loaded: {describeError(programs.error)}
          </p>
        )}
      </div>
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor={`${id}-status`} className="block text-sm font-medium">
            Status
          </label>
          <select id={`${id}-status`} className={field} {...form.register('status')}>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-priority`} className="block text-sm font-medium">
            Priority
          </label>
          <input
            id={`${id}-priority`}
            type="number"
            min={1}
            max={5}
            className={field}
            {...described('priority')}
            {...form.register('priority')}
          />
          {err('priority')}
        </div>
      </div>
      <div>
        <label htmlFor={`${id}-due`} className="block text-sm font-medium">
          Due date
        </label>
        <input
          id={`${id}-due`}
          type="date"
          className={field}
          {...described('due_date')}
          {...form.register('due_date')}
        />
        {err('due_date')}
      </div>
      <div>
        <label htmlFor={`${id}-description`} className="block text-sm font-medium">
          Description
        </label>
        <textarea id={`${id}-description`} rows={3} className={field} {...form.register('description')} />
      </div>
      {error !== null && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {describeError(error)}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : task ? 'Save changes' : 'Create task'}
        </Button>
      </div>
    </form>
  );
}
