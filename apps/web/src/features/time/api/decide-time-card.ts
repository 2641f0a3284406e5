import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { TimeCardDetail } from '@/features/time/api/time-cards';

/**
 * Submit (the owner), approve or reject (a manager other than the owner): POST
 * /api/v1/time-cards/{id}/submit|approve|reject. Online only: the decision is the server's to make at once.
 */
export type TimeCardDecision =
  | { id: string; decision: 'submit' }
  | { id: string; decision: 'approve' }
  | { id: string; decision: 'reject'; reason: string };

export async function decideTimeCard(d: TimeCardDecision): Promise<TimeCardDetail> {
  const params = { path: { id: d.id } };
  switch (d.decision) {
    case 'submit':
      return (await unwrap<TimeCardDetail>(api().POST('/api/v1/time-cards/{id}/submit', { params }))).data;
    case 'approve':
      return (await unwrap<TimeCardDetail>(api().POST('/api/v1/time-cards/{id}/approve', { params }))).data;
    case 'reject':
      return (
        await unwrap<TimeCardDetail>(
          api().POST('/api/v1/time-cards/{id}/reject', { params, body: { reason: d.reason } }),
        )
      ).data;
  }
}

export function useDecideTimeCard(send: (d: TimeCardDecision) => Promise<TimeCardDetail> = decideTimeCard) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (card) => {
      queryClient.setQueryData(['time-cards', 'detail', card.id], card);
      return queryClient.invalidateQueries({ queryKey: ['time-cards'] });
    },
  });
}
