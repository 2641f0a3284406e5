import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { NotificationsToggle } from '@/features/notifications/components/notifications-toggle';
import { base64UrlToBytes, type PushPlatform } from '@/features/notifications/hooks/push-platform';

/**
 * jsdom has no Notification or PushManager, and no push service is reachable offline, so the permission
 * and subscription steps run against a small in-memory PushPlatform; the real browser APIs are used by
 * default (the first test shows the toggle detects their absence).
 */
class MemoryPushPlatform implements PushPlatform {
  requests = 0;
  subscribed: PushSubscription | null = null;
  constructor(
    private answer: NotificationPermission,
    subscribed = false,
  ) {
    if (subscribed) this.subscribed = { endpoint: 'https://push.example.test/1' } as PushSubscription;
  }
  supported = () => true;
  permission = () => 'default' as NotificationPermission;
  requestPermission = async () => {
    this.requests++;
    return this.answer;
  };
  current = async () => this.subscribed;
  subscribe = async (): Promise<PushSubscription> => {
    throw new Error('subscribe must not be reached in these tests');
  };
}

function renderToggle(platform?: PushPlatform) {
  const queryClient = new QueryClient({
    defaultOptions: { mutations: { retry: false }, queries: { retry: false } },
  });
  render(
    <QueryClientProvider client={queryClient}>
      <NotificationsToggle platform={platform} />
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

describe('the Notifications toggle', () => {
  it('is disabled and says why in a browser without push support', () => {
    renderToggle();
    const toggle = screen.getByRole('switch', { name: 'Notifications' });
    expect(toggle).toBeDisabled();
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    expect(toggle).toHaveAccessibleDescription('This browser does not support push notifications.');
  });

  it('shows the current subscription as on', async () => {
    renderToggle(new MemoryPushPlatform('granted', true));
    expect(await screen.findByRole('switch', { name: 'Notifications', checked: true })).toBeEnabled();
  });

  it('asks for permission and explains a refusal, staying off', async () => {
    const platform = new MemoryPushPlatform('denied');
    const user = renderToggle(platform);
    const toggle = await screen.findByRole('switch', { name: 'Notifications', checked: false });
    await user.click(toggle);
    expect(await screen.findByRole('alert')).toHaveTextContent('Notifications are blocked for this site');
    expect(platform.requests).toBe(1);
    expect(toggle).toHaveAttribute('aria-checked', 'false');
  });

  it('after permission is granted, asks the API for the VAPID key (and shows its error)', async () => {
    const platform = new MemoryPushPlatform('granted');
    const user = renderToggle(platform);
    await user.click(await screen.findByRole('switch', { name: 'Notifications' }));
    // the key request reached the API client, which is not configured in this test
    expect(await screen.findByRole('alert')).toHaveTextContent('The API client is not configured yet.');
    expect(platform.requests).toBe(1);
    expect(screen.getByRole('switch', { name: 'Notifications' })).toHaveAttribute('aria-checked', 'false');
  });

  it('decodes the base64url VAPID key into the 65-byte applicationServerKey', () => {
    const raw = new Uint8Array(65).map((_, i) => (i * 37 + 4) % 256);
    const encoded = btoa(String.fromCharCode(...raw))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    expect(Array.from(base64UrlToBytes(encoded))).toEqual(Array.from(raw));
  });
});
