import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AuditEventContract } from '@oversing/contracts';
import { api, unwrap } from '@/lib/api-client';

/** GET /api/v1/audit: the tenant's audit trail, newest first, optionally for one entity. */
export type AuditEntry = AuditEventContract & { position: number };

export interface AuditFilters {
  entityType?: string;
  entityId?: string;
}

export async function listAudit(filters: AuditFilters): Promise<AuditEntry[]> {
  const query: Record<string, string> = { limit: '50' };
  if (filters.entityType) query['filter[entity_type]'] = filters.entityType;
  if (filters.entityId) query['filter[entity_id]'] = filters.entityId;
  return (await unwrap<AuditEntry[]>(api().GET('/api/v1/audit', { params: { query: query as never } }))).data;
}

export const auditQuery = (filters: AuditFilters) =>
  queryOptions({ queryKey: ['audit', filters], queryFn: () => listAudit(filters) });

export function useAudit(filters: AuditFilters) {
  return useQuery(auditQuery(filters));
}
