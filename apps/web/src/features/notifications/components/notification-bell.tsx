import { lazy, Suspense, useState } from 'react';
import { useNotifications } from '@/features/notifications/api/notifications';
import { BellButton } from '@/features/notifications/components/bell-button';

// the notification centre (its list and the Radix popover) loads on the first click, not with the shell
const NotificationCentre = lazy(() =>
  import('@/features/notifications/components/notification-centre').then((m) => ({
    default: m.NotificationCentre,
  })),
);

/** The bell in the header: the unread count, and the notification centre in a popover. */
export function NotificationBell() {
  const notifications = useNotifications();
  const [wanted, setWanted] = useState(false);
  const unread = notifications.data?.pages[0]?.unreadCount ?? 0;
  const label = unread ? `Notifications, ${unread} unread` : 'Notifications';
  if (!wanted) return <BellButton label={label} unread={unread} onClick={() => setWanted(true)} />;
  return (
    <Suspense fallback={<BellButton label={label} unread={unread} aria-busy />}>
      <NotificationCentre label={label} unread={unread} />
    </Suspense>
  );
}
