import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { applyLocally, changedFields } from '@/lib/offline/local-changes';

describe('changes made offline', () => {
  it('keep only the fields the user changed, with their values before', () => {
    const task = { id: 't1', title: 'Old', status: 'todo', priority: 3, due_date: null as string | null };
    expect(changedFields(task, { title: 'New', status: 'todo', priority: 3, due_date: null })).toEqual({
      changes: { title: 'New' },
      before: { title: 'Old' },
    });
    expect(changedFields(task, { title: 'Old', due_date: '2026-12-31' })).toEqual({
      changes: { due_date: '2026-12-31' },
      before: { due_date: null },
    });
    expect(changedFields(task, { title: 'Old' }).changes).toEqual({});
  });

  it('show at once in the entity and in every list that holds it', async () => {
    const client = new QueryClient();
    client.setQueryData(['tasks', 'detail', 't1'], { id: 't1', title: 'Old', version: 4 });
    client.setQueryData(['tasks', 'list', { q: '' }], {
      tasks: [
        { id: 't1', title: 'Old' },
        { id: 't2', title: 'Other' },
      ],
      nextCursor: null,
    });
    await applyLocally(
      client,
      {
        id: 't1',
        detailKey: ['tasks', 'detail', 't1'],
        listKey: ['tasks', 'list'],
        path: '/api/v1/tasks/t1',
        listPath: '/api/v1/tasks',
      },
      { title: 'New' },
    );
    expect(client.getQueryData(['tasks', 'detail', 't1'])).toEqual({ id: 't1', title: 'New', version: 4 });
    expect(client.getQueryData(['tasks', 'list', { q: '' }])).toEqual({
      tasks: [
        { id: 't1', title: 'New' },
        { id: 't2', title: 'Other' },
      ],
      nextCursor: null,
    });
  });
});
