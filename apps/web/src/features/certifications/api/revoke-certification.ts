import { useMutation, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '@/lib/api-client';
import { certificationApi } from '@/lib/certification-client';

/** POST /api/v1/certifications/{id}/revoke (compliance officers): appends a revocation to the log. */
export async function revokeCertification({ id, reason }: { id: string; reason: string }) {
  return (
    await unwrap<unknown>(
      certificationApi().POST('/api/v1/certifications/{id}/revoke', {
        params: { path: { id } },
        body: { reason },
      }),
    )
  ).data;
}

export function useRevokeCertification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeCertification,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['certifications'] }),
  });
}
