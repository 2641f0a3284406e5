import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { API_READS_CACHE } from '@/lib/pwa/cache-names';

/**
 * What an edit changed: only the fields whose value differs from the version the user edited, with their
 * values before (for the conflict dialog). The offline queue sends these fields only, so replaying an
 * edit never rewrites fields the user did not touch.
 */
export function changedFields<T extends object>(
  edited: T,
  values: Partial<T>,
): { changes: Partial<T>; before: Partial<T> } {
  const changes: Partial<T> = {};
  const before: Partial<T> = {};
  for (const key of Object.keys(values) as Array<keyof T>) {
    const value = values[key];
    if (value === undefined) continue;
    if (JSON.stringify(value) === JSON.stringify(edited[key] ?? null)) continue;
    changes[key] = value;
    before[key] = edited[key];
  }
  return { changes, before };
}

export interface CachedEntity {
  id: string;
  /** the entity's own query, e.g. ['tasks', 'detail', id] */
  detailKey: QueryKey;
  /** the prefix of the list queries holding it, e.g. ['tasks', 'list'] */
  listKey: QueryKey;
  /** the API paths of its read and of the lists, e.g. /api/v1/tasks/{id} and /api/v1/tasks */
  path: string;
  listPath: string;
}

type Row = { id?: unknown } & Record<string, unknown>;

function patchRows(rows: unknown, id: string, changes: object): unknown {
  return Array.isArray(rows)
    ? rows.map((row: Row) => (row && row.id === id ? { ...row, ...changes } : row))
    : rows;
}

/**
 * Shows a change queued offline at once: in the query cache (the open screens) and in the service worker's
 * cache of API reads (what an offline reload of the app shows), for the entity and every cached list
 * holding it. The server's answer replaces both once the change is sent.
 */
export async function applyLocally(
  queryClient: QueryClient,
  entity: CachedEntity,
  changes: object,
): Promise<void> {
  queryClient.setQueryData(entity.detailKey, (old: object | undefined) =>
    old ? { ...old, ...changes } : old,
  );
  queryClient.setQueriesData({ queryKey: entity.listKey }, (old: unknown) => {
    if (!old || typeof old !== 'object') return old;
    // list queries hold { <rows>: [...], nextCursor } (e.g. { tasks, nextCursor }) or a plain array
    if (Array.isArray(old)) return patchRows(old, entity.id, changes);
    return Object.fromEntries(Object.entries(old).map(([k, v]) => [k, patchRows(v, entity.id, changes)]));
  });
  if (typeof caches === 'undefined') return;
  const cache = await caches.open(API_READS_CACHE);
  for (const request of await cache.keys()) {
    const pathname = new URL(request.url).pathname;
    if (pathname !== entity.path && pathname !== entity.listPath) continue;
    const response = await cache.match(request);
    if (!response) continue;
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { data?: unknown } | null;
    if (!body || body.data === undefined) continue;
    const data =
      pathname === entity.path
        ? { ...(body.data as object), ...changes }
        : patchRows(body.data, entity.id, changes);
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    await cache.put(
      request,
      new Response(JSON.stringify({ ...body, data }), {
        status: response.status,
        statusText: response.statusText,
        headers,
      }),
    );
  }
}
