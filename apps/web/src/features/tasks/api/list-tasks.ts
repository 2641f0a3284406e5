import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { Task } from '@/features/tasks/api/get-task';

/** The list filters the URL carries (see use-task-filters). */
export interface TaskFilters {
  status?: string;
  q?: string;
  program?: string;
  /** a user id: tasks assigned to them */
  assignee?: string;
  sort?: string;
}

export async function listTasks(filters: TaskFilters, cursor?: string) {
  const query: Record<string, string> = { limit: '50' };
  if (filters.status) query['filter[status]'] = filters.status;
  if (filters.q) query['filter[q]'] = filters.q;
  if (filters.program) query['filter[program]'] = filters.program;
  if (filters.assignee) query['filter[assignee]'] = filters.assignee;
  if (filters.sort) query.sort = filters.sort;
  if (cursor) query.cursor = cursor;
  const { data, meta } = await unwrap<Task[]>(
    api().GET('/api/v1/tasks', { params: { query: query as never } }),
  );
  return { tasks: data, nextCursor: (meta.next_cursor as string | undefined) ?? null };
}

export const tasksQuery = (filters: TaskFilters) =>
  queryOptions({ queryKey: ['tasks', 'list', filters], queryFn: () => listTasks(filters) });

export function useTasks(filters: TaskFilters) {
  return useQuery({ ...tasksQuery(filters), placeholderData: keepPreviousData });
}
