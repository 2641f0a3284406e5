import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { usePrograms } from '@/features/programs/api/list-programs';

const STATUSES = { active: 'Active', on_hold: 'On hold', closed: 'Closed' } as const;

/** /programs: the programs of the tenant (filter by status in the URL), each linking to its tasks. */
export function ProgramsPage() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const programs = usePrograms(status || undefined);
  const byId = new Map(programs.data?.map((p) => [p.id, p.name]));
  return (
    <div className="mx-auto max-w-4xl p-4">
      <h1 className="mb-3 text-xl font-semibold">Programs</h1>
      <label className="mb-3 block text-sm">
        <span className="mr-2 font-medium">Status</span>
        <select
          value={status}
          onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {}, { replace: true })}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
        >
          <option value="">Any</option>
          {Object.entries(STATUSES).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </label>
      {programs.isPending && <Spinner label="Loading programs…" />}
      {programs.isError && <ErrorState error={programs.error} onRetry={() => void programs.refetch()} />}
      {programs.data?.length === 0 && <EmptyState title="No programs" />}
      {programs.data && programs.data.length > 0 && (
        <ul className="space-y-2">
          {programs.data.map((p) => (
            <li key={p.id} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
              <p className="font-medium">
                <Link className="text-brand-700 underline dark:text-indigo-300" to={`/?program=${p.id}`}>
                  {p.name}
                </Link>{' '}
                <span className="text-sm text-slate-600 dark:text-slate-300">· {STATUSES[p.status]}</span>
              </p>
              {p.parent_id && <p className="text-sm">Part of {byId.get(p.parent_id) ?? 'another program'}</p>}
              {p.description && <p className="mt-1 text-sm">{p.description}</p>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
