import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** GET /api/v1/tasks/{id}/workflow: the ways out of the task's state, with this round's vote tally. */
export interface VoteTally {
  quorum: number;
  approvals_required: number;
  votes_cast: number;
  approvals: number;
  rejections: number;
  satisfied: boolean;
  votes: { voter_id: string; decision: string; comment: string; cast_at: string }[];
}
export interface TaskWorkflowView {
  workflow_id: string;
  instance_id: string | null;
  state: string;
  round: number;
  transitions: { to: string; name: string; votes: VoteTally | null }[];
}

export async function getTaskWorkflow(id: string): Promise<TaskWorkflowView> {
  return (
    await unwrap<TaskWorkflowView>(api().GET('/api/v1/tasks/{id}/workflow', { params: { path: { id } } }))
  ).data;
}

/** Under the task's detail key, so task events (transitions, votes) refresh it. */
export const taskWorkflowQuery = (id: string) =>
  queryOptions({ queryKey: ['tasks', 'detail', id, 'workflow'], queryFn: () => getTaskWorkflow(id) });

export function useTaskWorkflow(id: string | null) {
  return useQuery({ ...taskWorkflowQuery(id ?? ''), enabled: !!id });
}
