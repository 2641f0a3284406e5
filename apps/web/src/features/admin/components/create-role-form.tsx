import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { ApiError, describeError } from '@/lib/api-error';
import { fieldErrors } from '@/lib/field-errors';
import { useCreateRole, usePermissions } from '@/features/admin/api/create-role';
import type { RoleRow } from '@/features/admin/api/list-roles';

/** The API's own messages (CreateRoleDto). */
const schema = z.object({
  key: z.string().regex(/^[a-z0-9_]{1,63}$/, 'must be 1 to 63 lowercase letters, digits or _'),
  name: z
    .string()
    .trim()
    .min(1, 'must be between 1 and 200 characters')
    .max(200, 'must be between 1 and 200 characters'),
  inherits: z.string(),
  permissions: z.array(z.string()),
});
type FormValues = z.infer<typeof schema>;

const input =
  'mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-900';

/** A custom role: a name, optionally a role it builds on, and the permissions it adds. */
export function CreateRoleForm({ roles }: { roles: RoleRow[] }) {
  const id = useId();
  const create = useCreateRole();
  const permissions = usePermissions();
  const form = useForm<FormValues>({
    resolver: zodResolver(schema),
    defaultValues: { key: '', name: '', inherits: '', permissions: [] },
  });
  const errors = fieldErrors(id, form.formState.errors);

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await create.mutateAsync({
        key: values.key,
        name: values.name,
        permissions: values.permissions,
        ...(values.inherits ? { inherits: values.inherits } : {}),
      });
      form.reset();
    } catch (error) {
      if (error instanceof ApiError)
        for (const detail of error.details)
          if (detail.field === 'key' || detail.field === 'name' || detail.field === 'permissions')
            form.setError(detail.field, { message: detail.message });
    }
  });

  return (
    <form
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby={`${id}-title`}
      className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-700"
    >
      <h2 id={`${id}-title`} className="font-semibold">
        New role
      </h2>
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor={`${id}-key`} className="block text-sm font-medium">
            Key
          </label>
          <input
            id={`${id}-key`}
            className={input}
            {...errors.describedBy('key')}
            {...form.register('key')}
          />
          {errors.message('key')}
        </div>
        <div>
          <label htmlFor={`${id}-name`} className="block text-sm font-medium">
            Role name
          </label>
          <input
            id={`${id}-name`}
            className={input}
            {...errors.describedBy('name')}
            {...form.register('name')}
          />
          {errors.message('name')}
        </div>
        <div>
          <label htmlFor={`${id}-inherits`} className="block text-sm font-medium">
            Builds on
          </label>
          <select id={`${id}-inherits`} className={input} {...form.register('inherits')}>
            <option value="">Nothing</option>
            {roles.map((r) => (
              <option key={r.key} value={r.key}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset {...errors.describedBy('permissions')}>
        <legend className="text-sm font-medium">Permissions</legend>
        <div className="mt-1 grid grid-cols-1 gap-1 sm:grid-cols-3">
          {permissions.data?.map((permission) => (
            <label key={permission} className="flex items-center gap-2 text-sm">
              <input type="checkbox" value={permission} {...form.register('permissions')} />
              {permission}
            </label>
          ))}
        </div>
        {errors.message('permissions')}
      </fieldset>
      {create.error && !(create.error instanceof ApiError && create.error.details.length) && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {describeError(create.error)}
        </p>
      )}
      {create.isSuccess && (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          Role created.
        </p>
      )}
      <Button type="submit" disabled={create.isPending}>
        Create role
      </Button>
    </form>
  );
}
