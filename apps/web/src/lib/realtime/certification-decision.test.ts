import { QueryClient } from '@tanstack/react-query';
import type { DomainEventContract } from '@oversing/contracts';
import { describe, expect, it } from 'vitest';
import { applyEvent } from '@/lib/realtime/realtime';

const decision = (certificationId: string, status: string): DomainEventContract => ({
  id: 'e1',
  tenant_id: 't',
  sequence: 9,
  type: `certification.${status}`,
  entity_type: 'task',
  entity_id: 'task-1',
  channels: ['task.task-1'],
  payload: {
    certification_id: certificationId,
    number: 'RC-2026-000002',
    status,
    risk_score: 0.6,
    reason: 'ok',
  },
  occurred_at: '2026-01-02T10:00:00.000Z',
});

function withTask(certification: unknown) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  client.setQueryData(['tasks', 'detail', 'task-1'], { id: 'task-1', title: 'T', certification });
  return client;
}

describe('a certification decision arriving over realtime', () => {
  it('shows on the open task at once, before the refetch', () => {
    const client = withTask({
      id: 'c1',
      number: 'RC-2026-000002',
      status: 'pending_review',
      risk_score: 0.6,
    });
    applyEvent(client, decision('c1', 'approved'));
    expect(client.getQueryData(['tasks', 'detail', 'task-1'])).toMatchObject({
      certification: { id: 'c1', number: 'RC-2026-000002', status: 'approved', risk_score: 0.6 },
    });
    // and the refetch is still asked for
    expect(client.getQueryState(['tasks', 'detail', 'task-1'])?.isInvalidated).toBe(true);
  });

  it('leaves a task showing another certification to the refetch (the API says which is latest)', () => {
    const client = withTask({
      id: 'c2',
      number: 'RC-2026-000003',
      status: 'pending_review',
      risk_score: 0.6,
    });
    applyEvent(client, decision('c1', 'revoked'));
    expect(client.getQueryData(['tasks', 'detail', 'task-1'])).toMatchObject({
      certification: { id: 'c2', status: 'pending_review' },
    });
  });
});
