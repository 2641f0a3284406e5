import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { describeError } from '@/lib/api-error';
import {
  decideTimeCard,
  useDecideTimeCard,
  type TimeCardDecision,
} from '@/features/time/api/decide-time-card';
import { TIME_CARD_STATUS_LABELS, type TimeCardDetail, type WorkLog } from '@/features/time/api/time-cards';
import { formatMinutes, weekDays } from '@/features/time/utils/week';

/** Minutes per day of the week (Monday first) and in all, from the card's logs (integers, exact). */
export function dayTotals(weekStart: string, logs: Pick<WorkLog, 'work_date' | 'duration_minutes'>[]) {
  const days = weekDays(weekStart).map((date) => ({
    date,
    minutes: logs.filter((l) => l.work_date === date).reduce((sum, l) => sum + l.duration_minutes, 0),
  }));
  return { days, total: days.reduce((sum, d) => sum + d.minutes, 0) };
}

const weekday = (date: string) =>
  new Date(`${date}T00:00:00Z`).toLocaleDateString(undefined, { weekday: 'short', timeZone: 'UTC' });

/**
 * A weekly time card: its logs by day, per-day and weekly totals, its status, and the action its viewer may
 * take: the owner submits a draft or rejected card; a manager approves or rejects a submitted one.
 */
export function TimeCardView({
  card,
  role,
  taskTitle = (id) => `Task ${id.slice(0, 8)}`,
  send = decideTimeCard,
}: {
  card: TimeCardDetail;
  role: 'owner' | 'manager';
  taskTitle?: (taskId: string) => string;
  send?: (d: TimeCardDecision) => Promise<TimeCardDetail>;
}) {
  const decide = useDecideTimeCard(send);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const { days, total } = dayTotals(card.week_start, card.work_logs);
  const canSubmit = role === 'owner' && (card.status === 'draft' || card.status === 'rejected');
  const canDecide = role === 'manager' && card.status === 'submitted';

  return (
    <section className="space-y-3" aria-label={`Time card ${card.iso_week}`}>
      <p className="text-sm">
        <strong>{card.iso_week}</strong> · Status: <span>{TIME_CARD_STATUS_LABELS[card.status]}</span>
        {card.status === 'rejected' && card.rejection_reason && <> · Reason: {card.rejection_reason}</>}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Work logs of {card.iso_week}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Task</th>
              <th scope="col">Billable</th>
              <th scope="col" className="text-right">
                Time
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => {
              const logs = card.work_logs.filter((l) => l.work_date === d.date);
              return logs.map((l, i) => (
                <tr key={l.id}>
                  <td>{i === 0 ? `${weekday(d.date)} ${d.date}` : ''}</td>
                  <td>
                    {taskTitle(l.task_id)}
                    {l.description && (
                      <span className="text-slate-600 dark:text-slate-400"> · {l.description}</span>
                    )}
                  </td>
                  <td>{l.billable ? 'Yes' : 'No'}</td>
                  <td className="text-right tabular-nums">{formatMinutes(l.duration_minutes)}</td>
                </tr>
              ));
            })}
            {card.work_logs.length === 0 && (
              <tr>
                <td colSpan={4}>No time logged this week.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <dl className="grid grid-cols-7 gap-1 text-center text-xs" aria-label="Totals per day">
        {days.map((d) => (
          <div key={d.date}>
            <dt>{weekday(d.date)}</dt>
            <dd className="tabular-nums" data-testid={`day-total-${d.date}`}>
              {formatMinutes(d.minutes)}
            </dd>
          </div>
        ))}
      </dl>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
        <dt className="font-medium">Total</dt>
        <dd className="tabular-nums" data-testid="week-total">
          {formatMinutes(total)}
        </dd>
        <dt className="font-medium">Billable</dt>
        <dd className="tabular-nums" data-testid="billable-total">
          {formatMinutes(card.totals.billable_minutes)}
        </dd>
      </dl>
      {decide.isError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {describeError(decide.error)}
        </p>
      )}
      {canSubmit && (
        <Button
          disabled={decide.isPending || card.work_logs.length === 0}
          onClick={() => decide.mutate({ id: card.id, decision: 'submit' })}
        >
          {decide.isPending ? 'Submitting…' : 'Submit time card'}
        </Button>
      )}
      {canDecide && (
        <div className="space-y-2">
          <div>
            <label htmlFor={`reject-reason-${card.id}`} className="block text-sm font-medium">
              Reason for rejecting
            </label>
            <input
              id={`reject-reason-${card.id}`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? `reject-reason-${card.id}-error` : undefined}
              className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900"
            />
            {reasonError && (
              <p
                id={`reject-reason-${card.id}-error`}
                className="mt-1 text-sm text-red-700 dark:text-red-400"
              >
                {reasonError}
              </p>
            )}
          </div>
          <div className="flex gap-2">
            <Button
              disabled={decide.isPending}
              onClick={() => decide.mutate({ id: card.id, decision: 'approve' })}
            >
              Approve
            </Button>
            <Button
              variant="danger"
              disabled={decide.isPending}
              onClick={() => {
                if (!reason.trim()) return setReasonError('Say why, so the owner can fix it');
                setReasonError(null);
                decide.mutate({ id: card.id, decision: 'reject', reason: reason.trim() });
              }}
            >
              Reject
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}
