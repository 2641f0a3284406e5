import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { AuditEventContract } from '@oversing/contracts';
import { api, unwrap } from '@/lib/api-client';

/** GET /api/v1/audit: the tenant's audit trail, newest first (sort=-position), optionally of one entity. */
export type AuditEntry = AuditEventContract & { position: number };

export interface AuditFilters {
  entityType?: string;
  entityId?: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

export const AUDIT_PAGE_SIZE = 25;

export async function listAudit(filters: AuditFilters, cursor: string | null): Promise<AuditPage> {
  const query: Record<string, string> = { sort: '-position', limit: String(AUDIT_PAGE_SIZE) };
  if (filters.entityType) query['filter[entity_type]'] = filters.entityType;
  if (filters.entityId) query['filter[entity_id]'] = filters.entityId;
  if (cursor) query.cursor = cursor;
  const { data, meta } = await unwrap<AuditEntry[]>(
    api().GET('/api/v1/audit', { params: { query: query as never } }),
  );
  return { entries: data, nextCursor: (meta.next_cursor as string | null | undefined) ?? null };
}

/** Every audit query starts with ['audit'] (changes invalidate it); one page per cursor. */
export const auditQuery = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => listAudit(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export function useAudit(filters: AuditFilters) {
  return useInfiniteQuery(auditQuery(filters));
}
