import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { useTaskFilters } from '@/features/tasks/hooks/use-task-filters';

function setup(initial: string) {
  let location = '';
  const Probe = ({ children }: { children: ReactNode }) => {
    const l = useLocation();
    location = `${l.pathname}${l.search}`;
    return <>{children}</>;
  };
  const wrapper = ({ children }: { children: ReactNode }) => (
    <RouterProvider
      router={createMemoryRouter([{ path: '/', element: <Probe>{children}</Probe> }], {
        initialEntries: [initial],
      })}
    />
  );
  const hook = renderHook(() => useTaskFilters(), { wrapper });
  return { hook, location: () => location };
}

describe('task list filters in the URL', () => {
  it('reads filters and the selected task from the URL', () => {
    const { hook } = setup('/?status=todo&q=launch&task=t1&unknown=x');
    expect(hook.result.current.filters).toEqual({ status: 'todo', q: 'launch' });
    expect(hook.result.current.selectedTaskId).toBe('t1');
    expect(hook.result.current.viewQuery).toBe('status=todo&q=launch');
  });

  it('writes filter changes to the URL and clears emptied ones', () => {
    const { hook, location } = setup('/?status=todo');
    act(() => hook.result.current.setFilter('sort', '-priority'));
    expect(location()).toBe('/?status=todo&sort=-priority');
    act(() => hook.result.current.setFilter('status', ''));
    expect(location()).toBe('/?sort=-priority');
    expect(hook.result.current.filters).toEqual({ sort: '-priority' });
  });

  it('applies a saved view without losing the selected task', () => {
    const { hook, location } = setup('/?q=old&task=t9');
    act(() => hook.result.current.applyView('status=blocked&sort=due_date'));
    expect(location()).toBe('/?status=blocked&sort=due_date&task=t9');
    act(() => hook.result.current.selectTask(null));
    expect(location()).toBe('/?status=blocked&sort=due_date');
  });
});
