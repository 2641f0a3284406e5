import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/generated/api';

/** GET /api/v1/tasks/{id}/dependencies: finish-to-start edges, named where the caller may read the task. */
export type TaskDependencies = components['schemas']['TaskDependenciesDto'];
export type TaskDependency = components['schemas']['TaskDependencyDto'];

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
