import {
  DndContext,
  KeyboardCode,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import { CSS } from '@dnd-kit/utilities';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { describeError } from '@/lib/api-error';
import { cn } from '@/lib/cn';
import { useBoardTasks, type BoardFilters, type BoardTask } from '@/features/workflows/api/list-board-tasks';
import { useWorkflows, type Workflow } from '@/features/workflows/api/list-workflows';
import { useTransitionTask } from '@/features/workflows/api/transition-task';
import { VotesPanel } from '@/features/workflows/components/votes-panel';
import { boardColumns, type BoardColumn } from '@/features/workflows/utils/board-columns';

/**
 * Arrow keys move a picked-up card (Space/Enter) to the neighbouring column, in the workflow's order,
 * rather than by pixels: left/right to the previous/next column, Space/Enter drops it, Escape cancels.
 * (The columns wrap instead of scrolling sideways, so dnd-kit never turns an arrow into a scroll.)
 */
export function columnKeyboardCoordinates(keys: string[]): KeyboardCoordinateGetter {
  return (event, { context, currentCoordinates: { x, y } }) => {
    if (event.code !== KeyboardCode.Right && event.code !== KeyboardCode.Left) return undefined;
    event.preventDefault();
    // the column under the card: the one dnd-kit reports, else (just picked up) the one containing it
    const over =
      context.over?.id ??
      keys.find((k) => {
        const r = context.droppableRects.get(k);
        return !!r && x >= r.left && x < r.left + r.width && y >= r.top && y < r.top + r.height;
      });
    const at = keys.findIndex((k) => k === over);
    const step = event.code === KeyboardCode.Right ? 1 : -1;
    const next = keys[Math.min(Math.max((at < 0 ? 0 : at) + step, 0), keys.length - 1)];
    const rect = context.droppableRects.get(next);
    return rect ? { x: rect.left + 8, y: rect.top + 24 } : undefined;
  };
}

function Card({ task, selected, onSelect }: { task: BoardTask; selected: boolean; onSelect: () => void }) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: task.id,
    data: { task },
  });
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
}: {
  column: BoardColumn;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: column.key, data: { column } });
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
}: {
  workflow: Pick<Workflow, 'id' | 'states'>;
  filters: BoardFilters;
  tasks: BoardTask[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const transition = useTransitionTask(filters);
  const [error, setError] = useState<string | null>(null);
  const columns = useMemo(() => boardColumns(workflow, tasks), [workflow, tasks]);
  const keys = useMemo(() => columns.map((c) => c.key), [columns]);
  const coordinateGetter = useMemo(() => columnKeyboardCoordinates(keys), [keys]);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter }),
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const task = (active.data.current as { task?: BoardTask } | undefined)?.task;
    const to = over ? columns.find((c) => c.key === over.id) : undefined;
    if (!task || !to || task.workflow?.state === to.key) return;
    setError(null);
    transition.mutate(
      { task, toState: to.key, toStateName: to.name },
      { onError: (e) => setError(`“${task.title}” was not moved: ${describeError(e)}`) },
    );
  };
  const nameOf = (id: string | number) => tasks.find((t) => t.id === id)?.title ?? 'the task';
  const columnOf = (id: string | number | undefined) =>
    columns.find((c) => c.key === id)?.name ?? 'no column';
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
      <DndContext
        sensors={sensors}
        onDragEnd={onDragEnd}
        accessibility={{
          announcements: {
            onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}.`,
            onDragOver: ({ active, over }) => `${nameOf(active.id)} is over ${columnOf(over?.id)}.`,
            onDragEnd: ({ active, over }) => `${nameOf(active.id)} was dropped on ${columnOf(over?.id)}.`,
            onDragCancel: ({ active }) => `Moving ${nameOf(active.id)} was cancelled.`,
          },
          screenReaderInstructions: {
            draggable:
              'To move a task, press Space or Enter, use the left and right arrows to choose a column, then press Space or Enter again. Escape cancels.',
          },
        }}
      >
        <div className="flex flex-wrap gap-2 pb-1">
          {columns.map((c) => (
            <Column key={c.key} column={c} selectedId={selectedId} onSelect={onSelect} />
          ))}
        </div>
      </DndContext>
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
      {selectedTask && <VotesPanel task={selectedTask} />}
    </div>
  );
}
