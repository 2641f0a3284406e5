import { useMutation, useQuery } from '@tanstack/react-query';
import type { TaskFilters } from '@/features/tasks/api/list-tasks';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/generated/api';

export type DataExport = components['schemas']['ExportResponseDto'];
type ExportRequest = components['schemas']['CreateExportDto'];

/** The task list's filters (as the URL carries them) as an export of tasks applies them. */
export function taskExportRequest(filters: TaskFilters): ExportRequest {
  const f: NonNullable<ExportRequest['filters']> = {};
  if (filters.status) f.status = filters.status.split(',').filter(Boolean) as NonNullable<typeof f.status>;
  if (filters.q?.trim()) f.q = filters.q.trim();
  if (filters.program) f.program = filters.program;
  if (filters.assignee) f.assignee = filters.assignee === 'none' ? null : filters.assignee;
  return { kind: 'tasks', format: 'csv', filters: f };
}

export async function createExport(request: ExportRequest): Promise<DataExport> {
  return (await unwrap<DataExport>(api().POST('/api/v1/exports', { body: request }))).data;
}

export async function getExport(id: string): Promise<DataExport> {
  return (await unwrap<DataExport>(api().GET('/api/v1/exports/{id}', { params: { path: { id } } }))).data;
}

export function useCreateExport() {
  return useMutation({ mutationFn: createExport });
}

const finished = (e: DataExport | undefined) => e?.status === 'completed' || e?.status === 'failed';

/** An export's progress, polled twice a second until the worker has finished it. */
export function useExportProgress(id: string | null, initial?: DataExport) {
  return useQuery({
    queryKey: ['exports', id],
    queryFn: () => getExport(id!),
    enabled: !!id,
    initialData: initial,
    refetchInterval: (query) => (finished(query.state.data) ? false : 500),
  });
}
