import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { describeError } from '@/lib/api-error';
import { parseMajorToMinor } from '@/lib/money';
import type { CreateWorkLogInput } from '@/features/time/api/create-work-log';
import type { TaskOption } from '@/features/time/api/list-task-options';
import { elapsedMinutes, useTimerStore } from '@/features/time/stores/timer-store';
import { formatMinutes, today } from '@/features/time/utils/week';

/** Start a timer on a task; stopping it logs the elapsed minutes (today, with the remembered rate). */
export function Timer({
  tasks,
  onLog,
}: {
  tasks: TaskOption[];
  onLog: (input: CreateWorkLogInput) => Promise<'sent' | 'queued'>;
}) {
  const { running, defaults, start, stop } = useTimerStore();
  const [taskId, setTaskId] = useState('');
  const [now, setNow] = useState(() => Date.now());
  const [message, setMessage] = useState<{ kind: 'status' | 'alert'; text: string } | null>(null);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);

  const runningTask = running && tasks.find((t) => t.id === running.taskId);
  const stopAndLog = async () => {
    const stopped = stop();
    if (!stopped) return;
    const minutes = elapsedMinutes(stopped.startedAt, Date.now());
    try {
      const outcome = await onLog({
        task_id: stopped.taskId,
        work_date: today(),
        duration_minutes: minutes,
        billable: defaults.billable,
        currency: defaults.currency,
        rate_minor: parseMajorToMinor(defaults.rate, defaults.currency) ?? 0,
      });
      setMessage({
        kind: 'status',
        text: `${formatMinutes(minutes)} logged${outcome === 'queued' ? ' offline; it will be sent when you are back online' : ''}.`,
      });
    } catch (e) {
      start(stopped.taskId, stopped.startedAt);
      setMessage({ kind: 'alert', text: `The time was not logged: ${describeError(e)}` });
    }
  };

  return (
    <div className="space-y-2" role="group" aria-label="Timer">
      {running ? (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm">
            Timing <strong>{runningTask ? runningTask.title : 'a task'}</strong>:{' '}
            <span aria-live="off" className="font-mono tabular-nums">
              {new Date(Math.max(0, now - running.startedAt)).toISOString().slice(11, 19)}
            </span>
          </p>
          <Button onClick={() => void stopAndLog()}>Stop and log</Button>
        </div>
      ) : (
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-48 flex-1">
            <label htmlFor="timer-task" className="block text-sm font-medium">
              Timer task
            </label>
            <select
              id="timer-task"
              value={taskId}
              onChange={(e) => setTaskId(e.target.value)}
              className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900"
            >
              <option value="">Choose a task</option>
              {tasks.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.title}
                </option>
              ))}
            </select>
          </div>
          <Button
            disabled={!taskId}
            onClick={() => {
              setMessage(null);
              setNow(Date.now());
              start(taskId);
            }}
          >
            Start timer
          </Button>
        </div>
      )}
      {message && (
        <p
          role={message.kind}
          className={
            message.kind === 'alert'
              ? 'text-sm text-red-700 dark:text-red-400'
              : 'text-sm text-emerald-800 dark:text-emerald-300'
          }
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
