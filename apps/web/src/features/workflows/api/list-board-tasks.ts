import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/generated/api';

export type BoardTask = components['schemas']['TaskResponseDto'];

export interface BoardFilters {
  workflowId: string;
  programId?: string;
}

/** GET /api/v1/tasks?filter[workflow]=…: the cards of a board, newest first. */
export async function listBoardTasks(filters: BoardFilters): Promise<BoardTask[]> {
  const query: Record<string, string> = { limit: '200', 'filter[workflow]': filters.workflowId };
  if (filters.programId) query['filter[program]'] = filters.programId;
  return (await unwrap<BoardTask[]>(api().GET('/api/v1/tasks', { params: { query: query as never } }))).data;
}

/** Under ['tasks', 'list'], so whatever refreshes task lists (mutations, realtime events) refreshes boards. */
export const boardTasksKey = (filters: BoardFilters) => ['tasks', 'list', 'board', filters] as const;

export const boardTasksQuery = (filters: BoardFilters) =>
  queryOptions({ queryKey: boardTasksKey(filters), queryFn: () => listBoardTasks(filters) });

export function useBoardTasks(filters: BoardFilters | null) {
  return useQuery({ ...boardTasksQuery(filters ?? { workflowId: '' }), enabled: !!filters?.workflowId });
}
