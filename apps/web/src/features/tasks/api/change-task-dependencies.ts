import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { TaskStatus } from '@/features/tasks/api/get-task';
import type { TaskDependencies } from '@/features/tasks/api/get-task-dependencies';

/** A task one can pick as a blocker, by name. */
export interface DependencyCandidate {
  id: string;
  title: string;
  status: TaskStatus;
}

/** GET /api/v1/tasks?filter[q]=…: tasks by title (the ones the caller may read), for the blocker picker. */
export async function listDependencyCandidates(q: string): Promise<DependencyCandidate[]> {
  const query: Record<string, string> = { limit: '50', sort: 'title', fields: 'title,status' }; // the id always comes
  if (q.trim()) query['filter[q]'] = q.trim();
  return (
    await unwrap<DependencyCandidate[]>(api().GET('/api/v1/tasks', { params: { query: query as never } }))
  ).data;
}

export const dependencyCandidatesQuery = (q: string) =>
  queryOptions({
    queryKey: ['tasks', 'list', 'dependency-candidates', q],
    queryFn: () => listDependencyCandidates(q),
  });

export function useDependencyCandidates(q: string) {
  return useQuery({ ...dependencyCandidatesQuery(q), placeholderData: keepPreviousData });
}

/** The two requests (the component test passes stand-ins answering like the server). */
export interface DependencyRequests {
  /** POST /api/v1/tasks/{id}/dependencies: `blockerId` must finish before `taskId` (422 on a cycle). */
  add(taskId: string, blockerId: string): Promise<TaskDependencies>;
  /** DELETE /api/v1/tasks/{id}/dependencies/{blockerId}. */
  remove(taskId: string, blockerId: string): Promise<void>;
}

export const dependencyRequests: DependencyRequests = {
  add: async (taskId, blockerId) =>
    (
      await unwrap<TaskDependencies>(
        api().POST('/api/v1/tasks/{id}/dependencies', {
          params: { path: { id: taskId } },
          body: { blocker_id: blockerId },
        }),
      )
    ).data,
  remove: async (taskId, blockerId) => {
    await unwrap(
      api().DELETE('/api/v1/tasks/{id}/dependencies/{blockerId}', {
        params: { path: { id: taskId, blockerId } },
      }),
    );
  },
};

/** Adds or removes the edge blocker → task, then refreshes both tasks' dependencies (and the task). */
export function useChangeDependency(send: DependencyRequests = dependencyRequests) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (change: { kind: 'add' | 'remove'; taskId: string; blockerId: string }) => {
      if (change.kind === 'add') await send.add(change.taskId, change.blockerId);
      else await send.remove(change.taskId, change.blockerId);
    },
    onSuccess: (_data, change) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['tasks', 'detail', change.taskId] }),
        queryClient.invalidateQueries({ queryKey: ['tasks', 'detail', change.blockerId, 'dependencies'] }),
      ]),
  });
}
