import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/lib/api-client';
import { certificationApi } from '@/lib/certification-client';

/**
 * A certification as the certification service returns it. docs/openapi/certification.json documents no
 * response schema yet, so the fields read here are named here.
 */
export interface Certification {
  id: string;
  number: string;
  status: string;
  task_id: string | null;
  policy: { id: string; version: number; hash: string };
  output_hash: string;
  provider: string;
  model: string;
  risk_score: number | null;
  certificate: unknown;
  jws: string | null;
  expires_at: string | null;
  created_at: string;
}

/** GET /api/v1/certifications?task_id=: the certifications of one task, newest first. */
export async function listCertifications(taskId: string): Promise<Certification[]> {
  return (
    await unwrap<Certification[]>(
      certificationApi().GET('/api/v1/certifications', { params: { query: { task_id: taskId } as never } }),
    )
  ).data;
}

export const certificationsQuery = (taskId: string) =>
  queryOptions({ queryKey: ['certifications', 'list', taskId], queryFn: () => listCertifications(taskId) });

export function useCertifications(taskId: string | null) {
  return useQuery({ ...certificationsQuery(taskId ?? ''), enabled: !!taskId });
}
