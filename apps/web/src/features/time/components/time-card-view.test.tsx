import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-error';
import type { TimeCardDecision } from '@/features/time/api/decide-time-card';
import type { TimeCardDetail, WorkLog } from '@/features/time/api/time-cards';
import { dayTotals, TimeCardView } from '@/features/time/components/time-card-view';
import { isoWeek, weekStart } from '@/features/time/utils/week';

const log = (id: string, work_date: string, duration_minutes: number, billable = true): WorkLog => ({
  id,
  user_id: 'u1',
  task_id: `task-${id}`,
  time_card_id: 'c1',
  work_date,
  duration_minutes,
  billable,
  rate_minor: 0,
  currency: 'EUR',
  description: null,
  version: 1,
});

const card = (over: Partial<TimeCardDetail> = {}): TimeCardDetail => ({
  id: 'c1',
  user_id: 'u1',
  iso_week: '2026-W12',
  week_start: '2026-03-16',
  status: 'draft',
  submitted_at: null,
  decided_at: null,
  decided_by: null,
  rejection_reason: null,
  version: 1,
  totals: { log_count: 3, total_minutes: 255, billable_minutes: 225 },
  work_logs: [log('a', '2026-03-16', 90), log('b', '2026-03-16', 30, false), log('c', '2026-03-18', 135)],
  ...over,
});

function renderCard(
  initial: TimeCardDetail,
  role: 'owner' | 'manager',
  send: (d: TimeCardDecision) => Promise<TimeCardDetail>,
) {
  // the parent re-renders with what the server returned, as the query cache does in the panel
  function Harness() {
    const [current, setCurrent] = useState(initial);
    return (
      <TimeCardView
        card={current}
        role={role}
        send={async (d) => {
          const next = await send(d);
          setCurrent(next);
          return next;
        }}
      />
    );
  }
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { mutations: { retry: false } } })}>
      <Harness />
    </QueryClientProvider>,
  );
}

describe('ISO weeks', () => {
  it('finds the Monday and the ISO week, across a year boundary', () => {
    expect(weekStart('2026-03-19')).toBe('2026-03-16');
    expect(weekStart('2026-03-22')).toBe('2026-03-16');
    expect(isoWeek('2026-03-16')).toBe('2026-W12');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });
});

describe('the time card', () => {
  it('adds up minutes per day and for the week', () => {
    const { days, total } = dayTotals('2026-03-16', card().work_logs);
    expect(days.map((d) => d.minutes)).toEqual([120, 0, 135, 0, 0, 0, 0]);
    expect(total).toBe(255);
  });

  it('shows the logs, the day and week totals, and submits the card once', async () => {
    const sent: TimeCardDecision[] = [];
    renderCard(card(), 'owner', (d) => {
      sent.push(d);
      return Promise.resolve(card({ status: 'submitted', submitted_at: '2026-03-20T10:00:00.000Z' }));
    });
    expect(screen.getAllByRole('row')).toHaveLength(4);
    expect(screen.getByTestId('day-total-2026-03-16')).toHaveTextContent('2:00');
    expect(screen.getByTestId('day-total-2026-03-18')).toHaveTextContent('2:15');
    expect(screen.getByTestId('day-total-2026-03-17')).toHaveTextContent('0:00');
    expect(screen.getByTestId('week-total')).toHaveTextContent('4:15');
    expect(screen.getByTestId('billable-total')).toHaveTextContent('3:45');
    expect(screen.getByText('Draft')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Submit time card' }));
    await waitFor(() => expect(screen.getByText('Submitted')).toBeInTheDocument());
    expect(sent).toEqual([{ id: 'c1', decision: 'submit' }]);
    expect(screen.queryByRole('button', { name: /Submit/ })).toBeNull();
  });

  it('shows the server’s refusal and keeps the card a draft', async () => {
    renderCard(card(), 'owner', () =>
      Promise.reject(new ApiError(422, 'UNPROCESSABLE', 'An empty time card cannot be submitted')),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Submit time card' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('An empty time card cannot be submitted');
    expect(screen.getByText('Draft')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Submit time card' })).toBeEnabled();
  });

  it('cannot submit a card without logs', () => {
    renderCard(
      card({ work_logs: [], totals: { log_count: 0, total_minutes: 0, billable_minutes: 0 } }),
      'owner',
      () => Promise.reject(new Error('not sent')),
    );
    expect(screen.getByText('No time logged this week.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Submit time card' })).toBeDisabled();
  });

  it('lets a manager approve a submitted card, and requires a reason to reject it', async () => {
    const sent: TimeCardDecision[] = [];
    renderCard(card({ status: 'submitted' }), 'manager', (d) => {
      sent.push(d);
      return Promise.resolve(card({ status: d.decision === 'approve' ? 'approved' : 'rejected' }));
    });
    expect(screen.queryByRole('button', { name: 'Submit time card' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Reject' }));
    expect(screen.getByText('Say why, so the owner can fix it')).toBeInTheDocument();
    expect(screen.getByLabelText('Reason for rejecting')).toHaveAttribute('aria-invalid', 'true');
    expect(sent).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(screen.getByText('Approved')).toBeInTheDocument());
    expect(sent).toEqual([{ id: 'c1', decision: 'approve' }]);
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });
});
