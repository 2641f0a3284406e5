import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-error';
import { boardTasksKey, type BoardTask } from '@/features/workflows/api/list-board-tasks';
import { useTransitionTask } from '@/features/workflows/api/transition-task';
import { useDndContext } from '@dnd-kit/core';
import { BoardColumns, planColumnDrop } from '@/features/workflows/components/workflow-board';
import { dropTask, TaskDndProvider, type DropTargetData } from '@/lib/task-dnd';
import { boardColumns, moveCard } from '@/features/workflows/utils/board-columns';

const WF = 'wf-1';
const workflow = {
  id: WF,
  states: [
    { key: 'done', name: 'Done', category: 'done', position: 3 },
    { key: 'todo', name: 'To do', category: 'todo', position: 0 },
    { key: 'review', name: 'In review', category: 'in_progress', position: 2 },
    { key: 'in_progress', name: 'In progress', category: 'in_progress', position: 1 },
  ],
};

function task(id: string, state: string | null, workflowId = WF): BoardTask {
  return {
    id,
    program_id: 'p',
    title: `Task ${id}`,
    description: '',
    status: 'in_progress',
    priority: 3,
    assignee_id: null,
    due_date: null,
    estimate_minutes: null,
    completed_at: null,
    llm_output: null,
    certification: null,
    version: 4,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    workflow: state ? { id: workflowId, instance_id: null, state, state_name: state, round: 1 } : null,
  };
}

describe('the board columns', () => {
  it('has one column per state in workflow order and puts each task under its state, not its status', () => {
    const columns = boardColumns(workflow, [
      task('a', 'review'),
      task('b', 'in_progress'),
      task('c', 'todo'),
      task('d', 'review'),
      task('e', 'todo', 'another-workflow'),
      task('f', null),
    ]);
    expect(columns.map((c) => c.key)).toEqual(['todo', 'in_progress', 'review', 'done']);
    expect(columns.map((c) => c.tasks.map((t) => t.id))).toEqual([['c'], ['b'], ['a', 'd'], []]);
  });

  it('renders the columns as labelled lists of draggable cards', () => {
    render(
      <MemoryRouter>
        <QueryClientProvider client={new QueryClient()}>
          <BoardColumns
            workflow={workflow}
            filters={{ workflowId: WF }}
            tasks={[task('a', 'review'), task('b', 'todo')]}
            selectedId="a"
            onSelect={() => undefined}
          />
        </QueryClientProvider>
      </MemoryRouter>,
    );
    const review = screen.getByRole('list', { name: 'In review' });
    expect(within(review).getByRole('button', { name: /Task a/ })).toHaveAttribute('aria-pressed', 'true');
    expect(
      within(screen.getByRole('list', { name: 'To do' })).getByRole('button', { name: /Task b/ }),
    ).toHaveAttribute('aria-roledescription', 'draggable task');
    expect(within(screen.getByRole('list', { name: 'Done' })).queryAllByRole('listitem')).toHaveLength(0);
  });

  it('moves a card optimistically and puts it back when the server refuses the transition (409)', async () => {
    const filters = { workflowId: WF };
    const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
    const tasks = [task('a', 'todo'), task('b', 'todo')];
    queryClient.setQueryData(boardTasksKey(filters), tasks);
    let refuse: (error: unknown) => void = () => undefined;
    const sent: Array<{ id: string; version: number; to: string }> = [];
    const send = (input: { task: BoardTask; toState: string }) => {
      sent.push({ id: input.task.id, version: input.task.version, to: input.toState });
      return new Promise<BoardTask>((_, reject) => (refuse = reject));
    };
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(() => useTransitionTask(filters, send), { wrapper });
    const state = (id: string) =>
      queryClient.getQueryData<BoardTask[]>(boardTasksKey(filters))?.find((t) => t.id === id)?.workflow
        ?.state;

    act(() => result.current.mutate({ task: tasks[0], toState: 'in_progress', toStateName: 'In progress' }));
    await waitFor(() => expect(state('a')).toBe('in_progress'));
    expect(state('b')).toBe('todo');
    expect(sent).toEqual([{ id: 'a', version: 4, to: 'in_progress' }]);

    act(() => refuse(new ApiError(409, 'CONFLICT', 'The task was changed by someone else')));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(state('a')).toBe('todo');
    expect((result.current.error as ApiError).isConflict).toBe(true);
  });

  it('moveCard changes only the moved task', () => {
    const moved = moveCard([task('a', 'todo'), task('b', 'todo')], 'b', 'done', 'Done');
    expect(moved.map((t) => t.workflow?.state)).toEqual(['todo', 'done']);
  });

  it('transitions a task dropped on a column from another panel, like a card drag, and refuses a stranger', async () => {
    const filters = { workflowId: WF };
    const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
    const tasks = [task('a', 'todo'), task('b', 'in_progress')];
    queryClient.setQueryData(boardTasksKey(filters), tasks);
    const sent: Array<{ id: string; version: number; to: string }> = [];
    const send = (input: { task: BoardTask; toState: string }) => {
      sent.push({ id: input.task.id, version: input.task.version, to: input.toState });
      return new Promise<BoardTask>(() => undefined);
    };
    let context: ReturnType<typeof useDndContext> | null = null;
    function Probe() {
      context = useDndContext();
      return null;
    }
    function Board() {
      return (
        <BoardColumns
          workflow={workflow}
          filters={filters}
          tasks={queryClient.getQueryData<BoardTask[]>(boardTasksKey(filters)) ?? []}
          selectedId={null}
          onSelect={() => undefined}
          send={send}
        />
      );
    }
    const { rerender } = render(
      <MemoryRouter>
        <QueryClientProvider client={queryClient}>
          {/* the workspace's context: the board joins it */}
          <TaskDndProvider>
            <Probe />
            <Board />
          </TaskDndProvider>
        </QueryClientProvider>
      </MemoryRouter>,
    );
    const column = (label: string) =>
      [...context!.droppableContainers.values()].find(
        (c) => (c.data.current as DropTargetData).label === label,
      )!;
    const row = (id: string, title: string) => ({ data: { current: { task: { id, title } } } });

    // a row of the task list (only id and title travel) dropped on "In review"
    act(() => void dropTask({ active: row('a', 'Task a'), over: column('the In review column') }));
    await waitFor(() => expect(sent).toEqual([{ id: 'a', version: 4, to: 'review' }]));
    await waitFor(() =>
      expect(
        queryClient.getQueryData<BoardTask[]>(boardTasksKey(filters))?.find((t) => t.id === 'a')?.workflow
          ?.state,
      ).toBe('review'),
    );
    rerender(
      <MemoryRouter>
        <QueryClientProvider client={queryClient}>
          <TaskDndProvider>
            <Probe />
            <Board />
          </TaskDndProvider>
        </QueryClientProvider>
      </MemoryRouter>,
    );
    expect(
      within(screen.getByRole('list', { name: 'In review' })).getByRole('button', { name: /Task a/ }),
    ).toBeInTheDocument();

    // dropped on the column it is already in: nothing is sent
    act(() => void dropTask({ active: row('b', 'Task b'), over: column('the In progress column') }));
    expect(sent).toHaveLength(1);

    // a task that is not on this board: refused with a message, nothing sent
    act(() => void dropTask({ active: row('zzz', 'Elsewhere'), over: column('the Done column') }));
    expect(await screen.findByRole('alert')).toHaveTextContent('“Elsewhere” is not on this board');
    expect(sent).toHaveLength(1);
  });

  it('planColumnDrop transitions only a task of this board that is in another state', () => {
    const columns = boardColumns(workflow, [task('a', 'todo')]);
    const tasks = [task('a', 'todo')];
    expect(planColumnDrop({ id: 'a', title: 'A' }, columns[1], tasks)).toEqual({
      kind: 'transition',
      task: tasks[0],
    });
    expect(planColumnDrop({ id: 'a', title: 'A' }, columns[0], tasks)).toEqual({ kind: 'none' });
    expect(planColumnDrop({ id: 'x', title: 'X' }, columns[1], tasks).kind).toBe('refused');
  });

  it('gives the moved card the version the server answers with, so moving it again is not refused as stale', async () => {
    const filters = { workflowId: WF };
    const queryClient = new QueryClient();
    const tasks = [task('a', 'todo'), task('b', 'todo')];
    queryClient.setQueryData(boardTasksKey(filters), tasks);
    const send = (input: { task: BoardTask; toState: string }) =>
      Promise.resolve({
        ...moveCard([input.task], input.task.id, input.toState, 'In progress')[0],
        version: 5,
      });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(() => useTransitionTask(filters, send), { wrapper });
    act(() => result.current.mutate({ task: tasks[0], toState: 'in_progress', toStateName: 'In progress' }));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    const cached = queryClient.getQueryData<BoardTask[]>(boardTasksKey(filters))!;
    expect(cached.map((t) => [t.id, t.version, t.workflow?.state])).toEqual([
      ['a', 5, 'in_progress'],
      ['b', 4, 'todo'],
    ]);
  });
});
