import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/generated/api';
import type { UserRow } from '@/features/admin/api/list-users';

export type InviteUserInput = components['schemas']['InviteUserDto'];

/** POST /api/v1/users/invitations: the user is created as `invited` and mailed a set-password link. */
export async function inviteUser(input: InviteUserInput): Promise<UserRow> {
  return (await unwrap<UserRow>(api().POST('/api/v1/users/invitations', { body: input }))).data;
}

export function useInviteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: inviteUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

/** POST /api/v1/users/{id}/invitation: mails a fresh link to a user who has not accepted yet. */
export function useResendInvitation() {
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(api().POST('/api/v1/users/{id}/invitation', { params: { path: { id } } })),
  });
}
