import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/**
 * GET /api/v1/users/{id}: who a user id names, for showing names where the API returns ids (assignees,
 * voters, audit actors). The spec documents no response schema yet, so the fields read are named here.
 * Cached for ten minutes and shared by every panel; offline the service worker answers from its cache.
 */
export interface UserSummary {
  id: string;
  name: string | null;
  email: string;
}

export async function getUser(id: string): Promise<UserSummary> {
  return (await unwrap<UserSummary>(api().GET('/api/v1/users/{id}', { params: { path: { id } } }))).data;
}

export const userQuery = (id: string) =>
  queryOptions({
    queryKey: ['users', id],
    queryFn: () => getUser(id),
    staleTime: 10 * 60_000,
    gcTime: 60 * 60_000,
  });

export function useUser(id: string | null | undefined) {
  return useQuery({ ...userQuery(id ?? ''), enabled: !!id });
}
