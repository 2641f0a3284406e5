import { useDndContext } from '@dnd-kit/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
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
