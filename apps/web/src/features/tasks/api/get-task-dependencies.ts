import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** GET /api/v1/tasks/{id}/dependencies (finish-to-start edges). No response schema in the spec yet. */
export interface TaskDependencies {
  blocked_by: Array<{ task_id: string; type: string }>;
  blocks: Array<{ task_id: string; type: string }>;
}

export async function getTaskDependencies(id: string): Promise<TaskDependencies> {
  return (
    await unwrap<TaskDependencies>(api().GET('/api/v1/tasks/{id}/dependencies', { params: { path: { id } } }))
  ).data;
}

export const taskDependenciesQuery = (id: string) =>
  queryOptions({ queryKey: ['tasks', 'detail', id, 'dependencies'], queryFn: () => getTaskDependencies(id) });

export function useTaskDependencies(id: string) {
  return useQuery(taskDependenciesQuery(id));
}
