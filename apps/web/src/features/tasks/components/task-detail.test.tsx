import { useDndContext } from '@dnd-kit/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { Task } from '@/features/tasks/api/get-task';
import { TaskDetail } from '@/features/tasks/components/task-detail';
import { dropTask, TaskDndProvider, type DropTargetData } from '@/lib/task-dnd';

const task: Task = {
  id: 't-2',
  program_id: 'p',
  title: 'Dragged from the list',
  description: null,
  status: 'todo',
  priority: 2,
  assignee_id: null,
  due_date: null,
  estimate_minutes: null,
  completed_at: null,
  version: 7,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

describe('the task detail panel as a drop target', () => {
  it('shows the task dropped on it and puts it in the URL', async () => {
    const queryClient = new QueryClient({
      defaultOptions: { queries: { retry: false, staleTime: Infinity } },
    });
    queryClient.setQueryData(['tasks', 'detail', task.id], task);
    let context: ReturnType<typeof useDndContext> | null = null;
    let search = '';
    function Probe() {
      context = useDndContext();
      search = useLocation().search;
      return null;
    }
    render(
      <MemoryRouter initialEntries={['/?status=todo']}>
        <QueryClientProvider client={queryClient}>
          <TaskDndProvider>
            <Probe />
            <TaskDetail />
          </TaskDndProvider>
        </QueryClientProvider>
      </MemoryRouter>,
    );
    expect(screen.getByText('No task selected')).toBeInTheDocument();
    const [target] = [...context!.droppableContainers.values()];
    expect((target.data.current as DropTargetData).label).toBe('the task detail panel');

    act(() => {
      dropTask({ active: { data: { current: { task: { id: task.id, title: task.title } } } }, over: target });
    });
    expect(await screen.findByRole('heading', { name: 'Dragged from the list' })).toBeInTheDocument();
    expect(new URLSearchParams(search).get('task')).toBe('t-2');
    // the list's filters stay as they were
    expect(new URLSearchParams(search).get('status')).toBe('todo');
  });
});

describe('the certification on the task detail', () => {
  const OFFICER = '22222222-2222-4222-8222-222222222222';
  const certified: Task = {
    ...task,
    id: 't-3',
    title: "Reply to the customer's data request",
    certification: { id: 'cert-1', number: 'RC-2026-000002', status: 'approved', risk_score: 0.6 },
  };

  function renderDetail(onOpenReview?: (id: string) => void, value: Task = certified) {
    const queryClient = new QueryClient({
      defaultOptions: { queries: { retry: false, staleTime: Infinity } },
    });
    queryClient.setQueryData(['tasks', 'detail', value.id], value);
    queryClient.setQueryData(['tasks', 'detail', value.id, 'dependencies'], { blocked_by: [], blocks: [] });
    queryClient.setQueryData(
      ['tasks', 'detail', value.id, 'history'],
      [
        {
          event_id: 'e1',
          action: 'certification_approved',
          actor: { type: 'user', id: OFFICER },
          occurred_at: '2026-01-02T10:00:00.000Z',
          changes: [{ field: 'status', before: 'pending_review', after: 'approved' }],
        },
        {
          event_id: 'e2',
          action: 'certification_requested',
          actor: { type: 'client', id: 'oversing-internal' },
          occurred_at: '2026-01-02T09:00:00.000Z',
          changes: [],
        },
      ],
    );
    queryClient.setQueryData(['users', OFFICER], {
      id: OFFICER,
      name: 'Cory Compliance',
      email: 'compliance@demo.test',
    });
    render(
      <MemoryRouter initialEntries={[`/?task=${value.id}`]}>
        <QueryClientProvider client={queryClient}>
          <TaskDndProvider>
            <TaskDetail onOpenReview={onOpenReview} />
          </TaskDndProvider>
        </QueryClientProvider>
      </MemoryRouter>,
    );
  }

  it('shows the number and status, and links reviewers to the review', async () => {
    const open = vi.fn();
    renderDetail(open);
    expect(
      screen.getByRole('status', { name: 'Certification RC-2026-000002: Certified (approved)' }),
    ).toHaveTextContent('RC-2026-000002 · Certified (approved)');
    await userEvent.setup().click(screen.getByRole('link', { name: 'Open the review of RC-2026-000002' }));
    expect(open).toHaveBeenCalledWith('cert-1');
  });

  it('shows no review link to those who may not review, and no badge without a certification', () => {
    renderDetail(undefined);
    expect(screen.getByRole('status', { name: /RC-2026-000002/ })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Open the review/ })).toBeNull();
  });

  it('shows no badge for a task without a certification', () => {
    renderDetail(undefined, { ...certified, certification: null });
    expect(screen.queryByRole('status', { name: /Certification/ })).toBeNull();
  });

  it('names the person who decided in the history', () => {
    renderDetail(undefined);
    const history = within(screen.getByRole('region', { name: 'History' }));
    expect(history.getByText(/certification_approved by/)).toHaveTextContent(
      'certification_approved by Cory Compliance',
    );
    expect(history.getByText(/certification_requested by/)).toHaveTextContent(
      'certification_requested by an integration (oversing-internal)',
    );
  });
});
