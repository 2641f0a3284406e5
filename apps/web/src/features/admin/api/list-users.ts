import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** GET /api/v1/users (cursor-paginated). Response fields named here: the spec has no schema for them yet. */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  status: string;
  roles?: string[];
}

export async function listUsers(cursor?: string) {
  const { data, meta } = await unwrap<UserRow[]>(
    api().GET('/api/v1/users', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } as never } }),
  );
  return { users: data, nextCursor: (meta.next_cursor as string | undefined) ?? null };
}

export const usersQuery = (cursor?: string) =>
  queryOptions({ queryKey: ['users', 'list', cursor ?? null], queryFn: () => listUsers(cursor) });

export function useUsers(cursor?: string) {
  return useQuery(usersQuery(cursor));
}
