import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { STATUS_LABELS, useTask } from '@/features/tasks/api/get-task';
import { useTaskHistory } from '@/features/tasks/api/get-task-history';
import { CertificationBadge } from '@/features/tasks/components/certification-badge';
import { TaskDependencies } from '@/features/tasks/components/task-dependencies';
import { TaskForm } from '@/features/tasks/components/lazy-task-form';
import { useTaskFilters } from '@/features/tasks/hooks/use-task-filters';
import { cn } from '@/lib/cn';
import { useTaskDropTarget } from '@/lib/task-dnd';
import { ActorName, UserName } from '@/lib/users/user-name';

function History({ id }: { id: string }) {
  const history = useTaskHistory(id);
  if (history.isPending) return <Spinner label="Loading history…" />;
  if (history.isError) return <ErrorState error={history.error} />;
  return (
    <ol className="space-y-1 text-sm">
      {history.data.map((h) => (
        <li key={h.event_id}>
          <time dateTime={h.occurred_at}>{new Date(h.occurred_at).toLocaleString()}</time> · {h.action} by{' '}
          <ActorName actor={h.actor} />
          {h.changes.length > 0 && `: ${h.changes.map((c) => c.field).join(', ')}`}
        </li>
      ))}
    </ol>
  );
}

export interface TaskDetailProps {
  /** opens a certification's review (given by the app to those who may review certifications) */
  onOpenReview?: (certificationId: string) => void;
}

/**
 * The task selected in the URL (?task=), and a drop target: a task dragged here from another panel (the
 * task list, the board) becomes the one shown.
 */
export function TaskDetail({ onOpenReview }: TaskDetailProps = {}) {
  const { selectedTaskId, selectTask } = useTaskFilters();
  const { setNodeRef, isOver } = useTaskDropTarget({
    label: 'the task detail panel',
    onDropTask: (task) => selectTask(task.id),
  });
  return (
    <div
      ref={setNodeRef}
      data-drop-target="task-detail"
      className={cn('h-full min-h-24', isOver && 'ring-2 ring-brand-500 ring-inset')}
    >
      <TaskDetailBody selectedTaskId={selectedTaskId} onOpenReview={onOpenReview} />
    </div>
  );
}

/** Fields, assignment, dependencies, history, and editing of one task. */
function TaskDetailBody({
  selectedTaskId,
  onOpenReview,
}: { selectedTaskId: string | null } & TaskDetailProps) {
  const task = useTask(selectedTaskId);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  if (!selectedTaskId)
    return (
      <EmptyState title="No task selected">Choose a task in the task list, or drag one here.</EmptyState>
    );
  if (task.isPending) return <Spinner label="Loading the task…" />;
  if (task.isError && !task.data)
    return <ErrorState error={task.error} onRetry={() => void task.refetch()} />;
  const t = task.data;
  return (
    <article className="space-y-3 p-3" aria-label={`Task ${t.title}`}>
      <div className="flex items-start gap-2">
        <h3 className="flex-1 text-lg font-semibold">{t.title}</h3>
        <Button variant="secondary" onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
          {editing ? 'Cancel' : 'Edit task'}
        </Button>
      </div>
      {t.certification && <CertificationBadge certification={t.certification} onOpenReview={onOpenReview} />}
      {notice && (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          {notice}
        </p>
      )}
      {editing ? (
        <TaskForm
          key={t.version}
          task={t}
          onDone={(outcome) => {
            setEditing(false);
            setNotice(
              outcome === 'queued'
                ? 'Change saved offline: it will be sent when you are back online.'
                : outcome === 'unchanged'
                  ? 'Nothing changed.'
                  : 'Saved.',
            );
          }}
        />
      ) : (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="font-medium">Status</dt>
          <dd>{STATUS_LABELS[t.status]}</dd>
          <dt className="font-medium">Priority</dt>
          <dd>{t.priority}</dd>
          <dt className="font-medium">Assignee</dt>
          <dd>{t.assignee_id ? <UserName id={t.assignee_id} /> : 'Unassigned'}</dd>
          <dt className="font-medium">Due</dt>
          <dd>{t.due_date ?? '—'}</dd>
          <dt className="font-medium">Version</dt>
          <dd>{t.version}</dd>
        </dl>
      )}
      {t.description && <p className="text-sm whitespace-pre-wrap">{t.description}</p>}
      <section aria-label="Dependencies">
        <h4 className="text-sm font-semibold">Dependencies</h4>
        <TaskDependencies task={t} />
      </section>
      <section aria-label="History">
        <h4 className="text-sm font-semibold">History</h4>
        <History id={t.id} />
      </section>
    </article>
  );
}
