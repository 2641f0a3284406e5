import { queryOptions, useQuery } from '@tanstack/react-query';
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
}

/** The If-Match value for editing this version of a task (the API's ETag is the quoted version). */
export const etagOfTask = (task: Pick<Task, 'version'>) => `"${task.version}"`;

export async function getTask(id: string): Promise<Task> {
  return (await unwrap<Task>(api().GET('/api/v1/tasks/{id}', { params: { path: { id } } }))).data;
}

export const taskQuery = (id: string) =>
  queryOptions({ queryKey: ['tasks', 'detail', id], queryFn: () => getTask(id) });

export function useTask(id: string | null) {
  return useQuery({ ...taskQuery(id ?? ''), enabled: !!id });
}
