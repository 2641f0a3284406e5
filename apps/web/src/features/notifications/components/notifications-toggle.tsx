import { browserPushPlatform, type PushPlatform } from '@/features/notifications/hooks/push-platform';
import { usePushNotifications } from '@/features/notifications/hooks/use-push-notifications';
import { cn } from '@/lib/cn';

/** The "Notifications" switch of the account menu: Web Push for assignments and certification decisions. */
export function NotificationsToggle({ platform = browserPushPlatform }: { platform?: PushPlatform }) {
  const { supported, enabled, loading, toggle } = usePushNotifications(platform);
  const busy = loading || toggle.isPending;
  return (
    <div className="px-2 py-1.5 text-sm">
      <div className="flex items-center justify-between gap-3">
        <span id="notifications-label">Notifications</span>
        <button
          type="button"
          role="switch"
          aria-labelledby="notifications-label"
          aria-checked={enabled}
          aria-busy={busy}
          aria-describedby="notifications-help"
          disabled={!supported || busy}
          onClick={() => toggle.mutate(!enabled)}
          className={cn(
            'relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors disabled:opacity-50',
            enabled ? 'bg-brand-600' : 'bg-slate-300 dark:bg-slate-600',
          )}
        >
          <span
            className={cn(
              'inline-block h-4 w-4 rounded-full bg-white transition-transform',
              enabled ? 'translate-x-4' : 'translate-x-0.5',
            )}
          />
        </button>
      </div>
      <p id="notifications-help" className="mt-1 text-xs text-slate-600 dark:text-slate-300">
        {supported
          ? 'Assignments and certification decisions, even when the app is closed.'
          : 'This browser does not support push notifications.'}
      </p>
      {toggle.error && (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
          {toggle.error.message}
        </p>
      )}
    </div>
  );
}
