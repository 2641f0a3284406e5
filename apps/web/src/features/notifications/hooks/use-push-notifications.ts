import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  deletePushSubscription,
  getVapidPublicKey,
  savePushSubscription,
} from '@/features/notifications/api/push-subscriptions';
import { base64UrlToBytes, type PushPlatform } from '@/features/notifications/hooks/push-platform';

export class PermissionDeniedError extends Error {
  constructor() {
    super('Notifications are blocked for this site; allow them in the browser’s site settings.');
  }
}

/**
 * Whether this browser is subscribed to Web Push, and turning it on (ask permission, subscribe with the
 * API's VAPID key, store the subscription on the API) or off (unsubscribe, remove it on the API).
 */
export function usePushNotifications(platform: PushPlatform) {
  const queryClient = useQueryClient();
  const supported = platform.supported();
  const queryKey = ['push', 'subscription'];
  const current = useQuery({
    queryKey,
    queryFn: async () => (await platform.current())?.endpoint ?? null,
    enabled: supported,
  });
  const toggle = useMutation({
    mutationFn: async (on: boolean) => {
      if (on) {
        const permission =
          platform.permission() === 'granted' ? 'granted' : await platform.requestPermission();
        if (permission !== 'granted') throw new PermissionDeniedError();
        const key = await getVapidPublicKey();
        const subscription = await platform.subscribe(base64UrlToBytes(key));
        await savePushSubscription(subscription.toJSON());
        return subscription.endpoint;
      }
      const subscription = await platform.current();
      if (subscription) {
        await subscription.unsubscribe();
        await deletePushSubscription(subscription.endpoint);
      }
      return null;
    },
    onSuccess: (endpoint) => queryClient.setQueryData(queryKey, endpoint),
  });
  return { supported, enabled: Boolean(current.data), loading: current.isLoading, toggle };
}
