import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { ActorName } from '@/lib/users/user-name';
import { useAudit } from '@/features/audit/api/list-audit';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The audit trail, newest first: of the task selected in the URL (?task=), else of the whole tenant. */
export function AuditPanel() {
  const [params] = useSearchParams();
  const taskId = params.get('task');
  const titleId = useId();
  const audit = useAudit(taskId ? { entityType: 'task', entityId: taskId } : {});
  if (audit.isPending) return <Spinner label="Loading the audit trail…" />;
  if (audit.isError) return <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />;
  const entries = audit.data.pages.flatMap((p) => p.entries);
  if (entries.length === 0) return <EmptyState title="No audit entries yet" />;
  const title = taskId ? 'Changes of the selected task' : 'Latest changes in your organisation';
  return (
    <div className="p-2">
      <p id={titleId} className="mb-1 text-xs text-slate-600 dark:text-slate-300">
        {title}
      </p>
      <ol aria-labelledby={titleId} className="space-y-1 text-sm">
        {entries.map((e) => (
          <li key={e.event_id} className="border-b border-slate-100 pb-1 dark:border-slate-800">
            <time dateTime={e.occurred_at}>{timeFormat.format(new Date(e.occurred_at))}</time> ·{' '}
            {e.entity_type} {e.action.replace(/_/g, ' ')} by <ActorName actor={e.actor} />
            {typeof e.after_state?.title === 'string' && <> · “{e.after_state.title}”</>}
          </li>
        ))}
      </ol>
      {audit.hasNextPage && (
        <Button
          variant="ghost"
          className="mt-1 text-xs"
          disabled={audit.isFetchingNextPage}
          onClick={() => void audit.fetchNextPage()}
        >
          {audit.isFetchingNextPage ? 'Loading older changes…' : 'Show older changes'}
        </Button>
      )}
    </div>
  );
}
