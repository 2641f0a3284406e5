import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** GET /api/v1/tasks: the tasks time can be logged on (open ones first), for the timer and the log form. */
export interface TaskOption {
  id: string;
  title: string;
}

export async function listTaskOptions(): Promise<TaskOption[]> {
  return (
    await unwrap<TaskOption[]>(
      api().GET('/api/v1/tasks', { params: { query: { limit: 100, sort: 'title' } as never } }),
    )
  ).data;
}

export const taskOptionsQuery = queryOptions({ queryKey: ['tasks', 'options'], queryFn: listTaskOptions });

export function useTaskOptions() {
  return useQuery(taskOptionsQuery);
}
