import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import {
  useNotificationPreferences,
  useUpdateNotificationPreference,
} from '@/features/notifications/api/notifications';
import { NotificationsToggle } from '@/features/notifications/components/notifications-toggle';
import { describeError } from '@/lib/api-error';

/** Which notifications reach the user by push and by mail (the notification centre always has them). */
export function NotificationSettingsPage() {
  const preferences = useNotificationPreferences();
  const update = useUpdateNotificationPreference();
  return (
    <div className="mx-auto max-w-3xl p-4">
      <h1 className="mb-3 text-xl font-semibold">Notification settings</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">
        Everything appears in the notification centre (the bell). Choose what also reaches you as a push
        notification on this device’s browser or by email.
      </p>
      {preferences.isPending && <Spinner label="Loading settings…" />}
      {preferences.isError && (
        <ErrorState error={preferences.error} onRetry={() => void preferences.refetch()} />
      )}
      {preferences.data && (
        <table className="w-full text-sm">
          <caption className="sr-only">Channels per kind of notification</caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th className="px-2 py-1.5 text-left font-medium">Notification</th>
              <th className="px-2 py-1.5 font-medium">In the app</th>
              <th className="px-2 py-1.5 font-medium">Push</th>
              <th className="px-2 py-1.5 font-medium">Email</th>
            </tr>
          </thead>
          <tbody>
            {preferences.data.map((p) => (
              <tr key={p.type} className="border-b border-slate-100 dark:border-slate-800">
                <th scope="row" className="px-2 py-2 text-left font-normal">
                  {p.label}
                </th>
                <td className="px-2 py-2 text-center">
                  <input type="checkbox" checked disabled aria-label={`${p.label}: in the app (always)`} />
                </td>
                <td className="px-2 py-2 text-center">
                  <input
                    type="checkbox"
                    checked={p.push}
                    aria-label={`${p.label}: push`}
                    disabled={update.isPending}
                    onChange={(e) => update.mutate({ type: p.type, push: e.target.checked, email: p.email })}
                  />
                </td>
                <td className="px-2 py-2 text-center">
                  <input
                    type="checkbox"
                    checked={p.email}
                    aria-label={`${p.label}: email`}
                    disabled={update.isPending}
                    onChange={(e) => update.mutate({ type: p.type, push: p.push, email: e.target.checked })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {update.isError && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {describeError(update.error)}
        </p>
      )}
      <section className="mt-6 max-w-sm rounded-md border border-slate-200 dark:border-slate-700">
        <h2 className="px-2 pt-2 text-sm font-semibold">Push on this device</h2>
        <NotificationsToggle />
      </section>
    </div>
  );
}
