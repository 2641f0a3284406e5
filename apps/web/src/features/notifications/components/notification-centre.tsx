import { Popover } from 'radix-ui';
import { Link, useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import {
  type NotificationItem,
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotifications,
} from '@/features/notifications/api/notifications';
import { BellButton } from '@/features/notifications/components/bell-button';
import { cn } from '@/lib/cn';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The list inside the bell's popover: newest first, unread marked, more on demand. */
export function NotificationList({ onOpen }: { onOpen: (item: NotificationItem) => void }) {
  const notifications = useNotifications();
  const markAll = useMarkAllNotificationsRead();
  if (notifications.isPending) return <Spinner label="Loading notifications…" />;
  if (notifications.isError)
    return <ErrorState error={notifications.error} onRetry={() => void notifications.refetch()} />;
  const items = notifications.data.pages.flatMap((p) => p.items);
  const unread = notifications.data.pages[0]?.unreadCount ?? 0;
  return (
    <div className="flex max-h-[70vh] flex-col">
      <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-700">
        <h2 className="text-sm font-semibold">Notifications</h2>
        <Button
          variant="ghost"
          className="min-h-7 px-2 text-xs"
          disabled={unread === 0 || markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          Mark all as read
        </Button>
      </div>
      {items.length === 0 ? (
        <p className="px-3 py-6 text-center text-sm text-slate-600 dark:text-slate-300">
          Nothing yet. Assignments and certification decisions appear here.
        </p>
      ) : (
        <ul aria-label="Notifications" className="min-h-0 flex-1 overflow-auto">
          {items.map((item) => (
            <li key={item.id} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
              <button
                type="button"
                onClick={() => onOpen(item)}
                aria-label={`${item.read_at ? '' : 'Unread: '}${item.title}: ${item.body}`}
                className={cn(
                  'flex w-full flex-col items-start gap-0.5 px-3 py-2 text-left text-sm hover:bg-slate-50 dark:hover:bg-slate-800',
                  !item.read_at && 'bg-indigo-50 dark:bg-slate-800/60',
                )}
              >
                <span className="flex items-center gap-2 font-medium">
                  {!item.read_at && (
                    <span aria-hidden="true" className="inline-block h-2 w-2 rounded-full bg-brand-600" />
                  )}
                  {item.title}
                </span>
                <span className="text-slate-700 dark:text-slate-200">{item.body}</span>
                <time dateTime={item.created_at} className="text-xs text-slate-500 dark:text-slate-400">
                  {timeFormat.format(new Date(item.created_at))}
                </time>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="flex items-center justify-between gap-2 border-t border-slate-200 px-3 py-2 text-xs dark:border-slate-700">
        <Link to="/settings/notifications" className="text-brand-700 underline dark:text-indigo-300">
          Notification settings
        </Link>
        {notifications.hasNextPage && (
          <Button
            variant="ghost"
            className="min-h-7 px-2 text-xs"
            disabled={notifications.isFetchingNextPage}
            onClick={() => void notifications.fetchNextPage()}
          >
            Show older
          </Button>
        )}
      </div>
    </div>
  );
}

/**
 * The notification centre: the bell with its popover (Radix), loaded by NotificationBell on the first
 * click and opened at once.
 */
export function NotificationCentre({ label, unread }: { label: string; unread: number }) {
  const markRead = useMarkNotificationRead();
  const navigate = useNavigate();
  return (
    <Popover.Root defaultOpen>
      <Popover.Trigger asChild>
        <BellButton label={label} unread={unread} />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={6}
          aria-label="Notifications"
          className="z-40 w-[min(24rem,calc(100vw-1rem))] rounded-md border border-slate-200 bg-white shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <NotificationList
            onOpen={(item) => {
              if (!item.read_at) markRead.mutate(item.id);
              void navigate(item.url);
            }}
          />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
