import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** GET /api/v1/workflows: definitions with their states in order. No response schema in the spec yet. */
export interface WorkflowState {
  key: string;
  name: string;
  category: string;
  position: number;
}
export interface WorkflowTransition {
  name: string;
  from: string;
  to: string;
  votes: { quorum: number; approvals_required: number };
}
export interface Workflow {
  id: string;
  name: string;
  is_default: boolean;
  states: WorkflowState[];
  transitions: WorkflowTransition[];
}

export async function listWorkflows(): Promise<Workflow[]> {
  return (
    await unwrap<Workflow[]>(api().GET('/api/v1/workflows', { params: { query: { limit: 100 } as never } }))
  ).data;
}

export const workflowsQuery = queryOptions({ queryKey: ['workflows', 'list'], queryFn: listWorkflows });

export function useWorkflows() {
  return useQuery(workflowsQuery);
}
