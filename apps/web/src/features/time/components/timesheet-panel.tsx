import { useSearchParams } from 'react-router';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { useAuthStore } from '@/lib/auth/auth-store';
import { createWorkLog } from '@/features/time/api/create-work-log';
import { useTaskOptions } from '@/features/time/api/list-task-options';
import { useMyTimeCard } from '@/features/time/api/time-cards';
import { Approvals } from '@/features/time/components/approvals';
import { LogTimeForm } from '@/features/time/components/log-time-form';
import { Timer } from '@/features/time/components/timer';
import { TimeCardView } from '@/features/time/components/time-card-view';
import { addDays, isoWeek, today, weekStart } from '@/features/time/utils/week';

/** The week shown lives in the URL (?week=<Monday>), so it survives a reload and can be shared. */
function useWeek() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('week');
  const monday = raw && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? weekStart(raw) : weekStart(today());
  const go = (m: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('week', m);
        return next;
      },
      { replace: true },
    );
  return { monday, go };
}

/**
 * The timesheet panel: a week picker, the timer, a form to log time, the week's time card with its logs and
 * totals and the submit button, and, for managers, the cards waiting for approval. Logging time works
 * offline (queued); submitting, approving and rejecting need the network.
 */
export function TimesheetPanel() {
  const userId = useAuthStore((s) => s.user?.sub);
  const { monday, go } = useWeek();
  const week = isoWeek(monday);
  const tasks = useTaskOptions();
  const card = useMyTimeCard(userId, week);
  const titles = new Map((tasks.data ?? []).map((t) => [t.id, t.title]));
  const taskTitle = (id: string) => titles.get(id) ?? `Task ${id.slice(0, 8)}`;

  if (!userId) return <EmptyState title="Not signed in">Sign in to track time.</EmptyState>;
  return (
    <div className="space-y-4 p-3">
      <nav aria-label="Week" className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={() => go(addDays(monday, -7))}>
          Previous week
        </Button>
        <h3 className="text-base font-semibold" aria-live="polite">
          Week {week}{' '}
          <span className="text-sm font-normal">
            ({monday} to {addDays(monday, 6)})
          </span>
        </h3>
        <Button variant="secondary" onClick={() => go(addDays(monday, 7))}>
          Next week
        </Button>
        <Button variant="ghost" onClick={() => go(weekStart(today()))}>
          This week
        </Button>
      </nav>
      {tasks.isError && <ErrorState error={tasks.error} title="The tasks could not be loaded" />}
      <Timer tasks={tasks.data ?? []} onLog={createWorkLog} />
      <details className="rounded-md border border-slate-200 p-2 dark:border-slate-700">
        <summary className="cursor-pointer text-sm font-medium">Log time by hand</summary>
        <div className="mt-2">
          <LogTimeForm
            tasks={tasks.data ?? []}
            defaultDate={monday <= today() && today() <= addDays(monday, 6) ? today() : monday}
            onSubmit={createWorkLog}
          />
        </div>
      </details>
      <section aria-labelledby="my-card-heading" className="space-y-2">
        <h3 id="my-card-heading" className="text-base font-semibold">
          My time card
        </h3>
        {card.isPending ? (
          <Spinner label="Loading the time card…" />
        ) : card.isError ? (
          <ErrorState error={card.error} onRetry={() => void card.refetch()} />
        ) : card.data === null ? (
          <EmptyState title="No time logged this week">
            Start the timer or log time to open this week’s card.
          </EmptyState>
        ) : (
          <TimeCardView card={card.data} role="owner" taskTitle={taskTitle} />
        )}
      </section>
      <section aria-labelledby="approvals-heading" className="space-y-2">
        <h3 id="approvals-heading" className="text-base font-semibold">
          Approvals
        </h3>
        <Approvals userId={userId} taskTitle={taskTitle} />
      </section>
    </div>
  );
}
