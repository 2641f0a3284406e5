import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TaskFilters } from '@/features/tasks/api/list-tasks';

const KEYS = ['status', 'q', 'program', 'assignee', 'sort'] as const;

/**
 * The task list's filters and the selected task live in the URL (?status=todo&q=…&task=<id>), so a view
 * can be bookmarked, shared, and kept across a reload.
 */
export function useTaskFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const f: TaskFilters = {};
    for (const key of KEYS) {
      const value = params.get(key);
      if (value) f[key] = value;
    }
    return f;
  }, [params]);

  const setFilter = useCallback(
    (key: (typeof KEYS)[number], value: string) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const applyView = useCallback(
    (query: string) =>
      setParams((prev) => {
        const next = new URLSearchParams(query);
        const task = prev.get('task');
        if (task) next.set('task', task);
        return next;
      }),
    [setParams],
  );

  const selectTask = useCallback(
    (id: string | null) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('task', id);
        else next.delete('task');
        return next;
      }),
    [setParams],
  );

  const viewQuery = useMemo(() => {
    const q = new URLSearchParams();
    for (const key of KEYS) if (filters[key]) q.set(key, filters[key]);
    return q.toString();
  }, [filters]);

  return { filters, setFilter, applyView, viewQuery, selectedTaskId: params.get('task'), selectTask };
}
