import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { type NotificationPage, notificationsQuery } from '@/features/notifications/api/notifications';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { NotificationList } from '@/features/notifications/components/notification-centre';

const page: NotificationPage = {
  unreadCount: 1,
  nextCursor: 'next',
  items: [
    {
      id: '11111111-1111-4111-8111-111111111111',
      type: 'task.assigned',
      title: 'Task assigned to you',
      body: 'Check the supplier contract',
      url: '/?task=22222222-2222-4222-8222-222222222222',
      task_id: '22222222-2222-4222-8222-222222222222',
      read_at: null,
      created_at: '2026-12-05T08:00:00.000Z',
    },
    {
      id: '33333333-3333-4333-8333-333333333333',
      type: 'certification.decided',
      title: 'CERT-7 approved',
      body: 'Summarise the audit',
      url: '/?task=44444444-4444-4444-8444-444444444444',
      task_id: '44444444-4444-4444-8444-444444444444',
      read_at: '2026-12-05T08:01:00.000Z',
      created_at: '2026-12-04T08:00:00.000Z',
    },
  ],
};

/** The notification query is filled as the API would have answered; nothing else is stubbed. */
function renderWith(ui: React.ReactNode) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });
  queryClient.setQueryData(notificationsQuery().queryKey, { pages: [page], pageParams: [null] });
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>{ui}</MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

describe('the notification bell', () => {
  it('names the unread count and opens the notification centre', async () => {
    const user = renderWith(<NotificationBell />);
    const bell = screen.getByRole('button', { name: 'Notifications, 1 unread' });
    await user.click(bell);
    const list = await screen.findByRole('list', { name: 'Notifications' });
    expect(list).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Unread: Task assigned to you: Check the supplier contract' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'CERT-7 approved: Summarise the audit' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Notification settings' })).toHaveAttribute(
      'href',
      '/settings/notifications',
    );
    expect(screen.getByRole('button', { name: 'Show older' })).toBeInTheDocument();
  });

  it('opens a notification with its own link, and offers to mark all read only when some are unread', async () => {
    const opened = vi.fn();
    const user = renderWith(<NotificationList onOpen={opened} />);
    expect(screen.getByRole('button', { name: 'Mark all as read' })).toBeEnabled();
    await user.click(screen.getByRole('button', { name: /Check the supplier contract/ }));
    expect(opened).toHaveBeenCalledWith(page.items[0]);
  });
});
