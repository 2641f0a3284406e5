import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { describeError } from '@/lib/api-error';
import { useAssignRole } from '@/features/admin/api/assign-role';
import { useProgramOptions } from '@/features/admin/api/list-programs';
import type { RoleRow } from '@/features/admin/api/list-roles';
import type { UserRow } from '@/features/admin/api/list-users';

const input =
  'mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-900';

/** Gives a user a role for the whole organisation or within one program (program membership). */
export function UserAccessForm({ user, roles }: { user: UserRow; roles: RoleRow[] }) {
  const id = useId();
  const programs = useProgramOptions();
  const assign = useAssignRole(user.id);
  const [role, setRole] = useState(roles[0]?.key ?? '');
  const [where, setWhere] = useState('tenant');
  const [given, setGiven] = useState<string | null>(null);

  const submit = async () => {
    setGiven(null);
    const program = programs.data?.find((p) => p.id === where);
    await assign
      .mutateAsync(
        where === 'tenant'
          ? { role, context_type: 'tenant' }
          : { role, context_type: 'program', context_id: where },
      )
      .then(() =>
        setGiven(
          `${roles.find((r) => r.key === role)?.name ?? role} ${program ? `in ${program.name}` : 'in the organisation'}`,
        ),
      )
      .catch(() => undefined);
  };

  return (
    <form
      aria-label={`Access of ${user.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      className="grid gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end dark:bg-slate-800/50"
    >
      <div>
        <label htmlFor={`${id}-role`} className="block text-sm font-medium">
          Role
        </label>
        <select id={`${id}-role`} className={input} value={role} onChange={(e) => setRole(e.target.value)}>
          {roles.map((r) => (
            <option key={r.key} value={r.key}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-where`} className="block text-sm font-medium">
          Where
        </label>
        <select id={`${id}-where`} className={input} value={where} onChange={(e) => setWhere(e.target.value)}>
          <option value="tenant">The whole organisation</option>
          {programs.data?.map((p) => (
            <option key={p.id} value={p.id}>
              Program: {p.name}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" disabled={!role || assign.isPending}>
        Give role
      </Button>
      {assign.error && (
        <p role="alert" className="text-sm text-red-700 sm:col-span-3 dark:text-red-400">
          {describeError(assign.error)}
        </p>
      )}
      {given && (
        <p role="status" className="text-sm text-emerald-800 sm:col-span-3 dark:text-emerald-300">
          {user.name} now has the role {given}.
        </p>
      )}
    </form>
  );
}
