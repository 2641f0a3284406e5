import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { useAuthStore } from '@/lib/auth/auth-store';
import type { CertificationDetail } from '@/features/certifications/api/get-certification';
import type { CertificationSummary } from '@/features/certifications/api/list-review-queue';
import { isOwnRequest, ReviewQueue } from '@/features/certifications/components/review-queue';

const ME = '11111111-1111-4111-8111-111111111111';

function summary(id: string, number: string, createdBy: string, created: string): CertificationSummary {
  return {
    id,
    number,
    status: 'pending_review',
    task_id: `task-${id}`,
    task_title: `Report ${number}`,
    program_id: 'p1',
    risk_score: 0.6,
    policy_key: 'default',
    provider: 'openai',
    model: 'gpt-4o',
    failed_rules: ['citations'],
    created_by: createdBy,
    created_at: created,
    status_at: created,
    status_reason: 'risk 0.6',
    status_actor: { type: 'client', id: 'oversing-internal' },
    expires_at: null,
  };
}

const queue = [
  summary('c1', 'RC-2026-000001', 'user:someone-else', '2026-01-01T09:00:00.000Z'),
  summary('c2', 'RC-2026-000002', `user:${ME}`, '2026-01-02T09:00:00.000Z'),
];

function detail(id: string, number = id): CertificationDetail {
  return {
    id,
    number,
    status: 'pending_review',
    task_id: null,
    parent_id: null,
    policy: { id: 'pol', version: 1, hash: 'h' },
    input_hash: 'i',
    output_hash: 'o',
    provider: 'openai',
    model: 'gpt-4o',
    risk_score: 0.6,
    policy_results: [
      { name: 'length', passed: true, hard: true, reason: 'output length 64 within 20..4000', score: 0 },
      { name: 'citations', passed: false, hard: false, reason: '0 citation(s), 1 required', score: 0.6 },
      {
        name: 'pii',
        passed: false,
        hard: false,
        reason: 'personal data detected: email',
        score: 0.6,
        findings: [{ kind: 'email', start: 20, end: 42 }],
      },
    ],
    metadata: {},
    certificate: {},
    jws: 'a.b.c',
    key_id: 'k',
    expires_at: null,
    created_by: null,
    created_at: '2026-01-01T09:00:00.000Z',
  };
}

const OUTPUT = 'We sent the data to jana.novak@example.com.\nRegards';

let search = '';
function Probe() {
  search = useLocation().search;
  return null;
}

function renderQueue(
  url = '/',
  content: Record<string, { input: unknown; output: unknown } | null> = {},
  versions: Record<string, CertificationDetail[]> = {},
) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  client.setQueryData(['certifications', 'queue', { status: 'pending_review' }], queue);
  for (const c of [...queue, { id: 'c9', number: 'RC-2026-000009', created_by: null }]) {
    // the service's detail names the same requester as the list
    client.setQueryData(['certifications', 'detail', c.id], {
      ...detail(c.id, c.number),
      created_by: c.created_by,
    });
    client.setQueryData(
      ['certifications', 'content', c.id],
      c.id in content ? content[c.id] : { input: { prompt: 'q' }, output: OUTPUT },
    );
    client.setQueryData(['certifications', 'versions', c.id], versions[c.id] ?? [detail(c.id)]);
    client.setQueryData(
      ['certifications', 'audit', c.id],
      [
        {
          id: `e-${c.id}`,
          event: 'pending_review',
          reason: 'risk 0.6',
          actor: { type: 'client', id: 'oversing-internal' },
          ip: null,
          user_agent: null,
          log_index: 3,
          at: '2026-01-01T09:00:00.000Z',
        },
      ],
    );
  }
  for (const [id, value] of Object.entries(content))
    client.setQueryData(['certifications', 'content', id], value);
  render(
    <MemoryRouter initialEntries={[url]}>
      <QueryClientProvider client={client}>
        <Probe />
        <ReviewQueue />
      </QueryClientProvider>
    </MemoryRouter>,
  );
}

describe('the review queue', () => {
  beforeEach(() => useAuthStore.getState().set('signed-in', { sub: ME }));

  it('lists pending reviews across tasks, oldest first, with their failed rules', () => {
    renderQueue();
    const items = within(screen.getByRole('list', { name: 'Review queue' })).getAllByRole('button');
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringContaining('RC-2026-000001'),
      expect.stringContaining('RC-2026-000002'),
    ]);
    expect(items[0]).toHaveTextContent('failed: citations');
  });

  it('shows the policy results and asks for a reason before approving or rejecting', async () => {
    const user = userEvent.setup();
    renderQueue();
    await user.click(screen.getByRole('button', { name: /RC-2026-000001/ }));
    const review = screen.getByRole('region', { name: 'Review of RC-2026-000001' });
    const results = within(review).getByRole('region', { name: 'Policy results' });
    expect(results).toHaveTextContent('2 of 3 rules failed, adding up to a risk of 0.6.');
    expect(within(results).getByText(/Sources cited: failed/)).toHaveTextContent(
      'Sources cited: failed: adds 0.6 to the risk score (0 citation(s), 1 required)',
    );
    expect(within(results).getByText(/Output length within limits: passed/)).toBeInTheDocument();
    const approve = within(review).getByRole('button', { name: 'Approve' });
    const reject = within(review).getByRole('button', { name: 'Reject' });
    expect(approve).toBeDisabled();
    expect(reject).toBeDisabled();
    await user.type(within(review).getByLabelText('Reason (required)'), 'Checked by hand');
    expect(approve).toBeEnabled();
    expect(reject).toBeEnabled();
    expect(within(review).getByRole('list', { name: 'Audit trail' })).toHaveTextContent('pending_review');
  });

  it('applies four-eyes: the requester sees why they cannot approve their own request', async () => {
    const user = userEvent.setup();
    renderQueue();
    await user.click(screen.getByRole('button', { name: /RC-2026-000002/ }));
    const review = screen.getByRole('region', { name: 'Review of RC-2026-000002' });
    expect(within(review).getByRole('note')).toHaveTextContent('Four-eyes rule');
    expect(within(review).queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(within(review).queryByRole('button', { name: 'Reject' })).toBeNull();
    expect(within(review).getByRole('button', { name: 'Revoke' })).toBeInTheDocument();
  });

  it('shows the output with the personal data the detectors found highlighted', async () => {
    const user = userEvent.setup();
    renderQueue();
    await user.click(screen.getByRole('button', { name: /RC-2026-000001/ }));
    const output = screen.getByRole('region', { name: 'Certified output' });
    expect(output).toHaveTextContent('Personal data found: 1 email address (highlighted).');
    const marks = output.querySelectorAll('mark');
    expect([...marks].map((m) => m.firstChild?.textContent)).toEqual(['jana.novak@example.com']);
    expect(marks[0]).toHaveTextContent('(personal data: email address)');
    expect(output.querySelector('pre')?.textContent).toContain('\nRegards');
  });

  it('says "Content erased" when the bundle no longer carries the output', async () => {
    const user = userEvent.setup();
    renderQueue('/', { c1: null });
    await user.click(screen.getByRole('button', { name: /RC-2026-000001/ }));
    const output = screen.getByRole('region', { name: 'Certified output' });
    expect(output).toHaveTextContent('Content erased');
    expect(output.querySelector('mark')).toBeNull();
  });

  it('shows what changed since the previous version of the output as a line diff', async () => {
    const user = userEvent.setup();
    const v1 = { ...detail('c0'), number: 'RC-2026-000000', status: 'rejected' as const };
    renderQueue(
      '/',
      {
        c0: { input: null, output: 'CONFIDENTIAL draft\nRegards' },
        c1: { input: null, output: 'Final text\nRegards' },
      },
      { c1: [v1, { ...detail('c1', 'RC-2026-000001'), parent_id: 'c0' }] },
    );
    await user.click(screen.getByRole('button', { name: /RC-2026-000001/ }));
    const versions = screen.getByRole('region', { name: 'Versions' });
    expect(versions).toHaveTextContent('this is version 2 (RC-2026-000001, pending_review) of 2');
    const diff = await within(versions).findByRole('list', {
      name: 'Changes from version 1 (RC-2026-000000, rejected) to version 2 (RC-2026-000001, pending_review)',
    });
    expect(
      within(diff)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Removed: − CONFIDENTIAL draft', 'Added: + Final text', 'Unchanged:   Regards']);
  });

  it('says so when the output has a single version', async () => {
    const user = userEvent.setup();
    renderQueue();
    await user.click(screen.getByRole('button', { name: /RC-2026-000001/ }));
    expect(screen.getByRole('region', { name: 'Versions' })).toHaveTextContent(
      'This is the only version of the output.',
    );
  });

  it('keeps the chosen certification in the URL and opens one named there, even outside the list', async () => {
    const user = userEvent.setup();
    renderQueue('/?task=t1');
    await user.click(screen.getByRole('button', { name: /RC-2026-000002/ }));
    expect(new URLSearchParams(search).get('certification')).toBe('c2');
    expect(new URLSearchParams(search).get('task')).toBe('t1');

    cleanup();
    renderQueue('/?certification=c9');
    // c9 is not pending, so not in the queue: its detail comes from the service
    expect(screen.getByRole('region', { name: 'Review of RC-2026-000009' })).toBeInTheDocument();
  });

  it('recognises the requester by the recorded actor', () => {
    expect(isOwnRequest(`user:${ME}`, ME)).toBe(true);
    expect(isOwnRequest('client:abc', ME)).toBe(false);
    expect(isOwnRequest(`user:${ME}`, undefined)).toBe(false);
  });
});
