import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export interface CastVoteInput {
  workflowId: string;
  taskId: string;
  toState: string;
  decision: 'approve' | 'reject';
  comment: string;
  /** replaces the caller's earlier vote of this round (else the API refuses a second vote with 409) */
  replace?: boolean;
}

/** POST /api/v1/workflows/{id}/vote: the caller's vote on a transition of the task's current round. */
export async function castVote(input: CastVoteInput): Promise<void> {
  await unwrap(
    api().POST('/api/v1/workflows/{id}/vote', {
      params: { path: { id: input.workflowId } },
      body: {
        task_id: input.taskId,
        to_state: input.toState,
        decision: input.decision,
        comment: input.comment || undefined,
        replace: input.replace || undefined,
      },
    }),
  );
}

export function useCastVote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: castVote,
    onSettled: (_data, _error, input) =>
      queryClient.invalidateQueries({ queryKey: ['tasks', 'detail', input.taskId] }),
  });
}
