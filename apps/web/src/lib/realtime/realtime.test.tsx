import { QueryClient, QueryClientProvider, useQuery, type QueryKey } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DomainEventContract } from '@oversing/contracts';
import { invoiceKey } from '@/features/financial/api/get-invoice';
import { budgetsQuery } from '@/features/financial/api/list-budgets';
import { invoicesQuery } from '@/features/financial/api/list-invoices';
import { reviewQueueQuery } from '@/features/certifications/api/list-review-queue';
import { taskDependenciesQuery } from '@/features/tasks/api/get-task-dependencies';
import { myTimeCardQuery, submittedCardsQuery, timeCardKey } from '@/features/time/api/time-cards';
import { taskWorkflowQuery } from '@/features/workflows/api/get-task-workflow';
import { workflowsQuery } from '@/features/workflows/api/list-workflows';
import { applyEvent, isClientEvent } from '@/lib/realtime/realtime';

const event = (over: Partial<DomainEventContract>): DomainEventContract => ({
  id: 'e1',
  sequence: 1,
  tenant_id: 't1',
  type: 'task.updated',
  entity_type: 'task',
  entity_id: 'task-1',
  channels: [],
  payload: {},
  occurred_at: '2026-06-01T10:00:00Z',
  ...over,
});

/**
 * One panel per query key the features really use (their own queryOptions), each showing how often it
 * fetched: an event refreshes exactly the panels it is about.
 */
const counts = new Map<string, number>();

function Panel({ name, queryKey }: { name: string; queryKey: QueryKey }) {
  const fetched = useQuery({
    queryKey,
    queryFn: () => {
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return counts.get(name)!;
    },
    staleTime: Infinity,
  });
  return (
    <p>
      {name}: {fetched.data ?? 0}
    </p>
  );
}

const PANELS: Record<string, QueryKey> = {
  'my time card': myTimeCardQuery('u1', '2026-W23').queryKey,
  'cards to approve': submittedCardsQuery.queryKey,
  'time card detail': timeCardKey('card-1'),
  invoices: invoicesQuery().queryKey,
  'issued invoices': invoicesQuery('issued').queryKey,
  'invoice detail': invoiceKey('inv-1'),
  budgets: budgetsQuery.queryKey,
  'review queue': reviewQueueQuery({ status: 'pending_review' }).queryKey,
  votes: taskWorkflowQuery('task-1').queryKey,
  'blocker dependencies': taskDependenciesQuery('task-2').queryKey,
  workflows: workflowsQuery.queryKey,
};

async function renderPanels() {
  counts.clear();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      {Object.entries(PANELS).map(([name, key]) => (
        <Panel key={name} name={name} queryKey={key} />
      ))}
    </QueryClientProvider>,
  );
  for (const name of Object.keys(PANELS)) await screen.findByText(`${name}: 1`);
  return queryClient;
}

const fetches = (name: string) =>
  Number(screen.getByText(new RegExp(`^${name}: `)).textContent!.slice(name.length + 2));

async function expectRefreshed(queryClient: QueryClient, e: DomainEventContract, refreshed: string[]) {
  const before = Object.fromEntries(Object.keys(PANELS).map((name) => [name, fetches(name)]));
  act(() => applyEvent(queryClient, e));
  await waitFor(() => {
    for (const name of refreshed) expect(fetches(name)).toBe(before[name] + 1);
  });
  await act(() => new Promise((r) => setTimeout(r, 50)));
  const after = Object.fromEntries(Object.keys(PANELS).map((name) => [name, fetches(name)]));
  expect(Object.keys(PANELS).filter((name) => after[name] !== before[name])).toEqual(
    Object.keys(PANELS).filter((name) => refreshed.includes(name)),
  );
}

describe('live updates: an event refreshes the panels that show what it is about', () => {
  it('a time card decision refreshes the timesheet and the approvals; approved time, the budgets', async () => {
    const queryClient = await renderPanels();
    await expectRefreshed(
      queryClient,
      event({ type: 'timecard.approved', entity_type: 'time_card', entity_id: 'card-1' }),
      ['my time card', 'cards to approve', 'time card detail', 'budgets'],
    );
  });

  it('a work log refreshes the timesheet, not the money', async () => {
    const queryClient = await renderPanels();
    await expectRefreshed(queryClient, event({ type: 'work_log.created', entity_type: 'work_log' }), [
      'my time card',
      'cards to approve',
      'time card detail',
    ]);
  });

  it('an invoice payment refreshes the invoice lists and details', async () => {
    const queryClient = await renderPanels();
    await expectRefreshed(
      queryClient,
      event({ type: 'invoice.payment_recorded', entity_type: 'invoice', entity_id: 'inv-1' }),
      ['invoices', 'issued invoices', 'invoice detail'],
    );
  });

  it('a certification decision from the feed refreshes the review queue and the task (its votes view)', async () => {
    const queryClient = await renderPanels();
    await expectRefreshed(
      queryClient,
      event({ type: 'certification.approved', entity_type: 'task', entity_id: 'task-1' }),
      ['review queue', 'votes'],
    );
  });

  it('a vote refreshes the tally; a new dependency also refreshes the blocker’s list', async () => {
    const queryClient = await renderPanels();
    await expectRefreshed(queryClient, event({ type: 'vote.cast', entity_type: 'task' }), ['votes']);
    await expectRefreshed(
      queryClient,
      event({ payload: { id: 'task-1', dependency_added: { blocker_id: 'task-2' } } }),
      // the task's whole detail (its votes view included) is stale, and the blocker's dependencies
      ['votes', 'blocker dependencies'],
    );
  });

  it('a new workflow refreshes the board’s workflow list and the tasks', async () => {
    const queryClient = await renderPanels();
    await expectRefreshed(queryClient, event({ type: 'workflow.created', entity_type: 'workflow' }), [
      'votes',
      'blocker dependencies',
      'workflows',
    ]);
  });

  it('ignores events other browsers send', () => {
    expect(isClientEvent('.client-invoice.issued')).toBe(true);
    expect(isClientEvent('.invoice.issued')).toBe(false);
  });
});
