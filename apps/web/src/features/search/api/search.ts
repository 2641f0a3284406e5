import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/generated/api';

export type SearchHit = components['schemas']['SearchHitDto'];

export const SEARCH_TYPE_LABELS: Record<SearchHit['type'], string> = {
  task: 'Tasks',
  program: 'Programs',
  user: 'People',
  invoice: 'Invoices',
};

/** Shortest query sent to the server: one or two letters match almost everything. */
export const MIN_SEARCH_LENGTH = 2;

export async function searchTenant(q: string): Promise<SearchHit[]> {
  return (await unwrap<SearchHit[]>(api().GET('/api/v1/search', { params: { query: { q, limit: '20' } } })))
    .data;
}

export const searchQuery = (q: string) =>
  queryOptions({ queryKey: ['search', q], queryFn: () => searchTenant(q), staleTime: 30_000 });

/** The value after it has stopped changing for `ms`: one request per pause in typing, not per key. */
export function useDebounced<T>(value: T, ms = 200): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Tenant-wide search for the command palette; idle below MIN_SEARCH_LENGTH characters. */
export function useSearch(text: string) {
  const q = useDebounced(text.trim());
  return useQuery({
    ...searchQuery(q),
    enabled: q.length >= MIN_SEARCH_LENGTH,
    placeholderData: keepPreviousData,
  });
}
