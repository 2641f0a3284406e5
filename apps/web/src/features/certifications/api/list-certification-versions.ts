import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { CertificationDetail } from '@/features/certifications/api/get-certification';

/** GET /api/v1/certifications/{id}/versions: every certified version of the output, oldest first. */
export async function listCertificationVersions(id: string): Promise<CertificationDetail[]> {
  return (
    await unwrap<CertificationDetail[]>(
      api().GET('/api/v1/certifications/{id}/versions', { params: { path: { id } } }),
    )
  ).data;
}

export const certificationVersionsQuery = (id: string) =>
  queryOptions({
    queryKey: ['certifications', 'versions', id],
    queryFn: () => listCertificationVersions(id),
  });

export function useCertificationVersions(id: string | null) {
  return useQuery({ ...certificationVersionsQuery(id ?? ''), enabled: !!id });
}
