import { CSS } from '@dnd-kit/utilities';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { describeError } from '@/lib/api-error';
import { cn } from '@/lib/cn';
import { TaskDndProvider, useTaskDraggable, useTaskDropTarget, type DraggedTask } from '@/lib/task-dnd';
import { useBoardTasks, type BoardFilters, type BoardTask } from '@/features/workflows/api/list-board-tasks';
import { useWorkflows, type Workflow } from '@/features/workflows/api/list-workflows';
import { transitionTask, useTransitionTask } from '@/features/workflows/api/transition-task';
import { VotesPanel } from '@/features/workflows/components/votes-panel';
import { boardColumns, type BoardColumn } from '@/features/workflows/utils/board-columns';

export type ColumnDrop =
  { kind: 'none' } | { kind: 'refused'; message: string } | { kind: 'transition'; task: BoardTask };

/**
 * What dropping a task (a card of this board, or a row dragged from another panel) on a column does: a
 * task of this workflow in another state is transitioned, one already there stays, and a task that is not
 * on this board is refused with a message.
 */
export function planColumnDrop(dragged: DraggedTask, column: BoardColumn, tasks: BoardTask[]): ColumnDrop {
  const task = tasks.find((t) => t.id === dragged.id);
  if (!task)
    return {
      kind: 'refused',
      message: `“${dragged.title}” is not on this board, so it cannot be moved here.`,
    };
  if (task.workflow?.state === column.key) return { kind: 'none' };
  return { kind: 'transition', task };
}

function Card({ task, selected, onSelect }: { task: BoardTask; selected: boolean; onSelect: () => void }) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useTaskDraggable(task, 'board');
  return (
    <li>
      <button
        type="button"
        ref={setNodeRef}
        style={{ transform: CSS.Translate.toString(transform) }}
        {...listeners}
        {...attributes}
        onClick={onSelect}
        aria-pressed={selected}
        aria-roledescription="draggable task"
        className={cn(
          'w-full touch-none rounded-md border bg-white px-2 py-1.5 text-left text-sm shadow-sm dark:bg-slate-800',
          selected ? 'border-brand-500' : 'border-slate-200 dark:border-slate-700',
          isDragging && 'relative z-10 opacity-80 shadow-lg',
        )}
      >
        <span className="block truncate">{task.title}</span>
        <span className="text-xs text-slate-600 dark:text-slate-300">P{task.priority}</span>
      </button>
    </li>
  );
}

function Column({
  column,
  selectedId,
  onSelect,
  onDropTask,
}: {
  column: BoardColumn;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onDropTask: (task: DraggedTask) => void;
}) {
  const { setNodeRef, isOver } = useTaskDropTarget({ label: `the ${column.name} column`, onDropTask });
  return (
    <div
      ref={setNodeRef}
      data-state={column.key}
      className={cn(
        'flex max-h-80 min-h-32 min-w-32 flex-1 basis-32 flex-col gap-1 overflow-y-auto rounded-md bg-slate-50 p-1.5 dark:bg-slate-950',
        isOver && 'ring-2 ring-brand-500',
      )}
    >
      <h3 className="px-1 text-xs font-semibold tracking-wide uppercase">
        {column.name} <span className="font-normal">({column.tasks.length})</span>
      </h3>
      <ul aria-label={column.name} className="flex flex-col gap-1">
        {column.tasks.map((t) => (
          <Card key={t.id} task={t} selected={selectedId === t.id} onSelect={() => onSelect(t.id)} />
        ))}
      </ul>
    </div>
  );
}

/** The columns and cards of one workflow, with drag (pointer or keyboard) to transition a task. */
export function BoardColumns({
  workflow,
  filters,
  tasks,
  selectedId,
  onSelect,
  send,
}: {
  workflow: Pick<Workflow, 'id' | 'states'>;
  filters: BoardFilters;
  tasks: BoardTask[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** the transition request (the component test passes one standing in for the server) */
  send?: typeof transitionTask;
}) {
  const transition = useTransitionTask(filters, send);
  const [error, setError] = useState<string | null>(null);
  const columns = useMemo(() => boardColumns(workflow, tasks), [workflow, tasks]);
  const onDropTask = (column: BoardColumn) => (dragged: DraggedTask) => {
    const plan = planColumnDrop(dragged, column, tasks);
    if (plan.kind === 'none') return;
    if (plan.kind === 'refused') {
      setError(plan.message);
      return;
    }
    setError(null);
    const { task } = plan;
    transition.mutate(
      { task, toState: column.key, toStateName: column.name },
      { onError: (e) => setError(`“${task.title}” was not moved: ${describeError(e)}`) },
    );
  };
  return (
    <div className="flex flex-col gap-2">
      {error && (
        <p
          role="alert"
          className="rounded-md bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      )}
      <TaskDndProvider>
        <div className="flex flex-wrap gap-2 pb-1">
          {columns.map((c) => (
            <Column
              key={c.key}
              column={c}
              selectedId={selectedId}
              onSelect={onSelect}
              onDropTask={onDropTask(c)}
            />
          ))}
        </div>
      </TaskDndProvider>
    </div>
  );
}

const select =
  'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900';

/** The workflow board panel: pick a workflow, drag cards between its states, vote where votes are due. */
export function WorkflowBoard() {
  const workflows = useWorkflows();
  const [chosen, setChosen] = useState<string | null>(null);
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('task');
  const workflow =
    workflows.data?.find((w) => w.id === chosen) ??
    workflows.data?.find((w) => w.is_default) ??
    workflows.data?.[0];
  const filters = useMemo(() => (workflow ? { workflowId: workflow.id } : null), [workflow]);
  const tasks = useBoardTasks(filters);
  const select_ = (id: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set('task', id);
      return next;
    });

  if (workflows.isPending) return <Spinner label="Loading workflows…" />;
  if (workflows.isError)
    return <ErrorState error={workflows.error} onRetry={() => void workflows.refetch()} />;
  if (!workflow || !filters)
    return <EmptyState title="No workflow">This tenant has no workflow yet.</EmptyState>;
  const selectedTask = tasks.data?.find((t) => t.id === selectedId) ?? null;
  return (
    <div className="flex flex-col gap-2 p-2">
      <label className="text-xs">
        <span className="block font-medium">Workflow</span>
        <select className={select} value={workflow.id} onChange={(e) => setChosen(e.target.value)}>
          {workflows.data.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </label>
      {tasks.isPending && <Spinner label="Loading tasks…" />}
      {tasks.isError && <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />}
      {tasks.data && (
        <BoardColumns
          workflow={workflow}
          filters={filters}
          tasks={tasks.data}
          selectedId={selectedId}
          onSelect={select_}
        />
      )}
      {selectedTask && (
        <VotesPanel key={selectedTask.id} task={selectedTask} workflow={workflow} filters={filters} />
      )}
    </div>
  );
}
