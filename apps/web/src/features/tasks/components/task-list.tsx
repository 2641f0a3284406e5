import { useState, type PointerEventHandler } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { cn } from '@/lib/cn';
import { useTaskDraggable } from '@/lib/task-dnd';
import { UserName } from '@/lib/users/user-name';
import { STATUS_LABELS, TASK_STATUSES } from '@/features/tasks/api/get-task';
import { useTasks } from '@/features/tasks/api/list-tasks';
import { useProgramOptions } from '@/features/tasks/api/list-program-options';
import { ExportTasksButton } from '@/features/exports/components/export-tasks-button';
import { TaskForm } from '@/features/tasks/components/lazy-task-form';
import { useTaskFilters } from '@/features/tasks/hooks/use-task-filters';
import { useSavedViewsStore } from '@/features/tasks/stores/saved-views-store';
import type { Task } from '@/features/tasks/api/get-task';

const input =
  'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900';

/**
 * One task of the list: the row selects it; it can also be dragged (with the pointer from the row, or with
 * the keyboard from its handle) onto the task detail panel or a column of the workflow board.
 */
function TaskRow({ task: t, selected, onSelect }: { task: Task; selected: boolean; onSelect: () => void }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, isDragging } = useTaskDraggable(
    { id: t.id, title: t.title },
    'list',
  );
  return (
    <li
      ref={setNodeRef}
      className={cn('flex items-center', isDragging && 'relative z-10 bg-white shadow-lg dark:bg-slate-800')}
      style={transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined}
    >
      <button
        type="button"
        onPointerDown={listeners?.onPointerDown as PointerEventHandler | undefined}
        onClick={onSelect}
        aria-current={selected ? 'true' : undefined}
        className={cn(
          'flex min-w-0 flex-1 items-center gap-2 px-2 py-1.5 text-left text-sm hover:bg-slate-50 dark:hover:bg-slate-800',
          selected && 'bg-slate-100 dark:bg-slate-800',
        )}
      >
        <span className="flex-1 truncate">{t.title}</span>
        <span className="rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-700">
          {STATUS_LABELS[t.status]}
        </span>
        <span className="text-xs text-slate-600 dark:text-slate-300">P{t.priority}</span>
      </button>
      <button
        type="button"
        ref={setActivatorNodeRef}
        {...attributes}
        {...listeners}
        aria-label={`Drag ${t.title}`}
        aria-roledescription="draggable task"
        className="cursor-grab touch-none px-1.5 py-1.5 text-slate-500 dark:text-slate-300"
      >
        ⠿
      </button>
    </li>
  );
}

/** Tasks with filters and sort in the URL, named saved views, a create form, and selection for the detail. */
export function TaskList() {
  const { filters, setFilter, applyView, viewQuery, selectedTaskId, selectTask } = useTaskFilters();
  const tasks = useTasks(filters);
  const programs = useProgramOptions();
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
          <span className="block font-medium">Program</span>
          <select
            className={input}
            value={filters.program ?? ''}
            onChange={(e) => setFilter('program', e.target.value)}
          >
            <option value="">Any</option>
            {/* a program from a link or the search may not be among the first page of options */}
            {filters.program && !programs.data?.some((p) => p.id === filters.program) && (
              <option value={filters.program}>The selected program</option>
            )}
            {programs.data?.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        {filters.assignee && (
          <Button variant="secondary" onClick={() => setFilter('assignee', '')}>
            Assigned to <UserName id={filters.assignee} /> · show everyone's
          </Button>
        )}
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
        <ExportTasksButton filters={filters} />
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
            <TaskRow
              key={t.id}
              task={t}
              selected={selectedTaskId === t.id}
              onSelect={() => selectTask(t.id)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
