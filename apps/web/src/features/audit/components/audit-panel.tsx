import { useSearchParams } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { useAudit } from '@/features/audit/api/list-audit';

/** The audit trail: of the task selected in the URL (?task=), else of the whole tenant. */
export function AuditPanel() {
  const [params] = useSearchParams();
  const taskId = params.get('task');
  const audit = useAudit(taskId ? { entityType: 'task', entityId: taskId } : {});
  if (audit.isPending) return <Spinner label="Loading the audit trail…" />;
  if (audit.isError) return <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />;
  if (audit.data.length === 0) return <EmptyState title="No audit entries yet" />;
  return (
    <div className="p-2">
      <p className="mb-1 text-xs text-slate-600 dark:text-slate-300">
        {taskId ? 'Changes of the selected task' : 'Latest changes in your organisation'}
      </p>
      <ol className="space-y-1 text-sm">
        {audit.data.map((e) => (
          <li key={e.event_id} className="border-b border-slate-100 pb-1 dark:border-slate-800">
            <time dateTime={e.occurred_at}>{new Date(e.occurred_at).toLocaleString()}</time> · {e.entity_type}{' '}
            {e.action} by {e.actor.type}
            {typeof e.after_state?.title === 'string' && <> · “{e.after_state.title}”</>}
          </li>
        ))}
      </ol>
    </div>
  );
}
