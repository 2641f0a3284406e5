import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { ApiError, describeError } from '@/lib/api-error';
import { fieldErrors } from '@/lib/field-errors';
import { useInviteUser } from '@/features/admin/api/invite-user';
import type { RoleRow } from '@/features/admin/api/list-roles';

/** The API's own messages (InviteUserDto), so the form says what the server would. */
const schema = z.object({
  email: z.string().trim().email('must be a valid email address').max(320, 'must be a valid email address'),
  name: z
    .string()
    .trim()
    .min(1, 'must be between 1 and 200 characters')
    .max(200, 'must be between 1 and 200 characters'),
  role: z.string(),
});
type FormValues = z.infer<typeof schema>;

const input =
  'mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-900';

/** Invites a person by email: the account waits for them to set a password through the mailed link. */
export function InviteUserForm({ roles }: { roles: RoleRow[] }) {
  const id = useId();
  const invite = useInviteUser();
  const form = useForm<FormValues>({
    resolver: zodResolver(schema),
    defaultValues: { email: '', name: '', role: '' },
  });
  const errors = fieldErrors(id, form.formState.errors);

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await invite.mutateAsync({
        email: values.email,
        name: values.name,
        ...(values.role ? { roles: [values.role] } : {}),
      });
      form.reset();
    } catch (error) {
      // the server's per-field refusals go under their fields (e.g. "is already taken")
      if (error instanceof ApiError)
        for (const detail of error.details)
          if (detail.field === 'email' || detail.field === 'name')
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
        Invite a person
      </h2>
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor={`${id}-email`} className="block text-sm font-medium">
            Email
          </label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="off"
            className={input}
            {...errors.describedBy('email')}
            {...form.register('email')}
          />
          {errors.message('email')}
        </div>
        <div>
          <label htmlFor={`${id}-name`} className="block text-sm font-medium">
            Name
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
          <label htmlFor={`${id}-role`} className="block text-sm font-medium">
            Role in the organisation
          </label>
          <select id={`${id}-role`} className={input} {...form.register('role')}>
            <option value="">No role yet</option>
            {roles.map((r) => (
              <option key={r.key} value={r.key}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {invite.error && !(invite.error instanceof ApiError && invite.error.details.length) && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {describeError(invite.error)}
        </p>
      )}
      {invite.data && (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          Invitation sent to {invite.data.email}.
        </p>
      )}
      <Button type="submit" disabled={invite.isPending}>
        {invite.isPending ? 'Sending…' : 'Send invitation'}
      </Button>
    </form>
  );
}
