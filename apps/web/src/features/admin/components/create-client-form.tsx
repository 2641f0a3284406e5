import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Button } from '@/components/ui/button';
import { describeError } from '@/lib/api-error';
import { useCreateOAuthClient } from '@/features/admin/api/create-oauth-client';

const SCOPES = [
  'tasks:read',
  'tasks:write',
  'programs:read',
  'programs:write',
  'workflows:read',
  'workflows:write',
  'work-logs:read',
  'work-logs:write',
  'financial:read',
  'financial:write',
  'certifications:read',
  'certifications:write',
  'audit:read',
  'users:read',
  'users:write',
] as const;

const schema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(100, 'At most 100 characters'),
  scopes: z.array(z.enum(SCOPES)).min(1, 'Choose at least one scope'),
});
type FormValues = z.infer<typeof schema>;

/** Creates an integrator client (client credentials) and shows its secret once. */
export function CreateClientForm() {
  const create = useCreateOAuthClient();
  const form = useForm<FormValues>({
    resolver: zodResolver(schema),
    defaultValues: { name: '', scopes: [] },
  });
  const { errors } = form.formState;

  // a refusal is shown from create.error; the form keeps what was typed
  const onSubmit = form.handleSubmit(async (values) => {
    await create
      .mutateAsync({ name: values.name, grant_types: ['client_credentials'], scopes: values.scopes })
      .then(() => form.reset())
      .catch(() => undefined);
  });

  return (
    <form
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-700"
    >
      <h3 className="font-semibold">New integrator client</h3>
      <div>
        <label htmlFor="client-name" className="block text-sm font-medium">
          Name
        </label>
        <input
          id="client-name"
          className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-900"
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? 'client-name-error' : undefined}
          {...form.register('name')}
        />
        {errors.name && (
          <p id="client-name-error" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {errors.name.message}
          </p>
        )}
      </div>
      <fieldset aria-describedby={errors.scopes ? 'client-scopes-error' : undefined}>
        <legend className="text-sm font-medium">Scopes</legend>
        <div className="mt-1 grid grid-cols-1 gap-1 sm:grid-cols-2">
          {SCOPES.map((scope) => (
            <label key={scope} className="flex items-center gap-2 text-sm">
              <input type="checkbox" value={scope} {...form.register('scopes')} />
              {scope}
            </label>
          ))}
        </div>
        {errors.scopes && (
          <p id="client-scopes-error" className="mt-1 text-sm text-red-700 dark:text-red-400">
            {errors.scopes.message}
          </p>
        )}
      </fieldset>
      {create.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {describeError(create.error)}
        </p>
      )}
      {create.data && (
        <div
          role="status"
          className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
        >
          <p>
            Client <code>{create.data.client_id}</code> created. Copy its secret now; it is not shown again:
          </p>
          <code className="mt-1 block break-all">{create.data.client_secret}</code>
        </div>
      )}
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create client'}
      </Button>
    </form>
  );
}
