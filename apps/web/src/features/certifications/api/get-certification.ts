import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/generated/api';

export type CertificationDetail = components['schemas']['CertificationDto'];
export type CertificationAuditEntry = components['schemas']['CertificationAuditEntryDto'];

/** GET /api/v1/certifications/{id}: policy results and certificate (the view is recorded for the caller). */
export async function getCertification(id: string): Promise<CertificationDetail> {
  return (
    await unwrap<CertificationDetail>(api().GET('/api/v1/certifications/{id}', { params: { path: { id } } }))
  ).data;
}

export const certificationQuery = (id: string) =>
  queryOptions({ queryKey: ['certifications', 'detail', id], queryFn: () => getCertification(id) });

export function useCertification(id: string | null) {
  return useQuery({ ...certificationQuery(id ?? ''), enabled: !!id });
}

/** GET /api/v1/certifications/{id}/audit: status changes and views, who and why. */
export async function getCertificationAudit(id: string): Promise<CertificationAuditEntry[]> {
  return (
    await unwrap<CertificationAuditEntry[]>(
      api().GET('/api/v1/certifications/{id}/audit', { params: { path: { id } } }),
    )
  ).data;
}

export function useCertificationAudit(id: string | null) {
  return useQuery({
    queryKey: ['certifications', 'audit', id],
    queryFn: () => getCertificationAudit(id!),
    enabled: !!id,
  });
}
