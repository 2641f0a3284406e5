import { useState } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { useSubmittedCards, useTimeCard } from '@/features/time/api/time-cards';
import { TimeCardView } from '@/features/time/components/time-card-view';
import { cn } from '@/lib/cn';
import { UserName } from '@/lib/users/user-name';

function Selected({ id, taskTitle }: { id: string; taskTitle: (id: string) => string }) {
  const card = useTimeCard(id);
  if (card.isPending) return <Spinner label="Loading the time card…" />;
  if (card.isError) return <ErrorState error={card.error} onRetry={() => void card.refetch()} />;
  return <TimeCardView card={card.data} role="manager" taskTitle={taskTitle} />;
}

/**
 * Time cards waiting for approval, other people's only (nobody approves their own). A caller without
 * work-logs:approve is only ever shown their own cards by the API, so the list is empty for them.
 */
export function Approvals({ userId, taskTitle }: { userId: string; taskTitle: (id: string) => string }) {
  const cards = useSubmittedCards();
  const [selected, setSelected] = useState<string | null>(null);
  if (cards.isPending) return <Spinner label="Loading time cards to approve…" />;
  if (cards.isError) return <ErrorState error={cards.error} onRetry={() => void cards.refetch()} />;
  const others = cards.data.filter((c) => c.user_id !== userId);
  if (others.length === 0)
    return <EmptyState title="Nothing to approve">No submitted time cards wait for you.</EmptyState>;
  return (
    <div className="space-y-2">
      <ul className="text-sm" aria-label="Time cards to approve">
        {others.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              aria-pressed={selected === c.id}
              onClick={() => setSelected(c.id)}
              className={cn(
                'w-full px-2 py-1.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800',
                selected === c.id && 'bg-brand-600/10',
              )}
            >
              {c.iso_week} · <UserName id={c.user_id} />
            </button>
          </li>
        ))}
      </ul>
      {selected && others.some((c) => c.id === selected) && <Selected id={selected} taskTitle={taskTitle} />}
    </div>
  );
}
