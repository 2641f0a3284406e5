import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** GET /api/v1/programs: the programs a task can belong to, for the task form. */
export interface ProgramOption {
  id: string;
  name: string;
}

export async function listProgramOptions(): Promise<ProgramOption[]> {
  return (
    await unwrap<ProgramOption[]>(
      api().GET('/api/v1/programs', {
        params: { query: { limit: 100, sort: 'name' } as never },
      }),
    )
  ).data;
}

export const programOptionsQuery = queryOptions({
  queryKey: ['programs', 'options'],
  queryFn: listProgramOptions,
});

export function useProgramOptions() {
  return useQuery(programOptionsQuery);
}
