import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export type Decision = 'approve' | 'reject' | 'revoke';

/** POST /api/v1/certifications/{id}/approve|reject|revoke with the required reason, as the signed-in officer. */
export async function decideCertification({
  id,
  decision,
  reason,
}: {
  id: string;
  decision: Decision;
  reason: string;
}): Promise<unknown> {
  const options = { params: { path: { id } }, body: { reason } };
  const call =
    decision === 'approve'
      ? api().POST('/api/v1/certifications/{id}/approve', options)
      : decision === 'reject'
        ? api().POST('/api/v1/certifications/{id}/reject', options)
        : api().POST('/api/v1/certifications/{id}/revoke', options);
  return (await unwrap<unknown>(call)).data;
}

export function useDecideCertification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decideCertification,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['certifications'] });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}
