import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/generated/api';

/** GET /api/v1/programs. No response schema in the spec yet: the fields read here are named here. */
export interface Program {
  id: string;
  parent_id: string | null;
  name: string;
  description: string | null;
  status: NonNullable<components['schemas']['CreateProgramDto']['status']>;
  version: number;
  updated_at: string;
}

export async function listPrograms(status?: string): Promise<Program[]> {
  const query: Record<string, string> = { limit: '100', sort: 'name' };
  if (status) query['filter[status]'] = status;
  return (await unwrap<Program[]>(api().GET('/api/v1/programs', { params: { query: query as never } }))).data;
}

export const programsQuery = (status?: string) =>
  queryOptions({ queryKey: ['programs', 'list', status ?? null], queryFn: () => listPrograms(status) });

export function usePrograms(status?: string) {
  return useQuery(programsQuery(status));
}
