import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { components } from '@/lib/generated/api';

export type ProgramOverview = components['schemas']['ProgramOverviewDto'];
export type TimeReport = components['schemas']['TimeReportDto'];

export async function getProgramOverview(program?: string): Promise<ProgramOverview> {
  const query = program ? { program, weeks: '12' } : { weeks: '12' };
  return (await unwrap<ProgramOverview>(api().GET('/api/v1/reports/program-overview', { params: { query } })))
    .data;
}

export async function getTimeReport(): Promise<TimeReport> {
  return (await unwrap<TimeReport>(api().GET('/api/v1/reports/time', { params: { query: {} } }))).data;
}

export function useProgramOverview(program?: string) {
  return useQuery({
    queryKey: ['reports', 'program-overview', program ?? null],
    queryFn: () => getProgramOverview(program),
  });
}

export function useTimeReport() {
  return useQuery({ queryKey: ['reports', 'time'], queryFn: getTimeReport });
}
