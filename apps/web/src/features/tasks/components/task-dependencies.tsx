import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import {
  dependencyRequests,
  useChangeDependency,
  useDependencyCandidates,
  type DependencyRequests,
} from '@/features/tasks/api/change-task-dependencies';
import { STATUS_LABELS } from '@/features/tasks/api/get-task';
import { useTaskDependencies, type TaskDependency } from '@/features/tasks/api/get-task-dependencies';
import { ApiError, describeError } from '@/lib/api-error';

const field =
  'w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900';

/** What the other task is called here: its title and status, or that the caller may not read it. */
function nameOf(d: TaskDependency): string {
  return d.title === null ? 'a task you cannot see' : `“${d.title}”`;
}

/** The API refuses a cycle in words with the tasks' names; its details carry only ids, so they are left out. */
export function dependencyErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.details.some((d) => d.message.startsWith('cycle:')))
    return error.message;
  return describeError(error);
}

function Edge({
  label,
  dependency,
  onRemove,
  disabled,
}: {
  label: string;
  dependency: TaskDependency;
  onRemove: () => void;
  disabled: boolean;
}) {
  return (
    <li className="flex items-center gap-2">
      <span className="flex-1">
        {label} {nameOf(dependency)}
        {dependency.status && (
          <span className="text-slate-600 dark:text-slate-300"> · {STATUS_LABELS[dependency.status]}</span>
        )}
      </span>
      <Button
        variant="ghost"
        onClick={onRemove}
        disabled={disabled}
        aria-label={`Remove the dependency on ${dependency.title ?? 'the task you cannot see'}`}
      >
        Remove
      </Button>
    </li>
  );
}

/**
 * A task's finish-to-start dependencies, by name and status, with adding (pick the task that must finish
 * first by its title) and removing. A cycle is refused by the API in words, shown as it says it.
 */
export function TaskDependencies({
  task,
  send = dependencyRequests,
}: {
  task: { id: string; title: string };
  send?: DependencyRequests;
}) {
  const deps = useTaskDependencies(task.id);
  const change = useChangeDependency(send);
  const [search, setSearch] = useState('');
  const [blockerId, setBlockerId] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);
  const candidates = useDependencyCandidates(search);
  const ids = { search: useId(), blocker: useId() };

  if (deps.isPending) return <Spinner label="Loading dependencies…" />;
  if (deps.isError) return <ErrorState error={deps.error} />;
  const { blocked_by, blocks } = deps.data;
  const taken = new Set([task.id, ...blocked_by.map((d) => d.task_id)]);
  const options = (candidates.data ?? []).filter((c) => !taken.has(c.id));
  const chosen = options.find((c) => c.id === blockerId);

  const run = (kind: 'add' | 'remove', taskId: string, blocker: string, done: string) =>
    change.mutate(
      { kind, taskId, blockerId: blocker },
      {
        onSuccess: () => {
          setMessage({ kind: 'done', text: done });
          if (kind === 'add') setBlockerId('');
        },
        onError: (e) => setMessage({ kind: 'error', text: dependencyErrorMessage(e) }),
      },
    );

  return (
    <div className="space-y-2 text-sm">
      {!blocked_by.length && !blocks.length && <p>No dependencies.</p>}
      {blocked_by.length > 0 && (
        <ul aria-label="Must finish first" className="space-y-1">
          {blocked_by.map((d) => (
            <Edge
              key={`b-${d.task_id}`}
              label="Blocked by"
              dependency={d}
              disabled={change.isPending}
              onRemove={() =>
                run('remove', task.id, d.task_id, `“${task.title}” no longer waits for ${nameOf(d)}.`)
              }
            />
          ))}
        </ul>
      )}
      {blocks.length > 0 && (
        <ul aria-label="Waiting for this task" className="space-y-1">
          {blocks.map((d) => (
            <Edge
              key={`k-${d.task_id}`}
              label="Blocks"
              dependency={d}
              disabled={change.isPending}
              onRemove={() =>
                run('remove', d.task_id, task.id, `${nameOf(d)} no longer waits for “${task.title}”.`)
              }
            />
          ))}
        </ul>
      )}
      <form
        className="space-y-1"
        aria-label="Add a dependency"
        onSubmit={(e) => {
          e.preventDefault();
          if (!chosen) {
            setMessage({ kind: 'error', text: 'Choose the task that must finish first.' });
            return;
          }
          run('add', task.id, chosen.id, `“${task.title}” now waits for “${chosen.title}”.`);
        }}
      >
        <label htmlFor={ids.search} className="block text-xs font-medium">
          Find a task
        </label>
        <input
          id={ids.search}
          type="search"
          className={field}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Part of its title"
        />
        <label htmlFor={ids.blocker} className="block text-xs font-medium">
          Must finish first
        </label>
        <div className="flex gap-2">
          <select
            id={ids.blocker}
            className={field}
            value={chosen ? blockerId : ''}
            onChange={(e) => setBlockerId(e.target.value)}
          >
            <option value="">
              {candidates.isPending
                ? 'Loading tasks…'
                : options.length
                  ? 'Choose a task'
                  : 'No matching task'}
            </option>
            {options.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title} ({STATUS_LABELS[c.status]})
              </option>
            ))}
          </select>
          <Button type="submit" variant="secondary" disabled={change.isPending}>
            Add dependency
          </Button>
        </div>
        {candidates.isError && <p className="text-xs">{describeError(candidates.error)}</p>}
      </form>
      {message && (
        <p
          role={message.kind === 'error' ? 'alert' : 'status'}
          className={
            message.kind === 'error'
              ? 'rounded-md bg-red-50 p-2 text-red-800 dark:bg-red-950 dark:text-red-200'
              : 'text-emerald-800 dark:text-emerald-300'
          }
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
