import { useMutation } from '@tanstack/react-query';
import type { components } from '@/lib/generated/api';
import { submitMutation } from '@/lib/offline/sync';

export type CreateWorkLogInput = components['schemas']['CreateWorkLogDto'];

/**
 * POST /api/v1/work-logs: the API files the log in the user's time card of that ISO week (422 when the card
 * is submitted or approved). Made offline, it is queued and sent on reconnect.
 */
export function createWorkLog(input: CreateWorkLogInput) {
  return submitMutation({
    method: 'POST',
    path: '/api/v1/work-logs',
    body: input,
    label: `Log ${input.duration_minutes} min on ${input.work_date}`,
    invalidate: [['time-cards'], ['work-logs'], ['financial']],
  });
}

export function useCreateWorkLog() {
  return useMutation({ mutationFn: createWorkLog });
}
