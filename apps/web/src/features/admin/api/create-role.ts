import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/generated/api';
import { rolesQuery } from '@/features/admin/api/list-roles';

export type CreateRoleInput = components['schemas']['CreateRoleDto'];

/** GET /api/v1/permissions: the catalogue a custom role picks from. */
export const permissionsQuery = queryOptions({
  queryKey: ['permissions'],
  queryFn: async () => (await unwrap<string[]>(api().GET('/api/v1/permissions'))).data,
  staleTime: Infinity,
});

export function usePermissions() {
  return useQuery(permissionsQuery);
}

/** POST /api/v1/roles: a custom role (never granting more than the creator holds). */
export function useCreateRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: CreateRoleInput) => unwrap(api().POST('/api/v1/roles', { body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rolesQuery.queryKey }),
  });
}
