import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/generated/api';

export type CertificationSummary = components['schemas']['CertificationSummaryDto'];

export interface ReviewFilters {
  status: string;
  riskMin?: string;
  rule?: string;
  policy?: string;
}

/**
 * GET /api/v1/certifications on the API: certifications of every task, oldest first (the review queue),
 * filtered by status, minimum risk, failed policy rule and policy.
 */
export async function listReviewQueue(filters: ReviewFilters): Promise<CertificationSummary[]> {
  const query: Record<string, string> = {
    'filter[status]': filters.status,
    sort: 'created_at',
    limit: '100',
  };
  if (filters.riskMin) query['filter[risk_min]'] = filters.riskMin;
  if (filters.rule) query['filter[rule]'] = filters.rule;
  if (filters.policy) query['filter[policy]'] = filters.policy;
  return (
    await unwrap<CertificationSummary[]>(
      api().GET('/api/v1/certifications', { params: { query: query as never } }),
    )
  ).data;
}

export const reviewQueueQuery = (filters: ReviewFilters) =>
  queryOptions({
    queryKey: ['certifications', 'queue', filters],
    queryFn: () => listReviewQueue(filters),
  });

export function useReviewQueue(filters: ReviewFilters) {
  return useQuery(reviewQueueQuery(filters));
}
