import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/**
 * Time cards and work logs as /api/v1/time-cards and /api/v1/work-logs return them. docs/openapi/api.json
 * documents no response schema for them, so the fields read here are named here.
 */
export type TimeCardStatus = 'draft' | 'submitted' | 'approved' | 'rejected';
export const TIME_CARD_STATUS_LABELS: Record<TimeCardStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  approved: 'Approved',
  rejected: 'Rejected',
};

export interface WorkLog {
  id: string;
  user_id: string;
  task_id: string;
  time_card_id: string;
  work_date: string;
  duration_minutes: number;
  billable: boolean;
  rate_minor: number;
  currency: string;
  description: string | null;
  version: number;
}

export interface TimeCard {
  id: string;
  user_id: string;
  iso_week: string;
  week_start: string;
  status: TimeCardStatus;
  submitted_at: string | null;
  decided_at: string | null;
  decided_by: string | null;
  rejection_reason: string | null;
  version: number;
}

/** GET /api/v1/time-cards/{id}: the card with its work logs and the server's totals. */
export interface TimeCardDetail extends TimeCard {
  totals: { log_count: number; total_minutes: number; billable_minutes: number };
  work_logs: WorkLog[];
}

export async function listTimeCards(filters: { week?: string; status?: string; user?: string }) {
  const query: Record<string, string> = { limit: '100' };
  for (const [key, value] of Object.entries(filters)) if (value) query[`filter[${key}]`] = value;
  return (await unwrap<TimeCard[]>(api().GET('/api/v1/time-cards', { params: { query: query as never } })))
    .data;
}

export async function getTimeCard(id: string): Promise<TimeCardDetail> {
  return (await unwrap<TimeCardDetail>(api().GET('/api/v1/time-cards/{id}', { params: { path: { id } } })))
    .data;
}

export const timeCardKey = (id: string) => ['time-cards', 'detail', id] as const;

/** The signed-in user's card of a week (absent until time is logged in it). */
export const myTimeCardQuery = (userId: string, week: string) =>
  queryOptions({
    queryKey: ['time-cards', 'mine', userId, week],
    queryFn: async () => {
      const [card] = await listTimeCards({ week, user: userId });
      return card ? getTimeCard(card.id) : null;
    },
  });

export const timeCardQuery = (id: string) =>
  queryOptions({ queryKey: timeCardKey(id), queryFn: () => getTimeCard(id) });

/** Cards waiting for a decision; a caller without work-logs:approve only ever sees their own. */
export const submittedCardsQuery = queryOptions({
  queryKey: ['time-cards', 'list', 'submitted'],
  queryFn: () => listTimeCards({ status: 'submitted' }),
});

export function useMyTimeCard(userId: string | undefined, week: string) {
  return useQuery({ ...myTimeCardQuery(userId ?? '', week), enabled: !!userId });
}

export function useTimeCard(id: string | null) {
  return useQuery({ ...timeCardQuery(id ?? ''), enabled: !!id });
}

export function useSubmittedCards() {
  return useQuery(submittedCardsQuery);
}
