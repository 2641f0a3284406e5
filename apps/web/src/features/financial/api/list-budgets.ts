import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/**
 * Budgets as GET /api/v1/financial/budgets and /budgets/{id} return them. docs/openapi/api.json documents
 * no response schema for them, so the fields read here are named here.
 */
export interface Budget {
  id: string;
  program_id: string;
  planned_minor: number;
  currency: string;
  version: number;
}

/** GET /budgets/{id}: planned vs actual (approved billable time and approved expenses), in the budget's currency. */
export interface BudgetReport extends Budget {
  actual: { time_minor: number; time_minutes: number; expenses_minor: number; total_minor: number };
  remaining_minor: number;
}

export interface ProgramName {
  id: string;
  name: string;
}

export async function listBudgets(): Promise<Budget[]> {
  return (await unwrap<Budget[]>(api().GET('/api/v1/financial/budgets'))).data;
}

export async function getBudgetReport(id: string): Promise<BudgetReport> {
  return (
    await unwrap<BudgetReport>(api().GET('/api/v1/financial/budgets/{id}', { params: { path: { id } } }))
  ).data;
}

/** GET /api/v1/programs: names for the budgets' programs. */
export async function listProgramNames(): Promise<ProgramName[]> {
  return (
    await unwrap<ProgramName[]>(
      api().GET('/api/v1/programs', { params: { query: { limit: 100, sort: 'name' } as never } }),
    )
  ).data;
}

export const budgetsQuery = queryOptions({ queryKey: ['financial', 'budgets'], queryFn: listBudgets });
export const budgetReportQuery = (id: string) =>
  queryOptions({ queryKey: ['financial', 'budgets', id, 'report'], queryFn: () => getBudgetReport(id) });
export const programNamesQuery = queryOptions({ queryKey: ['programs', 'names'], queryFn: listProgramNames });

export function useBudgets() {
  return useQuery(budgetsQuery);
}

/** Every budget's planned-vs-actual report, fetched in parallel. */
export function useBudgetReports(budgets: Budget[] | undefined) {
  return useQueries({
    queries: (budgets ?? []).map((b) => budgetReportQuery(b.id)),
    combine: (results) => ({
      reports: results.flatMap((r) => (r.data ? [r.data] : [])),
      isPending: results.some((r) => r.isPending),
      error: results.find((r) => r.error)?.error ?? null,
    }),
  });
}

export function useProgramNames() {
  return useQuery(programNamesQuery);
}
