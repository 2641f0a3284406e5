import { Tabs } from 'radix-ui';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { useOAuthClients } from '@/features/admin/api/list-oauth-clients';
import { useResendInvitation } from '@/features/admin/api/invite-user';
import { type RoleRow, useRoles } from '@/features/admin/api/list-roles';
import { type UserRow, useUsers } from '@/features/admin/api/list-users';
import { CreateClientForm } from '@/features/admin/components/create-client-form';
import { CreateRoleForm } from '@/features/admin/components/create-role-form';
import { InviteUserForm } from '@/features/admin/components/invite-user-form';
import { UserAccessForm } from '@/features/admin/components/user-access-form';

const tab =
  'rounded-t-md px-3 py-2 text-sm font-medium text-slate-600 data-[state=active]:border-b-2 data-[state=active]:border-brand-600 data-[state=active]:text-slate-900 dark:text-slate-300 dark:data-[state=active]:text-white';
const th = 'px-2 py-1.5 text-left font-medium';
const td = 'px-2 py-1.5 align-top';

function UserRowView({ user, roles }: { user: UserRow; roles: RoleRow[] }) {
  const [open, setOpen] = useState(false);
  const resend = useResendInvitation();
  return (
    <>
      <tr className="border-b border-slate-100 dark:border-slate-800">
        <td className={td}>{user.name}</td>
        <td className={td}>{user.email}</td>
        <td className={td}>{user.status}</td>
        <td className={`${td} space-x-2 whitespace-nowrap`}>
          <Button
            variant="secondary"
            className="min-h-7 px-2 text-xs"
            aria-expanded={open}
            aria-label={`Manage access of ${user.name}`}
            onClick={() => setOpen((o) => !o)}
          >
            Manage access
          </Button>
          {user.status === 'invited' && (
            <Button
              variant="ghost"
              className="min-h-7 px-2 text-xs"
              disabled={resend.isPending}
              onClick={() => resend.mutate(user.id)}
            >
              {resend.isSuccess ? 'Invitation sent again' : 'Resend invitation'}
            </Button>
          )}
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={4} className="px-2 pb-3">
            <UserAccessForm user={user} roles={roles} />
          </td>
        </tr>
      )}
    </>
  );
}

function UsersTab() {
  const users = useUsers();
  const roles = useRoles();
  return (
    <div className="space-y-4">
      <InviteUserForm roles={roles.data ?? []} />
      {users.isPending && <Spinner label="Loading users…" />}
      {users.isError && <ErrorState error={users.error} onRetry={() => void users.refetch()} />}
      {users.data && (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Users</caption>
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-700">
                <th className={th}>Name</th>
                <th className={th}>Email</th>
                <th className={th}>Status</th>
                <th className={th}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.users.map((u) => (
                <UserRowView key={u.id} user={u} roles={roles.data ?? []} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function RolesTab() {
  const roles = useRoles();
  if (roles.isPending) return <Spinner label="Loading roles…" />;
  if (roles.isError) return <ErrorState error={roles.error} onRetry={() => void roles.refetch()} />;
  return (
    <div className="space-y-4">
      <CreateRoleForm roles={roles.data} />
      <ul className="space-y-3">
        {roles.data.map((r) => (
          <li key={r.id} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
            <p className="font-medium">
              {r.name} <span className="text-slate-500 dark:text-slate-400">({r.key})</span>
              {r.system === false && (
                <span className="ml-2 text-xs text-slate-600 dark:text-slate-300">custom</span>
              )}
            </p>
            {r.inherits && <p className="text-sm">Inherits {r.inherits}</p>}
            <p className="mt-1 text-xs break-words text-slate-600 dark:text-slate-300">
              {r.permissions.join(', ')}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ClientsTab() {
  const clients = useOAuthClients();
  return (
    <div className="space-y-4">
      {clients.isPending && <Spinner label="Loading clients…" />}
      {clients.isError && <ErrorState error={clients.error} onRetry={() => void clients.refetch()} />}
      {clients.data && (
        <ul className="space-y-2">
          {clients.data.map((c) => (
            <li
              key={c.client_id}
              className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700"
            >
              <p className="font-medium">{c.name}</p>
              <p className="text-slate-600 dark:text-slate-300">
                <code>{c.client_id}</code> · {c.grant_types.join(', ')}
              </p>
              <p className="text-xs text-slate-600 dark:text-slate-300">{c.scopes.join(' ')}</p>
            </li>
          ))}
        </ul>
      )}
      <CreateClientForm />
    </div>
  );
}

export function AdminPage() {
  return (
    <div className="mx-auto max-w-5xl p-4">
      <h1 className="mb-3 text-xl font-semibold">Administration</h1>
      <Tabs.Root defaultValue="users">
        <Tabs.List
          aria-label="Administration sections"
          className="mb-4 flex gap-1 border-b border-slate-200 dark:border-slate-700"
        >
          <Tabs.Trigger value="users" className={tab}>
            Users
          </Tabs.Trigger>
          <Tabs.Trigger value="roles" className={tab}>
            Roles
          </Tabs.Trigger>
          <Tabs.Trigger value="clients" className={tab}>
            OAuth clients
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="users">
          <UsersTab />
        </Tabs.Content>
        <Tabs.Content value="roles">
          <RolesTab />
        </Tabs.Content>
        <Tabs.Content value="clients">
          <ClientsTab />
        </Tabs.Content>
      </Tabs.Root>
    </div>
  );
}
