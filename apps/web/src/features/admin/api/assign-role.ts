import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/generated/api';

export type AssignRoleInput = components['schemas']['AssignRoleDto'];

/** POST /api/v1/users/{id}/roles: a role for the whole organisation, or in one program or task. */
export function useAssignRole(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: AssignRoleInput) =>
      unwrap(api().POST('/api/v1/users/{id}/roles', { params: { path: { id: userId } }, body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
