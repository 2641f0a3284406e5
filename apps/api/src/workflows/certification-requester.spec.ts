import { describe, expect, it, vi } from 'vitest';
import type { AuditRecorder } from '../audit/audit-recorder';
import type { DomainEventBus } from '../events/domain-event-bus';
import type { TaskRepository } from '../tasks/task.repository';
import type { CertificationClient } from './certification-client';
import type { CertificationRequestRepository } from './certification-request.repository';
import { CertificationRequester } from './certification-requester';

const TENANT = '11111111-1111-4111-8111-111111111111';

function requester(certify: CertificationClient['certify']) {
  const requests = {
    claim: vi.fn(async (id: string) => ({
      id,
      taskId: 'task-1',
      stateKey: 'review',
      policyKey: 'demo-governance',
      attempts: 1,
      llmOutput: { input: 'q', output: 'a', provider: 'openai', model: 'gpt-4o' },
    })),
    markDelivered: vi.fn(async () => undefined),
    markAttemptFailed: vi.fn(async () => undefined),
  };
  const bus = {
    transaction: async (fn: () => Promise<unknown>) => fn(),
    publish: vi.fn(async () => undefined),
  };
  const service = new CertificationRequester(
    requests as unknown as CertificationRequestRepository,
    { findById: async () => null } as unknown as TaskRepository,
    { record: vi.fn(async () => undefined) } as unknown as AuditRecorder,
    bus as unknown as DomainEventBus,
    { certify, findByRequest: async () => null },
  );
  return { service, requests };
}

describe('CertificationRequester on shutdown', () => {
  it('waits for a delivery under way, so its row is marked rather than left leased', async () => {
    let answer!: (issued: { id: string; status: string }) => void;
    const { service, requests } = requester(() => new Promise((resolve) => (answer = resolve)));
    void service.deliver(TENANT, 'request-1');
    await vi.waitFor(() => expect(requests.claim).toHaveBeenCalled());
    let closed = false;
    const closing = service.onModuleDestroy().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(false);
    answer({ id: 'cert-1', status: 'pending_review' });
    await closing;
    expect(requests.markDelivered).toHaveBeenCalledWith('request-1', 'cert-1', 'pending_review');
  });

  it('records a failed attempt before shutdown completes', async () => {
    const { service, requests } = requester(async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:3100');
    });
    void service.deliver(TENANT, 'request-2');
    await service.onModuleDestroy();
    expect(requests.markAttemptFailed).toHaveBeenCalledWith(
      'request-2',
      'connect ECONNREFUSED 127.0.0.1:3100',
      expect.any(Date),
    );
  });
});
