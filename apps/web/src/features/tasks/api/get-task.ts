import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/generated/api';

export type TaskStatus = NonNullable<components['schemas']['CreateTaskDto']['status']>;
export const TASK_STATUSES: TaskStatus[] = ['todo', 'in_progress', 'blocked', 'done', 'cancelled'];
export const STATUS_LABELS: Record<TaskStatus, string> = {
  todo: 'To do',
  in_progress: 'In progress',
  blocked: 'Blocked',
  done: 'Done',
  cancelled: 'Cancelled',
};

/**
 * A task as GET /api/v1/tasks/{id} returns it. docs/openapi/api.json documents no response schema for
 * tasks yet, so the fields read here are named here; replace with the generated type once it does.
 */
export interface Task {
  id: string;
  program_id: string;
  title: string;
  description: string | null;
  status: TaskStatus;
  priority: number;
  assignee_id: string | null;
  due_date: string | null;
  estimate_minutes: number | null;
  completed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  /** the task's latest certification (the API's copy, kept current by the certification feed) */
  certification?: TaskCertification | null;
}

export type TaskCertification = components['schemas']['TaskCertificationDto'];

/** The If-Match value for editing this version of a task (the API's ETag is the quoted version). */
export const etagOfTask = (task: Pick<Task, 'version'>) => `"${task.version}"`;

export async function getTask(id: string): Promise<Task> {
  return (await unwrap<Task>(api().GET('/api/v1/tasks/{id}', { params: { path: { id } } }))).data;
}

export const taskQuery = (id: string) =>
  queryOptions({ queryKey: ['tasks', 'detail', id], queryFn: () => getTask(id) });

/** The task as a list already read has it (offline: a list from the service worker's cache). */
function fromLists(queryClient: QueryClient, id: string | null): Task | undefined {
  if (!id) return undefined;
  for (const [, list] of queryClient.getQueriesData<{ tasks?: Task[] }>({ queryKey: ['tasks', 'list'] })) {
    const task = list?.tasks?.find((t) => t.id === id);
    if (task) return task;
  }
  return undefined;
}

/**
 * One task. A task already in a list shows at once (and offline, where its own read may never have been
 * cached), while its own read refreshes it.
 */
export function useTask(id: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    ...taskQuery(id ?? ''),
    enabled: !!id,
    initialData: () => fromLists(queryClient, id),
    initialDataUpdatedAt: 0,
  });
}
