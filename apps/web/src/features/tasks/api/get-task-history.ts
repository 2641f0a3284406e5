import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AuditEventContract } from '@oversing/contracts';
import { api, unwrap } from '@/lib/api-client';
import { ApiError } from '@/lib/api-error';

/** GET /api/v1/tasks/{id}/history: every change from the audit trail, oldest first. */
export interface TaskHistoryEntry {
  event_id: string;
  action: string;
  actor: AuditEventContract['actor'];
  occurred_at: string;
  changes: Array<{ field: string; before: unknown; after: unknown }>;
}

export async function getTaskHistory(id: string): Promise<TaskHistoryEntry[]> {
  try {
    return (
      await unwrap<TaskHistoryEntry[]>(api().GET('/api/v1/tasks/{id}/history', { params: { path: { id } } }))
    ).data;
  } catch (error) {
    // the API answers 404 for a task without audit entries yet (e.g. seeded ones): no history to show
    if (error instanceof ApiError && error.status === 404) return [];
    throw error;
  }
}

export const taskHistoryQuery = (id: string) =>
  queryOptions({ queryKey: ['tasks', 'detail', id, 'history'], queryFn: () => getTaskHistory(id) });

export function useTaskHistory(id: string) {
  return useQuery(taskHistoryQuery(id));
}
