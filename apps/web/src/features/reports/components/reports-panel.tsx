import { useState } from 'react';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { STATUS_LABELS, TASK_STATUSES } from '@/features/tasks/api/get-task';
import { useProgramOptions } from '@/features/tasks/api/list-program-options';
import {
  useProgramOverview,
  useTimeReport,
  type ProgramOverview,
  type TimeReport,
} from '@/features/reports/api/reports';

const STATUS_COLORS: Record<string, string> = {
  todo: '#64748b',
  in_progress: '#2563eb',
  blocked: '#dc2626',
  done: '#16a34a',
  cancelled: '#a3a3a3',
};

const hours = (minutes: number) => (minutes / 60).toLocaleString(undefined, { maximumFractionDigits: 1 });

/** Tasks by status as one stacked bar, with the numbers beside it (the chart is decoration; the list is the data). */
export function StatusDistribution({ overview }: { overview: ProgramOverview }) {
  const total = Math.max(overview.total, 1);
  let x = 0;
  return (
    <figure>
      <figcaption className="text-xs font-medium">Tasks by status ({overview.total})</figcaption>
      <svg viewBox="0 0 100 6" className="mt-1 h-4 w-full" aria-hidden="true" preserveAspectRatio="none">
        {TASK_STATUSES.map((s) => {
          const w = ((overview.status_counts[s] ?? 0) / total) * 100;
          const rect = <rect key={s} x={x} y={0} width={w} height={6} fill={STATUS_COLORS[s]} />;
          x += w;
          return rect;
        })}
      </svg>
      <ul className="mt-1 flex flex-wrap gap-x-3 text-xs" aria-label="Tasks by status">
        {TASK_STATUSES.map((s) => (
          <li key={s}>
            <span
              className="mr-1 inline-block h-2 w-2 rounded-full"
              style={{ background: STATUS_COLORS[s] }}
            />
            {STATUS_LABELS[s]}: {overview.status_counts[s] ?? 0}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** Created and done tasks by the end of each week, as two lines. */
export function BurnUp({ overview }: { overview: ProgramOverview }) {
  const points = overview.burn_up;
  const max = Math.max(1, ...points.map((p) => p.created_total));
  const W = 300;
  const H = 100;
  const step = points.length > 1 ? W / (points.length - 1) : W;
  const line = (key: 'created_total' | 'done_total') =>
    points.map((p, i) => `${(i * step).toFixed(1)},${(H - (p[key] / max) * H).toFixed(1)}`).join(' ');
  const last = points.at(-1);
  return (
    <figure>
      <figcaption className="text-xs font-medium">
        Burn-up, last {points.length} weeks: {last?.done_total ?? 0} of {last?.created_total ?? 0} done
      </figcaption>
      <svg
        viewBox={`-2 -2 ${W + 4} ${H + 4}`}
        className="mt-1 h-28 w-full"
        role="img"
        aria-label="Burn-up chart"
      >
        <polyline points={line('created_total')} fill="none" stroke="#64748b" strokeWidth={2} />
        <polyline points={line('done_total')} fill="none" stroke="#16a34a" strokeWidth={2} />
      </svg>
      <p className="text-xs">
        <span className="text-slate-500">━ created</span> · <span className="text-green-600">━ done</span>
      </p>
    </figure>
  );
}

function Overview() {
  const [program, setProgram] = useState('');
  const programs = useProgramOptions();
  const overview = useProgramOverview(program || undefined);
  return (
    <section aria-labelledby="program-overview" className="space-y-2">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h3 id="program-overview" className="text-sm font-semibold">
          Program overview
        </h3>
        <label className="text-xs">
          <span className="mr-1 font-medium">Program</span>
          <select
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
            value={program}
            onChange={(e) => setProgram(e.target.value)}
          >
            <option value="">All you may read</option>
            {programs.data?.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {overview.isPending ? (
        <Spinner label="Loading the overview…" />
      ) : overview.isError ? (
        <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />
      ) : (
        <>
          <StatusDistribution overview={overview.data} />
          <dl className="grid grid-cols-2 gap-2 text-sm">
            <div className="rounded border border-slate-200 p-2 dark:border-slate-700">
              <dt className="text-xs">Overdue</dt>
              <dd className="text-lg font-semibold">{overview.data.overdue}</dd>
            </div>
            <div className="rounded border border-slate-200 p-2 dark:border-slate-700">
              <dt className="text-xs">Blocked by dependencies</dt>
              <dd className="text-lg font-semibold">{overview.data.blocked_by_dependencies}</dd>
            </div>
          </dl>
          <BurnUp overview={overview.data} />
        </>
      )}
    </section>
  );
}

/** Hours per person and week, billable and not. */
export function TimeTable({ report }: { report: TimeReport }) {
  if (!report.rows.length)
    return (
      <p className="text-xs">
        No time logged from {report.from} to {report.to}.
      </p>
    );
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Time by person, program and week">
      <table className="w-full text-left text-xs">
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col">Person</th>
            <th scope="col">Program</th>
            <th scope="col" className="text-right">
              Billable h
            </th>
            <th scope="col" className="text-right">
              Other h
            </th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r) => (
            <tr key={`${r.week_start}-${r.user_id}-${r.program_id}`}>
              <td>{r.week_start}</td>
              <td>{r.user_name}</td>
              <td>{r.program_name}</td>
              <td className="text-right">{hours(r.billable_minutes)}</td>
              <td className="text-right">{hours(r.non_billable_minutes)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="font-semibold">
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td className="text-right">{hours(report.totals.billable_minutes)}</td>
            <td className="text-right">{hours(report.totals.non_billable_minutes)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Time() {
  const report = useTimeReport();
  return (
    <section aria-labelledby="time-report" className="space-y-2">
      <h3 id="time-report" className="text-sm font-semibold">
        Time{report.data ? (report.data.covers === 'own' ? ' (yours)' : ' (everyone)') : ''}
      </h3>
      {report.isPending ? (
        <Spinner label="Loading the time report…" />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <TimeTable report={report.data} />
      )}
    </section>
  );
}

/** The dashboards: the program overview and the time report, each from GET /api/v1/reports/…. */
export function ReportsPanel() {
  return (
    <div className="space-y-4 p-2">
      <Overview />
      <Time />
    </div>
  );
}
