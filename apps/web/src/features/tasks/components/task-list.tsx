import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { cn } from '@/lib/cn';
import { STATUS_LABELS, TASK_STATUSES } from '@/features/tasks/api/get-task';
import { useTasks } from '@/features/tasks/api/list-tasks';
import { TaskForm } from '@/features/tasks/components/task-form';
import { useTaskFilters } from '@/features/tasks/hooks/use-task-filters';
import { useSavedViewsStore } from '@/features/tasks/stores/saved-views-store';

const input =
  'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900';

/** Tasks with filters and sort in the URL, named saved views, a create form, and selection for the detail. */
export function TaskList() {
  const { filters, setFilter, applyView, viewQuery, selectedTaskId, selectTask } = useTaskFilters();
  const tasks = useTasks(filters);
  const { views, save, remove } = useSavedViewsStore();
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const saveView = () => {
    const name = window.prompt('Name this view');
    if (name?.trim()) save(name.trim(), viewQuery);
  };

  return (
    <div className="flex flex-col gap-2 p-2">
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-xs">
          <span className="block font-medium">Search</span>
          <input
            type="search"
            className={input}
            defaultValue={filters.q ?? ''}
            onChange={(e) => setFilter('q', e.target.value)}
          />
        </label>
        <label className="text-xs">
          <span className="block font-medium">Status</span>
          <select
            className={input}
            value={filters.status ?? ''}
            onChange={(e) => setFilter('status', e.target.value)}
          >
            <option value="">Any</option>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs">
          <span className="block font-medium">Sort</span>
          <select
            className={input}
            value={filters.sort ?? ''}
            onChange={(e) => setFilter('sort', e.target.value)}
          >
            <option value="">Newest</option>
            <option value="due_date">Due date</option>
            <option value="-priority">Priority</option>
            <option value="title">Title</option>
          </select>
        </label>
        <Button variant="secondary" onClick={saveView}>
          Save view
        </Button>
        <Button onClick={() => setCreating((c) => !c)} aria-expanded={creating}>
          New task
        </Button>
      </div>
      {views.length > 0 && (
        <nav aria-label="Saved views" className="flex flex-wrap gap-1 text-xs">
          {views.map((v) => (
            <span
              key={v.name}
              className="inline-flex items-center rounded-full border border-slate-300 dark:border-slate-600"
            >
              <button type="button" className="px-2 py-0.5" onClick={() => applyView(v.query)}>
                {v.name}
              </button>
              <button
                type="button"
                className="px-1"
                aria-label={`Delete view ${v.name}`}
                onClick={() => remove(v.name)}
              >
                ×
              </button>
            </span>
          ))}
        </nav>
      )}
      {notice && (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          {notice}
        </p>
      )}
      {creating && (
        <div className="rounded-md border border-slate-200 dark:border-slate-700">
          <TaskForm
            onDone={(outcome) => {
              setCreating(false);
              setNotice(
                outcome === 'queued'
                  ? 'Task saved offline: it will be created when you are back online.'
                  : 'Task created.',
              );
            }}
          />
        </div>
      )}
      {tasks.isPending && <Spinner label="Loading tasks…" />}
      {tasks.isError && <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />}
      {tasks.data && tasks.data.tasks.length === 0 && <EmptyState title="No task matches these filters" />}
      {tasks.data && tasks.data.tasks.length > 0 && (
        <ul aria-label="Tasks" className="divide-y divide-slate-100 dark:divide-slate-800">
          {tasks.data.tasks.map((t) => (
            <li key={t.id}>
              <button
                type="button"
                onClick={() => selectTask(t.id)}
                aria-current={selectedTaskId === t.id ? 'true' : undefined}
                className={cn(
                  'flex w-full items-center gap-2 px-2 py-1.5 text-left text-sm hover:bg-slate-50 dark:hover:bg-slate-800',
                  selectedTaskId === t.id && 'bg-slate-100 dark:bg-slate-800',
                )}
              >
                <span className="flex-1 truncate">{t.title}</span>
                <span className="rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-700">
                  {STATUS_LABELS[t.status]}
                </span>
                <span className="text-xs text-slate-600 dark:text-slate-300">P{t.priority}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
