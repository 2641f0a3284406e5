import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/lib/api-client';
import { certificationApi } from '@/lib/certification-client';

/** GET /api/v1/policies: the latest version of every governance policy (fields named here). */
export interface PolicySummary {
  id: string;
  key: string;
  name: string;
  version: number;
}

export async function listPolicies(): Promise<PolicySummary[]> {
  return (await unwrap<PolicySummary[]>(certificationApi().GET('/api/v1/policies'))).data;
}

export const policiesQuery = queryOptions({ queryKey: ['policies'], queryFn: listPolicies });

export function usePolicies() {
  return useQuery(policiesQuery);
}
