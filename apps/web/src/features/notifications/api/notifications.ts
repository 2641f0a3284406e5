import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/generated/api';

export type NotificationItem = components['schemas']['NotificationDto'];
export type NotificationPreference = components['schemas']['NotificationPreferenceDto'];

export interface NotificationPage {
  items: NotificationItem[];
  unreadCount: number;
  nextCursor: string | null;
}

/** Every notification query starts with this key; the realtime event invalidates it. */
export const NOTIFICATIONS_KEY = ['notifications'] as const;

/** GET /api/v1/notifications: newest first, one page per cursor, with the user's unread count. */
export async function listNotifications(cursor: string | null): Promise<NotificationPage> {
  const { data, meta } = await unwrap<NotificationItem[]>(
    api().GET('/api/v1/notifications', {
      params: { query: { limit: '20', ...(cursor ? { cursor } : {}) } },
    }),
  );
  return {
    items: data,
    unreadCount: Number(meta.unread_count ?? 0),
    nextCursor: (meta.next_cursor as string | null | undefined) ?? null,
  };
}

export const notificationsQuery = () =>
  infiniteQueryOptions({
    queryKey: [...NOTIFICATIONS_KEY, 'list'],
    queryFn: ({ pageParam }) => listNotifications(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export function useNotifications() {
  return useInfiniteQuery(notificationsQuery());
}

/** POST /api/v1/notifications/{id}/read */
export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      (
        await unwrap<NotificationItem>(
          api().POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }),
        )
      ).data,
    onSettled: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

/** POST /api/v1/notifications/read-all */
export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      (await unwrap<{ marked: number }>(api().POST('/api/v1/notifications/read-all'))).data,
    onSettled: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

/** GET /api/v1/notifications/preferences */
export const notificationPreferencesQuery = () =>
  queryOptions({
    queryKey: [...NOTIFICATIONS_KEY, 'preferences'],
    queryFn: async () =>
      (await unwrap<NotificationPreference[]>(api().GET('/api/v1/notifications/preferences'))).data,
  });

export function useNotificationPreferences() {
  return useQuery(notificationPreferencesQuery());
}

/** PUT /api/v1/notifications/preferences with one type's channels. */
export function useUpdateNotificationPreference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (change: { type: string; push: boolean; email: boolean }) =>
      (
        await unwrap<NotificationPreference[]>(
          api().PUT('/api/v1/notifications/preferences', { body: { preferences: [change] } }),
        )
      ).data,
    onSuccess: (preferences) =>
      queryClient.setQueryData(notificationPreferencesQuery().queryKey, preferences),
  });
}
