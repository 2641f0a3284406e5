import { useMutation } from '@tanstack/react-query';
import type { components } from '@/lib/generated/api';
import { submitMutation } from '@/lib/offline/sync';
import { etagOfTask, type Task } from '@/features/tasks/api/get-task';

// docs/openapi/api.json types the nullable due_date as an object (its DTO lacks `type: String`)
export type UpdateTaskInput = Omit<components['schemas']['UpdateTaskDto'], 'due_date'> & {
  due_date?: string | null;
};

/**
 * PATCH /api/v1/tasks/{id} with If-Match of the version being edited: a change made offline on a version
 * someone else has changed since is refused on replay (412) and shown in the conflict dialog.
 */
export function updateTask({ task, changes }: { task: Task; changes: UpdateTaskInput }) {
  return submitMutation({
    method: 'PATCH',
    path: `/api/v1/tasks/${task.id}`,
    body: changes,
    ifMatch: etagOfTask(task),
    label: `Edit task “${task.title}”`,
    invalidate: [['tasks', 'list'], ['tasks', 'detail', task.id], ['audit']],
  });
}

export function useUpdateTask() {
  return useMutation({ mutationFn: updateTask });
}
