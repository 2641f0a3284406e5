import { useMutation } from '@tanstack/react-query';
import type { components } from '@/lib/generated/api';
import { submitMutation } from '@/lib/offline/sync';

// docs/openapi/api.json types the nullable due_date as an object (its DTO lacks `type: String`)
export type CreateTaskInput = Omit<components['schemas']['CreateTaskDto'], 'due_date'> & {
  due_date?: string | null;
};

/** POST /api/v1/tasks, sent at once online and queued in IndexedDB offline ('queued'). */
export function createTask(input: CreateTaskInput) {
  return submitMutation({
    method: 'POST',
    path: '/api/v1/tasks',
    body: input,
    label: `Create task “${input.title}”`,
    invalidate: [['tasks', 'list']],
  });
}

export function useCreateTask() {
  return useMutation({ mutationFn: createTask });
}
