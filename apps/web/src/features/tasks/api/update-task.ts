import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/lib/generated/api';
import { applyLocally, changedFields } from '@/lib/offline/local-changes';
import { submitMutation } from '@/lib/offline/sync';
import { etagOfTask, type Task } from '@/features/tasks/api/get-task';

// docs/openapi/api.json types the nullable due_date as an object (its DTO lacks `type: String`)
export type UpdateTaskInput = Omit<components['schemas']['UpdateTaskDto'], 'due_date'> & {
  due_date?: string | null;
};

export type UpdateOutcome = 'sent' | 'queued' | 'unchanged';

/**
 * PATCH /api/v1/tasks/{id} with the fields the user changed only, and If-Match of the version being
 * edited: a change made offline on a version someone else has changed since is refused on replay (412)
 * and shown in the conflict dialog. A second offline edit of the same task is chained to the first.
 */
export async function updateTask({
  task,
  changes: values,
}: {
  task: Task;
  changes: UpdateTaskInput;
}): Promise<{ outcome: UpdateOutcome; changes: Partial<Task> }> {
  const { changes, before } = changedFields<Task>(task, values as Partial<Task>);
  if (Object.keys(changes).length === 0) return { outcome: 'unchanged', changes };
  const outcome = await submitMutation({
    method: 'PATCH',
    path: `/api/v1/tasks/${task.id}`,
    body: changes,
    before,
    ifMatch: etagOfTask(task),
    label: `Edit task “${task.title}”`,
    invalidate: [['tasks', 'list'], ['tasks', 'detail', task.id], ['audit']],
  });
  return { outcome, changes };
}

export function useUpdateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateTask,
    onSuccess: async ({ outcome, changes }, { task }) => {
      if (outcome !== 'queued') return;
      await applyLocally(
        queryClient,
        {
          id: task.id,
          detailKey: ['tasks', 'detail', task.id],
          listKey: ['tasks', 'list'],
          path: `/api/v1/tasks/${task.id}`,
          listPath: '/api/v1/tasks',
        },
        changes,
      );
    },
  });
}
