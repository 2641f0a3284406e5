import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** GET /api/v1/programs, for choosing where a role applies. Fields named here: no schema in the spec yet. */
export interface ProgramOption {
  id: string;
  name: string;
}

export const programOptionsQuery = queryOptions({
  queryKey: ['programs', 'options'],
  queryFn: async () =>
    (
      await unwrap<ProgramOption[]>(
        api().GET('/api/v1/programs', { params: { query: { limit: 100 } as never } }),
      )
    ).data,
});

export function useProgramOptions() {
  return useQuery(programOptionsQuery);
}
