import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { BoardFilters, BoardTask } from '@/features/workflows/api/list-board-tasks';
import { boardTasksKey } from '@/features/workflows/api/list-board-tasks';
import { moveCard } from '@/features/workflows/utils/board-columns';

export interface TransitionInput {
  task: BoardTask;
  toState: string;
  toStateName: string;
}

/**
 * POST /api/v1/tasks/{id}/workflow with If-Match of the task version the card shows: a task someone else
 * moved or edited since is refused (409/412) instead of being moved from a state it is no longer in.
 */
export async function transitionTask({ task, toState }: TransitionInput): Promise<BoardTask> {
  const { data } = await unwrap<{ task: BoardTask }>(
    api().POST('/api/v1/tasks/{id}/workflow', {
      params: { path: { id: task.id }, header: { 'If-Match': `"${task.version}"` } as never },
      body: { to_state: toState },
    }),
  );
  return data.task;
}

/**
 * Moves the card at once (optimistic), puts it back when the server refuses, then refetches by key.
 * `send` is the request (the component test passes one that answers like a server refusing).
 */
export function useTransitionTask(filters: BoardFilters, send: typeof transitionTask = transitionTask) {
  const queryClient = useQueryClient();
  const key = boardTasksKey(filters);
  return useMutation({
    mutationFn: send,
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<BoardTask[]>(key);
      queryClient.setQueryData<BoardTask[]>(key, (tasks) =>
        tasks ? moveCard(tasks, input.task.id, input.toState, input.toStateName) : tasks,
      );
      return { previous };
    },
    // the moved card takes the server's version at once, so a next move of it is not refused as stale
    onSuccess: (moved) => {
      queryClient.setQueryData<BoardTask[]>(key, (tasks) =>
        tasks?.map((t) => (t.id === moved.id ? { ...t, ...moved } : t)),
      );
    },
    onError: (_error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSettled: (_data, _error, input) => {
      void queryClient.invalidateQueries({ queryKey: ['tasks', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['tasks', 'detail', input.task.id] });
      void queryClient.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}
