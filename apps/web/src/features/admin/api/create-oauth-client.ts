import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/generated/api';

export type CreateOAuthClientInput = components['schemas']['CreateOAuthClientDto'];

/** POST /api/v1/oauth-clients: the secret is in the response once and never again. */
export async function createOAuthClient(input: CreateOAuthClientInput) {
  return (
    await unwrap<{ client_id: string; client_secret: string }>(
      api().POST('/api/v1/oauth-clients', { body: input }),
    )
  ).data;
}

export function useCreateOAuthClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOAuthClient,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['oauth-clients'] }),
  });
}
